import ExerciseChecks
import Exercises
import Solutions
import Torchlet

/// Every exercise of the course, in the order a learner meets them: each check bound to the
/// learner's function in `Exercises/` and the reference in `Solutions/`.
///
/// This list is where an exercise is registered. Adding one takes its function in
/// `Exercises/LessonNN.swift` and `Solutions/LessonNN.swift`, its check (an
/// `ExerciseDefinition` in `Sources/ExerciseChecks/LessonNNChecks.swift`, which gives its number,
/// what it builds on and its stronger hint), and one line here. Its name is the check's name,
/// and its full name with labels is read from the source file.
enum Course {
    static var registered: [RegisteredExercise] {
        [
            .init(Lesson01Checks.perceptronForward, Exercises.perceptronForward, Solutions.perceptronForward),
            .init(Lesson01Checks.perceptronRuleStep, Exercises.perceptronRuleStep, Solutions.perceptronRuleStep),
            .init(Lesson02Checks.sigmoid, Exercises.sigmoid, Solutions.sigmoid),
            .init(Lesson02Checks.sigmoidDerivative, Exercises.sigmoidDerivative, Solutions.sigmoidDerivative),
            .init(Lesson02Checks.stableSoftmax, Exercises.stableSoftmax, Solutions.stableSoftmax),
            .init(Lesson02Checks.leakyRelu, Exercises.leakyRelu, Solutions.leakyRelu),
            .init(Lesson03Checks.mseLoss, Exercises.mseLoss, Solutions.mseLoss),
            .init(Lesson03Checks.binaryCrossEntropy, Exercises.binaryCrossEntropy, Solutions.binaryCrossEntropy),
            .init(Lesson03Checks.crossEntropy, Exercises.crossEntropy, Solutions.crossEntropy),
            .init(Lesson04Checks.mseGradients, Exercises.mseGradients, Solutions.mseGradients),
            .init(Lesson04Checks.sgdStep, Exercises.sgdStep, Solutions.sgdStep),
            .init(
                Lesson04Checks.closedFormLeastSquares, Exercises.closedFormLeastSquares,
                Solutions.closedFormLeastSquares),
            .init(Lesson05Checks.makeXORClassifier, Exercises.makeXORClassifier, Solutions.makeXORClassifier),
            .init(Lesson05Checks.trainingStep, Exercises.trainingStep, Solutions.trainingStep),
            .init(Lesson05Checks.accuracy, Exercises.accuracy, Solutions.accuracy),
            .init(Lesson06Checks.multiclassAccuracy, Exercises.multiclassAccuracy, Solutions.multiclassAccuracy),
            .init(Lesson06Checks.batchesPerEpoch, Exercises.batchesPerEpoch, Solutions.batchesPerEpoch),
            .init(Lesson06Checks.oneHot, Exercises.oneHot, Solutions.oneHot),
            .init(Lesson07Checks.convOutputSize, Exercises.convOutputSize, Solutions.convOutputSize),
            .init(Lesson07Checks.directConv2d, Exercises.directConv2d, Solutions.directConv2d),
            .init(Lesson07Checks.maxPool2d, Exercises.maxPool2d, Solutions.maxPool2d),
            .init(Lesson08Checks.momentumUpdate, Exercises.momentumUpdate, Solutions.momentumUpdate),
            .init(Lesson08Checks.adamUpdate, Exercises.adamUpdate, Solutions.adamUpdate),
        ]
    }

    /// An answer to 1.1 that stops the program (a matrix product of shapes that do not fit), for
    /// the crash isolation's own test: `check 1.1 --trapping-answer`.
    static var trappingAnswer: RegisteredExercise {
        .init(
            Lesson01Checks.perceptronForward, { x, weight, bias in (x.matmul(weight) + bias).sigmoid() },
            Solutions.perceptronForward)
    }

    /// Every exercise, with its full name read from its file in `Exercises/` (or `Solutions/`).
    static let exercises: [Exercise] = registered.map { PackageFolder.current.described($0.exercise) }
}

/// One exercise, with its check bound to the learner's answer and to the reference answer.
struct RegisteredExercise {
    let exercise: Exercise
    let checkLearners: () -> CheckResult
    let checkReference: () -> CheckResult

    init<Answer>(_ definition: ExerciseDefinition<Answer>, _ learners: Answer, _ reference: Answer) {
        exercise = definition.exercise
        checkLearners = { definition(learners) }
        checkReference = { definition(reference) }
    }
}

extension Exercise {
    /// Every exercise of the course, in order.
    static var all: [Exercise] { Course.exercises }

    /// The exercise with this id ("2.3") or name ("stableSoftmax").
    static func named(_ idOrName: String) -> Exercise? {
        all.first { $0.id == idOrName || $0.name == idOrName }
    }
}
