/// Adagrad: each parameter's step shrinks with the sum of all its squared gradients so far,
/// PyTorch's `torch.optim.Adagrad`, update for update.
///
///     let optimizer = Adagrad(model.parameters(), lr: 0.01)
///
/// For each parameter θ with gradient g, one `step()` does (γ the learning rate, η the
/// learning-rate decay, λ the weight decay, ε for numerical stability, t the parameter's step
/// count after this step; all operations elementwise):
///
///     g ← g + λθ                        if λ ≠ 0
///     γₜ ← γ / (1 + (t − 1)η)            the decayed learning rate
///     s ← s + g²                        s starts at initialAccumulatorValue
///     θ ← θ − γₜ · g / (√s + ε)
///
/// Parameters with large or frequent gradients slow down, rarely updated ones keep a large
/// step; but s only grows, so every step size eventually fades (RMSprop and Adam forget old
/// gradients instead). As in PyTorch, the state exists from the start: `state.<i>.step` and
/// `state.<i>.sum` (s) for every parameter.
public final class Adagrad: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    /// η: how fast the learning rate decays with the step count.
    public let lrDecay: Float
    /// λ: the L2 penalty's factor.
    public let weightDecay: Float
    /// The value s starts at.
    public let initialAccumulatorValue: Float
    /// ε, added to the denominator so it is never 0.
    public let eps: Float

    /// t for each parameter.
    private var steps: [Int]
    /// s for each parameter.
    private var sums: [StateBuffer]

    /// Stops with PyTorch's message on a negative learning rate, learning-rate decay, weight
    /// decay, initial accumulator value or epsilon, and on an empty parameter list.
    public init(
        _ parameters: [Tensor], lr: Float = 1e-2, lrDecay: Float = 0, weightDecay: Float = 0,
        initialAccumulatorValue: Float = 0, eps: Float = 1e-10
    ) {
        checkNonNegative(lr, "learning rate", optimizer: "Adagrad")
        checkNonNegative(lrDecay, "lr_decay value", optimizer: "Adagrad")
        checkNonNegative(weightDecay, "weight_decay value", optimizer: "Adagrad")
        checkNonNegative(initialAccumulatorValue, "initial_accumulator_value value", optimizer: "Adagrad")
        checkNonNegative(eps, "epsilon value", optimizer: "Adagrad")
        checkParameters(parameters, optimizer: "Adagrad")
        self.parameters = parameters
        self.learningRate = lr
        self.lrDecay = lrDecay
        self.weightDecay = weightDecay
        self.initialAccumulatorValue = initialAccumulatorValue
        self.eps = eps
        steps = Array(repeating: 0, count: parameters.count)
        sums = parameters.map { StateBuffer(count: $0.count, repeating: initialAccumulatorValue) }
    }

    public func step() {
        let λ = weightDecay, ε = eps
        for (index, parameter) in parameters.enumerated() {
            guard let gradient = parameter.grad else { continue }  // no gradient, no update (as in PyTorch)
            steps[index] += 1
            let t = Double(steps[index])
            let γt = Float(Double(learningRate) / (1 + (t - 1) * Double(lrDecay)))
            let s = sums[index].pointer
            updateParameter(parameter, gradient: gradient, optimizer: "Adagrad") { θ, grad, count in
                for i in 0..<count {
                    let g = grad[i] + λ * θ[i]  // weight decay (adds nothing when λ = 0)
                    s[i] += g * g
                    θ[i] -= γt * g / (s[i].squareRoot() + ε)
                }
            }
        }
    }

    /// `state.<i>.step` and `state.<i>.sum` for every parameter.
    public func stateDict() -> [(name: String, tensor: Tensor)] {
        parameters.indices.flatMap { index in
            [
                (OptimizerStateLayout.key(index, "step"), OptimizerStateLayout.stepTensor(steps[index])),
                (OptimizerStateLayout.key(index, "sum"), sums[index].tensor(shape: parameters[index].shape)),
            ]
        }
    }

    public func loadStateDict(_ state: [String: Tensor]) throws {
        let layout = OptimizerStateLayout(names: ["step", "sum"])
        let saved = try layout.check(state, parameters: parameters, everyParameter: true)
        steps = saved.map { $0!["step"]!.savedStepCount }
        sums = saved.map { StateBuffer(copying: $0!["sum"]!.scalars) }
    }
}
