import Notebook
import Torchlet

/// Everything that decides the network and its training, apart from the data and the seed.
struct CNNSettings: Equatable {
    /// Passes over the training set.
    var epochs = 4
    /// Adam's learning rate.
    var learningRate: Float = 1e-3
    /// Images per batch.
    var batchSize = 100
    /// The side of the first convolution's filters (the filter-size study changes it: 3 or 10).
    var firstKernel = 3
    /// The first convolution's stride (the stride study changes it: 1 or 5).
    var firstStride = 1
    /// The probability that Dropout zeroes a unit of the 625 (the seed's keep_prob = 0.5).
    var dropout: Float = 0.5

    /// The lesson's default run: the seed's network and settings.
    static let standard = CNNSettings()

    /// "Conv2d(1, 32, 3, stride 1, padding 1)": how the first layer reads in a table.
    var firstLayer: String { "Conv2d(1, 32, \(firstKernel), stride \(firstStride), padding 1)" }
}

/// The side of a convolution's or a pooling's output: ⌊(n + 2p − k) / s⌋ + 1, or `nil` when the
/// (padded) input is smaller than the window and there is no output at all.
func outputSide(_ n: Int, kernel k: Int, stride s: Int = 1, padding p: Int = 0) -> Int? {
    let room = n + 2 * p - k
    return room < 0 ? nil : room / s + 1
}

/// The sides after each block of the network for a 28x28 picture, with the first convolution
/// `kernel` wide and moving by `stride`: [conv1, pool1, conv2, pool2, conv3, pool3]. `nil` if
/// the picture shrinks to nothing on the way (so the network cannot be built).
func blockSides(firstKernel kernel: Int, firstStride stride: Int, input: Int = 28) -> [Int]? {
    guard let conv1 = outputSide(input, kernel: kernel, stride: stride, padding: 1),
          let pool1 = outputSide(conv1, kernel: 2, stride: 2),
          let conv2 = outputSide(pool1, kernel: 3, padding: 1),
          let pool2 = outputSide(conv2, kernel: 2, stride: 2),
          let conv3 = outputSide(pool2, kernel: 3, padding: 1),
          let pool3 = outputSide(conv3, kernel: 2, stride: 2, padding: 1),
          pool3 > 0 else { return nil }
    return [conv1, pool1, conv2, pool2, conv3, pool3]
}

/// The seed's CNN, as one `Sequential` of 14 layers:
///
///     Conv2d(1, 32, 3, p1)  - ReLU - MaxPool2d(2)            [N, 32, 14, 14]
///     Conv2d(32, 64, 3, p1) - ReLU - MaxPool2d(2)            [N, 64, 7, 7]
///     Conv2d(64, 128, 3, p1) - ReLU - MaxPool2d(2, 2, p1)    [N, 128, 4, 4]
///     Flatten                                                 [N, 2048]
///     Linear(2048, 625) - ReLU - Dropout(0.5)                 [N, 625]
///     Linear(625, 10)                                         [N, 10]
///
/// Both Linear layers get Xavier-uniform weights, as the seed does; the convolutions keep
/// PyTorch's default initialisation. The first convolution's filter size and stride come from
/// `settings` (the studies change them), and the first Linear layer's width follows from them.
/// With `listing`, the lines that build it are shown in that notebook.
func makeCNN(_ settings: CNNSettings = .standard, listing nb: Notebook? = nil) -> Sequential {
    nb?.code()
    let (k, s) = (settings.firstKernel, settings.firstStride)  // 3 and 1 here
    let side = blockSides(firstKernel: k, firstStride: s)!.last!  // of the last maps
    let fc1 = Linear(128 * side * side, 625)
    Init.xavierUniform_(fc1.weight)
    let fc2 = Linear(625, 10)
    Init.xavierUniform_(fc2.weight)
    return Sequential(
        Conv2d(1, 32, kernelSize: k, stride: s, padding: 1), ReLU(),
        MaxPool2d(kernelSize: 2, stride: 2),
        Conv2d(32, 64, kernelSize: 3, stride: 1, padding: 1), ReLU(),
        MaxPool2d(kernelSize: 2, stride: 2),
        Conv2d(64, 128, kernelSize: 3, stride: 1, padding: 1), ReLU(),
        MaxPool2d(kernelSize: 2, stride: 2, padding: 1),
        Flatten(),
        fc1, ReLU(), Dropout(p: settings.dropout),
        fc2)
}

/// One row of the shape table: a layer, the shape of what comes out of it, and its parameters.
struct LayerShape: Equatable {
    var layer: String
    var outputShape: [Int]
    var parameters: Int
}

/// A layer as the shape table names it, shorter than PyTorch's printout:
/// `Conv2d(1, 32, 3, stride 1, padding 1)`, `MaxPool2d(2, stride 2)`, `Linear(2048, 625)`.
func shortDescription(_ layer: Module) -> String {
    switch layer {
    case let conv as Conv2d:
        return "Conv2d(\(conv.inChannels), \(conv.outChannels), \(conv.kernelSize.0), stride \(conv.stride.0), "
            + "padding \(conv.padding.0))"
    case let pool as MaxPool2d:
        return "MaxPool2d(\(pool.kernelSize.0), stride \(pool.stride.0)"
            + (pool.padding.0 == 0 ? ")" : ", padding \(pool.padding.0))")
    case let linear as Linear:
        return "Linear(\(linear.weight.size(1)), \(linear.weight.size(0)))"
    case let dropout as Dropout:
        return "Dropout(\(dropout.p))"
    case is Flatten:
        return "Flatten()"
    default:
        return layer.description
    }
}

/// Runs `input` through the layers of `model` one at a time and records each output's shape.
func layerShapes(_ model: Sequential, input: Tensor) -> [LayerShape] {
    var x = input
    var rows: [LayerShape] = []
    let wasTraining = model.isTraining
    model.eval()
    defer { model.train(wasTraining) }
    noGrad {
        for layer in model.layers {
            x = layer(x)
            rows.append(LayerShape(layer: shortDescription(layer), outputShape: x.shape, parameters: layer.parameterCount))
        }
    }
    return rows
}
