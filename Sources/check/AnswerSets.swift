import ExerciseChecks
import Exercises
import Solutions

/// The two sets of answers the checks run against, by module-qualified name: the learner's
/// (`Exercises/`) and the reference (`Solutions/`).
extension AnswerSet {
    static func learners() -> AnswerSet {
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

    static func reference() -> AnswerSet {
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
}
