import ExerciseChecks
import Foundation
import Torchlet

/// Lesson 04's plausible wrong answers (linear regression), each of which its check must reject.
extension WrongAnswer {
    static var lesson04: [WrongAnswer] {
        [
            WrongAnswer(
                "mseGradientsWithoutTheFactorTwo", Lesson04Checks.mseGradients,
                mentioning: ["times 2"]
            ) { w, b, x, y in
                Self.gradients(w, b, x, y, factor: 1)
            },
            WrongAnswer(
                "mseGradientsWithTheSumInsteadOfTheMean", Lesson04Checks.mseGradients,
                mentioning: ["mean, not the sum"]
            ) { w, b, x, y in
                Self.gradients(w, b, x, y) { $0.sum() }
            },
            WrongAnswer("mseGradientsWithTheMissTheWrongWayRound", Lesson04Checks.mseGradients) { w, b, x, y in
                Self.gradients(w, b, x, y, flipped: true)
            },
            WrongAnswer("mseGradientsWithTheBiasMultipliedByXToo", Lesson04Checks.mseGradients) { w, b, x, y in
                let g = Self.gradients(w, b, x, y)
                return (g.dWeight, g.dWeight)
            },
            WrongAnswer("sgdStepUphill", Lesson04Checks.sgdStep, mentioning: ["0.54"]) { w, b, x, y, lr in
                let g = Self.gradients(w, b, x, y)
                return (w + lr * g.dWeight, b + lr * g.dBias)
            },
            WrongAnswer("sgdStepWithoutTheLearningRate", Lesson04Checks.sgdStep) { w, b, x, y, _ in
                let g = Self.gradients(w, b, x, y)
                return (w - g.dWeight, b - g.dBias)
            },
            WrongAnswer(
                "sgdStepTakingTheBiasGradientAtTheNewWeight", Lesson04Checks.sgdStep,
                mentioning: ["old (w, b)"]
            ) { w, b, x, y, lr in
                let newWeight = w - lr * Self.gradients(w, b, x, y).dWeight
                return (newWeight, b - lr * Self.gradients(newWeight, b, x, y).dBias)
            },
            WrongAnswer(
                "closedFormWithXAndYSwapped", Lesson04Checks.closedFormLeastSquares,
                mentioning: ["spread of x"]
            ) { x, y in
                let dx = x - x.mean(), dy = y - y.mean()
                let weight = (dx * dy).sum().item() / dy.pow(2).sum().item()
                return (weight, y.mean().item() - weight * x.mean().item())
            },
            // Σxy / Σx² without centring: the best line through (0, 0), not the best line.
            WrongAnswer("closedFormThroughTheOrigin", Lesson04Checks.closedFormLeastSquares) { x, y in
                let weight = (x * y).sum().item() / x.pow(2).sum().item()
                return (weight, y.mean().item() - weight * x.mean().item())
            },
            WrongAnswer("closedFormWithTheBiasSignFlipped", Lesson04Checks.closedFormLeastSquares) { x, y in
                let dx = x - x.mean(), dy = y - y.mean()
                let weight = (dx * dy).sum().item() / dx.pow(2).sum().item()
                return (weight, y.mean().item() + weight * x.mean().item())
            },
            // Right on paper; in Float it cancels catastrophically when x is around 1000.
            WrongAnswer(
                "closedFormExpandedInFloat", Lesson04Checks.closedFormLeastSquares,
                mentioning: ["1000", "Subtract the means"]
            ) { x, y in
                let meanX = x.mean().item(), meanY = y.mean().item()
                let weight = ((x * y).mean().item() - meanX * meanY) / (x.pow(2).mean().item() - meanX * meanX)
                return (weight, meanY - weight * meanX)
            },
        ]
    }

    /// The gradients of the mean squared error, with knobs for the usual slips.
    static func gradients(
        _ weight: Float, _ bias: Float, _ x: Tensor, _ y: Tensor, factor: Float = 2,
        reduce: (Tensor) -> Tensor = { $0.mean() }, flipped: Bool = false
    ) -> (dWeight: Float, dBias: Float) {
        let error = flipped ? y - (weight * x + bias) : weight * x + bias - y
        return (factor * reduce(error * x).item(), factor * reduce(error).item())
    }
}
