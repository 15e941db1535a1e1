import Foundation
import Notebook
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
        var generator = Generator(seed: seed)
        var coordinates: [Float] = []
        var classes: [Int] = []
        for label in 0..<2 {
            for _ in 0..<perClass {
                let angle = Float.pi * generator.nextUniform()
                // The upper moon: the top half of a circle; the lower moon: flipped and shifted
                // so that each one reaches into the other's hollow.
                var x = label == 0 ? cos(angle) : 1 - cos(angle)
                var y = label == 0 ? sin(angle) : 0.5 - sin(angle)
                let dx = Float(generator.nextNormal()), dy = Float(generator.nextNormal())
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
    /// How many numbers the network has.
    var parameterCount: Int
    /// The length of all the network's numbers as one vector, ‖θ‖ = √(Σ θ²), after training.
    var weightNorm: Float
}

/// Trains `optimizer` (with `lr`, or the lesson's learning rate for it on the network) as
/// `trainOnMoons(_:_:epochs:batchSize:seed:listingIn:_:)` does.
func trainOnMoons(_ data: TwoMoons, optimizer: OptimizerChoice, lr: Float? = nil, epochs: Int,
                  batchSize: Int = 20, seed: UInt64, listingIn nb: Notebook? = nil) -> NetworkRun {
    let learningRate = lr ?? optimizer.networkLearningRate
    return trainOnMoons(data, optimizer, epochs: epochs, batchSize: batchSize, seed: seed, listingIn: nb) {
        optimizer.make($0, lr: learningRate)
    }
}

/// Trains a fresh 2-16-16-2 network on `data` with the optimizer `makeOptimizer` builds, for
/// `epochs` passes in mini-batches of `batchSize`. The weights come from `seed` and the batches'
/// order from `seed + 1`, so every optimizer starts from the same network and sees the same
/// batches. Stops, noting the epoch, as soon as the loss is not a finite number. `name` names
/// the run in tables and figures; with `nb`, the lines that train are listed first.
func trainOnMoons(_ data: TwoMoons, _ name: OptimizerChoice, epochs: Int, batchSize: Int = 20, seed: UInt64,
                  listingIn nb: Notebook? = nil,
                  _ makeOptimizer: (_ parameters: [Tensor]) -> any Optimizer) -> NetworkRun {
    nb?.code()
    let model = withSeed(seed) {  // the same first weights for every optimizer
        Sequential(Linear(2, 16), ReLU(), Linear(16, 16), ReLU(), Linear(16, 2))
    }
    let optimizer = makeOptimizer(model.parameters())
    let lossFunction = CrossEntropyLoss()
    let loader = DataLoader(TensorDataset(data.points, data.labels), batchSize: batchSize,
                            shuffle: true, seed: seed + 1)  // the same batches for all
    func lossOnAllPoints() -> Float {
        noGrad { lossFunction(model(data.points), data.labels) }.item()
    }
    var divergedAtEpoch: Int?
    var losses = [lossOnAllPoints()]
    for epoch in 1...epochs {
        for (x, y) in loader {
            optimizer.zeroGrad()
            let loss = lossFunction(model(x), y)
            loss.backward()
            optimizer.step()
        }
        let loss = lossOnAllPoints()
        guard loss.isFinite else {  // stop a run that has diverged
            divergedAtEpoch = epoch
            break
        }
        losses.append(loss)
    }

    let norm = model.parameters().flatMap(\.scalars).reduce(0) { $0 + $1 * $1 }.squareRoot()
    return NetworkRun(optimizer: name, learningRate: optimizer.learningRate, losses: losses,
                      accuracy: moonsAccuracy(model, data), divergedAtEpoch: divergedAtEpoch,
                      parameterCount: model.parameterCount, weightNorm: norm)
}

/// The fraction of `data` that `model` classifies right (the larger score wins).
func moonsAccuracy(_ model: Module, _ data: TwoMoons) -> Float {
    let predictions = noGrad { model(data.points).argmax(dim: 1) }.scalars
    let right = zip(predictions, data.labels.scalars).filter { $0 == $1 }.count
    return Float(right) / Float(data.count)
}
