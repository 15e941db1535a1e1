import Foundation

/// The cross-entropy loss, PyTorch's `nn.CrossEntropyLoss`: the loss of classification with
/// C classes, taking the model's raw scores (logits) and the right class of each sample.
///
///     ℓₙ = -log softmax(xₙ)[yₙ] = -xₙ[yₙ] + log Σ_c exp(xₙ[c])     x: [N, C] scores, y: [N] classes
///
/// It is `logSoftmax(dim: 1)` followed by `NLLLoss`, done in one step: faster, and exact for any
/// scores (the log-sum-exp subtracts each row's largest score first, so nothing overflows). Its
/// gradient is the famous `softmax(x) - onehot(y)`: push the right class up, the others down,
/// each by how much probability it wrongly has. So the model's last layer has no softmax.
///
///     let lossFunction = CrossEntropyLoss()
///     let loss = lossFunction(model(images), labels)     // tensor(2.3026, grad_fn=<NllLossBackward0>)
///
/// - `weight` (`[C]`) and `ignoreIndex` (-100 by default) work as in `NLLLoss`.
/// - `labelSmoothing` ε in [0, 1] trains toward `(1 - ε) · onehot(y) + ε / C` instead of the
///   bare one-hot target, so the model is never pushed to infinite confidence. PyTorch's
///   formula, also with weights: `ℓₙ = (1 - ε) · NLL + (ε / C) · Σ_c w[c] · (-log softmax(xₙ)[c])`.
public final class CrossEntropyLoss: Loss {
    public let weight: Tensor?
    public let ignoreIndex: Int
    public let reduction: Reduction
    public let labelSmoothing: Float

    public init(
        weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: Reduction = .mean, labelSmoothing: Float = 0
    ) {
        checkLabelSmoothing(labelSmoothing)
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.reduction = reduction
        self.labelSmoothing = labelSmoothing
    }

    public func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        input.crossEntropy(
            target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction,
            labelSmoothing: labelSmoothing)
    }
}

extension Tensor {
    /// The cross-entropy between these scores (`[N, C]`, or `[C]` for one sample) and the classes
    /// `target` (int64, `[N]`, or one class): PyTorch's `F.cross_entropy(input, target, weight,
    /// ignore_index=, reduction=, label_smoothing=)`.
    ///
    ///     forward:   logp = x - logsumexp(x)     (per row: log-softmax)
    ///                ℓₙ = (1 - ε) w[yₙ] (-logp[n, yₙ]) + (ε/C) Σ_c w[c] (-logp[n, c])
    ///                mean = Σₙ ℓₙ / Σₙ w[yₙ]     (over the samples not ignored)
    ///     backward:  dx = (softmax(x) - onehot(y)) · g / N      (no weight, no smoothing)
    ///                in general, per row, with a = dℓ/dlogp:  dx = a - softmax(x) · Σ_c a[c]
    ///
    /// PyTorch computes it as `nll_loss(log_softmax(x))`, so the result prints with
    /// `NllLossBackward0` (`AddBackward0` with label smoothing); this one step carries that name.
    public func crossEntropy(
        _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: Reduction = .mean,
        labelSmoothing: Float = 0
    ) -> Tensor {
        checkLabelSmoothing(labelSmoothing)
        let targets = ClassIndexTargets(
            "CrossEntropyLoss", input: self, target: target, weight: weight,
            ignoreIndex: ignoreIndex)
        let x = self
        let logp = alongDimension(rank - 1, logSoftmaxLine)  // the same kernel as logSoftmax(dim:)
        let losses = targets.losses(logProbabilities: logp, labelSmoothing: labelSmoothing)
        let rule = crossEntropyRule(
            targets, weighted: weight != nil, reduction: reduction,
            labelSmoothing: labelSmoothing)
        return reduction.reduce(losses, shape: targets.lossShape, divisor: targets.totalWeight)
            .recorded(labelSmoothing > 0 ? "AddBackward0" : "NllLossBackward0", rule, from: [x]) { g in
                // a = dℓ/dlogp, then through log-softmax: dx = a - softmax · Σa, row by row.
                var dx = targets.logProbabilityGradient(g, reduction: reduction, labelSmoothing: labelSmoothing)
                logSoftmaxBackwardRows(
                    &dx, logProbabilities: logp, classes: targets.classes,
                    rows: (0..<targets.samples).lazy.filter { targets.labels[$0] >= 0 })
                return [Tensor(shape: x.shape, scalars: dx)]
            }
    }
}

/// The backward rule as the trace prints it, in the simplest form that is true for the options.
private func crossEntropyRule(
    _ targets: ClassIndexTargets, weighted: Bool, reduction: Reduction, labelSmoothing epsilon: Float
) -> String {
    let g = reduction == .none ? "g[n]" : "g"
    let scale = reduction.ruleSuffix(targets.meanDivisorText(weighted: weighted))
    let target = epsilon > 0 ? "((1 - \(epsilon)) * onehot(y) + \(epsilon) / \(targets.classes))" : "onehot(y)"
    if !weighted { return "dx = (softmax(x) - \(target)) * \(g)\(scale)" }
    let a =
        epsilon > 0
        ? "a = -\(g) * ((1 - \(epsilon)) * w[y] * onehot(y) + \(epsilon) / \(targets.classes) * w)\(scale)"
        : "a = -\(g) * w[y] * onehot(y)\(scale)"
    return "dx = a - softmax(x) * Σ a, \(a)"
}

/// Stops unless ε is a valid label smoothing, with PyTorch's message.
private func checkLabelSmoothing(_ epsilon: Float) {
    guard epsilon >= 0 && epsilon <= 1 else {
        failure("CrossEntropyLoss: label_smoothing must be between 0.0 and 1.0. Got: \(epsilon)")
    }
}
