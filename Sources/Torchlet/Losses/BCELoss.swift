import Foundation

/// The binary cross-entropy of probabilities, PyTorch's `nn.BCELoss`: the loss of yes/no
/// questions when the model already outputs a probability (after a `sigmoid`).
///
///     ℓᵢ = -wᵢ [yᵢ log xᵢ + (1 - yᵢ) log(1 - xᵢ)]      xᵢ ∈ [0, 1], yᵢ ∈ [0, 1]
///
/// With target 1 the loss is `-log x`: 0 for a confident right answer, large for a confident
/// wrong one. As in PyTorch, each log is clamped at -100, so a probability of exactly 0 or 1
/// on the wrong side costs 100 instead of infinity.
///
/// Prefer `BCEWithLogitsLoss` on the raw scores: `sigmoid` rounds large scores to exactly 0 or
/// 1 in `Float`, after which this loss can only say 100 (and its gradient vanishes), while
/// `BCEWithLogitsLoss` computes the same loss exactly from the score.
///
/// `weight` rescales each element's loss; it is broadcast to the input's shape (a `[C]` weight
/// weights the columns of an `[N, C]` input).
public final class BCELoss: Loss {
    public let weight: Tensor?
    public let reduction: Reduction

    public init(weight: Tensor? = nil, reduction: Reduction = .mean) {
        self.weight = weight
        self.reduction = reduction
    }

    public func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        input.binaryCrossEntropy(target, weight: weight, reduction: reduction)
    }
}

extension Tensor {
    /// The binary cross-entropy between these probabilities and `target` (same shape):
    /// PyTorch's `F.binary_cross_entropy(input, target, weight, reduction)`.
    ///
    ///     forward:   ℓᵢ = wᵢ [(yᵢ - 1) · max(log(1 - xᵢ), -100) - yᵢ · max(log xᵢ, -100)]
    ///     backward:  dxᵢ = g · wᵢ (xᵢ - yᵢ) / max(xᵢ (1 - xᵢ), 10⁻¹²)     (g / n for the mean)
    ///                dyᵢ = -g · wᵢ · log(xᵢ / (1 - xᵢ))
    ///
    /// The gradient is the derivative `(x - y) / (x (1 - x))` with PyTorch's guard against
    /// dividing by 0 at x = 0 or 1.
    public func binaryCrossEntropy(_ target: Tensor, weight: Tensor? = nil, reduction: Reduction = .mean) -> Tensor {
        let loss = "BCELoss"
        checkElementwiseLossArguments(loss, self, target, shapeRule: .mustMatch)
        checkProbabilities(
            self, loss: loss, what: "input",
            hint: "BCELoss takes probabilities: apply .sigmoid() to the scores first, or better, "
                + "give the raw scores to BCEWithLogitsLoss, which is numerically stable.")
        checkProbabilities(
            target, loss: loss, what: "target",
            hint: "The targets of a yes/no question are 0 or 1 (or a probability in between).")
        let w = broadcastLossWeight(weight, to: shape, loss: loss, argument: "weight")
        let x = self, n = Double(count)
        var losses = zipScalars(x.scalars, target.scalars) { xi, yi in
            (yi - 1) * Swift.max(Foundation.log1p(-xi), -100) - yi * Swift.max(Foundation.log(xi), -100)
        }
        applyLossWeight(w, to: &losses)
        let gw = w == nil ? "g" : "g * w"
        let rule =
            "dx = \(gw) * (x - y) / max(x * (1 - x), 1e-12)\(reduction.ruleSuffix("\(count)")), "
            + "dy = -\(gw) * log(x / (1 - x))"
        return reduction.reduce(losses, shape: shape, divisor: n)
            .recorded("BinaryCrossEntropyBackward0", rule, from: [x, target]) { g in
                var dx = zipScalars(x.scalars, target.scalars) { xi, yi in
                    (xi - yi) / Swift.max((1 - xi) * xi, 1e-12)
                }
                applyLossWeight(w, to: &dx)
                reduction.chain(g, into: &dx, divisor: n)
                var dy: Tensor?
                if target.requiresGrad {
                    var local = mapScalars(x.scalars) { xi in -Foundation.log(xi / (1 - xi)) }
                    applyLossWeight(w, to: &local)
                    reduction.chain(g, into: &local, divisor: n)
                    dy = Tensor(shape: target.shape, scalars: local)
                }
                return [Tensor(shape: x.shape, scalars: dx), dy]
            }
    }
}

/// Stops unless every number of `tensor` is a probability, naming the first one that is not.
private func checkProbabilities(_ tensor: Tensor, loss: String, what: String, hint: String) {
    // `!(v >= 0 && v <= 1)` also catches NaN, the sign of a run that diverged.
    guard let bad = tensor.scalars.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) else { return }
    failure(
        "\(loss): all elements of \(what) should be between 0 and 1, but element \(bad) is "
            + "\(tensor.scalars[bad]). \(hint)")
}
