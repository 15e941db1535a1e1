/// Adam with decoupled weight decay (Loshchilov & Hutter), PyTorch's `torch.optim.AdamW`,
/// update for update.
///
///     let optimizer = AdamW(model.parameters(), lr: 1e-3, weightDecay: 1e-2)
///
/// The same step as `Adam`, except for where the weight decay λ goes. Adam adds λθ to the
/// gradient, where the division by √v rescales it along with everything else; AdamW instead
/// shrinks the parameters directly, by the same fraction γλ for every one of them:
///
///     θ ← θ − γλθ                                  decoupled weight decay
///     m ← β₁m + (1 − β₁)g
///     v ← β₂v + (1 − β₂)g²
///     v_max ← max(v_max, v)                        if amsgrad
///     stepSize ← γ / (1 − β₁ᵗ)
///     denom ← √v / √(1 − β₂ᵗ) + ε                  (with amsgrad, √v_max instead of √v)
///     θ ← θ − stepSize · m / denom
///
/// Its state is saved under Adam's names: `state.<i>.step`, `state.<i>.exp_avg`,
/// `state.<i>.exp_avg_sq` and, with amsgrad, `state.<i>.max_exp_avg_sq`.
public final class AdamW: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    /// (β₁, β₂): how slowly the running averages m and v forget.
    public let betas: (Float, Float)
    /// ε, added to the denominator so it is never 0.
    public let eps: Float
    /// λ: the fraction (times γ) by which every parameter shrinks each step.
    public let weightDecay: Float
    /// Whether to divide by the largest v seen so far (AMSGrad) instead of the current v.
    public let amsgrad: Bool

    private var states: [AdamParameterState?]

    /// Stops with PyTorch's message on a negative learning rate, epsilon or weight decay, on a
    /// beta outside [0, 1), and on an empty parameter list.
    public init(
        _ parameters: [Tensor], lr: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999), eps: Float = 1e-8,
        weightDecay: Float = 1e-2, amsgrad: Bool = false
    ) {
        checkAdamArguments(parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, optimizer: "AdamW")
        self.parameters = parameters
        self.learningRate = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        states = Array(repeating: nil, count: parameters.count)
    }

    public func step() {
        adamStep(parameters, &states, lr: learningRate, betas: betas, eps: eps, weightDecay: weightDecay,
                 decoupled: true, amsgrad: amsgrad, optimizer: "AdamW")
    }

    public func stateDict() -> [(name: String, tensor: Tensor)] {
        adamStateDict(states, parameters: parameters)
    }

    public func loadStateDict(_ state: [String: Tensor]) throws {
        states = try loadAdamState(state, parameters: parameters, amsgrad: amsgrad)
    }
}
