import ExerciseChecks
import Exercises
import Solutions
import Torchlet

/// The reference answers, by module-qualified name.
func referenceAnswers() -> AnswerSet {
    AnswerSet(
        folder: "Solutions",
        lesson01: Lesson01Answers(
            perceptronForward: Solutions.perceptronForward(x:weight:bias:),
            perceptronRuleStep: Solutions.perceptronRuleStep(weight:bias:x:target:learningRate:)),
        lesson02: Lesson02Answers(
            sigmoid: Solutions.sigmoid(_:),
            sigmoidDerivative: Solutions.sigmoidDerivative(_:),
            stableSoftmax: Solutions.stableSoftmax(_:dim:),
            leakyRelu: Solutions.leakyRelu(_:negativeSlope:)),
        lesson03: Lesson03Answers(
            mseLoss: Solutions.mseLoss(_:_:),
            binaryCrossEntropy: Solutions.binaryCrossEntropy(probabilities:targets:),
            crossEntropy: Solutions.crossEntropy(logits:targets:)),
        lesson04: Lesson04Answers(
            mseGradients: Solutions.mseGradients(weight:bias:x:y:),
            sgdStep: Solutions.sgdStep(weight:bias:x:y:learningRate:),
            closedFormLeastSquares: Solutions.closedFormLeastSquares(x:y:)),
        lesson05: Lesson05Answers(
            makeXORClassifier: Solutions.makeXORClassifier(hidden:),
            trainingStep: Solutions.trainingStep(model:lossFunction:optimizer:inputs:labels:),
            accuracy: Solutions.accuracy(logits:labels:)),
        lesson06: Lesson06Answers(
            multiclassAccuracy: Solutions.multiclassAccuracy(logits:labels:),
            batchesPerEpoch: Solutions.batchesPerEpoch(samples:batchSize:dropLast:),
            oneHot: Solutions.oneHot(labels:classes:)),
        lesson07: Lesson07Answers(
            convOutputSize: Solutions.convOutputSize(inputSize:kernelSize:stride:padding:),
            directConv2d: Solutions.directConv2d(input:weight:bias:stride:padding:),
            maxPool2d: Solutions.maxPool2d(_:kernelSize:stride:)),
        lesson08: Lesson08Answers(
            momentumUpdate: Solutions.momentumUpdate(parameter:gradient:velocity:learningRate:momentum:),
            adamUpdate: Solutions.adamUpdate(parameter:gradient:m:v:step:learningRate:beta1:beta2:eps:)))
}

/// The learner's answers: untouched stubs on a fresh clone.
func learnersAnswers() -> AnswerSet {
    AnswerSet(
        folder: "Exercises",
        lesson01: Lesson01Answers(
            perceptronForward: Exercises.perceptronForward(x:weight:bias:),
            perceptronRuleStep: Exercises.perceptronRuleStep(weight:bias:x:target:learningRate:)),
        lesson02: Lesson02Answers(
            sigmoid: Exercises.sigmoid(_:),
            sigmoidDerivative: Exercises.sigmoidDerivative(_:),
            stableSoftmax: Exercises.stableSoftmax(_:dim:),
            leakyRelu: Exercises.leakyRelu(_:negativeSlope:)),
        lesson03: Lesson03Answers(
            mseLoss: Exercises.mseLoss(_:_:),
            binaryCrossEntropy: Exercises.binaryCrossEntropy(probabilities:targets:),
            crossEntropy: Exercises.crossEntropy(logits:targets:)),
        lesson04: Lesson04Answers(
            mseGradients: Exercises.mseGradients(weight:bias:x:y:),
            sgdStep: Exercises.sgdStep(weight:bias:x:y:learningRate:),
            closedFormLeastSquares: Exercises.closedFormLeastSquares(x:y:)),
        lesson05: Lesson05Answers(
            makeXORClassifier: Exercises.makeXORClassifier(hidden:),
            trainingStep: Exercises.trainingStep(model:lossFunction:optimizer:inputs:labels:),
            accuracy: Exercises.accuracy(logits:labels:)),
        lesson06: Lesson06Answers(
            multiclassAccuracy: Exercises.multiclassAccuracy(logits:labels:),
            batchesPerEpoch: Exercises.batchesPerEpoch(samples:batchSize:dropLast:),
            oneHot: Exercises.oneHot(labels:classes:)),
        lesson07: Lesson07Answers(
            convOutputSize: Exercises.convOutputSize(inputSize:kernelSize:stride:padding:),
            directConv2d: Exercises.directConv2d(input:weight:bias:stride:padding:),
            maxPool2d: Exercises.maxPool2d(_:kernelSize:stride:)),
        lesson08: Lesson08Answers(
            momentumUpdate: Exercises.momentumUpdate(parameter:gradient:velocity:learningRate:momentum:),
            adamUpdate: Exercises.adamUpdate(parameter:gradient:m:v:step:learningRate:beta1:beta2:eps:)))
}

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
