import Foundation
import Torchlet

/// The numbers of one epoch.
struct CNNEpoch: Equatable {
    var epoch: Int
    /// The mean loss over the epoch's training batches (each weighted by its size).
    var trainLoss: Float
    /// The share of training images classified right while they were being learned (with dropout on).
    var trainAccuracy: Float
    /// The mean loss and accuracy on the test set after the epoch.
    var testLoss: Float
    var testAccuracy: Float
    /// Seconds spent training (forward, backward, step) in this epoch, without the evaluation.
    var seconds: Double
}

/// Where a run went wrong: the loss stopped being a number.
struct CNNDivergence: Equatable {
    var epoch: Int
    var batch: Int
    var loss: Float
}

/// What a training run produced.
struct CNNRun {
    let model: Sequential
    let settings: CNNSettings
    var epochs: [CNNEpoch] = []
    /// Set when the loss became NaN or infinite; training stopped there.
    var divergence: CNNDivergence?

    var finalTestAccuracy: Float { epochs.last?.testAccuracy ?? 0 }
    var trainLosses: [Float] { epochs.map(\.trainLoss) }
    var testAccuracies: [Float] { epochs.map(\.testAccuracy) }
    /// The median of the seconds per epoch.
    var secondsPerEpoch: Double {
        let sorted = epochs.map(\.seconds).sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}

/// Callbacks for the lesson's display: a progress bar per epoch.
struct CNNHooks {
    var epochStarted: (_ epoch: Int, _ batches: Int) -> Void = { _, _ in }
    var batchFinished: (_ loss: Float) -> Void = { _ in }
    var epochFinished: (_ record: CNNEpoch) -> Void = { _ in }
}

/// The index of the largest score in each row of `logits` `[N, C]`: the predicted classes.
func predictions(from logits: Tensor) -> [Int] {
    let classes = logits.size(1)
    return logits.scalars.withUnsafeBufferPointer { values in
        (0..<logits.size(0)).map { row in
            var best = 0
            for c in 1..<classes where values[row * classes + c] > values[row * classes + best] { best = c }
            return best
        }
    }
}

/// How many of `predicted` equal `labels`.
func correctCount(_ predicted: [Int], _ labels: Tensor) -> Int {
    zip(predicted, labels.scalars).filter { Float($0) == $1 }.count
}

/// The model's mean loss, accuracy and predicted class for every sample of `dataset`, in
/// evaluation mode (dropout off), without recording a graph, `batchSize` images at a time so
/// that memory stays small.
func evaluateCNN(_ model: Module, on dataset: any Dataset, batchSize: Int = 100)
    -> (loss: Float, accuracy: Float, predictions: [Int]) {
    model.eval()
    defer { model.train() }
    let lossFunction = CrossEntropyLoss()
    var lossSum: Float = 0
    var predicted: [Int] = []
    var right = 0
    noGrad {
        for (inputs, labels) in DataLoader(dataset, batchSize: batchSize) {
            let logits = model(inputs)
            lossSum += lossFunction(logits, labels).item() * Float(labels.count)
            let batch = predictions(from: logits)
            right += correctCount(batch, labels)
            predicted += batch
        }
    }
    let count = Float(max(1, dataset.count))
    return (lossSum / count, Float(right) / count, predicted)
}

/// The loss above which a run counts as diverged: a network that guesses scores log 10 = 2.30,
/// so a loss of 100 means the scores have exploded and nothing sensible can follow.
let divergedLoss: Float = 100

/// Trains `model` with Adam and cross-entropy on `trainSet`, evaluating on `testSet` after each
/// epoch. The batches are shuffled by a loader seeded with `seed`. Stops at the first batch whose
/// loss is not a finite number, or above `divergedLoss`, and records where (`divergence`).
func trainCNN(_ model: Sequential, _ settings: CNNSettings, trainSet: any Dataset, testSet: any Dataset,
              seed: UInt64, hooks: CNNHooks = CNNHooks()) -> CNNRun {
    var run = CNNRun(model: model, settings: settings)
    let loader = DataLoader(trainSet, batchSize: settings.batchSize, shuffle: true, seed: seed)
    let optimizer = Adam(model.parameters(), lr: settings.learningRate)
    let lossFunction = CrossEntropyLoss()
    model.train()
    for epoch in 1...max(1, settings.epochs) {
        hooks.epochStarted(epoch, loader.count)
        let start = ProcessInfo.processInfo.systemUptime
        var lossSum: Float = 0
        var right = 0
        var seen = 0
        for (batch, (images, labels)) in loader.enumerated() {
            let logits = model(images)                    // forward: [b, 10] scores
            let loss = lossFunction(logits, labels)       // softmax + cross-entropy
            optimizer.zeroGrad()
            loss.backward()                               // gradients of every weight
            optimizer.step()                              // one step of Adam
            let value = loss.item()
            guard value.isFinite && value < divergedLoss else {
                run.divergence = CNNDivergence(epoch: epoch, batch: batch + 1, loss: value)
                return run
            }
            lossSum += value * Float(labels.count)
            right += correctCount(predictions(from: logits), labels)
            seen += labels.count
            hooks.batchFinished(value)
        }
        let seconds = ProcessInfo.processInfo.systemUptime - start
        let test = evaluateCNN(model, on: testSet)
        let record = CNNEpoch(epoch: epoch, trainLoss: lossSum / Float(seen),
                              trainAccuracy: Float(right) / Float(seen), testLoss: test.loss,
                              testAccuracy: test.accuracy, seconds: seconds)
        run.epochs.append(record)
        hooks.epochFinished(record)
    }
    return run
}

/// Counts of (true class, predicted class): row t, column p.
func confusionCounts(labels: [Int], predictions: [Int], classes: Int = 10) -> [[Int]] {
    var counts = Array(repeating: Array(repeating: 0, count: classes), count: classes)
    for (truth, guess) in zip(labels, predictions) { counts[truth][guess] += 1 }
    return counts
}

/// The largest count off the diagonal: the pair of classes the model mixes up most.
func mostConfusedPair(_ counts: [[Int]]) -> (truth: Int, predicted: Int, count: Int) {
    var best = (truth: 0, predicted: 0, count: -1)
    for t in counts.indices {
        for p in counts[t].indices where p != t && counts[t][p] > best.count {
            best = (t, p, counts[t][p])
        }
    }
    return best
}
