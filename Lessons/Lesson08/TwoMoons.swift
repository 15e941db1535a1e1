import Foundation
import Torchlet

/// Two interleaved half-moons of points, one per class, with a little noise: a small dataset
/// that no straight line separates, so the network needs its hidden layers.
struct TwoMoons {
    /// `[n, 2]` points.
    let points: Tensor
    /// `[n]` class labels, 0 or 1 (int64).
    let labels: Tensor

    /// `perClass` points on each moon, jittered by Gaussian noise of standard deviation `noise`,
    /// all drawn from a generator seeded with `seed`.
    init(perClass: Int, noise: Float = 0.15, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var coordinates: [Float] = []
        var classes: [Int] = []
        for label in 0..<2 {
            for _ in 0..<perClass {
                let angle = Float.pi * generator.nextUniform()
                // The upper moon: the top half of a circle; the lower moon: flipped and shifted
                // so that each one reaches into the other's hollow.
                var x = label == 0 ? cos(angle) : 1 - cos(angle)
                var y = label == 0 ? sin(angle) : 0.5 - sin(angle)
                let (dx, dy) = generator.nextNormalPair()
                x += noise * dx
                y += noise * dy
                // Centred near 0 with a spread near 1, where a freshly initialised layer works best.
                coordinates += [(x - 0.5) / 0.9, (y - 0.25) / 0.6]
                classes.append(label)
            }
        }
        points = Tensor(shape: [2 * perClass, 2], scalars: coordinates)
        labels = Tensor(classes)
    }

    var count: Int { points.size(0) }
}

/// The network every optimizer trains: 2 inputs, two hidden layers of 16 ReLUs, 2 scores.
func moonsNetwork() -> Sequential {
    Sequential(Linear(2, 16), ReLU(), Linear(16, 16), ReLU(), Linear(16, 2))
}

/// One optimizer's training run on the moons.
struct NetworkRun {
    let optimizer: OptimizerChoice
    let learningRate: Float
    /// The loss on the whole dataset after each epoch (index 0: before training).
    var losses: [Float]
    /// The fraction classified right after the last epoch.
    var accuracy: Float
    /// The epoch in which the loss stopped being a finite number, if it did; training stops there.
    var divergedAtEpoch: Int?
}

/// Trains a fresh `moonsNetwork()` on `data` with `optimizer` for `epochs` passes in mini-batches
/// of `batchSize`. The weights come from `seed` and the batches' order from `seed + 1`, so every
/// optimizer starts from the same network and sees the same batches. Stops, noting the epoch,
/// as soon as a loss is not a finite number.
func trainOnMoons(_ data: TwoMoons, optimizer: OptimizerChoice, lr: Float? = nil, epochs: Int,
                  batchSize: Int = 20, seed: UInt64) -> NetworkRun {
    let learningRate = lr ?? optimizer.networkLearningRate
    let model = withSeed(seed) { moonsNetwork() }
    let stepper = optimizer.make(model.parameters(), lr: learningRate)
    let lossFunction = CrossEntropyLoss()
    let loader = DataLoader(TensorDataset(data.points, data.labels), batchSize: batchSize, shuffle: true,
                            seed: seed + 1)
    func wholeDatasetLoss() -> Float { noGrad { lossFunction(model(data.points), data.labels) }.item() }
    var run = NetworkRun(optimizer: optimizer, learningRate: learningRate, losses: [wholeDatasetLoss()],
                         accuracy: 0)
    training: for epoch in 1...max(epochs, 1) {
        for (x, y) in loader {
            stepper.zeroGrad()
            let loss = lossFunction(model(x), y)
            guard loss.item().isFinite else {
                run.divergedAtEpoch = epoch
                break training
            }
            loss.backward()
            stepper.step()
        }
        let loss = wholeDatasetLoss()
        guard loss.isFinite else {
            run.divergedAtEpoch = epoch
            break
        }
        run.losses.append(loss)
    }
    run.accuracy = moonsAccuracy(model, data)
    return run
}

/// The fraction of `data` that `model` classifies right (the larger score wins).
func moonsAccuracy(_ model: Module, _ data: TwoMoons) -> Float {
    let predictions = noGrad { model(data.points).argmax(dim: 1) }.scalars
    let right = zip(predictions, data.labels.scalars).filter { $0 == $1 }.count
    return Float(right) / Float(data.count)
}
