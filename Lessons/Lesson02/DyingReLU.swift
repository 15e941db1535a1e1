import Notebook
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

        /// The lesson's settings: the ones above, or a smaller batch and fewer steps with `--quick`.
        init(quick: Bool = false) {
            if quick {
                batch = 64
                steps = 50
            }
        }
    }

    let settings: Settings
    let x: Tensor
    let y: Tensor
    /// The first layer, whose units can die.
    let first: Linear
    let model: Sequential
    let lossFunction: MSELoss
    let optimizer: SGD
    /// The loss and the dead hidden units, measured at the start (`history[0]`), after the big
    /// step (`history[1]`) and after each sensible step (`history[1 + n]` after n of them).
    private(set) var history: [(loss: Float, dead: [Int])]

    /// Runs the experiment with `activation` between the layers: one step with
    /// `settings.badLearningRate`, then `settings.steps` steps with `settings.learningRate`. The
    /// data and the initial weights come from `seed` alone, so two runs with different
    /// activations start from the same network. Given a notebook, it lists its code there.
    init(activation: Module, seed: UInt64, settings: Settings = Settings(), showingCodeIn nb: Notebook? = nil) {
        self.settings = settings
        nb?.code()
        let (x, y, first, second) = withSeed(seed) {  // the same for every activation
            let x = Tensor.randn([settings.batch, settings.inputs])
            let teacher = Tensor.randn([settings.inputs, 1])
            let first = Linear(settings.inputs, settings.hidden)
            let second = Linear(settings.hidden, 1)
            return (x, x.matmul(teacher), first, second)
        }
        let model = Sequential(first, activation, second)
        let lossFunction = MSELoss()
        func measure() -> (loss: Float, dead: [Int]) {
            noGrad { (lossFunction(model(x), y).item(), deadUnits(first, on: x)) }
        }
        var history = [measure()]  // at the start
        lossFunction(model(x), y).backward()
        SGD(model.parameters(), lr: settings.badLearningRate).step()  // the one bad step
        history.append(measure())
        let optimizer = SGD(model.parameters(), lr: settings.learningRate)
        for _ in 0..<settings.steps {
            optimizer.zeroGrad()
            lossFunction(model(x), y).backward()
            optimizer.step()
            history.append(measure())
        }

        (self.x, self.y, self.first, self.model) = (x, y, first, model)
        (self.lossFunction, self.optimizer, self.history) = (lossFunction, optimizer, history)
    }

    /// Trains `steps` more sensible steps, measuring after each one.
    mutating func train(steps: Int) {
        for _ in 0..<steps {
            optimizer.zeroGrad()
            lossFunction(model(x), y).backward()
            optimizer.step()
            history.append(noGrad { (lossFunction(model(x), y).item(), deadUnits(first, on: x)) })
        }
    }

    /// The dead units at the start, after the big step, after `n` sensible steps, and after all
    /// of `settings.steps`.
    var deadAtStart: [Int] { history[0].dead }
    var deadAfterBadStep: [Int] { history[1].dead }
    func dead(afterSteps n: Int) -> [Int] { history[1 + n].dead }
    var deadAfterTraining: [Int] { dead(afterSteps: settings.steps) }
    /// The dead units now, after every step taken so far.
    var deadNow: [Int] { history.last!.dead }

    /// The loss at the start, after the big step and after `settings.steps` sensible steps.
    var losses: (start: Float, afterBadStep: Float, afterTraining: Float) {
        (history[0].loss, history[1].loss, history[1 + settings.steps].loss)
    }

    /// How many hidden units one more backward pass gives no gradient at all: their row of the
    /// first layer's weight.grad and their bias.grad are exactly 0. (The gradients are cleared
    /// again afterwards.)
    func unitsWithoutGradient() -> Int {
        optimizer.zeroGrad()
        lossFunction(model(x), y).backward()
        defer { optimizer.zeroGrad() }
        guard let weightGrad = first.weight.grad?.scalars, let biasGrad = first.bias?.grad?.scalars else {
            return first.outFeatures
        }
        let n = first.inFeatures
        return (0..<first.outFeatures).filter { unit in
            biasGrad[unit] == 0 && weightGrad[(unit * n)..<((unit + 1) * n)].allSatisfy { $0 == 0 }
        }.count
    }
}

/// The units of `layer` whose output is ≤ 0 for every row of `x`: dead, behind a ReLU.
func deadUnits(_ layer: Linear, on x: Tensor) -> [Int] {
    let preActivation = noGrad { layer(x) }
    let units = layer.outFeatures
    var largest = [Float](repeating: -.infinity, count: units)
    for (index, value) in preActivation.scalars.enumerated() {
        largest[index % units] = Swift.max(largest[index % units], value)
    }
    return largest.indices.filter { largest[$0] <= 0 }
}
