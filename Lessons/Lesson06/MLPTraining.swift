import Foundation
import ClassifierTraining
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

/// The share of rows of `logits` whose largest score is at the label's index.
func accuracy(logits: Tensor, labels: Tensor) -> Float {
    let predicted = predictedClasses(logits)
    return Float(correctCount(predicted, labels)) / Float(max(1, predicted.count))
}

/// Trains `model` on `trainSet` with `settings`, evaluating on `testSet` after each epoch.
/// The batches are shuffled by a loader seeded with `seed`. Stops at the first batch whose
/// loss is not a finite number and records where (`divergence`).
func train(_ model: Sequential, _ settings: MLPSettings, trainSet: any Dataset, testSet: any Dataset,
           seed: UInt64, hooks: TrainingHooks = TrainingHooks()) -> TrainingRun<MLPSettings> {
    trainClassifier(model, settings: settings,
                    optimizer: settings.optimizer.make(model.parameters(), lr: settings.learningRate),
                    epochs: settings.epochs, batchSize: settings.batchSize, trainSet: trainSet, testSet: testSet,
                    evaluationBatchSize: 1000, seed: seed, hooks: hooks)
}
