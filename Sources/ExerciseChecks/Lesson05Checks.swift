import Torchlet

/// The checks of Lesson 05, one definition per exercise.
public enum Lesson05Checks {
    // MARK: 5.1

    /// 5.1: for 4, 3 and 7 hidden units, the parameters' shapes in order, PyTorch's initial
    /// ranges (±1/√fan-in, not all equal), and the output on points with negative and large
    /// coordinates against `linear2(tanh(linear1(x)))` computed from the model's own parameters.
    public static var makeXORClassifier: ExerciseDefinition<(Int) throws -> Module> {
        ExerciseDefinition(
            "5.1",
            strongerHint:
                "One expression: the three layers in order inside `Sequential(...)`. Linear(2, "
                + "hidden) takes the 2 inputs to `hidden` features, Tanh() bends them, Linear(hidden, "
                + "1) makes one score. Use the `hidden` you are given, not a fixed number."
        ) { answer in
            for hidden in [4, 3, 7] {
                let input = "makeXORClassifier(hidden: \(hidden))"
                let model = try attempt(input) { try answer(hidden) }
                let parameters = model.parameters()
                let expectedShapes = [[hidden, 2], [hidden], [1, hidden], [1]]
                let shapes = parameters.map(\.shape)
                guard shapes == expectedShapes else {
                    throw fail(
                        input, expected: "parameter shapes \(expectedShapes)", got: "parameter shapes \(shapes)",
                        hint: "Two Linear layers: Linear(2, hidden) then Linear(hidden, 1). A Linear's weight "
                            + "is [out, in] and its bias [out]; the activation has no parameters.")
                }
                for (index, parameter) in parameters.enumerated() {
                    let bound = 1 / Float(index < 2 ? 2 : hidden).squareRoot()
                    let values = parameter.scalars
                    let outside = values.contains { Swift.abs($0) > bound + 1e-6 }
                    let allEqual = values.count > 1 && values.allSatisfy { $0 == values[0] }
                    if outside || allEqual || values.allSatisfy({ $0 == 0 }) {
                        throw fail(
                            input, expected: "random numbers in ±\(bound) (PyTorch's default for this layer)",
                            got: "parameter \(index): \(printed(parameter))",
                            hint: "Keep Linear's own initialisation. Equal (or zero) starting weights make "
                                + "every hidden unit compute the same thing and receive the same gradient, "
                                + "so they can never learn different lines.")
                    }
                }
                let x = Tensor([[0.0, 0], [0, 1], [1, 0], [1, 1], [-2.0, 0.5], [3.0, -4.0]])
                let got = try attempt(input + "(x)") { model(x) }
                let (w1, b1, w2, b2) = (
                    parameters[0].detach(), parameters[1].detach(),
                    parameters[2].detach(), parameters[3].detach()
                )
                let expected = x.linear(weight: w1, bias: b1).tanh().linear(weight: w2, bias: b2)
                try expectValues(
                    got.detach(), expected, for: "model(\(printed(x))) with the model's own parameters",
                    hint: "The output is linear2(tanh(linear1(x))): tanh between the layers (not ReLU "
                        + "or sigmoid), and nothing after the last layer. No sigmoid at the end: "
                        + "BCEWithLogitsLoss takes the raw scores (logits).")
                guard got.requiresGrad else {
                    throw fail(
                        input, expected: "an output that backward() can reach (grad_fn=<...>)",
                        got: "\(printed(got)) with no grad_fn",
                        hint: "The model's parameters must require gradients: build it from Linear layers.")
                }
            }
        }
    }

    // MARK: 5.2

    /// The model, data and optimizer settings of 5.2's check: a small `Linear(2, 3)` → `Tanh`
    /// → `Linear(3, 1)` made from a fixed seed, so two calls give two identical models.
    static func stepModel() -> Module {
        withSeed(5) { Sequential(Linear(2, 3), Tanh(), Linear(3, 1)) }
    }

    static let stepInputs: [[Float]] = [
        [0.1, 0.9], [1.1, -0.1], [0.95, 1.05], [-0.05, 0.02], [0.5, 0.4], [1.2, 0.8],
    ]
    static let stepLabels = [1, 1, 0, 0, 1, 0]

    /// Gives every parameter a gradient from an unrelated loss, as an earlier step would leave.
    static func leaveStaleGradients(_ model: Module) {
        let other = Tensor([[2.0, -1.0], [0.5, 3.0]])
        (model(other).sum() * 3).backward()
    }

    /// The parameters' numbers, for comparing two models.
    static func values(_ model: Module) -> [[Float]] {
        model.parameters().map(\.scalars)
    }

    /// Whether two lists of parameter values agree.
    static func agree(_ a: [[Float]], _ b: [[Float]]) -> Bool {
        a.count == b.count
            && zip(a, b).allSatisfy { x, y in
                x.count == y.count && zip(x, y).allSatisfy { close($0, $1, absolute: 1e-5, relative: 1e-4) }
            }
    }

    /// What `steps` training steps do to `model` when the steps are written in `order`, with the
    /// losses they report: the right order and the usual mistakes, to name the one a wrong
    /// answer made.
    enum StepVariant: CaseIterable {
        case right, noZeroGrad, stepBeforeBackward, zeroGradAfterBackward, noStep
    }

    static func run(
        _ variant: StepVariant, optimizer makeOptimizer: ([Tensor]) -> any Optimizer,
        steps: Int
    ) -> (values: [[Float]], losses: [Float]) {
        let model = stepModel()
        leaveStaleGradients(model)
        let optimizer = makeOptimizer(model.parameters())
        let lossFunction = BCEWithLogitsLoss()
        let inputs = Tensor(stepInputs), labels = Tensor(stepLabels)
        var losses: [Float] = []
        for _ in 0..<steps {
            let loss = lossFunction(model(inputs).squeeze(dim: 1), labels.float())
            switch variant {
            case .right: optimizer.zeroGrad(); loss.backward(); optimizer.step()
            case .noZeroGrad: loss.backward(); optimizer.step()
            case .stepBeforeBackward: optimizer.step(); optimizer.zeroGrad(); loss.backward()
            case .zeroGradAfterBackward: loss.backward(); optimizer.zeroGrad(); optimizer.step()
            case .noStep: optimizer.zeroGrad(); loss.backward()
            }
            losses.append(loss.item())
        }
        return (values(model), losses)
    }

    static func hint(for variant: StepVariant) -> String {
        switch variant {
        case .right, .noStep, .zeroGradAfterBackward:
            "The parameters moved, but not as the optimizer you were given moves them: call "
                + "optimizer.step() once, after loss.backward(), and let it do the update (its momentum "
                + "carries over from one call to the next, a hand-written update's does not)."
        case .noZeroGrad:
            "The parameters moved as if the old gradients were still there: call optimizer.zeroGrad() "
                + "before loss.backward(), or the new gradients are added to the old ones."
        case .stepBeforeBackward:
            "The parameters moved by the old gradients: optimizer.step() must come after loss.backward(), "
                + "which computes the gradients it uses."
        }
    }

    /// 5.2: three calls in a row on a model that already holds gradients, with plain SGD and with
    /// SGD with momentum, each call against a twin model trained alongside by the five steps in
    /// order. Three gates per call, which a right-looking accuracy cannot pass for a wrong loop:
    /// the loss returned is the one computed independently at the weights before the update;
    /// afterwards every parameter holds exactly the gradient of that loss (not nil, not added to
    /// the old one); and the weights moved, exactly as the optimizer moves them.
    public static var trainingStep:
        ExerciseDefinition<(Module, any Loss, any Optimizer, Tensor, Tensor) throws -> Float>
    {
        ExerciseDefinition(
            "5.2",
            strongerHint:
                "In this order: `let loss = lossFunction(model(inputs).squeeze(dim: 1), labels.float())`, "
                + "`optimizer.zeroGrad()`, `loss.backward()`, `optimizer.step()`, `return loss.item()`. "
                + "Use the optimizer you are given, not one of your own: its memory (momentum) must carry "
                + "over from one call to the next."
        ) { answer in
            let optimizers: [(name: String, make: ([Tensor]) -> any Optimizer)] = [
                ("SGD(lr: 0.5)", { SGD($0, lr: 0.5) }),
                ("SGD(lr: 0.2, momentum: 0.9)", { SGD($0, lr: 0.2, momentum: 0.9) }),
            ]
            let steps = 3
            let inputs = Tensor(stepInputs), labels = Tensor(stepLabels)
            for (name, makeOptimizer) in optimizers {
                let model = stepModel(), twin = stepModel()
                leaveStaleGradients(model)
                leaveStaleGradients(twin)
                let stale = model.parameters().map { $0.grad?.scalars ?? [] }
                let optimizer = makeOptimizer(model.parameters()), twinOptimizer = makeOptimizer(twin.parameters())
                let lossFunction = BCEWithLogitsLoss()
                let names = model.namedParameters().map(\.name), shapes = model.parameters().map(\.shape)
                for call in 1...steps {
                    let input =
                        "call \(call) of \(steps): trainingStep(model: Linear(2, 3) → Tanh → Linear(3, 1), "
                        + "which holds old gradients, lossFunction: BCEWithLogitsLoss(), optimizer: \(name), "
                        + "inputs: 6 points [6, 2], labels: \(printed(labels)))"
                    let before = values(model)
                    // The twin takes the step the right way, giving the loss and gradients to expect.
                    let twinLoss = lossFunction(twin(inputs).squeeze(dim: 1), labels.float())
                    twinOptimizer.zeroGrad()
                    twinLoss.backward()
                    let gradients = twin.parameters().map { $0.grad?.scalars ?? [] }
                    twinOptimizer.step()
                    let got = try attempt(input) {
                        try answer(model, lossFunction, optimizer, inputs.detach(), labels.detach())
                    }
                    try expectLoss(
                        got, twinLoss.item(),
                        after: noGrad {
                            lossFunction(twin(inputs).squeeze(dim: 1), labels.float()).item()
                        }, for: input)
                    try expectGradients(
                        on: model, names: names, shapes: shapes, expected: gradients,
                        stale: call == 1 ? stale : nil, for: input)
                    let after = values(model)
                    if agree(after, before) {
                        throw fail(
                            input + ": the parameters afterwards", expected: "every parameter moved by the update",
                            got: "the parameters as they were before the call",
                            hint: "Nothing moved: optimizer.step() must run after loss.backward(), which "
                                + "computes the gradients step() uses, with no zeroGrad() between them.")
                    }
                    if !agree(after, values(twin)) {
                        let variant =
                            StepVariant.allCases.dropFirst().first {
                                agree(after, run($0, optimizer: makeOptimizer, steps: call).values)
                            } ?? .right
                        func listed(_ values: [[Float]]) -> String {
                            zip(names, zip(shapes, values)).map { name, pair in
                                "\(name) \(pair.0) = \(printed(Tensor(shape: pair.0, scalars: pair.1)))"
                            }.joined(separator: "\n")
                        }
                        throw fail(
                            input + ": the parameters afterwards", expected: listed(values(twin)),
                            got: listed(after), hint: hint(for: variant))
                    }
                }
            }
        }
    }

    /// Gate 1 of 5.2: the loss returned is this batch's, computed before the update.
    static func expectLoss(_ got: Float, _ expected: Float, after lossAfterTheUpdate: Float, for input: String) throws {
        guard !close(got, expected, absolute: 1e-5, relative: 1e-4) else { return }
        throw fail(
            input + ": the loss returned", expected: "\(expected)", got: "\(got)",
            hint: close(got, lossAfterTheUpdate, absolute: 1e-5, relative: 1e-4)
                ? "Return the loss of the batch computed before the update (the one you called "
                    + "backward() on), not a new one computed after step()."
                : "Return loss.item() of lossFunction(model(inputs).squeeze(dim: 1), labels.float()): "
                    + "the model's predictions on this batch, squeezed to [b], against the labels as floats.")
    }

    /// Gate 2 of 5.2: after the call every parameter holds the gradient of this batch's loss, and
    /// only that (on the first call, `stale` is what the parameters held before it).
    static func expectGradients(
        on model: Module, names: [String], shapes: [[Int]], expected: [[Float]],
        stale: [[Float]]?, for input: String
    ) throws {
        for (index, parameter) in model.parameters().enumerated() {
            let name = "\(names[index]) \(shapes[index])"
            let want = printed(Tensor(shape: shapes[index], scalars: expected[index]))
            guard let gradient = parameter.grad else {
                throw fail(
                    input + ": \(names[index]).grad afterwards", expected: want, got: "nil",
                    hint: "No gradient reached \(name): loss.backward() must come after optimizer.zeroGrad(), "
                        + "which clears every gradient (to nil), and it must be the loss you return.")
            }
            let got = gradient.scalars
            if agree([got], [expected[index]]) { continue }
            let accumulated = stale.map { zip($0[index], expected[index]).map { $0 + $1 } }
            throw fail(
                input + ": \(names[index]).grad afterwards", expected: want, got: printed(gradient),
                hint: accumulated.map { agree([got], [$0]) } == true
                    ? "The gradient is the old one plus the new one: call optimizer.zeroGrad() before "
                        + "loss.backward(), or backward() adds to what an earlier step left."
                    : "The gradient of \(name) is not that of this batch's loss: call loss.backward() once, "
                        + "on lossFunction(model(inputs).squeeze(dim: 1), labels.float()).")
        }
    }

    // MARK: 5.3

    /// 5.3: logits on both sides of 0 and between 0 and 0.5 (where a threshold of 0.5 meant for
    /// probabilities goes wrong), logits of exactly 0 (class 1, as σ(0) = 0.5), a batch of one,
    /// and 200 random logits.
    public static var accuracy: ExerciseDefinition<(Tensor, Tensor) throws -> Float> {
        ExerciseDefinition(
            "5.3",
            strongerHint:
                "`let right = zip(logits.scalars, labels.scalars).filter { logit, label in (logit >= "
                + "0 ? 1 : 0) == label }.count`, then `Float(right) / Float(labels.count)`."
        ) { answer in
            var generator = Generator(seed: 11)
            let manyLogits = Tensor.randn([200, 1], using: &generator) * 2
            let manyLabels = Tensor.randint(0, 2, [200], using: &generator)
            let cases: [(logits: Tensor, labels: Tensor, hint: String)] = [
                (
                    Tensor([[2.0], [-1.5], [0.3], [-0.2], [4.0]]), Tensor([1, 0, 1, 1, 0]),
                    "A logit is not a probability: class 1 is predicted where the logit is ≥ 0 (σ(logit) ≥ 0.5), "
                        + "so 0.3 means class 1. A threshold of 0.5 is for probabilities."
                ),
                (
                    Tensor([[0.0], [0.0], [-1.0]]), Tensor([1, 1, 0]),
                    "A logit of exactly 0 is σ = 0.5, which counts as class 1 (logit ≥ 0, as the tutorial's "
                        + "preds >= 0.5)."
                ),
                (
                    Tensor([[-0.1]]), Tensor([0]),
                    "One sample, classified right: the accuracy is 1."
                ),
                (
                    manyLogits, manyLabels,
                    "The accuracy is the number of right predictions divided by N: a share between 0 and 1, "
                        + "not a percentage."
                ),
            ]
            for (logits, labels, hint) in cases {
                let input =
                    logits.count > 10
                    ? "accuracy(logits: 200 random logits [200, 1], labels: [200] zeros and ones)"
                    : "accuracy(logits: \(printed(logits)), labels: \(printed(labels)))"
                let got = try attempt(input) { try answer(logits.detach(), labels.detach()) }
                let right = zip(logits.scalars, labels.scalars).filter { Float($0 >= 0 ? 1 : 0) == $1 }.count
                let expected = Float(right) / Float(labels.count)
                if !close(got, expected, absolute: 1e-6, relative: 1e-6) {
                    let percentage =
                        "The accuracy is a share between 0 and 1 (0.6 for 3 right out of 5), "
                        + "not a percentage."
                    throw fail(input, expected: "\(expected)", got: "\(got)", hint: got > 1 ? percentage : hint)
                }
            }
        }
    }
}
