import Notebook
import Torchlet

/// The sizes and hyperparameters of a run: the tutorial's by default, smaller with `--quick`.
struct XORSettings: Equatable {
    /// Points to learn from.
    var trainSize = 2500
    /// Points held back to measure the accuracy.
    var testSize = 500
    /// The standard deviation of the noise around the corners.
    var std: Float = 0.1
    /// Passes over the training set.
    var epochs = 100
    /// SGD's learning rate.
    var learningRate: Float = 0.1
    /// Points per batch.
    var batchSize = 128

    /// The UvA tutorial's setup.
    static let standard = XORSettings()

    /// Half the epochs: a first look in a fraction of a second.
    static let quick = XORSettings(epochs: 50)
}

extension XORSettings: CustomStringConvertible {
    /// As Swift prints a struct, on two lines so it fits the page.
    var description: String {
        "XORSettings(trainSize: \(trainSize), testSize: \(testSize), std: \(std),\n"
            + "            epochs: \(epochs), learningRate: \(learningRate), batchSize: \(batchSize))"
    }
}

/// A seed whose start lands on a plateau: with the lesson's settings, its run is still far from
/// solving XOR after 100 epochs (section "A start that stalls" shows it; a test checks it).
let stallingSeed: UInt64 = 141

/// The tutorial's `train_model`: `epochs` passes over `loader`, each batch through the five
/// steps. Returns the mean loss of each epoch (over its samples); stops early, after calling
/// `afterEpoch`, if the loss is no longer a finite number.
///
/// With `nb`, the loop is listed first (the lesson shows it as the code that trains its model).
/// `afterEpoch(epoch, loss)` runs after each epoch (the lesson advances its progress bar there).
func trainModel(
    _ model: Module, optimizer: any Optimizer, loader: DataLoader, lossFunction: any Loss, epochs: Int,
    listingIn nb: Notebook? = nil, afterEpoch: (_ epoch: Int, _ loss: Float) -> Void = { _, _ in }
) -> [Float] {
    var epochLosses: [Float] = []
    nb?.code()
    for epoch in 1...epochs {
        model.train()  // training mode (afterEpoch may have switched to eval)
        var lossSum: Float = 0
        for (inputs, labels) in loader {                          // 1. a batch
            let predictions = model(inputs).squeeze(dim: 1)       // 2. [b, 1] -> [b]
            let loss = lossFunction(predictions, labels.float())  // 3. the loss
            optimizer.zeroGrad()                                  // 4. clear, then
            loss.backward()                                       //    backpropagate
            optimizer.step()                                      // 5. update
            lossSum += loss.item() * Float(labels.count)
        }
        let epochLoss = lossSum / Float(loader.dataset.count)  // the mean over the epoch
        epochLosses.append(epochLoss)
        afterEpoch(epoch, epochLoss)
        if !epochLoss.isFinite { break }
    }

    return epochLosses
}

/// The predicted class of each logit: 1 where the logit is ≥ 0, that is where σ(logit) ≥ 0.5.
func predictedClasses(_ logits: Tensor) -> [Int] {
    logits.scalars.map { $0 >= 0 ? 1 : 0 }
}

/// The tutorial's `eval_model`: the share of `dataset` the model classifies right, in
/// evaluation mode and without recording a graph. With `nb`, its lines are listed first.
func evaluate(_ model: Module, on dataset: XORDataset, listingIn nb: Notebook? = nil) -> Float {
    nb?.code()
    model.eval()
    let loader = DataLoader(dataset, batchSize: 128)   // in order: no shuffling needed
    var correct = 0
    noGrad {
        for (inputs, labels) in loader {
            let logits = model(inputs).squeeze(dim: 1)
            let classes = predictedClasses(logits)  // logit >= 0 ? 1 : 0
            correct += zip(classes, labels.scalars).filter { Float($0) == $1 }.count
        }
    }
    return Float(correct) / Float(dataset.count)
}

/// The result of one whole run.
struct XORRun {
    let model: XORClassifier
    let trainSet: XORDataset
    let testSet: XORDataset
    /// The mean training loss of each epoch.
    let losses: [Float]
    /// The share of the test set classified right after training.
    let testAccuracy: Float
    /// The test accuracy after each epoch asked for with `accuracyAt`.
    let accuracies: [Int: Float]
    /// σ(model(corner)) for the four corners (0, 0), (0, 1), (1, 0), (1, 1) after each epoch
    /// asked for with `accuracyAt`.
    let cornerProbabilities: [Int: [Float]]
}

/// σ(model(corner)) for each of the four corners (0, 0), (0, 1), (1, 0), (1, 1), whose XOR labels
/// are 0, 1, 1, 0, in evaluation mode.
func cornerProbabilities(_ model: Module) -> [Float] {
    model.eval()
    return noGrad { model(Tensor([[0.0, 0], [0, 1], [1, 0], [1, 1]])).sigmoid() }.scalars
}

/// The lesson's run without the narrative: the data, the model, the loader, 100 epochs of SGD
/// and the test accuracy, drawing random numbers from the default generator in the same order as
/// the lesson does (training set, test set, model, the loader's shuffling seed). Run it inside
/// `withSeed(seed) { ... }` to get the lesson's numbers for `--seed seed`.
///
/// `accuracyAt` lists epochs after which to measure the test accuracy (and the corners) too.
func runXOR(_ settings: XORSettings = .standard, accuracyAt: Set<Int> = []) -> XORRun {
    let trainSet = XORDataset(size: settings.trainSize, std: settings.std)
    let testSet = XORDataset(size: settings.testSize, std: settings.std)
    let model = XORClassifier()
    let lossFunction = BCEWithLogitsLoss()
    let optimizer = SGD(model.parameters(), lr: settings.learningRate)
    let loader = DataLoader(trainSet, batchSize: settings.batchSize, shuffle: true, seed: randomSeed())
    var accuracies: [Int: Float] = [:]
    var corners: [Int: [Float]] = [:]
    let losses = trainModel(model, optimizer: optimizer, loader: loader, lossFunction: lossFunction,
                            epochs: settings.epochs) { epoch, _ in
        if accuracyAt.contains(epoch) {
            accuracies[epoch] = evaluate(model, on: testSet)
            corners[epoch] = cornerProbabilities(model)
        }
    }
    return XORRun(model: model, trainSet: trainSet, testSet: testSet, losses: losses,
                  testAccuracy: evaluate(model, on: testSet), accuracies: accuracies, cornerProbabilities: corners)
}

// MARK: - Forgetting zeroGrad()

/// The gradients of three training steps on one fixed batch, with and without `zeroGrad()`.
struct GradientGrowth {
    /// `linear2.weight.grad` after each step's `backward()`, with `zeroGrad()` before it.
    let cleared: [Tensor]
    /// The same, when `zeroGrad()` is forgotten: each step adds its gradient to the old ones.
    let accumulated: [Tensor]
}

/// Runs `steps` training steps from the same starting weights twice, once clearing the
/// gradients and once not, and records `linear2.weight.grad` after each `backward()`. With
/// `nb`, the loop is listed first.
func gradientGrowth(start: XORClassifier, inputs: Tensor, labels: Tensor, steps: Int = 3,
                    learningRate: Float = 0.1, listingIn nb: Notebook? = nil) -> GradientGrowth {
    var gradients: [Bool: [Tensor]] = [:]
    nb?.code()
    for clearing in [true, false] {
        let model = start.copy()
        let optimizer = SGD(model.parameters(), lr: learningRate)
        let lossFunction = BCEWithLogitsLoss()
        for _ in 1...steps {
            let loss = lossFunction(model(inputs).squeeze(dim: 1), labels.float())
            if clearing { optimizer.zeroGrad() }   // <- the line to forget
            loss.backward()
            gradients[clearing, default: []].append(model.linear2.weight.grad!.detach())
            optimizer.step()
        }
    }

    return GradientGrowth(cleared: gradients[true]!, accumulated: gradients[false]!)
}

/// The length of a tensor seen as one long vector, √(Σ x²).
func norm(_ tensor: Tensor) -> Float {
    tensor.scalars.reduce(0) { $0 + $1 * $1 }.squareRoot()
}

// MARK: - Why logits

/// One row of the comparison of `sigmoid` + `BCELoss` with `BCEWithLogitsLoss`, for a logit
/// whose right answer is class 0 (so a large logit is confidently wrong).
struct SaturationRow {
    let logit: Float
    /// σ(logit) as a Float: exactly 1 from about 17 on.
    let probability: Float
    /// `BCELoss()(sigmoid(x), 0)` and its gradient with respect to the logit.
    let twoStepLoss: Float, twoStepGradient: Float
    /// `BCEWithLogitsLoss()(x, 0)` and its gradient.
    let logitsLoss: Float, logitsGradient: Float
}

/// Both ways of computing the loss of `logit` against target 0, with their gradients.
func saturation(logit: Float) -> SaturationRow {
    let target = Tensor([Float(0)])
    let x1 = Tensor([logit], requiresGrad: true)
    let probability = x1.sigmoid()
    let twoStep = BCELoss()(probability, target)
    twoStep.backward()
    let x2 = Tensor([logit], requiresGrad: true)
    let direct = BCEWithLogitsLoss()(x2, target)
    direct.backward()
    return SaturationRow(logit: logit, probability: probability.scalars[0],
                         twoStepLoss: twoStep.item(), twoStepGradient: x1.grad!.scalars[0],
                         logitsLoss: direct.item(), logitsGradient: x2.grad!.scalars[0])
}

// MARK: - The decision boundary

/// σ(model(x)) on a `steps` × `steps` grid over `range`²: row i is x2 = range.lower + i·Δ, column
/// j is x1 = range.lower + j·Δ, as `Figure.heatmap` wants. One forward pass over every point.
func probabilityGrid(_ model: Module, range: ClosedRange<Float>, steps: Int) -> [[Float]] {
    let coordinates = Tensor.linspace(range.lowerBound, range.upperBound, steps: steps).scalars
    var points = [Float]()
    points.reserveCapacity(steps * steps * 2)
    for x2 in coordinates {
        for x1 in coordinates { points += [x1, x2] }
    }
    model.eval()
    let probabilities = noGrad { model(Tensor(shape: [steps * steps, 2], scalars: points)).sigmoid() }
    return (0..<steps).map { row in Array(probabilities.scalars[(row * steps)..<((row + 1) * steps)]) }
}

/// `trainModel` with the bug: no `zeroGrad()`, so every `backward()` adds its gradient to all
/// the earlier ones and `step()` moves each parameter by lr × (the sum of every gradient so
/// far). Returns the mean loss of each epoch.
func trainForgettingZeroGrad(
    _ model: Module, optimizer: any Optimizer, loader: DataLoader, lossFunction: any Loss, epochs: Int
) -> [Float] {
    model.train()
    var epochLosses: [Float] = []
    for _ in 1...epochs {
        var lossSum: Float = 0
        var seen = 0
        for (inputs, labels) in loader {
            let loss = lossFunction(model(inputs).squeeze(dim: 1), labels.float())
            loss.backward()                                       // no zeroGrad() before this
            optimizer.step()
            lossSum += loss.item() * Float(labels.count)
            seen += labels.count
        }
        epochLosses.append(lossSum / Float(seen))
    }
    return epochLosses
}
