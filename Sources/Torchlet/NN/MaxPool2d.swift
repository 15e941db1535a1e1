/// 2-D max pooling, PyTorch's `nn.MaxPool2d`: each output is the largest number in a
/// `kernelSize` window of its channel, the windows `stride` apart (the kernel size by default).
///
///     let pool = MaxPool2d(kernelSize: 2)        // [N, C, 28, 28] -> [N, C, 14, 14]
///
/// It halves the image and keeps the strongest response of each 2x2 patch, so the next layer
/// sees a wider area for the same filter size. It has no weights. `padding` adds a border of
/// -∞ (never the maximum), at most half the kernel wide, as PyTorch requires.
///
/// Backward: each output's gradient goes to the input that was the maximum of its window; the
/// other inputs get 0.
public final class MaxPool2d: Module {
    public let kernelSize: (Int, Int)
    public let stride: (Int, Int)
    public let padding: (Int, Int)
    /// The sizes as given (one number or a pair), for printing as PyTorch does.
    private let given: (kernel: String, stride: String, padding: String)

    public convenience init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        self.init(kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) }, padding: (padding, padding),
                  given: ("\(kernelSize)", stride.map { "\($0)" } ?? "\(kernelSize)", "\(padding)"))
    }

    public convenience init(kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) {
        self.init(kernelSize: kernelSize, stride: stride, padding: padding,
                  given: ("\(kernelSize)", "\(stride ?? kernelSize)", "\(padding)"))
    }

    private init(kernelSize: (Int, Int), stride: (Int, Int)?, padding: (Int, Int),
                 given: (kernel: String, stride: String, padding: String)) {
        let stride = stride ?? kernelSize
        guard kernelSize.0 > 0, kernelSize.1 > 0, stride.0 > 0, stride.1 > 0, padding.0 >= 0, padding.1 >= 0 else {
            failure("MaxPool2d(kernel_size=\(given.kernel), stride=\(given.stride), padding=\(given.padding)): "
                + "kernel_size and stride must be positive and padding must not be negative")
        }
        guard padding.0 <= kernelSize.0 / 2, padding.1 <= kernelSize.1 / 2 else {
            failure("MaxPool2d: pad should be at most half of effective kernel size, but got "
                + "pad=\(given.padding), kernel_size=\(given.kernel) and dilation=1")
        }
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.given = given
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        input.maxPool2d(kernelSize: kernelSize, stride: stride, padding: padding)
    }

    public override var extraDescription: String {
        "kernel_size=\(given.kernel), stride=\(given.stride), padding=\(given.padding), dilation=1, ceil_mode=False"
    }
}

extension Tensor {
    /// 2-D max pooling of `[N, C, H, W]` (or `[C, H, W]`) over the last two dimensions
    /// (PyTorch's `F.max_pool2d`; `stride` defaults to the kernel size).
    ///
    ///     forward:   out[n, c, y, x] = max over the window of in[n, c, ·, ·]    (argmax saved)
    ///     backward:  dIn[argmax] += g[n, c, y, x]                           (0 elsewhere)
    public func maxPool2d(kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) -> Tensor {
        let stride = stride ?? kernelSize
        guard rank == 3 || rank == 4 else {
            failure("max_pool2d: Expected 3D or 4D (batch mode) tensor for input, but got input of shape "
                + "\(shape.formatted)")
        }
        guard padding.0 <= kernelSize.0 / 2, padding.1 <= kernelSize.1 / 2 else {
            failure("max_pool2d: pad should be at most half of effective kernel size, but got pad=\(padding), "
                + "kernel_size=\(kernelSize) and dilation=1")
        }
        let height = shape[rank - 2], width = shape[rank - 1]
        let g = MaxPooling2D.Geometry(
            planes: shape.dropLast(2).reduce(1, *), height: height, width: width,
            kernelHeight: kernelSize.0, kernelWidth: kernelSize.1, strideY: stride.0, strideX: stride.1,
            paddingY: padding.0, paddingX: padding.1)
        let paddedH = height + 2 * padding.0, paddedW = width + 2 * padding.1
        guard paddedH >= kernelSize.0, paddedW >= kernelSize.1, g.outHeight >= 1, g.outWidth >= 1 else {
            let channels = shape[rank - 3]
            // PyTorch rounds the division down (toward -∞), so a too-large kernel gives 0.
            func outputSize(_ padded: Int, _ kernel: Int, _ stride: Int) -> Int {
                Swift.max(0, Int((Double(padded - kernel) / Double(stride)).rounded(.down)) + 1)
            }
            failure("max_pool2d: Given input size: (\(channels)x\(height)x\(width)). Calculated output size: "
                + "(\(channels)x\(outputSize(paddedH, kernelSize.0, stride.0))x"
                + "\(outputSize(paddedW, kernelSize.1, stride.1))). Output size is too small "
                + "(kernel_size=\(kernelSize), input \(shape.formatted))")
        }
        let x = self
        let (output, indices) = MaxPooling2D.forward(scalars, g)
        return Tensor(shape: Array(shape.dropLast(2)) + [g.outHeight, g.outWidth], scalars: output)
            .recorded("MaxPool2DWithIndicesBackward0", "dx[argmax of each window] += g, 0 elsewhere", from: [x]) { grad in
                [Tensor(shape: x.shape, scalars: MaxPooling2D.backward(grad.scalars, indices: indices, g))]
            }
    }
}
