import Testing
import Torchlet

/// Every layer's backward pass against central differences (see `expectGradientsMatch`).
@Suite("Layer gradients")
struct LayerGradientTests {
    /// Numbers spread out and away from 0, so that a small nudge never crosses a kink (ReLU's
    /// 0) or changes which number of a pooling window is largest.
    static func distinct(_ shape: [Int], seed: UInt64, label: String = "x") -> Tensor {
        let count = shape.reduce(1, *)
        var rng = Generator(seed: seed)
        let order = (0..<count).shuffled(using: &rng)
        let values = order.map { Float($0 - count / 2) * 0.01 + 0.005 }
        return Tensor(shape: shape, scalars: values, requiresGrad: true).labeled(label)
    }

    static let convolutions: [(kernel: (Int, Int), stride: (Int, Int), padding: (Int, Int), bias: Bool)] = [
        ((3, 3), (1, 1), (0, 0), true),
        ((3, 3), (1, 1), (1, 1), true),
        ((3, 3), (2, 2), (1, 1), true),
        ((3, 2), (2, 1), (1, 0), false),
        ((2, 2), (3, 3), (2, 2), true),
    ]

    @Test("Conv2d: input, weight and bias", arguments: 0..<5)
    func convolution(index: Int) {
        let c = Self.convolutions[index]
        for algorithm in Convolution2D.Algorithm.allCases {
            let conv = withSeed(UInt64(index)) {
                Conv2d(2, 3, kernelSize: c.kernel, stride: c.stride, padding: c.padding, bias: c.bias)
            }
            conv.algorithm = algorithm
            conv.weight.label = "weight"
            conv.bias?.label = "bias"
            let x = parameter([2, 2, 6, 5], seed: 20 + UInt64(index))
            expectGradientsMatch([x] + conv.parameters()) { conv(x) }
        }
    }

    @Test("MaxPool2d: padding, stride different from the kernel, overlapping windows")
    func maxPool() {
        let x = Self.distinct([2, 2, 7, 6], seed: 30)
        expectGradientsMatch([x]) { MaxPool2d(kernelSize: 2)(x) }
        expectGradientsMatch([x]) { MaxPool2d(kernelSize: 2, stride: 2, padding: 1)(x) }
        expectGradientsMatch([x]) { MaxPool2d(kernelSize: 3, stride: 1)(x) }
        expectGradientsMatch([x]) { MaxPool2d(kernelSize: 3, stride: 2, padding: 1)(x) }
        expectGradientsMatch([x]) { MaxPool2d(kernelSize: (3, 2), stride: (1, 2), padding: (1, 1))(x) }
    }

    @Test("PReLU: input and one shared slope")
    func preluShared() {
        let x = Self.distinct([3, 4], seed: 31)
        let prelu = PReLU()
        prelu.weight.label = "weight"
        expectGradientsMatch([x, prelu.weight]) { prelu(x) }
    }

    @Test("PReLU: input and one slope per channel, on [N, C] and [N, C, H, W]")
    func preluPerChannel() {
        let prelu = PReLU(numParameters: 3, initial: 0.1)
        noGrad { prelu.weight.copy(from: Tensor([0.1, -0.2, 0.3])) }
        prelu.weight.label = "weight"
        let matrix = Self.distinct([4, 3], seed: 32)
        expectGradientsMatch([matrix, prelu.weight]) { prelu(matrix) }
        let images = Self.distinct([2, 3, 2, 2], seed: 33)
        expectGradientsMatch([images, prelu.weight]) { prelu(images) }
    }

    @Test("Dropout with a fixed mask (the same seed for every evaluation)")
    func dropout() {
        let x = parameter([5, 6], seed: 34)
        expectGradientsMatch([x]) { withSeed(9) { Dropout(p: 0.3)(x) } }
        let model = Dropout(p: 0.3)
        model.eval()
        expectGradientsMatch([x]) { model(x) * 1 }
    }

    @Test("Flatten")
    func flatten() {
        let x = parameter([2, 3, 2, 2], seed: 35)
        expectGradientsMatch([x]) { Flatten()(x) }
        expectGradientsMatch([x]) { Flatten(startDim: 0, endDim: 1)(x) }
    }

    @Test("Softmax, LogSoftmax and the other activation modules")
    func activations() {
        let x = Self.distinct([3, 5], seed: 36)
        expectGradientsMatch([x]) { Softmax(dim: 1)(x) }
        expectGradientsMatch([x]) { Softmax(dim: 0)(x) }
        expectGradientsMatch([x]) { LogSoftmax(dim: 1)(x) }
        expectGradientsMatch([x]) { LogSoftmax(dim: -2)(x) }
        expectGradientsMatch([x]) { ReLU()(x) }
        expectGradientsMatch([x]) { LeakyReLU(negativeSlope: 0.2)(x) }
        expectGradientsMatch([x]) { Sigmoid()(x) }
        expectGradientsMatch([x]) { Tanh()(x) }
    }

    @Test("a small CNN end to end: conv, ReLU, pool, flatten, linear")
    func smallNetwork() {
        let model = withSeed(4) {
            Sequential(
                Conv2d(1, 2, kernelSize: 3, padding: 1), ReLU(), MaxPool2d(kernelSize: 2, padding: 1),
                Flatten(), Linear(18, 3))
        }
        let x = parameter([2, 1, 4, 4], seed: 37)
        expectGradientsMatch([x] + model.parameters()) { model(x) }
    }
}
