import Torchlet

/// Everything one training step computed, for printing and for the tests.
struct TrainingStepResult {
    let predictions: Tensor
    let loss: Tensor
    let weightBefore: Tensor
    let biasBefore: Tensor
    /// What `backward()` put in `fc1.weight.grad` and `fc1.bias.grad`.
    let weightGrad: Tensor
    let biasGrad: Tensor
    /// The same gradients from the formula for sigmoid + BCE:
    /// dL/dw = mean((ŷ - y) · x), dL/db = mean(ŷ - y).
    let weightGradByHand: Tensor
    let biasGradByHand: Tensor
    let weightAfter: Tensor
    let biasAfter: Tensor
    /// The backward trace, when one was asked for.
    let trace: BackwardTrace?

    /// The largest difference between autograd and the formula, over weight and bias.
    var largestGradientDifference: Float {
        let pairs = zip(weightGrad.scalars + biasGrad.scalars, weightGradByHand.scalars + biasGradByHand.scalars)
        return pairs.map { abs($0 - $1) }.max() ?? 0
    }
}

/// One step of the training loop, its five parts in order: zeroGrad, forward, loss, backward,
/// step. Returns every number along the way.
func trainingStep(model: Perceptron, x: Tensor, y: Tensor, learningRate: Float,
                  trace: Bool = false) -> TrainingStepResult {
    let optimizer = SGD(model.parameters(), lr: learningRate)
    let lossFunction = BCELoss()
    let weightBefore = model.fc1.weight.detach(), biasBefore = model.fc1.bias!.detach()

    optimizer.zeroGrad()                      // 1. clear old gradients
    let yHat = model(x)                       // 2. forward
    let loss = lossFunction(yHat, y)          // 3. loss
    let backwardTrace: BackwardTrace?         // 4. backward
    if trace {
        // Names for the trace's lines.
        yHat.labeled("yHat")
        loss.labeled("loss")
        model.fc1.weight.labeled("fc1.weight")
        model.fc1.bias!.labeled("fc1.bias")
        backwardTrace = loss.backwardTrace()
    } else {
        loss.backward()
        backwardTrace = nil
    }
    let weightGrad = model.fc1.weight.grad!, biasGrad = model.fc1.bias!.grad!
    optimizer.step()                          // 5. step

    // The formula: dL/dz = (ŷ - y) / N for each sample, then dz/dw = x and dz/db = 1.
    let (weightGradByHand, biasGradByHand) = noGrad {
        let error = yHat.detach() - y                                     // [N]
        let w = (error.unsqueeze(1) * x).mean(dim: 0).unsqueeze(0)        // [1, 2], like the weight
        let b = error.mean().reshape([1])                                 // [1], like the bias
        return (w, b)
    }
    return TrainingStepResult(
        predictions: yHat, loss: loss, weightBefore: weightBefore, biasBefore: biasBefore,
        weightGrad: weightGrad, biasGrad: biasGrad,
        weightGradByHand: weightGradByHand, biasGradByHand: biasGradByHand,
        weightAfter: model.fc1.weight.detach(), biasAfter: model.fc1.bias!.detach(),
        trace: backwardTrace)
}

/// Where the perceptron stood after one epoch (epoch 0: before training).
struct EpochRecord {
    let epoch: Int
    /// The mean BCE over the whole set.
    let loss: Float
    /// The fraction of the whole set on the right side of the line.
    let accuracy: Float
    /// w₁, w₂ and b: the line w₁x₁ + w₂x₂ + b = 0.
    let weights: [Float]
    let bias: Float
}

/// Measures the model on the whole set, without recording a graph.
func evaluate(_ model: Perceptron, on data: TwoClassData, epoch: Int) -> EpochRecord {
    noGrad {
        let probabilities = model(data.inputs)
        let loss = BCELoss()(probabilities, data.labels).item()
        return EpochRecord(epoch: epoch, loss: loss,
                           accuracy: accuracy(probabilities: probabilities, labels: data.labels),
                           weights: model.weights, bias: model.biasValue)
    }
}

/// Trains with SGD on BCE, in shuffled mini-batches, and records the model after every epoch.
/// `records[0]` is the untrained model, `records[e]` the model after epoch e.
func trainWithGradients(_ model: Perceptron, on data: TwoClassData, epochs: Int, learningRate: Float,
                        batchSize: Int, afterEpoch: (EpochRecord) -> Void = { _ in }) -> [EpochRecord] {
    let loader = DataLoader(TensorDataset(data.inputs, data.labels), batchSize: batchSize, shuffle: true)
    let optimizer = SGD(model.parameters(), lr: learningRate)
    let lossFunction = BCELoss()
    var records = [evaluate(model, on: data, epoch: 0)]
    for epoch in 1...max(epochs, 1) where epochs > 0 {
        for (x, y) in loader {
            optimizer.zeroGrad()
            let loss = lossFunction(model(x), y)
            loss.backward()
            optimizer.step()
        }
        let record = evaluate(model, on: data, epoch: epoch)
        records.append(record)
        afterEpoch(record)
    }
    return records
}
