import Foundation
import Torchlet

// The training loop of the image classifiers of Lessons 06 (MLP) and 07 (CNN): the same five
// steps, the same bookkeeping per epoch, the same evaluation, written once. Both lessons list the
// loop itself in their output (see `trainClassifier`'s `listing`).

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

    /// Where and how it happened, for a study's table or warning: "the loss became inf at epoch
    /// 1, batch 3".
    public var summary: String {
        "the loss became \(loss) at epoch \(epoch), batch \(batch)"
    }

    /// The warning a lesson prints when its training run stopped here: what happened, why, and
    /// the flag to try instead.
    public func explanation(learningRate: Float, optimizer: String) -> String {
        "Training stopped: at epoch \(epoch), batch \(batch), the loss became \(loss), where a network "
            + "that only guesses scores log 10 = 2.3026. The steps were so large that weights overshot to "
            + "huge values and the scores exploded"
            + (loss.isFinite ? "" : " until they overflowed, so that every number computed from them is nan or inf")
            + "; nothing sensible can be learned or shown from here. The learning rate \(learningRate) is "
            + "too large for \(optimizer); try one ten times smaller (--lr \(learningRate / 10))."
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

    /// The run, stopped where it diverged.
    func stopped(at divergence: Divergence) -> TrainingRun {
        var run = self
        run.divergence = divergence
        return run
    }
}

// MARK: - Progress

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

/// What a progress bar shows at one moment of an epoch: the latest batch's loss as the epoch
/// goes, and at its end the epoch's mean loss with the test accuracy.
public enum EpochProgress {
    /// One more batch done, with its loss.
    case batch(loss: Float)
    /// The epoch is over: its numbers.
    case finished(EpochRecord)
}

extension TrainingHooks {
    /// The display both image lessons give their training runs: one progress bar per epoch,
    /// named `label(epoch)`, moved on after every batch with that batch's loss and closed with
    /// the epoch's loss and test accuracy; then `epochFinished` gets the epoch's numbers (for
    /// the metrics file).
    ///
    /// `bar(label, batches)` starts a bar and returns what updates it. This target draws
    /// nothing itself (it does not depend on Notebook), so a lesson passes a function that
    /// makes a notebook progress bar and shows each `EpochProgress` on it.
    public static func progressBars(
        label: @escaping (_ epoch: Int) -> String,
        bar: @escaping (_ label: String, _ batches: Int) -> (EpochProgress) -> Void,
        epochFinished: @escaping (EpochRecord) -> Void = { _ in }
    ) -> TrainingHooks {
        // One box for the bar of the current epoch, shared by the three callbacks.
        final class CurrentBar { var update: ((EpochProgress) -> Void)? }
        let current = CurrentBar()
        return TrainingHooks(
            epochStarted: { epoch, batches in current.update = bar(label(epoch), batches) },
            batchFinished: { loss in current.update?(.batch(loss: loss)) },
            epochFinished: { record in
                current.update?(.finished(record))
                current.update = nil
                epochFinished(record)
            })
    }
}

// MARK: - Evaluation

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

// MARK: - Training

/// Trains `model` with cross-entropy and `optimizer` on `trainSet` for `epochs` passes of
/// `batchSize` samples, evaluating on `testSet` (`evaluationBatchSize` at a time) after each.
/// The batches are shuffled by a loader seeded with `seed`. Stops at the first batch whose loss
/// is not a finite number or not below `divergenceLimit`, and records where (`divergence`).
///
/// `listing` shows the loop: a lesson passes its notebook's `code(file:line:)`, and the lines
/// after that call below are what the learner reads.
public func trainClassifier<Settings>(
    _ model: Sequential, settings: Settings, optimizer: any Optimizer, epochs: Int, batchSize: Int,
    trainSet: any Dataset, testSet: any Dataset, evaluationBatchSize: Int, seed: UInt64,
    divergenceLimit: Float = .infinity, hooks: TrainingHooks = TrainingHooks(),
    listing: ((_ file: String, _ line: Int) -> Void)? = nil
) -> TrainingRun<Settings> {
    let epochs = max(1, epochs)
    listing?(#filePath, #line)
    var run = TrainingRun(model: model, settings: settings)
    let loader = DataLoader(trainSet, batchSize: batchSize, shuffle: true, seed: seed)
    let lossFunction = CrossEntropyLoss()
    model.train()  // dropout on (Lesson07's network has it)
    for epoch in 1...epochs {
        var tally = EpochTally(epoch: epoch, batches: loader.count, hooks: hooks)
        for (images, labels) in loader {
            let logits = model(images)  // forward: a row of 10 scores per picture
            let loss = lossFunction(logits, labels)  // softmax and cross-entropy
            optimizer.zeroGrad()
            loss.backward()  // the gradient of every weight
            optimizer.step()  // one step downhill
            tally.add(loss.item(), logits: logits, labels: labels)
            if let divergence = tally.divergence(limit: divergenceLimit) {
                return run.stopped(at: divergence)
            }
        }
        let test = evaluate(model, on: testSet, batchSize: evaluationBatchSize)
        run.epochs.append(tally.finish(test: test))
    }
    return run
}

/// The bookkeeping of one epoch: the running loss and right answers, the time, and the hooks.
struct EpochTally {
    let epoch: Int
    let hooks: TrainingHooks
    let start = ProcessInfo.processInfo.systemUptime
    var lossSum: Float = 0
    var right = 0
    var seen = 0
    var batch = 0
    var lastLoss: Float = 0

    init(epoch: Int, batches: Int, hooks: TrainingHooks) {
        self.epoch = epoch
        self.hooks = hooks
        hooks.epochStarted(epoch, batches)
    }

    /// Counts one batch: its loss (the mean over its samples) and how many it got right.
    mutating func add(_ loss: Float, logits: Tensor, labels: Tensor) {
        batch += 1
        lastLoss = loss
        guard loss.isFinite else { return }
        lossSum += loss * Float(labels.count)
        right += correctCount(predictedClasses(logits), labels)
        seen += labels.count
        hooks.batchFinished(loss)
    }

    /// Where the run diverged, if the last batch's loss is not a number below `limit`.
    func divergence(limit: Float) -> Divergence? {
        lastLoss.isFinite && lastLoss < limit ? nil : Divergence(epoch: epoch, batch: batch, loss: lastLoss)
    }

    /// The epoch's record, with the test set's numbers, told to the hooks.
    func finish(test: (loss: Float, accuracy: Float, predictions: [Int])) -> EpochRecord {
        let seconds = ProcessInfo.processInfo.systemUptime - start
        let record = EpochRecord(epoch: epoch, trainLoss: lossSum / Float(max(1, seen)),
                                 trainAccuracy: Float(right) / Float(max(1, seen)), testLoss: test.loss,
                                 testAccuracy: test.accuracy, seconds: seconds)
        hooks.epochFinished(record)
        return record
    }
}

// MARK: - Confusion

/// Counts of (true class, predicted class): row t, column p.
public func confusionMatrix(labels: [Int], predictions: [Int], classes: Int = 10) -> [[Int]] {
    var counts = Array(repeating: Array(repeating: 0, count: classes), count: classes)
    for (truth, guess) in zip(labels, predictions) { counts[truth][guess] += 1 }
    return counts
}

/// The same, with the labels as a tensor of class indices (a dataset's `labels`).
public func confusionMatrix(labels: Tensor, predictions: [Int], classes: Int = 10) -> [[Int]] {
    confusionMatrix(labels: labels.scalars.map { Int($0) }, predictions: predictions, classes: classes)
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

/// What a confusion matrix says, class by class: the share of each class's test pictures
/// classified right, and the classes from hardest to easiest.
public struct ConfusionSummary {
    /// Row t, column p: the pictures of class t called p.
    public let counts: [[Int]]
    /// For each class, the share of its pictures classified right (0 for a class with none).
    public let rightShare: [Float]
    /// The classes that have pictures, hardest first (the lowest share right; ties by label).
    public let hardestFirst: [Int]
    /// The largest count off the diagonal.
    public let mostConfused: (truth: Int, predicted: Int, count: Int)

    public init(_ counts: [[Int]]) {
        self.counts = counts
        let shares = counts.indices.map { t in
            Float(counts[t][t]) / Float(max(1, counts[t].reduce(0, +)))
        }
        rightShare = shares
        hardestFirst = counts.indices.filter { counts[$0].reduce(0, +) > 0 }
            .sorted { shares[$0] < shares[$1] || (shares[$0] == shares[$1] && $0 < $1) }
        mostConfused = ClassifierTraining.mostConfused(counts)
    }

    /// The class with the lowest share right.
    public var hardest: Int { hardestFirst.first ?? 0 }
    /// The class with the highest share right.
    public var easiest: Int { hardestFirst.last ?? 0 }

    /// The hardest `count` classes as a phrase: "Shirt (51.2%), Pullover (66.7%) and Coat (70.0%)".
    public func hardestClasses(_ count: Int, names: [String], percent: (Float) -> String) -> String {
        let parts = hardestFirst.prefix(count).map { "\(names[$0]) (\(percent(rightShare[$0])))" }
        guard parts.count > 1 else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }
}

/// Classes of Fashion-MNIST that look alike at 28x28, by label, with what they have in common.
public let fashionLookAlikes: [(classes: Set<Int>, remark: String)] = [
    ([0, 2, 4, 6], "tops: T-shirts, pullovers, coats and shirts share an outline at 28x28, and what "
        + "tells them apart (a collar, buttons, the length of a sleeve) is a few pixels"),
    ([5, 7, 9], "shoes: sandals, sneakers and ankle boots are all low, wide shapes at the bottom of the "
        + "picture, told apart by their height and their holes"),
]

extension ConfusionSummary {
    /// What the two classes mixed up most have in common, if both are in one of `groups`:
    /// "Both are tops: ...", or `nil`.
    public func lookAlikeRemark(_ groups: [(classes: Set<Int>, remark: String)]) -> String? {
        guard mostConfused.count > 0,
              let group = groups.first(where: { $0.classes.contains(mostConfused.truth)
                  && $0.classes.contains(mostConfused.predicted) })
        else { return nil }
        return "Both are " + group.remark + "."
    }
}

// MARK: - Pictures

/// The pictures `indices` of a tensor whose last two dimensions are height and width, each as
/// its height·width numbers in a row, ready for an image grid: the pictures of a batch
/// `[N, 1, H, W]`, the maps of one picture `[1, C, H, W]` or the filters of a layer `[C, 1, k, k]`.
public func planes(of tensor: Tensor, _ indices: some Sequence<Int>) -> [[Float]] {
    let side = tensor.rank < 2 ? tensor.count : tensor.size(tensor.rank - 2) * tensor.size(tensor.rank - 1)
    let scalars = tensor.scalars
    return indices.map { Array(scalars[($0 * side)..<(($0 + 1) * side)]) }
}
