import ExerciseChecks
@testable import check
import Torchlet

/// The reference answers and the learner's (untouched stubs on a fresh clone), exactly as the
/// `check` command assembles them.
func referenceAnswers() -> AnswerSet { AnswerSet.reference() }
func learnersAnswers() -> AnswerSet { AnswerSet.learners() }

/// Stubs written here, as an untouched exercise file has them, so the "not started" tests stay
/// meaningful after a learner has done the real exercises.
func stubAnswers() -> AnswerSet {
    func stub(_ id: String) -> NotImplemented { NotImplemented(Exercise.named(id)!.title) }
    return AnswerSet(
        folder: "Exercises",
        lesson01: Lesson01Answers(
            perceptronForward: { _, _, _ in throw stub("1.1") },
            perceptronRuleStep: { _, _, _, _, _ in throw stub("1.2") }),
        lesson02: Lesson02Answers(
            sigmoid: { _ in throw stub("2.1") },
            sigmoidDerivative: { _ in throw stub("2.2") },
            stableSoftmax: { _, _ in throw stub("2.3") },
            leakyRelu: { _, _ in throw stub("2.4") }),
        lesson03: Lesson03Answers(
            mseLoss: { _, _ in throw stub("3.1") },
            binaryCrossEntropy: { _, _ in throw stub("3.2") },
            crossEntropy: { _, _ in throw stub("3.3") }),
        lesson04: Lesson04Answers(
            mseGradients: { _, _, _, _ in throw stub("4.1") },
            sgdStep: { _, _, _, _, _ in throw stub("4.2") },
            closedFormLeastSquares: { _, _ in throw stub("4.3") }),
        lesson05: Lesson05Answers(
            makeXORClassifier: { _ in throw stub("5.1") },
            trainingStep: { _, _, _, _, _ in throw stub("5.2") },
            accuracy: { _, _ in throw stub("5.3") }),
        lesson06: Lesson06Answers(
            multiclassAccuracy: { _, _ in throw stub("6.1") },
            batchesPerEpoch: { _, _, _ in throw stub("6.2") },
            oneHot: { _, _ in throw stub("6.3") }),
        lesson07: Lesson07Answers(
            convOutputSize: { _, _, _, _ in throw stub("7.1") },
            directConv2d: { _, _, _, _, _ in throw stub("7.2") },
            maxPool2d: { _, _, _ in throw stub("7.3") }),
        lesson08: Lesson08Answers(
            momentumUpdate: { _, _, _, _, _ in throw stub("8.1") },
            adamUpdate: { _, _, _, _, _, _, _, _, _ in throw stub("8.2") }))
}

/// The check of exercise `id` in `answers`.
func check(_ id: String, in answers: AnswerSet) -> CheckResult {
    answers.checks.first { $0.exercise.id == id }!.run()
}
