import Torchlet

/// The checks of Lesson 08, one definition per exercise.
public enum Lesson08Checks {
    /// A parameter leaf with these numbers, its gradient set to `gradient`, as after `backward()`.
    static func leaf(_ values: Tensor) -> Tensor {
        Tensor(shape: values.shape, scalars: values.scalars, requiresGrad: true)
    }

    /// The state entry `name` of the optimizer's only parameter (`state.0.<name>`).
    static func state(_ optimizer: any Optimizer, _ name: String) -> Tensor {
        optimizer.stateDict().first { $0.name == "state.0.\(name)" }!.tensor
    }

    /// Fails unless the tensors passed in still hold their numbers.
    static func expectUnchanged(_ tensors: [(Tensor, [Float])], for input: String) throws {
        for (tensor, before) in tensors where tensor.scalars != before {
            throw fail(
                input, expected: "the tensors passed in left as they were",
                got: "one of them changed to \(printed(tensor))",
                hint: "Return new tensors (parameter - ...) instead of changing the ones you were given "
                    + "in place (-=): the optimizer, not the update rule, decides what to keep.")
        }
    }

    /// The gate before the numbers: the parameter moved, and downhill, against `direction` (the
    /// engine's velocity, or Adam's m): a step that changes nothing, or climbs, is wrong whatever
    /// its size.
    static func expectDownhill(
        _ new: Tensor, from old: Tensor, against direction: Tensor, rule: String,
        for input: String
    ) throws {
        guard new.shape == old.shape, direction.shape == old.shape else { return }
        let moves = zip(new.scalars, old.scalars).map { $0 - $1 }
        if moves.allSatisfy({ $0 == 0 }) && direction.scalars.contains(where: { $0 != 0 }) {
            throw fail(
                input + ", the new parameter", expected: "a parameter that moved", got: printed(new),
                hint: "Nothing moved: return the updated parameter, \(rule), as a new tensor.")
        }
        let climbs = zip(moves, direction.scalars).contains { move, along in
            move != 0 && along != 0 && (move > 0) == (along > 0)
        }
        if climbs {
            throw fail(
                input + ", the new parameter", expected: "every number moved against its gradient (downhill)",
                got: "\(printed(new)), which moved with it (uphill)",
                hint: "The parameter climbs: the update subtracts, \(rule).")
        }
    }

    /// 8.1: several steps in a row, each gated on the parameter moving downhill, then against
    /// `SGD(momentum:)` on the same gradients: a vector
    /// whose gradients keep their sign (the velocity builds up) and then flip, and a matrix with
    /// another momentum and learning rate. The first step has no velocity yet.
    public static var momentumUpdate:
        ExerciseDefinition<(Tensor, Tensor, Tensor?, Float, Float) throws -> (parameter: Tensor, velocity: Tensor)>
    {
        ExerciseDefinition(
            "8.1",
            strongerHint:
                "`let v = velocity.map { momentum * $0 + gradient } ?? gradient`, then return "
                + "`(parameter - learningRate * v, v)`."
        ) { answer in
            let cases: [(start: Tensor, gradients: [Tensor], lr: Float, momentum: Float)] = [
                (
                    Tensor([1.0, -2.0, 0.5]),
                    [
                        Tensor([0.5, -1.0, 2.0]), Tensor([0.5, -1.0, -2.0]), Tensor([0.5, 1.5, 1.0]),
                        Tensor([0.2, 0.0, -0.5]),
                    ],
                    0.1, 0.9
                ),
                (
                    Tensor([[0.3, -0.7, 1.2], [2.0, 0.0, -1.5]]),
                    [
                        Tensor([[1.0, 2.0, -3.0], [0.5, -0.5, 4.0]]), Tensor([[-1.0, 2.0, 1.0], [0.5, 0.25, 4.0]]),
                        Tensor([[0.0, 1.0, -2.0], [-3.0, 0.5, 1.0]]),
                    ],
                    0.05, 0.5
                ),
            ]
            for c in cases {
                let engineParameter = leaf(c.start)
                let engine = SGD([engineParameter], lr: c.lr, momentum: c.momentum)
                var parameter = c.start.detach()
                var velocity: Tensor?
                for (index, gradient) in c.gradients.enumerated() {
                    let step = index + 1
                    engineParameter.grad = gradient
                    engine.step()
                    let input =
                        "step \(step): momentumUpdate(parameter: \(printed(parameter)), gradient: "
                        + "\(printed(gradient)), velocity: \(velocity.map(printed) ?? "nil"), learningRate: \(c.lr), "
                        + "momentum: \(c.momentum))"
                    let before =
                        [(parameter, parameter.scalars), (gradient, gradient.scalars)]
                        + (velocity.map { [($0, $0.scalars)] } ?? [])
                    let got = try attempt(input) { try answer(parameter, gradient, velocity, c.lr, c.momentum) }
                    try expectUnchanged(before, for: input)
                    try expectDownhill(
                        got.parameter, from: parameter, against: state(engine, "momentum_buffer"),
                        rule: "p ← p − lr·v", for: input)
                    let hint =
                        step == 1
                        ? "On the first step there is no velocity yet, so v = g (not μ·0 + g·(1 − μ), and not "
                            + "lr·g); then p ← p − lr·v."
                        : "v ← μ·v + g, then p ← p − lr·v. The learning rate multiplies only in the parameter's "
                            + "update, and the minus sign is there too: v adds gradients, it does not subtract them."
                    try expectValues(
                        got.velocity, state(engine, "momentum_buffer"),
                        for: input + ", the new velocity", hint: hint)
                    try expectValues(
                        got.parameter, engineParameter.detach(), for: input + ", the new parameter",
                        hint: hint)
                    parameter = got.parameter.detach()
                    velocity = got.velocity.detach()
                }
            }
        }
    }

    /// 8.2: several steps in a row, each gated on the parameter moving downhill, then against
    /// `Adam` on the same gradients: gradients of very
    /// different sizes (0.001 and 100, which Adam moves by about the same amount), other betas
    /// (so that 0.9 and 0.999 cannot be written in), and a large ε with tiny gradients (where ε
    /// inside the square root gives another answer).
    public static var adamUpdate:
        ExerciseDefinition<
            (Tensor, Tensor, Tensor, Tensor, Int, Float, Float, Float, Float) throws -> (
                parameter: Tensor, m: Tensor, v: Tensor
            )
        >
    {
        ExerciseDefinition(
            "8.2",
            strongerHint:
                "`let m = beta1 * m + (1 - beta1) * gradient`, `let v = beta2 * v + (1 - beta2) * "
                + "gradient * gradient`, `let mHat = m / (1 - pow(beta1, Float(step)))`, `let vHat = v "
                + "/ (1 - pow(beta2, Float(step)))`; the new parameter is `parameter - learningRate * "
                + "mHat / (vHat.sqrt() + eps)`. Return it with m and v, not m̂ and v̂."
        ) { answer in
            let cases: [(start: Tensor, gradients: [Tensor], lr: Float, betas: (Float, Float), eps: Float)] = [
                (
                    Tensor([1.0, -2.0, 0.5]),
                    [
                        Tensor([0.001, -100.0, 2.0]), Tensor([0.002, -80.0, -2.0]), Tensor([0.001, 50.0, 1.0]),
                        Tensor([-0.003, -20.0, 0.5]),
                    ],
                    0.1, (0.9, 0.999), 1e-8
                ),
                (
                    Tensor([[0.3, -0.7], [2.0, 0.0]]),
                    [
                        Tensor([[1.0, 2.0], [-3.0, 0.5]]), Tensor([[-1.0, 2.0], [1.0, 0.25]]),
                        Tensor([[0.5, 1.0], [-2.0, 3.0]]),
                    ],
                    0.01, (0.8, 0.99), 1e-8
                ),
                (
                    Tensor([0.5, -0.5]),
                    [Tensor([0.001, -0.002]), Tensor([0.003, 0.001])],
                    0.1, (0.9, 0.999), 0.01
                ),
            ]
            for c in cases {
                let engineParameter = leaf(c.start)
                let engine = Adam([engineParameter], lr: c.lr, betas: c.betas, eps: c.eps)
                var parameter = c.start.detach()
                var m = Tensor.zeros(c.start.shape), v = Tensor.zeros(c.start.shape)
                for (index, gradient) in c.gradients.enumerated() {
                    let step = index + 1
                    engineParameter.grad = gradient
                    engine.step()
                    let input =
                        "step \(step): adamUpdate(parameter: \(printed(parameter)), gradient: \(printed(gradient)), "
                        + "m: \(printed(m)), v: \(printed(v)), step: \(step), learningRate: \(c.lr), "
                        + "beta1: \(c.betas.0), beta2: \(c.betas.1), eps: \(c.eps))"
                    let before = [
                        (parameter, parameter.scalars), (gradient, gradient.scalars), (m, m.scalars),
                        (v, v.scalars),
                    ]
                    let got = try attempt(input) {
                        try answer(parameter, gradient, m, v, step, c.lr, c.betas.0, c.betas.1, c.eps)
                    }
                    try expectUnchanged(before, for: input)
                    try expectDownhill(
                        got.parameter, from: parameter, against: state(engine, "exp_avg"),
                        rule: "p ← p − lr · m̂ / (√v̂ + ε)", for: input)
                    try expectValues(
                        got.m, state(engine, "exp_avg"), for: input + ", the new m",
                        hint: "m ← β₁·m + (1 − β₁)·g, with the β₁ you were given (here \(c.betas.0)). "
                            + "Return m itself, not the corrected m̂.")
                    try expectValues(
                        got.v, state(engine, "exp_avg_sq"), for: input + ", the new v",
                        hint: "v ← β₂·v + (1 − β₂)·g², with the β₂ you were given (here \(c.betas.1)): "
                            + "the square of the gradient, not the gradient. Return v, not v̂.")
                    var hint =
                        "m̂ = m / (1 − β₁ᵗ) and v̂ = v / (1 − β₂ᵗ) with t = step, then "
                        + "p ← p − lr · m̂ / (√v̂ + ε)."
                    if step == 1 {
                        hint +=
                            " On the first step m̂ = g and v̂ = g², so every number moves by about lr "
                            + "(here \(c.lr)), whatever the size of its gradient; without the bias correction "
                            + "the step is (1 − β₁)/√(1 − β₂) times what it should be (3.16 for β₁ = 0.9, "
                            + "β₂ = 0.999)."
                    }
                    hint +=
                        " Add ε after the square root, √v̂ + ε, not inside it, √(v̂ + ε): with small "
                        + "gradients the two differ."
                    try expectValues(
                        got.parameter, engineParameter.detach(), for: input + ", the new parameter",
                        hint: hint)
                    parameter = got.parameter.detach()
                    m = got.m.detach()
                    v = got.v.detach()
                }
            }
        }
    }
}
