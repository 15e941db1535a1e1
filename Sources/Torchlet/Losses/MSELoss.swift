/// The mean squared error, PyTorch's `nn.MSELoss`: the loss of regression.
///
///     ℓᵢ = (xᵢ - yᵢ)²          then the mean (default), the sum, or every ℓᵢ (`reduction`)
///
/// Squaring makes every miss count, and big misses count much more than small ones: a
/// prediction 2 off costs 4 times what a prediction 1 off costs.
///
///     let lossFunction = MSELoss()
///     let loss = lossFunction(model(x), y)     // x: [N, 1] → prediction [N, 1], y: [N, 1]
///
/// The prediction and the target must have the same shape. PyTorch only warns when they do not
/// and then broadcasts them (a prediction `[N, 1]` against a target `[N]` becomes an `[N, N]`
/// table of every prediction against every target): a classic silent bug, so here it stops.
public final class MSELoss: Loss {
    public let reduction: Reduction

    public init(reduction: Reduction = .mean) {
        self.reduction = reduction
    }

    public func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        input.mseLoss(target, reduction: reduction)
    }
}

extension Tensor {
    /// The squared error between this prediction and `target` (same shape), reduced by
    /// `reduction`: PyTorch's `F.mse_loss(input, target)`.
    ///
    ///     forward:   ℓᵢ = (xᵢ - yᵢ)²
    ///     backward:  dxᵢ = g · 2 (xᵢ - yᵢ)      (g / n for the mean over n elements)
    ///                dyᵢ = -dxᵢ                 (the target can learn too, as in PyTorch)
    public func mseLoss(_ target: Tensor, reduction: Reduction = .mean) -> Tensor {
        checkElementwiseLossArguments("MSELoss", self, target, shapeRule: .warnsInPyTorch)
        let x = self, n = Double(count)
        let losses = zipScalars(x.scalars, target.scalars) { xi, yi in (xi - yi) * (xi - yi) }
        return reduction.reduce(losses, shape: shape, divisor: n)
            .recorded(
                "MseLossBackward0", "dx = g * 2 * (x - y)\(reduction.ruleSuffix("\(count)")), dy = -dx",
                from: [x, target]
            ) { g in
                var dx = zipScalars(x.scalars, target.scalars) { xi, yi in 2 * (xi - yi) }
                reduction.chain(g, into: &dx, divisor: n)
                let dy = target.requiresGrad ? Tensor(shape: target.shape, scalars: mapScalars(dx) { -$0 }) : nil
                return [Tensor(shape: x.shape, scalars: dx), dy]
            }
    }
}
