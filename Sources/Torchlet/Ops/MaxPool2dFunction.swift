extension Tensor {
    /// 2-D max pooling of `[N, C, H, W]` (or `[C, H, W]`) over the last two dimensions
    /// (PyTorch's `F.max_pool2d`; `stride` defaults to the kernel size).
    ///
    ///     forward:   out[n, c, y, x] = max over the window of in[n, c, ·, ·]    (argmax saved)
    ///     backward:  dIn[argmax] += g[n, c, y, x]                           (0 elsewhere)
    public func maxPool2d(kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) -> Tensor {
        let g = MaxPooling2D.Geometry(
            checking: self, kernelSize: kernelSize, stride: stride ?? kernelSize,
            padding: padding)
        let x = self
        let (output, indices) = MaxPooling2D.forward(scalars, g)
        return Tensor(shape: Array(shape.dropLast(2)) + [g.outHeight, g.outWidth], scalars: output)
            .recorded("MaxPool2DWithIndicesBackward0", "dx[argmax of each window] += g, 0 elsewhere", from: [x]) {
                grad in
                [Tensor(shape: x.shape, scalars: MaxPooling2D.backward(grad.scalars, indices: indices, g))]
            }
    }
}

extension MaxPooling2D.Geometry {
    /// The sizes of `input.maxPool2d(kernelSize:stride:padding:)`; stops, in PyTorch's words,
    /// unless the input is `[C, H, W]` or `[N, C, H, W]`, the padding at most half the kernel,
    /// and at least one window fits.
    init(checking input: Tensor, kernelSize: (Int, Int), stride: (Int, Int), padding: (Int, Int)) {
        let shape = input.shape
        guard input.rank == 3 || input.rank == 4 else {
            failure(
                "max_pool2d: Expected 3D or 4D (batch mode) tensor for input, but got input of shape "
                    + "\(shape.formatted)")
        }
        guard padding.0 <= kernelSize.0 / 2, padding.1 <= kernelSize.1 / 2 else {
            failure(
                "max_pool2d: pad should be at most half of effective kernel size, but got pad=\(padding), "
                    + "kernel_size=\(kernelSize) and dilation=1")
        }
        let height = shape[input.rank - 2], width = shape[input.rank - 1]
        self.init(
            planes: shape.dropLast(2).reduce(1, *), height: height, width: width,
            kernelHeight: kernelSize.0, kernelWidth: kernelSize.1, strideY: stride.0, strideX: stride.1,
            paddingY: padding.0, paddingX: padding.1)
        let paddedH = height + 2 * padding.0, paddedW = width + 2 * padding.1
        guard paddedH >= kernelSize.0, paddedW >= kernelSize.1, outHeight >= 1, outWidth >= 1 else {
            let channels = shape[input.rank - 3]
            // PyTorch rounds the division down (toward -∞), so a too-large kernel gives 0.
            func outputSize(_ padded: Int, _ kernel: Int, _ stride: Int) -> Int {
                Swift.max(0, Int((Double(padded - kernel) / Double(stride)).rounded(.down)) + 1)
            }
            failure(
                "max_pool2d: Given input size: (\(channels)x\(height)x\(width)). Calculated output size: "
                    + "(\(channels)x\(outputSize(paddedH, kernelSize.0, stride.0))x"
                    + "\(outputSize(paddedW, kernelSize.1, stride.1))). Output size is too small "
                    + "(kernel_size=\(kernelSize), input \(shape.formatted))")
        }
    }
}
