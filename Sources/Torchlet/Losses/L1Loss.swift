/// The mean absolute error, PyTorch's `nn.L1Loss`.
///
///     ℓᵢ = |xᵢ - yᵢ|           then the mean (default), the sum, or every ℓᵢ (`reduction`)
///
/// Every unit of error costs the same, so a few wild targets (outliers) pull the model less
/// than they do under `MSELoss`. Its gradient is ±1 whatever the size of the error (0 for an
/// exact hit, as PyTorch's `sign`), so it does not slow down near the answer.
///
/// The prediction and the target must have the same shape (see `MSELoss` for why this stops
/// where PyTorch only warns).
public final class L1Loss: Loss {
    public let reduction: Reduction

    public init(reduction: Reduction = .mean) {
        self.reduction = reduction
    }

    public func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        input.l1Loss(target, reduction: reduction)
    }
}

extension Tensor {
    /// The absolute error between this prediction and `target` (same shape), reduced by
    /// `reduction`: PyTorch's `F.l1_loss(input, target)`.
    ///
    ///     forward:   ℓᵢ = |xᵢ - yᵢ|
    ///     backward:  dxᵢ = g · sign(xᵢ - yᵢ)    (g / n for the mean; sign(0) = 0)
    ///                dyᵢ = -dxᵢ
    ///
    /// PyTorch computes it as `abs(x - y)` followed by `mean()` or `sum()`, so its result prints
    /// with `MeanBackward0`, `SumBackward0` or `AbsBackward0`; this one step carries the same name.
    public func l1Loss(_ target: Tensor, reduction: Reduction = .mean) -> Tensor {
        checkElementwiseLossArguments("L1Loss", self, target, shapeRule: .warnsInPyTorch)
        let x = self, n = Double(count)
        let losses = zipScalars(x.scalars, target.scalars) { xi, yi in Swift.abs(xi - yi) }
        let name =
            switch reduction {
            case .mean: "MeanBackward0"
            case .sum: "SumBackward0"
            case .none: "AbsBackward0"
            }
        return reduction.reduce(losses, shape: shape, divisor: n)
            .recorded(
                name, "dx = g * sign(x - y)\(reduction.ruleSuffix("\(count)")), dy = -dx",
                from: [x, target]
            ) { g in
                var dx = zipScalars(x.scalars, target.scalars) { xi, yi in
                    xi > yi ? 1 : (xi < yi ? -1 : 0)
                }
                reduction.chain(g, into: &dx, divisor: n)
                let dy = target.requiresGrad ? Tensor(shape: target.shape, scalars: mapScalars(dx) { -$0 }) : nil
                return [Tensor(shape: x.shape, scalars: dx), dy]
            }
    }
}
