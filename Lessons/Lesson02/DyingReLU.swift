import Torchlet

/// What happens to the hidden units of a small network, Linear → activation → Linear, when one
/// gradient step is far too large, and afterwards, when training carries on sensibly.
///
/// A hidden unit is *dead* when its pre-activation (the Linear layer's output for that unit) is
/// ≤ 0 for every input of the batch: ReLU then outputs 0 for every input and passes back a
/// gradient of 0, so no gradient ever reaches the unit's weights and nothing can bring it back.
struct DyingUnitsExperiment {
    /// The settings: batch size, hidden units, the learning rate of the one bad step, and the
    /// number and learning rate of the sensible steps after it.
    struct Settings {
        var batch = 256
        var inputs = 4
        var hidden = 32
        var badLearningRate: Float = 3
        var steps = 200
        var learningRate: Float = 0.01
        var extraSteps = 100
    }

    let settings: Settings
    /// The dead hidden units at initialisation, after the bad step and after the sensible steps.
    let deadAtStart: [Int]
    let deadAfterBadStep: [Int]
    let deadAfterTraining: [Int]
    /// The number of dead units after each sensible step.
    let deadPerStep: [Int]
    /// After training: how many hidden units get no gradient at all (their row of the first
    /// layer's weight.grad and their bias.grad are exactly 0).
    let unitsWithoutGradient: Int
    /// The loss at the start, after the bad step and after the sensible steps.
    let losses: (start: Float, afterBadStep: Float, afterTraining: Float)
    /// Whether `settings.extraSteps` more steps left the weights of the dead units exactly as
    /// they were, and the dead units after them.
    let deadWeightsUnchanged: Bool
    let deadAfterExtraSteps: [Int]

    /// Runs the experiment with `activation` between the layers. The data and the initial weights
    /// come from `seed` alone, so two runs with different activations start from the same network.
    init(activation: Module, seed: UInt64, settings: Settings = Settings()) {
        self.settings = settings
        let (x, y, first, second) = withSeed(seed) {
            let x = Tensor.randn([settings.batch, settings.inputs])
            let teacher = Tensor.randn([settings.inputs, 1])
            return (x, x.matmul(teacher), Linear(settings.inputs, settings.hidden), Linear(settings.hidden, 1))
        }
        let model = Sequential(first, activation, second)
        let mse = MSELoss()
        func loss() -> Tensor { mse(model(x), y) }
        func dead() -> [Int] { DyingUnitsExperiment.deadUnits(first, on: x) }

        deadAtStart = dead()
        let startLoss = noGrad { loss().item() }

        // One step with a learning rate far too large.
        let badStep = SGD(model.parameters(), lr: settings.badLearningRate)
        loss().backward()
        badStep.step()
        badStep.zeroGrad()
        deadAfterBadStep = dead()
        let badLoss = noGrad { loss().item() }

        // Sensible training from there on, counting the dead units after every step.
        let optimizer = SGD(model.parameters(), lr: settings.learningRate)
        func train(_ steps: Int) -> [Int] {
            (0..<steps).map { _ in
                optimizer.zeroGrad()
                loss().backward()
                optimizer.step()
                return dead().count
            }
        }
        deadPerStep = train(settings.steps)
        deadAfterTraining = dead()

        // Who still gets a gradient?
        optimizer.zeroGrad()
        loss().backward()
        unitsWithoutGradient = DyingUnitsExperiment.unitsWithoutGradient(first)
        optimizer.zeroGrad()
        losses = (startLoss, badLoss, noGrad { loss().item() })

        // Dead for good: more training does not touch their weights.
        let before = first.weight.scalars
        _ = train(settings.extraSteps)
        let after = first.weight.scalars
        let n = settings.inputs
        let deadNow = deadAfterTraining
        deadWeightsUnchanged = deadNow.allSatisfy { unit in
            before[(unit * n)..<((unit + 1) * n)] == after[(unit * n)..<((unit + 1) * n)]
        }
        deadAfterExtraSteps = dead()
    }

    /// The units of `layer` whose output is ≤ 0 for every row of `x`.
    static func deadUnits(_ layer: Linear, on x: Tensor) -> [Int] {
        let preActivation = noGrad { layer(x) }
        let units = layer.outFeatures
        var largest = [Float](repeating: -.infinity, count: units)
        for (index, value) in preActivation.scalars.enumerated() {
            largest[index % units] = Swift.max(largest[index % units], value)
        }
        return largest.indices.filter { largest[$0] <= 0 }
    }

    /// How many units of `layer` have an all-zero gradient row (weight and bias).
    static func unitsWithoutGradient(_ layer: Linear) -> Int {
        guard let weightGrad = layer.weight.grad?.scalars, let biasGrad = layer.bias?.grad?.scalars else {
            return layer.outFeatures
        }
        let n = layer.inFeatures
        return (0..<layer.outFeatures).filter { unit in
            biasGrad[unit] == 0 && weightGrad[(unit * n)..<((unit + 1) * n)].allSatisfy { $0 == 0 }
        }.count
    }
}
