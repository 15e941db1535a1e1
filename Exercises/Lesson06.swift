// Lesson 06 · an MLP on Fashion-MNIST: exercises.
//
// Write each answer where its `// TODO` is, in place of the `throw NotImplemented(...)` line,
// then check it: `swift run check 6.1` (one exercise) or `swift run check 6` (the lesson).
// Reference answers: Solutions/Lesson06.swift. Try first, peek after.
import ExerciseChecks
import Torchlet

/// **6.1 Accuracy from logits, for many classes.**
///
/// The number printed after every epoch: the share of samples whose highest score is at the
/// right class, between 0 and 1. `logits` are the network's raw scores `[N, C]` (row n holds
/// the C class scores of sample n); `labels` are `[N]`, int64 class indices `0..<C`:
///
///     predictedₙ = argmax_c logits[n, c]        accuracy = (number of predictedₙ == labelₙ) / N
///
/// Softmax keeps the order of the scores, so the argmax of the logits is the argmax of the
/// probabilities: no softmax is needed. No gradient either: the result is a plain `Float`.
///
/// Hint: `logits.argmax(dim: 1)` gives `[N]` class indices (as Floats in `.scalars`, like the
/// labels'); count the places where they equal `labels.scalars`, divide by N. Take the argmax
/// over dim 1 (the classes of one sample), not dim 0 (one class over all samples).
public func multiclassAccuracy(logits: Tensor, labels: Tensor) throws -> Float {
    // TODO: 6.1 count the rows whose largest score is at the label; divide by N.
    throw NotImplemented("6.1 multiclassAccuracy")
}

/// **6.2 Batches per epoch.**
///
/// How many steps one epoch takes: `samples` split into batches of `batchSize`. The last batch
/// holds what is left and may be smaller, unless `dropLast` is true, in which case it is left
/// out (PyTorch's `DataLoader(drop_last=True)`), so every batch is full:
///
///     60,000 samples, batch 100   -> 600 batches
///     60,000 samples, batch 1000  -> 60
///     10 samples, batch 3         -> 4 (3 + 3 + 3 + 1), or 3 with dropLast
///
/// This is the `len(loader)` of the batch-size study: a batch of 10 means 6,000 steps per
/// epoch, each with its forward pass, backward pass and update.
///
/// Hint: integer division rounds down; `(samples + batchSize - 1) / batchSize` rounds up.
public func batchesPerEpoch(samples: Int, batchSize: Int, dropLast: Bool) throws -> Int {
    // TODO: 6.2 return the number of batches, rounding up unless dropLast.
    throw NotImplemented("6.2 batchesPerEpoch")
}

/// **6.3 One-hot encoding.**
///
/// Cross-entropy compares the network's probabilities with the truth written as a probability
/// distribution too: all 0, except a 1 at the right class. Turn the class indices `labels`
/// `[N]` (int64) into that form, a float tensor `[N, classes]`:
///
///     oneHot(labels: tensor([2, 0]), classes: 3) = tensor([[0., 0., 1.],
///                                                          [1., 0., 0.]])
///
/// With it, H(t, p) = -Σᵢ tᵢ log pᵢ can be written as `-(t * p.log()).sum(dim: 1)`: the 0s
/// keep only the log-probability of the right class (PyTorch's `F.one_hot(labels, classes)`,
/// which gives int64; return floats here).
///
/// Hint: make `[Float](repeating: 0, count: N * classes)`, set the entry `n * classes + label`
/// of each row n to 1, and build `Tensor(shape: [N, classes], scalars: ...)`. The labels are
/// Floats in `labels.scalars`; convert with `Int(...)`.
public func oneHot(labels: Tensor, classes: Int) throws -> Tensor {
    // TODO: 6.3 return [N, classes] floats, 1 at each row's label and 0 elsewhere.
    throw NotImplemented("6.3 oneHot")
}
