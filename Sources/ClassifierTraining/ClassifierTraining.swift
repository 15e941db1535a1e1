import Foundation
import Torchlet

// The training loop of the image classifiers of Lessons 06 (MLP) and 07 (CNN): the same five
// steps, the same bookkeeping per epoch, the same evaluation. The lessons show this loop in
// their text; here it is written once.

/// The numbers of one epoch.
public struct EpochRecord: Equatable, Sendable {
    public var epoch: Int
    /// The mean loss over the epoch's training batches (each weighted by its size).
    public var trainLoss: Float
    /// The share of training images classified right while they were being learned (with
    /// dropout on, where the network has it).
    public var trainAccuracy: Float
    /// The mean loss and accuracy on the test set after the epoch.
    public var testLoss: Float
    public var testAccuracy: Float
    /// Seconds spent training (forward, backward, step) in this epoch, without the evaluation.
    public var seconds: Double

    public init(epoch: Int, trainLoss: Float, trainAccuracy: Float, testLoss: Float, testAccuracy: Float,
                seconds: Double) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
        self.seconds = seconds
    }
}

/// Where a run went wrong: the loss stopped being a number (or exploded past a limit).
public struct Divergence: Equatable, Sendable {
    public var epoch: Int
    public var batch: Int
    public var loss: Float

    public init(epoch: Int, batch: Int, loss: Float) {
        self.epoch = epoch
        self.batch = batch
        self.loss = loss
    }
}

/// What a training run produced, with the settings it ran with.
public struct TrainingRun<Settings> {
    public let model: Sequential
    public let settings: Settings
    public var epochs: [EpochRecord] = []
    /// Set when the loss diverged; training stopped there.
    public var divergence: Divergence?

    public init(model: Sequential, settings: Settings, epochs: [EpochRecord] = [], divergence: Divergence? = nil) {
        self.model = model
        self.settings = settings
        self.epochs = epochs
        self.divergence = divergence
    }

    public var finalTestAccuracy: Float { epochs.last?.testAccuracy ?? 0 }
    public var trainLosses: [Float] { epochs.map(\.trainLoss) }
    public var testAccuracies: [Float] { epochs.map(\.testAccuracy) }
    /// The median of the seconds per epoch.
    public var secondsPerEpoch: Double {
        let sorted = epochs.map(\.seconds).sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}

/// Callbacks for a lesson's display: a progress bar per epoch.
public struct TrainingHooks {
    public var epochStarted: (_ epoch: Int, _ batches: Int) -> Void
    public var batchFinished: (_ loss: Float) -> Void
    public var epochFinished: (_ record: EpochRecord) -> Void

    public init(epochStarted: @escaping (_ epoch: Int, _ batches: Int) -> Void = { _, _ in },
                batchFinished: @escaping (_ loss: Float) -> Void = { _ in },
                epochFinished: @escaping (_ record: EpochRecord) -> Void = { _ in }) {
        self.epochStarted = epochStarted
        self.batchFinished = batchFinished
        self.epochFinished = epochFinished
    }
}

/// The index of the largest score in each row of `logits` `[N, C]`: the predicted classes.
public func predictedClasses(_ logits: Tensor) -> [Int] {
    logits.argmax(dim: 1).scalars.map { Int($0) }
}

/// How many of `predicted` equal `labels`.
public func correctCount(_ predicted: [Int], _ labels: Tensor) -> Int {
    zip(predicted, labels.scalars).filter { Float($0) == $1 }.count
}

/// The model's mean loss, accuracy and predicted class for every sample of `dataset`, in
/// evaluation mode (dropout off), without recording a graph, `batchSize` samples at a time so
/// that memory stays small.
public func evaluate(_ model: Module, on dataset: any Dataset, batchSize: Int = 100)
    -> (loss: Float, accuracy: Float, predictions: [Int]) {
    model.eval()
    defer { model.train() }
    let lossFunction = CrossEntropyLoss()
    var lossSum: Float = 0
    var predictions: [Int] = []
    var right = 0
    noGrad {
        for (inputs, labels) in DataLoader(dataset, batchSize: batchSize) {
            let logits = model(inputs)
            lossSum += lossFunction(logits, labels).item() * Float(labels.count)
            let predicted = predictedClasses(logits)
            right += correctCount(predicted, labels)
            predictions += predicted
        }
    }
    let count = Float(max(1, dataset.count))
    return (lossSum / count, Float(right) / count, predictions)
}

/// Trains `model` with cross-entropy and `optimizer` on `trainSet` for `epochs` passes of
/// `batchSize` samples, evaluating on `testSet` (`evaluationBatchSize` at a time) after each.
/// The batches are shuffled by a loader seeded with `seed`. Stops at the first batch whose loss
/// is not a finite number or not below `divergenceLimit`, and records where (`divergence`).
public func trainClassifier<Settings>(
    _ model: Sequential, settings: Settings, optimizer: any Optimizer, epochs: Int, batchSize: Int,
    trainSet: any Dataset, testSet: any Dataset, evaluationBatchSize: Int, seed: UInt64,
    divergenceLimit: Float = .infinity, hooks: TrainingHooks = TrainingHooks()
) -> TrainingRun<Settings> {
    var run = TrainingRun(model: model, settings: settings)
    let loader = DataLoader(trainSet, batchSize: batchSize, shuffle: true, seed: seed)
    let lossFunction = CrossEntropyLoss()
    model.train()
    for epoch in 1...max(1, epochs) {
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
            optimizer.step()                              // one step downhill
            let value = loss.item()
            guard value.isFinite && value < divergenceLimit else {
                run.divergence = Divergence(epoch: epoch, batch: batch + 1, loss: value)
                return run
            }
            lossSum += value * Float(labels.count)
            right += correctCount(predictedClasses(logits), labels)
            seen += labels.count
            hooks.batchFinished(value)
        }
        let seconds = ProcessInfo.processInfo.systemUptime - start
        let test = evaluate(model, on: testSet, batchSize: evaluationBatchSize)
        let record = EpochRecord(epoch: epoch, trainLoss: lossSum / Float(seen),
                                 trainAccuracy: Float(right) / Float(seen), testLoss: test.loss,
                                 testAccuracy: test.accuracy, seconds: seconds)
        run.epochs.append(record)
        hooks.epochFinished(record)
    }
    return run
}

/// Counts of (true class, predicted class): row t, column p.
public func confusionMatrix(labels: [Int], predictions: [Int], classes: Int = 10) -> [[Int]] {
    var counts = Array(repeating: Array(repeating: 0, count: classes), count: classes)
    for (truth, guess) in zip(labels, predictions) { counts[truth][guess] += 1 }
    return counts
}

/// The largest count off the diagonal: the pair of classes the model mixes up most.
public func mostConfused(_ counts: [[Int]]) -> (truth: Int, predicted: Int, count: Int) {
    var best = (truth: 0, predicted: 0, count: -1)
    for t in counts.indices {
        for p in counts[t].indices where p != t && counts[t][p] > best.count {
            best = (t, p, counts[t][p])
        }
    }
    return best
}
