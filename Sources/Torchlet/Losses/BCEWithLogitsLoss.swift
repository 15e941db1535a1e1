import Foundation

/// Sigmoid and binary cross-entropy in one step, PyTorch's `nn.BCEWithLogitsLoss`: the loss of
/// yes/no questions for a model that outputs raw scores (logits), such as the XOR network.
///
///     ℓᵢ = -wᵢ [pᵢ yᵢ log σ(xᵢ) + (1 - yᵢ) log(1 - σ(xᵢ))]      σ(x) = 1 / (1 + e⁻ˣ)
///
/// It equals `BCELoss` after `sigmoid` but never rounds the probability: written (without
/// weights) as `max(x, 0) - x·y + log(1 + e^-|x|)`, nothing overflows, and a score of 200 on the
/// wrong side costs 200, where `sigmoid` + `BCELoss` can only say 100.
///
/// - `weight` rescales each element's loss (broadcast to the input's shape);
/// - `posWeight` (p above) rescales the loss of the positive examples (targets 1) per class:
///   a `[C]` tensor for `[N, C]` inputs. With 100 negatives for every 3 positives of a class,
///   `posWeight` 100/3 makes the positives count as much as the negatives.
public final class BCEWithLogitsLoss: Loss {
    public let weight: Tensor?
    public let reduction: Reduction
    public let posWeight: Tensor?

    public init(weight: Tensor? = nil, reduction: Reduction = .mean, posWeight: Tensor? = nil) {
        self.weight = weight
        self.reduction = reduction
        self.posWeight = posWeight
    }

    public func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        input.binaryCrossEntropyWithLogits(target, weight: weight, posWeight: posWeight, reduction: reduction)
    }
}

extension Tensor {
    /// The binary cross-entropy between `sigmoid` of these scores and `target` (same shape):
    /// PyTorch's `F.binary_cross_entropy_with_logits(input, target, weight, pos_weight=, reduction=)`.
    ///
    /// With `log σ(x) = min(x, 0) - log(1 + e^-|x|)` (finite for any x) and the positive examples'
    /// factor `l = 1 + (p - 1) y`:
    ///
    ///     forward:   ℓᵢ = wᵢ [(1 - yᵢ) xᵢ - lᵢ log σ(xᵢ)]
    ///     backward:  dxᵢ = g · wᵢ (σ(xᵢ) - yᵢ)                       without posWeight
    ///                dxᵢ = g · wᵢ ((p yᵢ + 1 - yᵢ) σ(xᵢ) - p yᵢ)      with it   (g / n for the mean)
    ///                dyᵢ = -g · wᵢ xᵢ,  or  g · wᵢ (log σ(-xᵢ) - p log σ(xᵢ))
    public func binaryCrossEntropyWithLogits(
        _ target: Tensor, weight: Tensor? = nil, posWeight: Tensor? = nil, reduction: Reduction = .mean
    ) -> Tensor {
        let loss = "BCEWithLogitsLoss"
        checkElementwiseLossArguments(loss, self, target, shapeRule: .mustMatch)
        let w = broadcastLossWeight(weight, to: shape, loss: loss, argument: "weight")
        let p = broadcastLossWeight(posWeight, to: shape, loss: loss, argument: "posWeight")
        let x = self, n = Double(count)
        var losses =
            p.map { p in
                zipScalars(x.scalars, target.scalars, p) { xi, yi, pi in
                    (1 - yi) * xi - (1 + (pi - 1) * yi) * logSigmoid(xi)
                }
            } ?? zipScalars(x.scalars, target.scalars) { xi, yi in (1 - yi) * xi - logSigmoid(xi) }
        applyLossWeight(w, to: &losses)
        let gw = w == nil ? "g" : "g * w"
        let rule =
            (p == nil ? "dx = \(gw) * (σ(x) - y)" : "dx = \(gw) * ((p * y + 1 - y) * σ(x) - p * y)")
            + reduction.ruleSuffix("\(count)")
            + (p == nil ? ", dy = -\(gw) * x" : ", dy = \(gw) * (log σ(-x) - p * log σ(x))")
        return reduction.reduce(losses, shape: shape, divisor: n)
            .recorded("BinaryCrossEntropyWithLogitsBackward0", rule, from: [x, target]) { g in
                var dx =
                    p.map { p in
                        zipScalars(x.scalars, target.scalars, p) { xi, yi, pi in
                            (pi * yi + 1 - yi) * stableSigmoid(xi) - pi * yi
                        }
                    } ?? zipScalars(x.scalars, target.scalars) { xi, yi in stableSigmoid(xi) - yi }
                applyLossWeight(w, to: &dx)
                reduction.chain(g, into: &dx, divisor: n)
                var dy: Tensor?
                if target.requiresGrad {
                    var local =
                        p.map { p in
                            zipScalars(x.scalars, p) { xi, pi in logSigmoid(-xi) - pi * logSigmoid(xi) }
                        } ?? mapScalars(x.scalars) { -$0 }
                    applyLossWeight(w, to: &local)
                    reduction.chain(g, into: &local, divisor: n)
                    dy = Tensor(shape: target.shape, scalars: local)
                }
                return [Tensor(shape: x.shape, scalars: dx), dy]
            }
    }
}

/// `log σ(x) = min(x, 0) - log(1 + e^-|x|)`: never overflows, and exact for large |x|.
@inline(__always)
private func logSigmoid(_ x: Float) -> Float {
    Swift.min(x, 0) - Foundation.log1p(Foundation.exp(-Swift.abs(x)))
}

/// `σ(x)` computed so that `e^(-x)` never overflows.
@inline(__always)
private func stableSigmoid(_ x: Float) -> Float {
    x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
}
