import ExerciseChecks
import Foundation
import Torchlet

/// Lesson 08's plausible wrong answers (optimizers compared), each of which its check must reject.
extension WrongAnswer {
    static var lesson08: [WrongAnswer] {
        [
            // v = μ·0 + (1 − μ)·g on the first step: the buffer starts ten times too small.
            WrongAnswer(
                "momentumWithDampeningOnTheFirstStep", Lesson08Checks.momentumUpdate,
                mentioning: ["step 1", "first step"]
            ) { p, g, v, lr, mu in
                let velocity = (v.map { mu * $0 } ?? Tensor.zeros(g.shape)) + (1 - mu) * g
                return (p - lr * velocity, velocity)
            },
            // v ← μ·v − lr·g, p ← p + v: the other textbook form, whose velocity is not PyTorch's.
            WrongAnswer(
                "momentumWithTheLearningRateInTheVelocity", Lesson08Checks.momentumUpdate,
                mentioning: ["velocity"]
            ) { p, g, v, lr, mu in
                let velocity = (v.map { mu * $0 } ?? Tensor.zeros(g.shape)) - lr * g
                return (p + velocity, velocity)
            },
            WrongAnswer(
                "momentumWithTheSignFlipped", Lesson08Checks.momentumUpdate,
                mentioning: ["parameter"]
            ) { p, g, v, lr, mu in
                let velocity = v.map { mu * $0 + g } ?? g
                return (p + lr * velocity, velocity)
            },
            // Right on the first step, plain SGD after it.
            WrongAnswer(
                "momentumIgnoringThePreviousVelocity", Lesson08Checks.momentumUpdate,
                mentioning: ["step 2"]
            ) { p, g, _, lr, _ in
                (p - lr * g, g)
            },
            WrongAnswer(
                "momentumInPlace", Lesson08Checks.momentumUpdate,
                mentioning: ["in place"]
            ) { p, g, v, lr, mu in
                let velocity = v.map { mu * $0 + g } ?? g
                p -= lr * velocity
                return (p, velocity)
            },
            WrongAnswer(
                "adamWithoutBiasCorrection", Lesson08Checks.adamUpdate,
                mentioning: ["step 1", "bias correction"]
            ) { p, g, m, v, t, lr, b1, b2, eps in
                Self.adam(p, g, m, v, t, lr, b1, b2, eps, biasCorrection: false)
            },
            WrongAnswer(
                "adamWithEpsilonInsideTheSquareRoot", Lesson08Checks.adamUpdate,
                mentioning: ["after the square root"]
            ) { p, g, m, v, t, lr, b1, b2, eps in
                Self.adam(p, g, m, v, t, lr, b1, b2, eps, epsInside: true)
            },
            WrongAnswer(
                "adamReturningTheCorrectedMoments", Lesson08Checks.adamUpdate,
                mentioning: ["not the corrected"]
            ) { p, g, m, v, t, lr, b1, b2, eps in
                Self.adam(p, g, m, v, t, lr, b1, b2, eps, correctedState: true)
            },
            WrongAnswer(
                "adamWithTheDefaultBetasWrittenIn", Lesson08Checks.adamUpdate,
                mentioning: ["0.8"]
            ) { p, g, m, v, t, lr, _, _, eps in
                Self.adam(p, g, m, v, t, lr, 0.9, 0.999, eps)
            },
            WrongAnswer(
                "adamWithTheGradientNotSquared", Lesson08Checks.adamUpdate,
                mentioning: ["the new v"]
            ) { p, g, m, v, t, lr, b1, b2, eps in
                let m = b1 * m + (1 - b1) * g
                let v = b2 * v + (1 - b2) * g.abs()
                let mHat = m / (1 - Float(pow(Double(b1), Double(t))))
                let vHat = v / (1 - Float(pow(Double(b2), Double(t))))
                return (p - lr * mHat / (vHat.sqrt() + eps), m, v)
            },
            // One second moment for the whole tensor (the mean of g²): right when every number has
            // gradients of one size, wrong for gradients of 0.001 and 100 side by side.
            WrongAnswer(
                "adamWithOneScaleForTheWholeTensor", Lesson08Checks.adamUpdate,
                mentioning: ["the new v"]
            ) { p, g, m, v, t, lr, b1, b2, eps in
                let m = b1 * m + (1 - b1) * g
                let v = b2 * v + (1 - b2) * (g * g).mean() * Tensor.ones(g.shape)
                let mHat = m / (1 - Float(pow(Double(b1), Double(t))))
                let vHat = v / (1 - Float(pow(Double(b2), Double(t))))
                return (p - lr * mHat / (vHat.sqrt() + eps), m, v)
            },
            WrongAnswer(
                "momentumReturningTheParameterUnchanged", Lesson08Checks.momentumUpdate,
                mentioning: ["Nothing moved"]
            ) { p, g, v, _, mu in
                (p.detach(), v.map { mu * $0 + g } ?? g)
            },
            WrongAnswer("adamClimbing", Lesson08Checks.adamUpdate, mentioning: ["climbs", "uphill"]) {
                p, g, m, v, t, lr, b1, b2, eps in
                let (parameter, m, v) = Self.adam(p, g, m, v, t, lr, b1, b2, eps)
                return (2 * p - parameter, m, v)
            },
        ]
    }

    /// Adam as a learner might write it, with switches for the usual slips.
    static func adam(
        _ p: Tensor, _ g: Tensor, _ m: Tensor, _ v: Tensor, _ t: Int, _ lr: Float, _ b1: Float,
        _ b2: Float, _ eps: Float, biasCorrection: Bool = true, epsInside: Bool = false,
        correctedState: Bool = false
    ) -> (parameter: Tensor, m: Tensor, v: Tensor) {
        let m = b1 * m + (1 - b1) * g
        let v = b2 * v + (1 - b2) * g * g
        let mHat = biasCorrection ? m / (1 - Float(pow(Double(b1), Double(t)))) : m
        let vHat = biasCorrection ? v / (1 - Float(pow(Double(b2), Double(t)))) : v
        let denominator = epsInside ? (vHat + eps).sqrt() : vHat.sqrt() + eps
        let parameter = p - lr * mHat / denominator
        return correctedState ? (parameter, mHat, vHat) : (parameter, m, v)
    }
}
