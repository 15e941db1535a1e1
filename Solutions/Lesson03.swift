// Lesson 03 · loss functions: reference answers.
//
// The same functions as Exercises/Lesson03.swift, with the answers written in. Check them with
// `swift run check --solutions 3`. Other answers can be just as right: the checks compare
// values and gradients, not code.
import ExerciseChecks
import Torchlet

/// **3.1 The mean squared error.**
///
/// The loss of regression: how far the predictions are from the targets, on average, squared.
///
///     MSE = (1/N) Σᵢ (inputᵢ - targetᵢ)²        (N = every element of the tensors)
///
/// Squaring makes every miss positive and big misses count much more than small ones (a miss of
/// 2 costs 4 times a miss of 1). `input` and `target` have the same shape; return one number
/// (a tensor of shape `[]`), as PyTorch's `nn.MSELoss()` does, built with Tensor operations so
/// that `backward()` works through it.
///
/// Hint: `(input - target).pow(2).mean()`: `.mean()` divides by the number of elements, where
/// `.sum()` would not.
public func mseLoss(_ input: Tensor, _ target: Tensor) throws -> Tensor {
    // 3.1: return the mean of the squared differences.
    (input - target).pow(2).mean()
}

/// **3.2 The binary cross-entropy.**
///
/// The loss of yes/no questions, when the model gives a probability p that the answer is yes and
/// the target t is 1 (yes) or 0 (no), or a probability in between:
///
///     BCE = -(1/N) Σᵢ [tᵢ · log pᵢ + (1 - tᵢ) · log(1 - pᵢ)]
///
/// With t = 1 only `-log p` remains: 0 when p = 1, and growing without bound as p → 0, so a
/// confident wrong answer costs a lot. The logs of probabilities are ≤ 0, which is why there is
/// a minus sign in front: a loss is positive. Return one number (shape `[]`), as PyTorch's
/// `nn.BCELoss()`, built with Tensor operations. The probabilities are strictly between 0 and 1.
///
/// Hint: `probabilities.log()`, `(1 - probabilities).log()`, multiply by `targets` and
/// `1 - targets`, add, take `.mean()`, and negate.
public func binaryCrossEntropy(probabilities: Tensor, targets: Tensor) throws -> Tensor {
    // 3.2: return −mean(t · log p + (1 − t) · log(1 − p)).
    let yes = targets * probabilities.log()
    let no = (1 - targets) * (1 - probabilities).log()
    return -(yes + no).mean()
}

/// **3.3 The cross-entropy, through log-sum-exp.**
///
/// The loss of classification with C classes. The model gives raw scores (logits) `[N, C]`; the
/// targets are class indices `[N]` (int64, as `Tensor([2, 0, 1])` makes them). Each sample's
/// loss is minus the log of the probability softmax gives its right class yₙ:
///
///     ℓₙ = -log softmax(xₙ)[yₙ] = -xₙ[yₙ] + log Σ_c exp(xₙ[c])
///     loss = (1/N) Σₙ ℓₙ                                  (the mean over the batch)
///
/// This is PyTorch's `nn.CrossEntropyLoss()`. The log-sum-exp overflows for large scores (see
/// 2.3), so shift it by each row's largest score mₙ:
///
///     log Σ_c exp(xₙ[c]) = mₙ + log Σ_c exp(xₙ[c] - mₙ)
///
/// Return one number (shape `[]`), built with Tensor operations so that `backward()` reaches
/// the logits.
///
/// Hint: `logits.max(dim: 1, keepDim: true).values` is m; then `.exp()`, `.sum(dim: 1)`,
/// `.log()`. To pick xₙ[yₙ], make a one-hot mask `[N, C]` from `targets.scalars` (the class
/// numbers, stored as Floats) with `Tensor(shape:scalars:)`, and take
/// `(logits * mask).sum(dim: 1)`.
public func crossEntropy(logits: Tensor, targets: Tensor) throws -> Tensor {
    // 3.3: return the mean over the batch of log-sum-exp(xₙ) − xₙ[yₙ], shifted by each row's max.
    let samples = logits.size(0), classes = logits.size(1)
    // log Σ_c exp(x[c]), shifted by each row's largest score so that nothing overflows.
    let largest = logits.max(dim: 1, keepDim: true).values
    let logSumExp = (logits - largest).exp().sum(dim: 1).log() + largest.squeeze(dim: 1)
    // x[n, y[n]]: a one-hot mask keeps each row's right-class score.
    var oneHot = [Float](repeating: 0, count: samples * classes)
    for (row, label) in targets.scalars.enumerated() {
        oneHot[row * classes + Int(label)] = 1
    }
    let rightScores = (logits * Tensor(shape: [samples, classes], scalars: oneHot)).sum(dim: 1)
    return (logSumExp - rightScores).mean()
}
