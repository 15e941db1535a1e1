/// Stochastic gradient descent, optionally with momentum, dampening, Nesterov momentum and
/// weight decay: PyTorch's `torch.optim.SGD`, update for update.
///
///     let optimizer = SGD(model.parameters(), lr: 0.1, momentum: 0.9)
///
/// For each parameter θ with gradient g, one `step()` does (γ the learning rate, λ the weight
/// decay, μ the momentum, τ the dampening, t the number of steps so far including this one):
///
///     g ← g + λθ                                 if λ ≠ 0   (L2 penalty λ/2·‖θ‖² added to the loss)
///     if μ ≠ 0:
///         b ← g                                  if t = 1   (the first step: no dampening)
///         b ← μb + (1 − τ)g                      otherwise  (b remembers past gradients)
///         g ← g + μb                             if nesterov (look ahead along b)
///         g ← b                                  otherwise
///     θ ← θ − γg
///
/// Plain SGD (μ = 0) keeps no memory. With momentum, the buffer b is a running sum that keeps
/// the parameters rolling in directions where gradients agree step after step; it is saved in
/// `stateDict()` as `state.<i>.momentum_buffer`.
public final class SGD: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    /// μ: how much of the previous update carries over.
    public let momentum: Float
    /// τ: how much of the new gradient is held back when it joins the momentum buffer.
    public let dampening: Float
    /// λ: the L2 penalty's factor.
    public let weightDecay: Float
    /// Whether to use Nesterov momentum (step along g + μb instead of b).
    public let nesterov: Bool

    /// The momentum buffer b of each parameter, created by its first step with a gradient.
    private var momentumBuffers: [StateBuffer?]

    /// Stops with PyTorch's message on a negative learning rate, momentum or weight decay, on
    /// an empty parameter list, and on `nesterov` without momentum or with dampening.
    public init(
        _ parameters: [Tensor], lr: Float = 1e-3, momentum: Float = 0, dampening: Float = 0,
        weightDecay: Float = 0, nesterov: Bool = false
    ) {
        checkNonNegative(lr, "learning rate", optimizer: "SGD")
        checkNonNegative(momentum, "momentum value", optimizer: "SGD")
        checkNonNegative(weightDecay, "weight_decay value", optimizer: "SGD")
        if nesterov && (momentum <= 0 || dampening != 0) {
            failure(
                "SGD: Nesterov momentum requires a momentum and zero dampening (got momentum \(momentum), "
                    + "dampening \(dampening)); pass momentum: 0.9, dampening: 0, or nesterov: false.")
        }
        checkParameters(parameters, optimizer: "SGD")
        self.parameters = parameters
        self.learningRate = lr
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        momentumBuffers = Array(repeating: nil, count: parameters.count)
    }

    public func step() {
        let γ = learningRate, λ = weightDecay, μ = momentum, τ = dampening, nesterov = nesterov
        for (index, parameter) in parameters.enumerated() {
            guard let gradient = parameter.grad else { continue }  // no gradient, no update (as in PyTorch)
            if μ == 0 {
                updateParameter(parameter, gradient: gradient, optimizer: "SGD") { θ, grad, count in
                    for i in 0..<count {
                        let g = grad[i] + λ * θ[i]  // weight decay (adds nothing when λ = 0)
                        θ[i] -= γ * g
                    }
                }
                continue
            }
            let isFirstStep = momentumBuffers[index] == nil
            let buffer = momentumBuffers[index] ?? StateBuffer(count: parameter.count)
            momentumBuffers[index] = buffer
            updateParameter(parameter, gradient: gradient, optimizer: "SGD") { θ, grad, count in
                let b = buffer.pointer
                for i in 0..<count {
                    var g = grad[i] + λ * θ[i]  // weight decay (adds nothing when λ = 0)
                    b[i] = isFirstStep ? g : μ * b[i] + (1 - τ) * g
                    g = nesterov ? g + μ * b[i] : b[i]
                    θ[i] -= γ * g
                }
            }
        }
    }

    /// `state.<i>.momentum_buffer` for every parameter that has one (none without momentum).
    public func stateDict() -> [(name: String, tensor: Tensor)] {
        momentumBuffers.enumerated().compactMap { index, buffer in
            buffer.map {
                (OptimizerStateLayout.key(index, "momentum_buffer"), $0.tensor(shape: parameters[index].shape))
            }
        }
    }

    public func loadStateDict(_ state: [String: Tensor]) throws {
        let layout = OptimizerStateLayout(names: momentum == 0 ? [] : ["momentum_buffer"])
        let saved = try layout.check(state, parameters: parameters, everyParameter: false)
        momentumBuffers = saved.map { entries in
            entries.map { StateBuffer(copying: $0["momentum_buffer"]!.scalars) }
        }
    }
}
