import Torchlet

/// The checks of Lesson 01, one definition per exercise.
public enum Lesson01Checks {
    /// 1.1: values against the engine's `linear` + `sigmoid` (a batch of four, a batch of one,
    /// a large bias), then gradients with respect to x, weight and bias.
    public static var perceptronForward: ExerciseDefinition<(Tensor, Tensor, Tensor) throws -> Tensor> {
        ExerciseDefinition(
            "1.1",
            strongerHint:
                "Follow the shapes: x [batch, in] times weightᵀ [in, 1] is [batch, 1]; adding the "
                + "bias [1] broadcasts over the batch and stays [batch, 1]; the sigmoid keeps the "
                + "shape; squeeze(dim: 1) leaves [batch]. Print `.shape` after each step to find where "
                + "yours goes another way."
        ) { answer in
            let cases: [(x: Tensor, weight: Tensor, bias: Tensor, hint: String)] = [
                (
                    Tensor([[0.0, 0], [0, 1], [1, 0], [1, 1]]), Tensor([[0.8, -0.6]]), Tensor([0.25]),
                    "Each sample's score is x · wᵀ + b, then the sigmoid turns it into a probability."
                ),
                (
                    Tensor([[1.5, -2.0, 0.5]]), Tensor([[0.3, 0.1, -0.4]]), Tensor([-0.2]),
                    "With a batch of one sample the result is still a vector [1]: squeeze only dimension 1 "
                        + "(squeeze(dim: 1)); a plain squeeze() also drops the batch dimension."
                ),
                (
                    Tensor([[0.5, 1.0], [-1.0, 2.0], [0.0, 0.0]]), Tensor([[0.2, -0.1]]), Tensor([3.0]),
                    "Did you add the bias? With a large bias every probability moves toward 1."
                ),
            ]
            for (x, weight, bias, hint) in cases {
                let input = "perceptronForward(x: \(printed(x)), weight: \(printed(weight)), bias: \(printed(bias)))"
                let got = try attempt(input) { try answer(x.detach(), weight.detach(), bias.detach()) }
                let expected = x.linear(weight: weight, bias: bias).sigmoid().squeeze(dim: 1)
                try expectValues(got, expected, for: input, hint: hint)
            }
            let x = Tensor([[0.3, -1.2], [0.7, 0.4], [-0.5, 0.9]])
            let weight = Tensor([[0.6, -0.3]]), bias = Tensor([0.1])
            try expectGradients(
                of: { try answer($0[0], $0[1], $0[2]) }, at: [x, weight, bias],
                names: ["x", "weight", "bias"],
                for: "perceptronForward(x: \(printed(x)), weight: \(printed(weight)), bias: \(printed(bias)))")
        }
    }

    /// The perceptron rule computed with plain numbers, the reference for 1.2.
    static func ruleStepReference(
        weight: [Float], bias: Float, x: [Float], target: Float,
        learningRate: Float
    ) -> (weight: [Float], bias: Float) {
        let z = zip(weight, x).reduce(bias) { $0 + $1.0 * $1.1 }
        let prediction: Float = z >= 0 ? 1 : 0
        let error = target - prediction
        return (zip(weight, x).map { $0 + learningRate * error * $1 }, bias + learningRate * error)
    }

    /// 1.2: a miss on a positive sample, a right guess (nothing changes), a miss on a negative
    /// sample, and a score of exactly 0 (the step says 1), against the rule in plain numbers.
    public static var perceptronRuleStep:
        ExerciseDefinition<(Tensor, Tensor, Tensor, Float, Float) throws -> (weight: Tensor, bias: Tensor)>
    {
        ExerciseDefinition(
            "1.2",
            strongerHint:
                "Decide ŷ with plain numbers: `let z = ((weight * x).sum() + bias).item()`, then `let "
                + "error = target - (z >= 0 ? 1 : 0)`. Both new values are the old ones plus "
                + "`learningRate * error` (times x for the weight), made with `+`, never `+=`."
        ) { answer in
            let cases: [(weight: [Float], bias: Float, x: [Float], target: Float, learningRate: Float, hint: String)] =
                [
                    (
                        [0.5, -0.5], 0, [1, 2], 1, 0.1,
                        "z = w · x + b = -0.5 < 0, so ŷ = 0 and t - ŷ = +1: the weights move toward x, "
                            + "w ← w + lr · (t - ŷ) · x and b ← b + lr · (t - ŷ)."
                    ),
                    (
                        [0.2, 0.4], -0.1, [1, 1], 1, 0.5,
                        "z = 0.5 ≥ 0, so ŷ = 1 = t: a right guess changes nothing."
                    ),
                    (
                        [1, 1], 0, [2, -1], 0, 0.5,
                        "z = 1 ≥ 0, so ŷ = 1 but t = 0: t - ŷ = -1 and the weights move away from x."
                    ),
                    (
                        [0, 0, 0], 0, [1, 2, 3], 0, 1,
                        "z = 0 exactly: the step gives ŷ = 1 when z ≥ 0 (the threshold belongs to the positive side)."
                    ),
                ]
            for c in cases {
                let weight = Tensor(c.weight), bias = Tensor(c.bias), x = Tensor(c.x)
                let input =
                    "perceptronRuleStep(weight: \(printed(weight)), bias: \(printed(bias)), x: \(printed(x)), "
                    + "target: \(c.target), learningRate: \(c.learningRate))"
                let got = try attempt(input) { try answer(weight, bias, x, c.target, c.learningRate) }
                if weight.scalars != c.weight || bias.scalars != [c.bias] || x.scalars != c.x {
                    throw fail(
                        input, expected: "weight, bias and x left as they were",
                        got: "weight \(printed(weight)), bias \(printed(bias)), x \(printed(x))",
                        hint: "Return new tensors (weight + ...) instead of changing the ones you were given "
                            + "in place (+=): the caller may still need them.")
                }
                let reference = ruleStepReference(
                    weight: c.weight, bias: c.bias, x: c.x, target: c.target,
                    learningRate: c.learningRate)
                try expectValues(got.weight, Tensor(reference.weight), for: input + ", the new weight", hint: c.hint)
                if got.bias.count != 1 {
                    throw fail(
                        input, expected: "a bias of one number: \(printed(Tensor(reference.bias)))",
                        got: printed(got.bias), hint: "The bias stays one number. " + c.hint)
                }
                try expectValues(
                    got.bias.reshape([]), Tensor(reference.bias), for: input + ", the new bias",
                    hint: c.hint)
            }
        }
    }
}
