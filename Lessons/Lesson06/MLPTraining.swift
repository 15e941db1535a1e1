import ClassifierTraining
import Datasets
import Foundation
import Notebook
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

    /// The name PyTorch gives it, as the metrics file records it.
    var pytorchName: String {
        switch self {
        case .sgd: "SGD"
        case .adam: "Adam"
        }
    }
}

/// Everything that decides a training run, apart from the data and the seed.
struct MLPSettings: Equatable {
    /// Passes over the training set.
    var epochs = 15
    /// The optimizer's learning rate.
    var learningRate: Float = 1e-3
    /// Pictures per batch.
    var batchSize = 100
    /// The optimizer.
    var optimizer: OptimizerChoice = .adam
    /// The activation after each of the two hidden layers.
    var activations: [Activation] = [.relu, .relu]
    /// The standard deviation of `Init.normal_` for every weight matrix.
    var initStd = 0.01

    /// The lesson's default run.
    static let standard = MLPSettings()

    /// "784-256-256-10, ReLU/ReLU".
    var architecture: String {
        "784-256-256-10, " + activations.map(\.rawValue).joined(separator: "/")
    }
}

/// The network: the 28×28 picture flattened, two hidden `Linear` layers of 256 units with an
/// activation after each, and raw scores (logits) for the 10 classes at the end. No softmax:
/// the loss applies it. Every weight matrix is drawn afresh with `Init.normal_(std:)`; the
/// biases keep PyTorch's default (uniform in ±1/√fan-in). With `listing`, the lines that build
/// it are shown in that notebook.
func makeMLP(_ settings: MLPSettings = .standard, listing nb: Notebook? = nil) -> Sequential {
    nb?.code()
    let hidden = settings.activations.map { $0.module() }  // after each hidden layer
    let model = Sequential(
        Flatten(),  // [N, 1, 28, 28] -> [N, 784]
        Linear(784, 256), hidden[0],
        Linear(256, 256), hidden[1],
        Linear(256, 10))  // raw scores: no softmax, the loss applies it
    for case let linear as Linear in model.layers {
        Init.normal_(linear.weight, std: settings.initStd)
    }
    return model
}

/// The share of rows of `logits` whose largest score is at the label's index.
func accuracy(logits: Tensor, labels: Tensor) -> Float {
    let predicted = predictedClasses(logits)
    return Float(correctCount(predicted, labels)) / Float(max(1, predicted.count))
}

/// Trains `model` on `trainSet` with `settings`, evaluating on `testSet` after each epoch.
/// The batches are shuffled by a loader seeded with `seed`. Stops at the first batch whose
/// loss is not a finite number and records where (`divergence`). With `listing`, the
/// optimizer and the loop are shown in that notebook as they run.
func train(_ model: Sequential, _ settings: MLPSettings, trainSet: any Dataset, testSet: any Dataset,
           seed: UInt64, hooks: TrainingHooks = TrainingHooks(), listing nb: Notebook? = nil)
    -> TrainingRun<MLPSettings> {
    nb?.code()
    let optimizer: any Optimizer = switch settings.optimizer {
    case .adam: Adam(model.parameters(), lr: settings.learningRate)
    case .sgd: SGD(model.parameters(), lr: settings.learningRate, momentum: 0.9)
    }
    return trainClassifier(model, settings: settings, optimizer: optimizer,
                           epochs: settings.epochs, batchSize: settings.batchSize,
                           trainSet: trainSet, testSet: testSet, evaluationBatchSize: 1000,
                           seed: seed, hooks: hooks, listing: nb?.code)
}
