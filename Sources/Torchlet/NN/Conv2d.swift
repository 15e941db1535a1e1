import Foundation

/// A 2-D convolution over a batch of images, PyTorch's `nn.Conv2d`.
///
/// Each of the `outChannels` filters is a small stack of weights `[inChannels, kH, kW]` that
/// slides over the image; at every position it multiplies the pixels under it by its weights and
/// adds them up (plus a bias). The same filter is used everywhere in the image, so a layer that
/// detects an edge detects it wherever it is, with few weights.
///
///     let conv = Conv2d(1, 32, kernelSize: 3, padding: 1)   // [N, 1, 28, 28] -> [N, 32, 28, 28]
///
/// Input `[N, C, H, W]`, weight `[outChannels, inChannels, kH, kW]`, bias `[outChannels]`,
/// output `[N, outChannels, (H + 2p - kH) / s + 1, (W + 2p - kW) / s + 1]`. Initialised as
/// PyTorch does: `kaiming_uniform_(a: √5)`, which is U(±1/√fanIn), and the bias in the same
/// bounds, with fanIn = inChannels · kH · kW.
public final class Conv2d: Module {
    /// `[outChannels, inChannels, kH, kW]`.
    public let weight: Tensor
    /// `[outChannels]`, or `nil` without bias.
    public let bias: Tensor?
    public let inChannels: Int
    public let outChannels: Int
    /// (height, width) of the filters.
    public let kernelSize: (Int, Int)
    /// How far the filter moves between positions, (down, across).
    public let stride: (Int, Int)
    /// Rows and columns of zeros added around the image, (top and bottom, left and right).
    public let padding: (Int, Int)
    /// Which algorithm computes the convolution (the tests compare the two).
    public var algorithm: Convolution2D.Algorithm = .im2col

    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
        padding: (Int, Int) = (0, 0), bias: Bool = true
    ) {
        let description =
            "Conv2d(\(inChannels), \(outChannels), kernel_size=\(kernelSize), stride=\(stride), "
            + "padding=\(padding))"
        guard inChannels > 0, outChannels > 0 else {
            failure("\(description): the numbers of channels must be positive")
        }
        guard kernelSize.0 > 0, kernelSize.1 > 0, stride.0 > 0, stride.1 > 0 else {
            failure("\(description): kernel_size and stride must be positive")
        }
        guard padding.0 >= 0, padding.1 >= 0 else {
            failure("\(description): negative padding is not supported")
        }
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        weight = Tensor.zeros([outChannels, inChannels, kernelSize.0, kernelSize.1])
        weight.requiresGrad = true
        // PyTorch's reset_parameters: kaiming_uniform_(a=√5) = U(±1/√fanIn), bias U(±1/√fanIn).
        Init.kaimingUniform_(weight, a: Foundation.sqrt(5))
        if bias {
            let bound = 1 / Foundation.sqrt(Double(inChannels * kernelSize.0 * kernelSize.1))
            self.bias = Init.uniform_(Tensor.zeros([outChannels], requiresGrad: true), a: -bound, b: bound)
        } else {
            self.bias = nil
        }
        super.init()
    }

    /// A square filter: `Conv2d(1, 32, kernelSize: 3, padding: 1)`.
    public convenience init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true
    ) {
        self.init(
            inChannels, outChannels, kernelSize: (kernelSize, kernelSize), stride: (stride, stride),
            padding: (padding, padding), bias: bias)
    }

    public override func forward(_ input: Tensor) -> Tensor {
        guard input.rank == 4, input.shape[1] == inChannels else {
            failure(
                "Conv2d: expected input of shape [N, \(inChannels), H, W] (4-D with \(inChannels) channels), "
                    + "got \(input.shape.formatted). (An image batch is [batch, channels, height, width]: "
                    + "reshape flat images with .view(-1, \(inChannels), height, width).)")
        }
        return input.conv2d(weight: weight, bias: bias, stride: stride, padding: padding, algorithm: algorithm)
    }

    /// As PyTorch prints it: padding only when not zero, bias only when absent.
    public override var extraDescription: String {
        var text = "\(inChannels), \(outChannels), kernel_size=\(kernelSize), stride=\(stride)"
        if padding != (0, 0) { text += ", padding=\(padding)" }
        if bias == nil { text += ", bias=False" }
        return text
    }
}
