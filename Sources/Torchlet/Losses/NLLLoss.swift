/// The negative log-likelihood loss, PyTorch's `nn.NLLLoss`: for a model that outputs
/// log-probabilities (after `logSoftmax`), the minus log-probability of the right class.
///
///     ℓₙ = -w[yₙ] · input[n, yₙ]           input: [N, C] log-probabilities, target: [N] classes
///
/// A model that gives the right class probability 1 costs 0; probability 0.1 costs 2.3. Together
/// with `logSoftmax(dim: 1)` it is `CrossEntropyLoss`, which does both in one step from raw scores
/// (and is what you usually want).
///
/// - `weight` (`[C]`) rescales each class: a rare class can count as much as a common one. With
///   weights the mean divides by the sum of the weights of the counted samples, `Σₙ w[yₙ]`.
/// - A sample whose target is `ignoreIndex` (-100 by default) is skipped: no loss, no gradient,
///   not counted in the mean.
public final class NLLLoss: Loss {
    public let weight: Tensor?
    public let ignoreIndex: Int
    public let reduction: Reduction

    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: Reduction = .mean) {
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.reduction = reduction
    }

    public func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        input.nllLoss(target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
    }
}

extension Tensor {
    /// The negative log-likelihood of the classes `target` (int64, `[N]`) under these
    /// log-probabilities (`[N, C]`, or `[C]` and a single class for one sample): PyTorch's
    /// `F.nll_loss(input, target, weight, ignore_index=, reduction=)`.
    ///
    ///     forward:   ℓₙ = -w[yₙ] · x[n, yₙ]                  (0 where yₙ = ignoreIndex)
    ///                mean = Σₙ ℓₙ / Σₙ w[yₙ]                 (over the samples not ignored)
    ///     backward:  dx[n, yₙ] = -g · w[yₙ]   (g / Σₙ w[yₙ] for the mean), 0 elsewhere
    public func nllLoss(
        _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: Reduction = .mean
    ) -> Tensor {
        let targets = ClassIndexTargets(
            "NLLLoss", input: self, target: target, weight: weight,
            ignoreIndex: ignoreIndex)
        let x = self
        let losses = targets.losses(logProbabilities: scalars, labelSmoothing: 0)
        let rule =
            "dx[n, y[n]] = -\(reduction == .none ? "g[n]" : "g")\(weight == nil ? "" : " * w[y[n]]")"
            + reduction.ruleSuffix(targets.meanDivisorText(weighted: weight != nil)) + ", 0 elsewhere"
        return reduction.reduce(losses, shape: targets.lossShape, divisor: targets.totalWeight)
            .recorded("NllLossBackward0", rule, from: [x]) { g in
                [
                    Tensor(
                        shape: x.shape,
                        scalars: targets.logProbabilityGradient(g, reduction: reduction, labelSmoothing: 0))
                ]
            }
    }
}
