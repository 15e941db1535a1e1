import Torchlet

/// The checks of Lesson 02, one definition per exercise.
public enum Lesson02Checks {
    /// 2.1: values against the engine's `sigmoid()` on small, zero, negative and very large
    /// inputs (±100, where e¹⁰⁰ overflows a Float), then gradients.
    public static var sigmoid: ExerciseDefinition<(Tensor) throws -> Tensor> {
        ExerciseDefinition(
            "2.1",
            strongerHint:
                "One line of Tensor operations: the exponential of -x, plus 1, and 1 divided by that. "
                + "`1 / (1 + t)` works for a tensor t: a number and a tensor combine elementwise."
        ) { answer in
            let cases: [(x: Tensor, hint: String)] = [
                (Tensor([-2.0, -0.5, 0, 0.5, 2]), "σ(x) = 1 / (1 + e⁻ˣ): σ(0) = 0.5, and σ(-x) = 1 - σ(x)."),
                (Tensor([[0.0, 0], [0, 0]]), "σ(0) = 1 / (1 + e⁰) = 0.5 for every element."),
                (
                    Tensor([[-100.0, -30, 30, 100]]),
                    "For large |x|, write σ with e⁻ˣ: 1 / (1 + e⁻ˣ) gives 1 / (1 + inf) = 0 at x = -100, "
                        + "while eˣ / (1 + eˣ) gives inf / inf = nan at x = 100 (e¹⁰⁰ overflows a Float)."
                ),
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
    public static var sigmoidDerivative: ExerciseDefinition<(Tensor) throws -> Tensor> {
        ExerciseDefinition(
            "2.2",
            buildsOn: ["2.1"],
            strongerHint:
                "`let s = sigmoid(x)` (your 2.1, or `x.sigmoid()`), then return `s * (1 - s)`: two "
                + "lines."
        ) { answer in
            let cases: [(x: Tensor, hint: String)] = [
                (Tensor([0.0]), "At 0, σ = 0.5, so σ'(0) = 0.5 · (1 - 0.5) = 0.25, the steepest the sigmoid gets."),
                (
                    Tensor([-3.0, -1, 0.5, 1, 3]),
                    "σ'(x) = σ(x) · (1 - σ(x)): it is symmetric (σ'(-x) = σ'(x)) and never above 1/4."
                ),
                (
                    Tensor([[-20.0, 20], [6, -6]]),
                    "Far from 0 the sigmoid is flat, so its derivative is nearly 0: the vanishing gradient."
                ),
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
    /// subtract the largest score first gives nan), a batch with a huge positive and a huge
    /// negative row, and the same along dim 0 (where subtracting the largest score of the whole
    /// tensor instead of each row's gives nan), then gradients.
    public static var stableSoftmax: ExerciseDefinition<(Tensor, Int) throws -> Tensor> {
        ExerciseDefinition(
            "2.3",
            strongerHint:
                "Three lines: `let m = x.max(dim: dim, keepDim: true).values` (the largest score of "
                + "each row when dim is 1, of each column when dim is 0: not the largest of the whole "
                + "tensor, which leaves a row of -1000s at exp(-2000) = 0 and 0 / 0 = nan), `let e = (x "
                + "- m).exp()`, then `e / e.sum(dim: dim, keepDim: true)`."
        ) { answer in
            let ordinary = Tensor([[1.0, 2, 3], [0.5, -1, 2]])
            let cases: [(x: Tensor, dim: Int, hint: String)] = [
                (ordinary, 1, "softmax(x)ᵢ = exp(xᵢ) / Σⱼ exp(xⱼ) along dim: each row sums to 1."),
                (
                    ordinary, 0,
                    "Along dim 0 each column sums to 1: use `dim` for the max and the sum, "
                        + "with keepDim: true so they broadcast back."
                ),
                (Tensor([[0.0, 0, 0, 0]]), 1, "Equal scores give equal probabilities: 1/4 each."),
                (
                    Tensor([[1000.0, 1001, 1002]]), 1,
                    "exp(1000) overflows a Float (anything above e^88.7 is inf), and inf / inf = nan. "
                        + "Softmax does not change when you subtract the same number from every score: "
                        + "subtract the row's largest score first (x.max(dim:keepDim:).values)."
                ),
                (
                    Tensor([[-1000.0, -1001, -1002]]), 1,
                    "exp(-1000) underflows to 0, and 0 / 0 = nan. Subtracting the largest score makes the "
                        + "largest exp(0) = 1, so the sum is never 0."
                ),
                (
                    Tensor([[1000.0, 1001, 1002], [-1000, -1001, -1002]]), 1,
                    "Each row needs its own largest score: x.max(dim: dim, keepDim: true).values is one per "
                        + "row. The largest of the whole tensor (x.max()) is 1002 for both rows, which leaves "
                        + "the second at exp(-2002) = 0 and 0 / 0 = nan."
                ),
                (
                    Tensor([[1000.0, -1000], [1001, -1001], [1002, -1002]]), 0,
                    "Along dim 0 each column needs its own largest score (x.max(dim: 0, keepDim: true)), not "
                        + "the largest of the whole tensor: the second column's scores are all near -1000."
                ),
            ]
            for (x, dim, hint) in cases {
                let input = "stableSoftmax(\(printed(x)), dim: \(dim))"
                let got = try attempt(input) { try answer(x.detach(), dim) }
                try expectValues(got, x.softmax(dim: dim), for: input, hint: hint, absolute: 1e-6, relative: 1e-4)
            }
            let x = Tensor([[0.2, -1.0, 1.5, 0.3], [2.0, 0.1, -0.4, -2.2]])
            try expectGradients(
                of: { try answer($0[0], 1) }, at: [x], names: ["x"],
                for: "stableSoftmax(\(printed(x)), dim: 1)")
        }
    }

    /// 2.4: values against the engine's `leakyRelu(negativeSlope:)` with two slopes, on negative,
    /// zero and positive inputs, then gradients (away from the kink at 0).
    public static var leakyRelu: ExerciseDefinition<(Tensor, Float) throws -> Tensor> {
        ExerciseDefinition(
            "2.4",
            strongerHint:
                "`x.relu()` keeps the positive part and zeroes the rest; `(-x).relu()` is the size of "
                + "the negative part. The answer is the positive part minus negativeSlope times that "
                + "size."
        ) { answer in
            let cases: [(x: Tensor, slope: Float, hint: String)] = [
                (
                    Tensor([-3.0, -0.5, 0, 0.5, 3]), 0.01,
                    "Positive numbers pass unchanged; only negative ones are multiplied by the slope."
                ),
                (
                    Tensor([[-2.0, 4], [1, -10]]), 0.2,
                    "Use the negativeSlope you are given: -10 becomes 0.2 · -10 = -2, and 4 stays 4."
                ),
            ]
            for (x, slope, hint) in cases {
                let input = "leakyRelu(\(printed(x)), negativeSlope: \(slope))"
                let got = try attempt(input) { try answer(x.detach(), slope) }
                try expectValues(got, x.leakyRelu(negativeSlope: slope), for: input, hint: hint, absolute: 1e-6)
            }
            let x = Tensor([[-1.5, 0.7, 2.0], [-0.4, 1.1, -3.0]])
            try expectGradients(
                of: { try answer($0[0], 0.1) }, at: [x], names: ["x"],
                for: "leakyRelu(\(printed(x)), negativeSlope: 0.1)")
        }
    }
}
