import Foundation
import Torchlet

/// One training step of each network the lessons train, timed next to the same step in PyTorch
/// (`Benchmarks/pytorch_training_steps.py`): `zeroGrad()`, forward, loss, `backward()`, `step()`,
/// on a fixed random batch.
///
/// The three sizes test different things. The XOR step has almost no arithmetic (a few hundred
/// multiplications), so it measures the framework's bookkeeping per operation: here a compiled
/// engine should beat Python by far. The MLP step is mostly three matrix products and their
/// backward, so it measures how well the engine keeps out of BLAS's way. The CNN step is mostly
/// convolutions (im2col and matrix products), pooling and a 1.3M-weight Adam update.
enum TrainingStepBenchmark {
    /// The networks, each a row of the report.
    enum Network: String, CaseIterable, Sendable, Encodable {
        case smallop, xor, mlp, cnn

        var title: String {
            switch self {
            case .smallop: "Small op: ((x + w) * w).sum(), backward(), 4 numbers"
            case .xor: "XOR step: batch 128, 2-4-1 Tanh, BCEWithLogits, SGD"
            case .mlp: "MLP step: batch 100, 784-256-256-10 ReLU, CrossEntropy, SGD"
            case .cnn: "CNN step: batch 100, Lesson 7's network, CrossEntropy, Adam"
            }
        }

        /// The largest acceptable ratio of our time to PyTorch's (issue #14's targets; the small
        /// op's is ours: autograd's bookkeeping at most half of PyTorch's).
        var targetRatio: Double {
            switch self {
            case .smallop: 0.5
            case .xor: 0.2
            case .mlp: 0.6
            case .cnn: 0.8
            }
        }
    }

    /// What `pytorch_training_steps.py --serve` is asked.
    struct Request: Encodable {
        let model: Network
        let samples: Int
        let sampleSeconds: Double
        let warmupSeconds: Double

        init(_ network: Network, plan: MeasurementPlan) {
            model = network
            samples = plan.samples
            sampleSeconds = plan.sampleSeconds
            warmupSeconds = plan.warmUpSeconds
        }
    }

    /// What it says first: who it is.
    struct Greeting: Decodable {
        let torchVersion: String
        let threads: Int
    }

    /// A training step of `network` on a fixed batch, ready to be called again and again.
    static func step(_ network: Network) -> () -> Void {
        manualSeed(0)
        var generator = Generator(seed: 0)
        switch network {
        case .smallop:
            // The same iteration as SmallOpBenchmark's forward-and-backward row.
            let x = Tensor([1, 2, 3, 4] as [Float], requiresGrad: true)
            let w = Tensor([0.5, -1, 2, 0.25] as [Float], requiresGrad: true)
            return {
                ((x + w) * w).sum().backward()
                x.zeroGrad()
                w.zeroGrad()
            }
        case .xor:
            let model = Sequential(Linear(2, 4), Tanh(), Linear(4, 1))
            let inputs = Tensor.rand([128, 2], using: &generator)
            let targets = Tensor(
                shape: [128], scalars: (0..<128).map { _ in Float(Int.random(in: 0...1, using: &generator)) })
            return trainingStep(model, SGD(model.parameters(), lr: 0.1), inputs) {
                BCEWithLogitsLoss()($0.squeeze(dim: 1), targets)
            }
        case .mlp:
            let model = Sequential(Linear(784, 256), ReLU(), Linear(256, 256), ReLU(), Linear(256, 10))
            let inputs = Tensor.rand([100, 784], using: &generator)
            let targets = Tensor.randint(0, 10, [100], using: &generator)
            return trainingStep(model, SGD(model.parameters(), lr: 0.01), inputs) { CrossEntropyLoss()($0, targets) }
        case .cnn:
            let model = lessonSevenNetwork()
            let inputs = Tensor.rand([100, 1, 28, 28], using: &generator)
            let targets = Tensor.randint(0, 10, [100], using: &generator)
            return trainingStep(model, Adam(model.parameters(), lr: 1e-3), inputs) { CrossEntropyLoss()($0, targets) }
        }
    }

    /// Lesson 7's convolutional network, as PyTorch's script builds it.
    static func lessonSevenNetwork() -> Sequential {
        let fullyConnected = Linear(4 * 4 * 128, 625)
        Init.xavierUniform_(fullyConnected.weight)
        return Sequential(
            Conv2d(1, 32, kernelSize: 3, padding: 1), ReLU(), MaxPool2d(kernelSize: 2),
            Conv2d(32, 64, kernelSize: 3, padding: 1), ReLU(), MaxPool2d(kernelSize: 2),
            Conv2d(64, 128, kernelSize: 3, padding: 1), ReLU(), MaxPool2d(kernelSize: 2, stride: 2, padding: 1),
            Flatten(),
            fullyConnected, ReLU(), Dropout(p: 0.5),
            Linear(625, 10))
    }

    /// The five lines of a training step, as a closure.
    private static func trainingStep(
        _ model: Module, _ optimizer: any Optimizer, _ inputs: Tensor,
        loss: @escaping (Tensor) -> Tensor
    ) -> () -> Void {
        model.train()
        return {
            optimizer.zeroGrad()
            let value = loss(model(inputs))
            value.backward()
            optimizer.step()
        }
    }

    /// Trains Lesson 7's network for `steps` batches of 100 from a `DataLoader` over a synthetic
    /// set of `steps * 100` images, as the lesson does with MNIST, and returns the process's
    /// peak resident memory in bytes.
    static func cnnTrainingRun(steps: Int) -> Int {
        manualSeed(0)
        let images = Tensor.rand([steps * 100, 1, 28, 28])
        let labels = Tensor.randint(0, 10, [steps * 100])
        let loader = DataLoader(TensorDataset(images, labels), batchSize: 100, shuffle: true)
        let model = lessonSevenNetwork()
        let optimizer = Adam(model.parameters(), lr: 1e-3)
        let lossFunction = CrossEntropyLoss()
        model.train()
        for (inputs, targets) in loader {
            optimizer.zeroGrad()
            let loss = lossFunction(model(inputs), targets)
            loss.backward()
            optimizer.step()
        }
        return peakResidentBytes()
    }

    /// The most memory this process has held at once (`ru_maxrss`, which Linux gives in KiB).
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}
