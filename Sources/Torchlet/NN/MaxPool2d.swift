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
        self.init(
            kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) }, padding: (padding, padding),
            given: ("\(kernelSize)", stride.map { "\($0)" } ?? "\(kernelSize)", "\(padding)"))
    }

    public convenience init(kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) {
        self.init(
            kernelSize: kernelSize, stride: stride, padding: padding,
            given: ("\(kernelSize)", "\(stride ?? kernelSize)", "\(padding)"))
    }

    private init(
        kernelSize: (Int, Int), stride: (Int, Int)?, padding: (Int, Int),
        given: (kernel: String, stride: String, padding: String)
    ) {
        let stride = stride ?? kernelSize
        guard kernelSize.0 > 0, kernelSize.1 > 0, stride.0 > 0, stride.1 > 0, padding.0 >= 0, padding.1 >= 0 else {
            failure(
                "MaxPool2d(kernel_size=\(given.kernel), stride=\(given.stride), padding=\(given.padding)): "
                    + "kernel_size and stride must be positive and padding must not be negative")
        }
        guard padding.0 <= kernelSize.0 / 2, padding.1 <= kernelSize.1 / 2 else {
            failure(
                "MaxPool2d: pad should be at most half of effective kernel size, but got "
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
