/// Class-index targets, checked against the scores they label: what `NLLLoss` and
/// `CrossEntropyLoss` share.
///
/// The input holds one row of `C` numbers per sample (`[N, C]`, or `[C]` for a single sample);
/// the target holds one class index per sample (int64, `[N]`, or a single number). A sample whose
/// target equals `ignoreIndex` (-100 by default, PyTorch's) is left out: it costs nothing, gets
/// no gradient and does not count in the mean. That is how padding is skipped in sequence models.
///
/// With class weights `w` (one per class), sample n's loss is multiplied by `w[yₙ]`, and the mean
/// divides by the sum of the weights of the counted samples, `Σₙ w[yₙ]`, instead of their number:
/// the mean is then a weighted average. Without weights every `w[c]` is 1 and it is the plain mean.
struct ClassIndexTargets {
    /// N, the number of samples (1 for a single sample).
    let samples: Int
    /// C, the number of classes.
    let classes: Int
    /// The class of each sample, or -1 for a sample whose target is `ignoreIndex`.
    let labels: [Int]
    /// `w[c]` for each class: the given weights, or all 1.
    let classWeights: [Float]
    /// `Σₙ w[yₙ]` over the samples that are not ignored: what the mean divides by.
    let totalWeight: Double
    /// The shape of the unreduced loss: `[N]` for a batch, `[]` for a single sample.
    let lossShape: [Int]

    /// Checks `input`, `target` and `weight` against each other, stopping with PyTorch's
    /// message (and the fix) on the first problem. `loss` names the loss in the messages.
    init(_ loss: String, input: Tensor, target: Tensor, weight: Tensor?, ignoreIndex: Int) {
        guard input.dtype == .float32 else {
            failure(
                "\(loss): expected a floating point input (scores of shape [N, C]), but got dtype \(input.dtype). "
                    + "Convert it with .float().")
        }
        guard input.rank > 0 else { failure("\(loss): Expected 1 or more dimensions (got 0)") }
        guard input.rank <= 2 else {
            failure(
                "\(loss): input tensor should be 1D or 2D, but it has shape \(input.shape.formatted): "
                    + "Torchlet takes [N, C] (N samples, C classes) or [C] (one sample). Move the classes last and "
                    + "flatten the rest, e.g. input.permute(0, 2, 3, 1).reshape([-1, C]) for [N, C, H, W], and the "
                    + "target to match.")
        }
        guard target.dtype == .int64 else {
            failure(
                "\(loss): expected target dtype to be Long, but got \(target.dtype.scalarTypeName): "
                    + "the target holds one class index per sample, as whole numbers (torch.int64), "
                    + "e.g. Tensor([1, 0, 3]). Convert it with target.long()."
                    + (loss == "CrossEntropyLoss"
                        ? " (PyTorch also accepts class probabilities of the input's shape "
                            + "here; Torchlet takes class indices only.)" : ""))
        }
        guard target.rank <= 1 else {
            failure(
                "\(loss): 0D or 1D target tensor expected, multi-target not supported: the target has shape "
                    + "\(target.shape.formatted), but it should hold one class index per sample. Flatten it with "
                    + "target.reshape([\(target.count)]).")
        }
        let batched = input.rank == 2
        let samples = batched ? input.shape[0] : 1
        let classes = input.shape[input.rank - 1]
        if batched {
            let targetBatch = target.rank == 1 ? target.shape[0] : 1
            guard targetBatch == samples else {
                failure(
                    "\(loss): Expected input batch_size (\(samples)) to match target batch_size (\(targetBatch)). "
                        + "The input has shape \(input.shape.formatted) and the target \(target.shape.formatted): "
                        + "give one class index per row of scores.")
            }
        } else if target.count != 1 {
            failure(
                "\(loss): size mismatch (got input: \(input.shape.formatted), target: \(target.shape.formatted)): "
                    + "a single sample of \(classes) scores has one class index, a 0-dimensional target.")
        }
        if let weight {
            guard weight.rank == 1, weight.count == classes else {
                failure(
                    "\(loss): weight tensor should be defined either for all \(classes) classes or no classes but "
                        + "got weight tensor of shape: \(weight.shape.formatted)")
            }
            guard weight.dtype == .float32 else {
                failure("\(loss): weight must hold real numbers, but it is \(weight.dtype). Convert it with .float().")
            }
            guard !weight.requiresGrad else {
                failure(
                    "\(loss): the loss is not differentiable with respect to argument 'weight'. This input cannot "
                        + "have requiresGrad true: pass a constant tensor (e.g. weight.detach()).")
            }
        }
        let classWeights = weight?.scalars ?? [Float](repeating: 1, count: classes)
        var labels = [Int](repeating: -1, count: samples)
        var totalWeight: Double = 0
        for n in 0..<samples {
            let raw = target.scalars[n]
            let value = Int(exactly: raw) ?? Int.min  // not a whole number: out of bounds below
            if value == ignoreIndex { continue }
            guard value >= 0 && value < classes else {
                let shown = value == Int.min ? "\(raw)" : "\(value)"
                failure(
                    "\(loss): Target \(shown) is out of bounds. The input has \(classes) classes, so a target "
                        + "must be a class index in 0..<\(classes) (or the ignoreIndex, \(ignoreIndex)); sample \(n) "
                        + "has \(shown).")
            }
            labels[n] = value
            totalWeight += Double(classWeights[value])
        }
        self.samples = samples
        self.classes = classes
        self.labels = labels
        self.classWeights = classWeights
        self.totalWeight = totalWeight
        self.lossShape = batched ? [samples] : []
    }
}

extension ClassIndexTargets {
    /// Each sample's loss from its row of log-probabilities `logp` (`[N, C]`, row-major), with
    /// label smoothing ε (0 for none):
    ///
    ///     ℓₙ = (1 - ε) · w[yₙ] · (-logp[n, yₙ])  +  (ε / C) · Σ_c w[c] · (-logp[n, c])
    ///
    /// and 0 for an ignored sample. With ε = 0 that is `NLLLoss`'s `-w[yₙ] · logp[n, yₙ]`; with
    /// ε > 0 the target is the mix `(1 - ε) · onehot(yₙ) + ε / C` of the right class and all of
    /// them, PyTorch's formula, weights included.
    func losses(logProbabilities logp: [Float], labelSmoothing epsilon: Float) -> [Float] {
        classIndexLosses(
            logProbabilities: logp, labels: labels, classWeights: classWeights, classes: classes,
            labelSmoothing: epsilon)
    }

    /// The gradient of the reduced loss with respect to the log-probabilities, `[N, C]`:
    ///
    ///     d/dlogp[n, c] = -sₙ · ((1 - ε) · w[yₙ] · [c = yₙ]  +  (ε / C) · w[c])
    ///
    /// where `sₙ` is the gradient arriving at sample n through the reduction: `g[n]` (none),
    /// `g` (sum) or `g / Σ w[yₙ]` (mean). Ignored samples get 0.
    func logProbabilityGradient(_ g: Tensor, reduction: Reduction, labelSmoothing epsilon: Float) -> [Float] {
        var incoming = [Float](repeating: 1, count: samples)
        reduction.chain(g, into: &incoming, divisor: totalWeight)
        return classIndexLossGradient(
            incoming: incoming, labels: labels, classWeights: classWeights, classes: classes, labelSmoothing: epsilon)
    }
}

extension ClassIndexTargets {
    /// How the rule text writes the factor of the mean: `/ 3` (counted samples) or `/ Σ w[y]`.
    func meanDivisorText(weighted: Bool) -> String {
        weighted ? "Σ w[y]" : "\(Int(totalWeight))"
    }
}
