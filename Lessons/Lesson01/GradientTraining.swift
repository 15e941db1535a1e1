import Notebook
import Torchlet

/// Everything the training step of section 4 computed, for the tests.
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
    /// The loss on the same samples after the step.
    let lossAfter: Tensor

    /// The largest difference between autograd and the formula, over weight and bias.
    var largestGradientDifference: Float {
        let pairs = zip(weightGrad.scalars + biasGrad.scalars, weightGradByHand.scalars + biasGradByHand.scalars)
        return pairs.map { abs($0 - $1) }.max() ?? 0
    }

    /// Whether the step moved each parameter by exactly -lr times its gradient (up to rounding).
    func movedAgainstTheGradient(learningRate: Float) -> Bool {
        let before = weightBefore.scalars + biasBefore.scalars
        let after = weightAfter.scalars + biasAfter.scalars
        let gradient = weightGrad.scalars + biasGrad.scalars
        return before.indices.allSatisfy { abs(after[$0] - (before[$0] - learningRate * gradient[$0])) < 1e-6 }
    }
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

/// Trains with SGD on BCE, in shuffled mini-batches, for `epochs` (at least 1) epochs, and
/// records the model after every epoch: `records[0]` is the untrained model, `records[e]` the
/// model after epoch e. Given a notebook, it lists the loop there (section 5).
func trainWithGradients(_ model: Perceptron, on data: TwoClassData, epochs: Int, learningRate: Float,
                        batchSize: Int, showingLoopIn nb: Notebook? = nil) -> [EpochRecord] {
    precondition(epochs >= 1, "trainWithGradients: train for at least 1 epoch")
    nb?.code()
    let dataset = TensorDataset(data.inputs, data.labels)
    let loader = DataLoader(dataset, batchSize: batchSize, shuffle: true)
    let optimizer = SGD(model.parameters(), lr: learningRate)
    let lossFunction = BCELoss()
    var records = [evaluate(model, on: data, epoch: 0)]  // epoch 0: before training
    for epoch in 1...epochs {
        for (x, y) in loader {  // the mini-batches, in a new order every epoch
            optimizer.zeroGrad()
            let loss = lossFunction(model(x), y)
            loss.backward()
            optimizer.step()
        }
        records.append(evaluate(model, on: data, epoch: epoch))  // on the whole set
    }

    return records
}
