import Foundation
import Torchlet

/// The activation after a hidden layer.
enum Activation: String, CaseIterable, Sendable {
    case relu = "ReLU"
    case sigmoid = "sigmoid"

    func module() -> Module {
        switch self {
        case .relu: ReLU()
        case .sigmoid: Sigmoid()
        }
    }
}

/// The optimizers `--optimizer` offers.
enum OptimizerChoice: String, CaseIterable, Sendable {
    case sgd
    case adam

    /// The optimizer over `parameters` with learning rate `lr` (SGD with momentum 0.9, as most
    /// MLP examples use it; plain SGD at these learning rates crawls).
    func make(_ parameters: [Tensor], lr: Float) -> any Optimizer {
        switch self {
        case .sgd: SGD(parameters, lr: lr, momentum: 0.9)
        case .adam: Adam(parameters, lr: lr)
        }
    }

    /// How the code line reads in the lesson.
    func code(lr: Float) -> String {
        switch self {
        case .sgd: "SGD(model.parameters(), lr: \(lr), momentum: 0.9)"
        case .adam: "Adam(model.parameters(), lr: \(lr))"
        }
    }
}

/// Everything that decides a training run, apart from the data and the seed.
struct MLPSettings: Equatable {
    /// Passes over the training set.
    var epochs = 15
    /// The optimizer's learning rate.
    var learningRate: Float = 1e-3
    /// Images per batch.
    var batchSize = 100
    /// The optimizer.
    var optimizer: OptimizerChoice = .adam
    /// The sizes of the hidden layers.
    var hidden = [256, 256]
    /// The activation after each hidden layer (one per entry of `hidden`).
    var activations: [Activation] = [.relu, .relu]
    /// The standard deviation of `Init.normal_` for every weight matrix.
    var initStd = 0.01

    /// The lesson's default run.
    static let standard = MLPSettings()

    /// "784-256-256-10, ReLU/ReLU".
    var architecture: String {
        (["784"] + hidden.map(String.init) + ["10"]).joined(separator: "-")
            + ", " + activations.map(\.rawValue).joined(separator: "/")
    }
}

/// The network: flatten the 28×28 picture, then `Linear` layers with an activation after each
/// hidden one, and raw scores (logits) for the 10 classes at the end. No softmax: the loss
/// applies it. Every weight matrix is drawn afresh with `Init.normal_(std:)`; the biases keep
/// PyTorch's default (uniform in ±1/√fan-in).
func makeMLP(inputs: Int = 784, hidden: [Int] = [256, 256], activations: [Activation] = [.relu, .relu],
             classes: Int = 10, initStd: Double = 0.01) -> Sequential {
    var layers: [Module] = [Flatten()]
    var width = inputs
    for (size, activation) in zip(hidden, activations) {
        let linear = Linear(width, size)
        Init.normal_(linear.weight, std: initStd)
        layers += [linear, activation.module()]
        width = size
    }
    let output = Linear(width, classes)
    Init.normal_(output.weight, std: initStd)
    layers.append(output)
    return Sequential(layers)
}

/// The numbers of one epoch.
struct EpochRecord: Equatable {
    var epoch: Int
    /// The mean loss over the epoch's training batches (each weighted by its size).
    var trainLoss: Float
    /// The share of training images classified right, while they were being learned.
    var trainAccuracy: Float
    /// The mean loss and accuracy on the test set after the epoch.
    var testLoss: Float
    var testAccuracy: Float
    /// Seconds spent training (forward, backward, step) in this epoch, without the evaluation.
    var seconds: Double
}

/// Where a run went wrong: the loss stopped being a number.
struct Divergence: Equatable {
    var epoch: Int
    var batch: Int
    var loss: Float
}

/// What a training run produced.
struct TrainingRun {
    let model: Sequential
    let settings: MLPSettings
    var epochs: [EpochRecord] = []
    /// Set when the loss became NaN or infinite; training stopped there.
    var divergence: Divergence?

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
struct TrainingHooks {
    var epochStarted: (_ epoch: Int, _ batches: Int) -> Void = { _, _ in }
    var batchFinished: (_ loss: Float) -> Void = { _ in }
    var epochFinished: (_ record: EpochRecord) -> Void = { _ in }
}

/// The index of the largest score in each row of `logits` `[N, C]`: the predicted classes.
func predictedClasses(_ logits: Tensor) -> [Int] {
    let classes = logits.size(1)
    return logits.scalars.withUnsafeBufferPointer { values in
        (0..<logits.size(0)).map { row in
            var best = 0
            for c in 1..<classes where values[row * classes + c] > values[row * classes + best] { best = c }
            return best
        }
    }
}

/// The share of rows of `logits` whose largest score is at the label's index.
func accuracy(logits: Tensor, labels: Tensor) -> Float {
    let predicted = predictedClasses(logits)
    let right = zip(predicted, labels.scalars).filter { Float($0) == $1 }.count
    return Float(right) / Float(max(1, predicted.count))
}

/// The model's mean loss, accuracy and predicted class for every sample of `dataset`, in
/// evaluation mode and without recording a graph.
func evaluate(_ model: Module, on dataset: any Dataset, batchSize: Int = 1000)
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
            right += zip(predicted, labels.scalars).filter { Float($0) == $1 }.count
            predictions += predicted
        }
    }
    let count = Float(max(1, dataset.count))
    return (lossSum / count, Float(right) / count, predictions)
}

/// Trains `model` on `trainSet` with `settings`, evaluating on `testSet` after each epoch.
/// The batches are shuffled by a loader seeded with `seed`. Stops at the first batch whose
/// loss is not a finite number and records where (`divergence`).
func train(_ model: Sequential, _ settings: MLPSettings, trainSet: any Dataset, testSet: any Dataset,
           seed: UInt64, hooks: TrainingHooks = TrainingHooks()) -> TrainingRun {
    var run = TrainingRun(model: model, settings: settings)
    let loader = DataLoader(trainSet, batchSize: settings.batchSize, shuffle: true, seed: seed)
    let optimizer = settings.optimizer.make(model.parameters(), lr: settings.learningRate)
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
            optimizer.step()                              // one step downhill
            let value = loss.item()
            guard value.isFinite else {
                run.divergence = Divergence(epoch: epoch, batch: batch + 1, loss: value)
                return run
            }
            lossSum += value * Float(labels.count)
            right += Int((accuracy(logits: logits, labels: labels) * Float(labels.count)).rounded())
            seen += labels.count
            hooks.batchFinished(value)
        }
        let seconds = ProcessInfo.processInfo.systemUptime - start
        let test = evaluate(model, on: testSet)
        let record = EpochRecord(epoch: epoch, trainLoss: lossSum / Float(seen),
                                 trainAccuracy: Float(right) / Float(seen), testLoss: test.loss,
                                 testAccuracy: test.accuracy, seconds: seconds)
        run.epochs.append(record)
        hooks.epochFinished(record)
    }
    return run
}

/// Counts of (true class, predicted class): row t, column p.
func confusionMatrix(labels: [Int], predictions: [Int], classes: Int = 10) -> [[Int]] {
    var counts = Array(repeating: Array(repeating: 0, count: classes), count: classes)
    for (truth, guess) in zip(labels, predictions) { counts[truth][guess] += 1 }
    return counts
}

/// The largest count off the diagonal: the pair of classes the model mixes up most.
func mostConfused(_ counts: [[Int]]) -> (truth: Int, predicted: Int, count: Int) {
    var best = (truth: 0, predicted: 0, count: -1)
    for t in counts.indices {
        for p in counts[t].indices where p != t && counts[t][p] > best.count {
            best = (t, p, counts[t][p])
        }
    }
    return best
}
