import ExerciseChecks
import Foundation
import Torchlet

/// Lesson 01's plausible wrong answers (the perceptron), each of which its check must reject.
extension WrongAnswer {
    static var lesson01: [WrongAnswer] {
        [
            WrongAnswer(
                "perceptronForwardWithoutBias", Lesson01Checks.perceptronForward,
                mentioning: ["bias"]
            ) { x, weight, _ in
                x.matmul(weight.t()).sigmoid().squeeze(dim: 1)
            },
            // Right for a batch of four, but a batch of one collapses to a scalar.
            WrongAnswer(
                "perceptronForwardSqueezingEverything", Lesson01Checks.perceptronForward,
                mentioning: ["shape [1]", "squeeze(dim: 1)"]
            ) { x, weight, bias in
                (x.matmul(weight.t()) + bias).sigmoid().squeeze()
            },
            WrongAnswer(
                "perceptronForwardLeavingTheColumn", Lesson01Checks.perceptronForward,
                mentioning: ["[4, 1]"]
            ) { x, weight, bias in
                (x.matmul(weight.t()) + bias).sigmoid()
            },
            // Right numbers, computed outside autograd: the gradient check must notice.
            WrongAnswer(
                "perceptronForwardCutOffFromTheGraph", Lesson01Checks.perceptronForward,
                mentioning: ["backward()"]
            ) { x, weight, bias in
                let values = (x.matmul(weight.t()) + bias).sigmoid().squeeze(dim: 1)
                return Tensor(shape: values.shape, scalars: values.scalars)
            },
            WrongAnswer("perceptronRuleStepWithTheSignFlipped", Lesson01Checks.perceptronRuleStep) {
                weight, bias, x, target, learningRate in
                let prediction: Float = ((weight * x).sum() + bias).item() >= 0 ? 1 : 0
                let error = target - prediction
                return (weight - (learningRate * error) * x, bias - learningRate * error)
            },
            WrongAnswer(
                "perceptronRuleStepWithTheThresholdOnTheWrongSide", Lesson01Checks.perceptronRuleStep,
                mentioning: ["z ≥ 0"]
            ) { weight, bias, x, target, learningRate in
                let prediction: Float = ((weight * x).sum() + bias).item() > 0 ? 1 : 0
                let error = target - prediction
                return (weight + (learningRate * error) * x, bias + learningRate * error)
            },
            WrongAnswer(
                "perceptronRuleStepInPlace", Lesson01Checks.perceptronRuleStep,
                mentioning: ["in place"]
            ) { weight, bias, x, target, learningRate in
                let prediction: Float = ((weight * x).sum() + bias).item() >= 0 ? 1 : 0
                let error = target - prediction
                weight += (learningRate * error) * x
                bias += learningRate * error
                return (weight, bias)
            },
            // One score for the whole batch: right shape only for a batch of one.
            WrongAnswer(
                "perceptronForwardSummingTheWholeBatch", Lesson01Checks.perceptronForward,
                mentioning: ["shape [4]"]
            ) { x, weight, bias in
                ((x * weight).sum() + bias).sigmoid()
            },
        ]
    }
}
