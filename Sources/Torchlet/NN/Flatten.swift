/// Merges dimensions `startDim...endDim` into one, PyTorch's `nn.Flatten`. With the defaults a
/// batch of feature maps `[N, C, H, W]` becomes `[N, C·H·W]`, ready for a `Linear` layer; the
/// batch dimension stays.
///
/// Backward: the gradient is reshaped back to the input's shape (no number changes).
public final class Flatten: Module {
    public let startDim: Int
    public let endDim: Int

    public init(startDim: Int = 1, endDim: Int = -1) {
        self.startDim = startDim
        self.endDim = endDim
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        input.flatten(startDim: startDim, endDim: endDim)
    }

    public override var extraDescription: String { "start_dim=\(startDim), end_dim=\(endDim)" }
}
