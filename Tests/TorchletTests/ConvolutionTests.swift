import Testing
import Torchlet

/// The fast im2col + sgemm convolution against the plain-loop reference, forward and backward,
/// over shapes that exercise padding, strides, rectangular kernels and batches.
@Suite("Convolution algorithms")
struct ConvolutionTests {
    static let shapes: [(input: [Int], out: Int, kernel: (Int, Int), stride: (Int, Int), padding: (Int, Int))] = [
        ([2, 1, 28, 28], 4, (3, 3), (1, 1), (1, 1)),
        ([3, 4, 9, 7], 5, (3, 3), (2, 2), (1, 1)),
        ([1, 3, 8, 10], 2, (5, 3), (1, 3), (2, 0)),
        ([2, 2, 5, 5], 3, (5, 5), (1, 1), (0, 0)),
        ([4, 3, 6, 6], 6, (1, 1), (1, 1), (0, 0)),
        ([1, 2, 3, 3], 2, (4, 4), (2, 2), (2, 2)),
        ([5, 8, 7, 7], 16, (3, 3), (1, 1), (1, 1)),
        // Columns of at most 1 MB per block (Convolution2D.blockBudget): 3 images per block, so
        // eleven blocks, the last of 2, shared among the threads.
        ([32, 32, 16, 16], 8, (3, 3), (1, 1), (1, 1)),
        // Pictures that keep their size (im2colKeepingSize): wide taps, rectangular kernels.
        ([2, 3, 6, 9], 4, (5, 5), (1, 1), (2, 2)),
        ([3, 2, 5, 8], 3, (3, 5), (1, 1), (1, 2)),
    ]

    @Test("im2col equals the reference loops, forward and backward", arguments: 0..<8)
    func fastEqualsReference(index: Int) {
        let s = Self.shapes[index]
        let x = parameter(s.input, seed: 40 + UInt64(index))
        let w = parameter([s.out, s.input[1], s.kernel.0, s.kernel.1], seed: 50 + UInt64(index), label: "w")
        let b = parameter([s.out], seed: 60 + UInt64(index), label: "b")
        var results: [[[Float]]] = []
        for algorithm in [Convolution2D.Algorithm.im2col, .reference] {
            let y = x.conv2d(weight: w, bias: b, stride: s.stride, padding: s.padding, algorithm: algorithm)
            var rng = Generator(seed: 70)
            y.backward(Tensor.randn(y.shape, using: &rng))
            results.append([y.scalars, x.grad!.scalars, w.grad!.scalars, b.grad!.scalars])
            for t in [x, w, b] { t.zeroGrad() }
        }
        // The weight gradient of the last shape sums 32 · 256 = 8,192 products per number, in a
        // different order in each algorithm: Float rounding alone then reaches about 2e-4.
        let tolerance: Float = s.input[0] * s.input[2] * s.input[3] > 4096 ? 1e-3 : 1e-4
        for (fast, reference) in zip(results[0], results[1]) {
            expectClose(fast, reference, tolerance: tolerance)
        }
    }

    @Test("output size (H + 2p - k) / s + 1, as PyTorch")
    func outputShapes() {
        #expect(Conv2d(1, 32, kernelSize: 3, padding: 1)(Tensor.zeros([2, 1, 28, 28])).shape == [2, 32, 28, 28])
        #expect(Conv2d(1, 8, kernelSize: 5)(Tensor.zeros([1, 1, 28, 28])).shape == [1, 8, 24, 24])
        #expect(Conv2d(3, 4, kernelSize: 3, stride: 2)(Tensor.zeros([1, 3, 8, 9])).shape == [1, 4, 3, 4])
        #expect(MaxPool2d(kernelSize: 2, stride: 2, padding: 1)(Tensor.zeros([1, 2, 7, 7])).shape == [1, 2, 4, 4])
        #expect(MaxPool2d(kernelSize: 2)(Tensor.zeros([3, 5, 5])).shape == [3, 2, 2])
    }

    @Test("a convolution without bias, and inputs that need no gradient")
    func partialGradients() {
        let x = Tensor.randn([2, 1, 5, 5])
        let conv = Conv2d(1, 2, kernelSize: 3, bias: false)
        let y = conv(x)
        #expect(y.description.contains("grad_fn=<ConvolutionBackward0>"))
        y.sum().backward()
        #expect(x.grad == nil)
        #expect(conv.weight.grad?.shape == [2, 1, 3, 3])
        let frozen = noGrad { conv(x) }
        #expect(!frozen.requiresGrad)
    }

    @Test("max pooling ignores the -∞ padding and sends the gradient to the argmax only")
    func poolingPadding() {
        let x = Tensor(shape: [1, 1, 2, 2], scalars: [-5, -1, -3, -4], requiresGrad: true)
        let y = MaxPool2d(kernelSize: 2, stride: 1, padding: 1)(x)
        #expect(y.scalars == [-5, -1, -1, -3, -1, -1, -3, -3, -4])
        #expect(y.description.contains("grad_fn=<MaxPool2DWithIndicesBackward0>"))
        y.sum().backward()
        #expect(x.grad!.scalars == [1, 4, 3, 1])
    }

    @Test("a NaN in a pooling window wins, as in PyTorch, and receives the gradient")
    func poolingNaN() {
        let x = Tensor(shape: [1, 1, 2, 4], scalars: [1, .nan, 5, 6, 3, 2, 8, 7], requiresGrad: true)
        let y = x.maxPool2d(kernelSize: (2, 2))
        #expect(y.scalars[0].isNaN && y.scalars[1] == 8)
        y.sum().backward()
        #expect(x.grad!.scalars == [0, 1, 0, 0, 0, 0, 1, 0])
    }

    @Test("training steps do not keep memory alive: the graph is freed after backward")
    func graphIsReleased() {
        weak var weakOutput: Tensor?
        let model = withSeed(2) {
            Sequential(
                Conv2d(1, 2, kernelSize: 3, padding: 1), ReLU(), MaxPool2d(kernelSize: 2), Flatten(),
                Linear(8, 2), Dropout(p: 0.5))
        }
        do {
            let x = Tensor.randn([3, 1, 4, 4])
            let y = model(x)
            weakOutput = y
            y.sum().backward()
        }
        #expect(weakOutput == nil)
    }
}
