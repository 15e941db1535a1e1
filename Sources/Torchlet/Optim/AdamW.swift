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
///
/// As in PyTorch, whose `AdamW` is a subclass of `Adam`, AdamW is Adam with `decoupledWeightDecay: true` and a default
/// weight decay of 0.01: it changes only those defaults, so everything else is Adam's.
public final class AdamW: Adam {
    /// Stops with PyTorch's message on a negative learning rate, epsilon or weight decay, on a
    /// beta outside [0, 1), and on an empty parameter list.
    public init(
        _ parameters: [Tensor], lr: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999), eps: Float = 1e-8,
        weightDecay: Float = 1e-2, amsgrad: Bool = false
    ) {
        super.init(
            parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
            decoupledWeightDecay: true, name: "AdamW")
    }
}
