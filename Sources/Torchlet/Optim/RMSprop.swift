/// RMSprop: divide each gradient by a running root mean square of recent gradients, PyTorch's
/// `torch.optim.RMSprop`, update for update.
///
///     let optimizer = RMSprop(model.parameters(), lr: 0.01)
///
/// For each parameter θ with gradient g, one `step()` does (γ the learning rate, α the
/// smoothing constant, λ the weight decay, μ the momentum, ε for numerical stability; all
/// operations elementwise):
///
///     g ← g + λθ                          if λ ≠ 0
///     v ← αv + (1 − α)g²                  running mean of squared gradients
///     if centered:
///         ḡ ← αḡ + (1 − α)g               running mean of gradients
///         d ← √(v − ḡ²) + ε               an estimate of the gradient's standard deviation
///     else:
///         d ← √v + ε
///     if μ > 0:
///         b ← μb + g / d                  momentum on the normalised step
///         θ ← θ − γb
///     else:
///         θ ← θ − γ · g / d
///
/// Like Adagrad it gives each parameter its own step size, but v forgets old gradients (by the
/// factor α per step), so steps do not fade away. The state of parameter i is saved as
/// `state.<i>.step`, `state.<i>.square_avg` (v), and `state.<i>.momentum_buffer` (b) with
/// momentum and `state.<i>.grad_avg` (ḡ) when centered.
public final class RMSprop: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    /// α: how slowly the running averages forget.
    public let alpha: Float
    /// ε, added to the denominator so it is never 0.
    public let eps: Float
    /// λ: the L2 penalty's factor.
    public let weightDecay: Float
    /// μ: how much of the previous step carries over.
    public let momentum: Float
    /// Whether to divide by the estimated standard deviation instead of the root mean square.
    public let centered: Bool

    private final class ParameterState {
        var step = 0
        let squareAvg: StateBuffer
        let momentumBuffer: StateBuffer?
        let gradAvg: StateBuffer?

        init(step: Int, squareAvg: StateBuffer, momentumBuffer: StateBuffer?, gradAvg: StateBuffer?) {
            self.step = step
            self.squareAvg = squareAvg
            self.momentumBuffer = momentumBuffer
            self.gradAvg = gradAvg
        }
    }

    private var states: [ParameterState?]

    /// Stops with PyTorch's message on a negative learning rate, epsilon, momentum, weight decay
    /// or alpha, and on an empty parameter list.
    public init(
        _ parameters: [Tensor], lr: Float = 1e-2, alpha: Float = 0.99, eps: Float = 1e-8, weightDecay: Float = 0,
        momentum: Float = 0, centered: Bool = false
    ) {
        checkNonNegative(lr, "learning rate", optimizer: "RMSprop")
        checkNonNegative(eps, "epsilon value", optimizer: "RMSprop")
        checkNonNegative(momentum, "momentum value", optimizer: "RMSprop")
        checkNonNegative(weightDecay, "weight_decay value", optimizer: "RMSprop")
        checkNonNegative(alpha, "alpha value", optimizer: "RMSprop")
        checkParameters(parameters, optimizer: "RMSprop")
        self.parameters = parameters
        self.learningRate = lr
        self.alpha = alpha
        self.eps = eps
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
        states = Array(repeating: nil, count: parameters.count)
    }

    public func step() {
        let γ = learningRate, α = alpha, ε = eps, λ = weightDecay, μ = momentum
        for (index, parameter) in parameters.enumerated() {
            guard let gradient = parameter.grad else { continue }  // no gradient, no update (as in PyTorch)
            let count = parameter.count
            let state =
                states[index]
                ?? ParameterState(
                    step: 0, squareAvg: StateBuffer(count: count),
                    momentumBuffer: μ > 0 ? StateBuffer(count: count) : nil,
                    gradAvg: centered ? StateBuffer(count: count) : nil)
            states[index] = state
            state.step += 1
            updateParameter(parameter, gradient: gradient, optimizer: "RMSprop") { θ, grad, count in
                let v = state.squareAvg.pointer, gAvg = state.gradAvg?.pointer, b = state.momentumBuffer?.pointer
                for i in 0..<count {
                    let g = grad[i] + λ * θ[i]  // weight decay (adds nothing when λ = 0)
                    v[i] = α * v[i] + (1 - α) * g * g
                    let d: Float
                    if let gAvg {
                        gAvg[i] = α * gAvg[i] + (1 - α) * g
                        d = (v[i] - gAvg[i] * gAvg[i]).squareRoot() + ε
                    } else {
                        d = v[i].squareRoot() + ε
                    }
                    if let b {
                        b[i] = μ * b[i] + g / d
                        θ[i] -= γ * b[i]
                    } else {
                        θ[i] -= γ * g / d
                    }
                }
            }
        }
    }

    public func stateDict() -> [(name: String, tensor: Tensor)] {
        var entries: [(name: String, tensor: Tensor)] = []
        for (index, state) in states.enumerated() {
            guard let state else { continue }
            let shape = parameters[index].shape
            entries.append((OptimizerStateLayout.key(index, "step"), OptimizerStateLayout.stepTensor(state.step)))
            entries.append((OptimizerStateLayout.key(index, "square_avg"), state.squareAvg.tensor(shape: shape)))
            if let buffer = state.momentumBuffer {
                entries.append((OptimizerStateLayout.key(index, "momentum_buffer"), buffer.tensor(shape: shape)))
            }
            if let gradAvg = state.gradAvg {
                entries.append((OptimizerStateLayout.key(index, "grad_avg"), gradAvg.tensor(shape: shape)))
            }
        }
        return entries
    }

    public func loadStateDict(_ state: [String: Tensor]) throws {
        let names = ["step", "square_avg"] + (momentum > 0 ? ["momentum_buffer"] : []) + (centered ? ["grad_avg"] : [])
        let saved = try OptimizerStateLayout(names: names).check(state, parameters: parameters, everyParameter: false)
        states = saved.map { entries in
            entries.map {
                ParameterState(
                    step: $0["step"]!.savedStepCount,
                    squareAvg: StateBuffer(copying: $0["square_avg"]!.scalars),
                    momentumBuffer: $0["momentum_buffer"].map { StateBuffer(copying: $0.scalars) },
                    gradAvg: $0["grad_avg"].map { StateBuffer(copying: $0.scalars) })
            }
        }
    }
}
