import Foundation

/// Adam: gradient descent with per-parameter step sizes from running averages of the gradient
/// and of its square, PyTorch's `torch.optim.Adam`, update for update.
///
///     let optimizer = Adam(model.parameters(), lr: 1e-3)
///
/// For each parameter θ with gradient g, one `step()` does (γ the learning rate, β₁ and β₂ the
/// betas, λ the weight decay, ε for numerical stability, t the parameter's step count after
/// this step; all operations elementwise):
///
///     g ← g + λθ                                  if λ ≠ 0 (L2 penalty; `decoupledWeightDecay`, as in
///                                                  `AdamW`, shrinks θ ← θ − γλθ instead)
///     m ← β₁m + (1 − β₁)g                          first moment: a running mean of gradients
///     v ← β₂v + (1 − β₂)g²                         second moment: a running mean of squared gradients
///     v_max ← max(v_max, v)                        if amsgrad (the denominator never shrinks)
///     stepSize ← γ / (1 − β₁ᵗ)                     bias corrections: m and v start at 0, so early
///     denom ← √v / √(1 − β₂ᵗ) + ε                  on they are too small; dividing fixes that
///                                                  (with amsgrad, √v_max instead of √v)
///     θ ← θ − stepSize · m / denom
///
/// m / √v is about ±1 where gradients keep their sign and near 0 where they flip, so every
/// parameter moves about γ per step whatever the scale of its gradient. The state of parameter i
/// is saved as `state.<i>.step`, `state.<i>.exp_avg` (m), `state.<i>.exp_avg_sq` (v) and, with
/// amsgrad, `state.<i>.max_exp_avg_sq`.
public class Adam: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    /// (β₁, β₂): how slowly the running averages m and v forget.
    public let betas: (Float, Float)
    /// ε, added to the denominator so it is never 0.
    public let eps: Float
    /// λ: the L2 penalty's factor, added to the gradient (or, with `decoupledWeightDecay`, the
    /// fraction, times γ, by which every parameter shrinks each step).
    public let weightDecay: Float
    /// Whether to divide by the largest v seen so far (AMSGrad) instead of the current v.
    public let amsgrad: Bool
    /// Whether the weight decay shrinks θ directly (θ ← θ − γλθ, as `AdamW` does) instead of
    /// being added to the gradient: PyTorch's `decoupled_weight_decay`.
    public let decoupledWeightDecay: Bool
    /// The name in error messages: `Adam` or `AdamW`.
    let name: String

    private var states: [AdamParameterState?]

    /// Stops with PyTorch's message on a negative learning rate, epsilon or weight decay, on a
    /// beta outside [0, 1), and on an empty parameter list.
    public convenience init(
        _ parameters: [Tensor], lr: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999), eps: Float = 1e-8,
        weightDecay: Float = 0, amsgrad: Bool = false, decoupledWeightDecay: Bool = false
    ) {
        self.init(
            parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
            decoupledWeightDecay: decoupledWeightDecay, name: "Adam")
    }

    init(
        _ parameters: [Tensor], lr: Float, betas: (Float, Float), eps: Float, weightDecay: Float, amsgrad: Bool,
        decoupledWeightDecay: Bool, name: String
    ) {
        checkAdamArguments(parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, optimizer: name)
        self.parameters = parameters
        self.learningRate = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        self.decoupledWeightDecay = decoupledWeightDecay
        self.name = name
        states = Array(repeating: nil, count: parameters.count)
    }

    public func step() {
        adamStep(
            parameters, &states, lr: learningRate, betas: betas, eps: eps, weightDecay: weightDecay,
            decoupled: decoupledWeightDecay, amsgrad: amsgrad, optimizer: name)
    }

    public func stateDict() -> [(name: String, tensor: Tensor)] {
        adamStateDict(states, parameters: parameters)
    }

    public func loadStateDict(_ state: [String: Tensor]) throws {
        states = try loadAdamState(state, parameters: parameters, amsgrad: amsgrad)
    }
}

// MARK: - What Adam and AdamW share

/// The memory Adam and AdamW keep for one parameter.
final class AdamParameterState {
    /// t: how many steps this parameter has taken.
    var step = 0
    /// m: the running mean of gradients (PyTorch's `exp_avg`).
    let expAvg: StateBuffer
    /// v: the running mean of squared gradients (`exp_avg_sq`).
    let expAvgSq: StateBuffer
    /// v_max: the largest v so far, with amsgrad only (`max_exp_avg_sq`).
    let maxExpAvgSq: StateBuffer?

    init(count: Int, amsgrad: Bool) {
        expAvg = StateBuffer(count: count)
        expAvgSq = StateBuffer(count: count)
        maxExpAvgSq = amsgrad ? StateBuffer(count: count) : nil
    }

    init(step: Int, expAvg: StateBuffer, expAvgSq: StateBuffer, maxExpAvgSq: StateBuffer?) {
        self.step = step
        self.expAvg = expAvg
        self.expAvgSq = expAvgSq
        self.maxExpAvgSq = maxExpAvgSq
    }
}

func checkAdamArguments(
    _ parameters: [Tensor], lr: Float, betas: (Float, Float), eps: Float, weightDecay: Float, optimizer: String
) {
    checkNonNegative(lr, "learning rate", optimizer: optimizer)
    checkNonNegative(eps, "epsilon value", optimizer: optimizer)
    checkBeta(betas.0, index: 0, optimizer: optimizer)
    checkBeta(betas.1, index: 1, optimizer: optimizer)
    checkNonNegative(weightDecay, "weight_decay value", optimizer: optimizer)
    checkParameters(parameters, optimizer: optimizer)
}

/// One Adam (or, with `decoupled`, AdamW) step for every parameter that has a gradient.
func adamStep(
    _ parameters: [Tensor], _ states: inout [AdamParameterState?], lr γ: Float, betas: (Float, Float), eps ε: Float,
    weightDecay λ: Float, decoupled: Bool, amsgrad: Bool, optimizer: String
) {
    let (β1, β2) = betas
    for (index, parameter) in parameters.enumerated() {
        guard let gradient = parameter.grad else { continue }  // no gradient, no update (as in PyTorch)
        let state = states[index] ?? AdamParameterState(count: parameter.count, amsgrad: amsgrad)
        states[index] = state
        state.step += 1
        // The bias corrections in Double, as PyTorch computes them (in Python floats).
        let t = Double(state.step)
        let biasCorrection1 = 1 - pow(Double(β1), t)
        let biasCorrection2 = 1 - pow(Double(β2), t)
        let stepSize = Float(Double(γ) / biasCorrection1)
        let biasCorrection2Sqrt = Float(biasCorrection2.squareRoot())
        // Weight decay: AdamW shrinks θ ← θ − γλθ = (1 − γλ)θ, Adam adds λθ to the gradient.
        // (With λ = 0 both leave θ and g as they are, so the loop needs no branch for it.)
        let shrink: Float = decoupled ? 1 - γ * λ : 1
        let l2: Float = decoupled ? 0 : λ
        updateParameter(parameter, gradient: gradient, optimizer: optimizer) { θ, grad, count in
            let m = state.expAvg.pointer, v = state.expAvgSq.pointer
            if let vMax = state.maxExpAvgSq?.pointer {  // amsgrad
                for i in 0..<count {
                    θ[i] *= shrink
                    let g = grad[i] + l2 * θ[i]
                    m[i] = β1 * m[i] + (1 - β1) * g
                    v[i] = β2 * v[i] + (1 - β2) * g * g
                    vMax[i] = Swift.max(vMax[i], v[i])
                    let denom = vMax[i].squareRoot() / biasCorrection2Sqrt + ε
                    θ[i] -= stepSize * m[i] / denom
                }
            } else {
                for i in 0..<count {
                    θ[i] *= shrink
                    let g = grad[i] + l2 * θ[i]
                    m[i] = β1 * m[i] + (1 - β1) * g
                    v[i] = β2 * v[i] + (1 - β2) * g * g
                    let denom = v[i].squareRoot() / biasCorrection2Sqrt + ε
                    θ[i] -= stepSize * m[i] / denom
                }
            }
        }
    }
}

func adamStateDict(_ states: [AdamParameterState?], parameters: [Tensor]) -> [(name: String, tensor: Tensor)] {
    var entries: [(name: String, tensor: Tensor)] = []
    for (index, state) in states.enumerated() {
        guard let state else { continue }
        let shape = parameters[index].shape
        entries.append((OptimizerStateLayout.key(index, "step"), OptimizerStateLayout.stepTensor(state.step)))
        entries.append((OptimizerStateLayout.key(index, "exp_avg"), state.expAvg.tensor(shape: shape)))
        entries.append((OptimizerStateLayout.key(index, "exp_avg_sq"), state.expAvgSq.tensor(shape: shape)))
        if let maxExpAvgSq = state.maxExpAvgSq {
            entries.append((OptimizerStateLayout.key(index, "max_exp_avg_sq"), maxExpAvgSq.tensor(shape: shape)))
        }
    }
    return entries
}

func loadAdamState(
    _ state: [String: Tensor], parameters: [Tensor], amsgrad: Bool
) throws(CheckpointError) -> [AdamParameterState?] {
    let names = ["step", "exp_avg", "exp_avg_sq"] + (amsgrad ? ["max_exp_avg_sq"] : [])
    let saved = try OptimizerStateLayout(names: names).check(state, parameters: parameters, everyParameter: false)
    return saved.map { entries in
        entries.map {
            AdamParameterState(
                step: $0["step"]!.savedStepCount,
                expAvg: StateBuffer(copying: $0["exp_avg"]!.scalars),
                expAvgSq: StateBuffer(copying: $0["exp_avg_sq"]!.scalars),
                maxExpAvgSq: $0["max_exp_avg_sq"].map { StateBuffer(copying: $0.scalars) })
        }
    }
}
