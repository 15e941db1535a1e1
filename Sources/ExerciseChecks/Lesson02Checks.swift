import Torchlet

/// The answers to Lesson 02's exercises (activation functions), from either target.
public struct Lesson02Answers {
    /// 2.1: `σ(x) = 1 / (1 + e⁻ˣ)`, elementwise.
    public var sigmoid: (_ x: Tensor) throws -> Tensor
    /// 2.2: `σ'(x) = σ(x)(1 - σ(x))`, elementwise.
    public var sigmoidDerivative: (_ x: Tensor) throws -> Tensor
    /// 2.3: softmax along `dim`, safe for large scores.
    public var stableSoftmax: (_ x: Tensor, _ dim: Int) throws -> Tensor
    /// 2.4: `x` where x > 0, `negativeSlope · x` elsewhere.
    public var leakyRelu: (_ x: Tensor, _ negativeSlope: Float) throws -> Tensor

    public init(
        sigmoid: @escaping (Tensor) throws -> Tensor,
        sigmoidDerivative: @escaping (Tensor) throws -> Tensor,
        stableSoftmax: @escaping (Tensor, Int) throws -> Tensor,
        leakyRelu: @escaping (Tensor, Float) throws -> Tensor
    ) {
        self.sigmoid = sigmoid
        self.sigmoidDerivative = sigmoidDerivative
        self.stableSoftmax = stableSoftmax
        self.leakyRelu = leakyRelu
    }

    /// The checks of this lesson, in order.
    public var checks: [ExerciseCheck] {
        [
            ExerciseCheck("2.1") { Lesson02Checks.sigmoid(sigmoid) },
            ExerciseCheck("2.2") { Lesson02Checks.sigmoidDerivative(sigmoidDerivative) },
            ExerciseCheck("2.3") { Lesson02Checks.stableSoftmax(stableSoftmax) },
            ExerciseCheck("2.4") { Lesson02Checks.leakyRelu(leakyRelu) },
        ]
    }
}

/// The checks of Lesson 02, one function per exercise.
public enum Lesson02Checks {
    /// 2.1: values against the engine's `sigmoid()` on small, zero, negative and very large
    /// inputs (±100, where e¹⁰⁰ overflows a Float), then gradients.
    public static func sigmoid(_ answer: (Tensor) throws -> Tensor) -> CheckResult {
        evaluate {
            let cases: [(x: Tensor, hint: String)] = [
                (Tensor([-2.0, -0.5, 0, 0.5, 2]), "σ(x) = 1 / (1 + e⁻ˣ): σ(0) = 0.5, and σ(-x) = 1 - σ(x)."),
                (Tensor([[0.0, 0], [0, 0]]), "σ(0) = 1 / (1 + e⁰) = 0.5 for every element."),
                (Tensor([[-100.0, -30, 30, 100]]),
                 "For large |x|, write σ with e⁻ˣ: 1 / (1 + e⁻ˣ) gives 1 / (1 + inf) = 0 at x = -100, "
                     + "while eˣ / (1 + eˣ) gives inf / inf = nan at x = 100 (e¹⁰⁰ overflows a Float)."),
            ]
            for (x, hint) in cases {
                let input = "sigmoid(\(printed(x)))"
                let got = try attempt(input) { try answer(x.detach()) }
                try expectValues(got, x.sigmoid(), for: input, hint: hint, absolute: 1e-6)
            }
            let x = Tensor([[-1.5, 0.3, 2.0], [0.8, -0.2, -3.0]])
            try expectGradients(of: { try answer($0[0]) }, at: [x], names: ["x"], for: "sigmoid(\(printed(x)))")
        }
    }

    /// 2.2: values against what autograd says `sigmoid()`'s derivative is, at zero (the largest
    /// slope, 1/4), negative, positive and far-out inputs.
    public static func sigmoidDerivative(_ answer: (Tensor) throws -> Tensor) -> CheckResult {
        evaluate {
            let cases: [(x: Tensor, hint: String)] = [
                (Tensor([0.0]), "At 0, σ = 0.5, so σ'(0) = 0.5 · (1 - 0.5) = 0.25, the steepest the sigmoid gets."),
                (Tensor([-3.0, -1, 0.5, 1, 3]),
                 "σ'(x) = σ(x) · (1 - σ(x)): it is symmetric (σ'(-x) = σ'(x)) and never above 1/4."),
                (Tensor([[-20.0, 20], [6, -6]]),
                 "Far from 0 the sigmoid is flat, so its derivative is nearly 0: the vanishing gradient."),
            ]
            for (x, hint) in cases {
                let input = "sigmoidDerivative(\(printed(x)))"
                let got = try attempt(input) { try answer(x.detach()) }
                let leaf = Tensor(shape: x.shape, scalars: x.scalars, requiresGrad: true)
                leaf.sigmoid().sum().backward()
                try expectValues(got, leaf.grad!, for: input, hint: hint, absolute: 1e-6, relative: 1e-3)
            }
        }
    }

    /// 2.3: values against the engine's `softmax(dim:)` along both dimensions, on ordinary
    /// scores, equal scores, huge positive and huge negative scores (where a softmax that does not
    /// subtract the largest score first gives nan), then gradients.
    public static func stableSoftmax(_ answer: (Tensor, Int) throws -> Tensor) -> CheckResult {
        evaluate {
            let ordinary = Tensor([[1.0, 2, 3], [0.5, -1, 2]])
            let cases: [(x: Tensor, dim: Int, hint: String)] = [
                (ordinary, 1, "softmax(x)ᵢ = exp(xᵢ) / Σⱼ exp(xⱼ) along dim: each row sums to 1."),
                (ordinary, 0, "Along dim 0 each column sums to 1: use `dim` for the max and the sum, "
                    + "with keepDim: true so they broadcast back."),
                (Tensor([[0.0, 0, 0, 0]]), 1, "Equal scores give equal probabilities: 1/4 each."),
                (Tensor([[1000.0, 1001, 1002]]), 1,
                 "exp(1000) overflows a Float (anything above e^88.7 is inf), and inf / inf = nan. "
                     + "Softmax does not change when you subtract the same number from every score: "
                     + "subtract the row's largest score first (x.max(dim:keepDim:).values)."),
                (Tensor([[-1000.0, -1001, -1002]]), 1,
                 "exp(-1000) underflows to 0, and 0 / 0 = nan. Subtracting the largest score makes the "
                     + "largest exp(0) = 1, so the sum is never 0."),
            ]
            for (x, dim, hint) in cases {
                let input = "stableSoftmax(\(printed(x)), dim: \(dim))"
                let got = try attempt(input) { try answer(x.detach(), dim) }
                try expectValues(got, x.softmax(dim: dim), for: input, hint: hint, absolute: 1e-6, relative: 1e-4)
            }
            let x = Tensor([[0.2, -1.0, 1.5, 0.3], [2.0, 0.1, -0.4, -2.2]])
            try expectGradients(of: { try answer($0[0], 1) }, at: [x], names: ["x"],
                                for: "stableSoftmax(\(printed(x)), dim: 1)")
        }
    }

    /// 2.4: values against the engine's `leakyRelu(negativeSlope:)` with two slopes, on negative,
    /// zero and positive inputs, then gradients (away from the kink at 0).
    public static func leakyRelu(_ answer: (Tensor, Float) throws -> Tensor) -> CheckResult {
        evaluate {
            let cases: [(x: Tensor, slope: Float, hint: String)] = [
                (Tensor([-3.0, -0.5, 0, 0.5, 3]), 0.01,
                 "Positive numbers pass unchanged; only negative ones are multiplied by the slope."),
                (Tensor([[-2.0, 4], [1, -10]]), 0.2,
                 "Use the negativeSlope you are given: -10 becomes 0.2 · -10 = -2, and 4 stays 4."),
            ]
            for (x, slope, hint) in cases {
                let input = "leakyRelu(\(printed(x)), negativeSlope: \(slope))"
                let got = try attempt(input) { try answer(x.detach(), slope) }
                try expectValues(got, x.leakyRelu(negativeSlope: slope), for: input, hint: hint, absolute: 1e-6)
            }
            let x = Tensor([[-1.5, 0.7, 2.0], [-0.4, 1.1, -3.0]])
            try expectGradients(of: { try answer($0[0], 0.1) }, at: [x], names: ["x"],
                                for: "leakyRelu(\(printed(x)), negativeSlope: 0.1)")
        }
    }
}
