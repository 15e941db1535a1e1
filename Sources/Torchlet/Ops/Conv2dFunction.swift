extension Tensor {
    /// The 2-D convolution of this batch of images `[N, C, H, W]` with filters
    /// `weight` `[O, C, kH, kW]` (PyTorch's `F.conv2d`).
    ///
    ///     forward:   out[n, o, y, x] = b[o] + Σ_c,i,j W[o, c, i, j] · in[n, c, y·s - p + i, x·s - p + j]
    ///     backward:  dIn  = col2im(Wᵀ · g)        each input pixel collects g · W from every window it was in
    ///                dW   = g · colsᵀ             each weight collects g · (the pixel it saw)
    ///                db   = Σ g over batch and positions
    public func conv2d(
        weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
        algorithm: Convolution2D.Algorithm = .im2col
    ) -> Tensor {
        let g = Convolution2D.Geometry(checking: self, weight: weight, bias: bias, stride: stride, padding: padding)
        let x = self
        let output = Convolution2D.forward(
            input: scalars, weight: weight.scalars, bias: bias?.scalars, g,
            algorithm: algorithm)
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return Tensor(shape: [g.batch, g.outChannels, g.outHeight, g.outWidth], scalars: output)
            .recorded("ConvolutionBackward0", "dx = col2im(Wᵀ · g), dW = g · colsᵀ, db = Σ g", from: inputs) { grad in
                let (dx, dw, db) = Convolution2D.backward(
                    gradient: grad.scalars, input: x.scalars, weight: weight.scalars, g,
                    algorithm: algorithm, needInput: x.requiresGrad, needWeight: weight.requiresGrad,
                    needBias: bias?.requiresGrad ?? false)
                var grads: [Tensor?] = [
                    dx.map { Tensor(shape: x.shape, scalars: $0) },
                    dw.map { Tensor(shape: weight.shape, scalars: $0) },
                ]
                if let bias { grads.append(db.map { Tensor(shape: bias.shape, scalars: $0) }) }
                return grads
            }
    }
}

extension Convolution2D.Geometry {
    /// The sizes of `input.conv2d(weight:bias:stride:padding:)`; stops, in PyTorch's words,
    /// unless the input is `[N, C, H, W]`, the weight `[O, C, kH, kW]` with the same C, the bias
    /// `[O]`, and the kernel fits inside the padded image.
    init(checking input: Tensor, weight: Tensor, bias: Tensor?, stride: (Int, Int), padding: (Int, Int)) {
        let shape = input.shape
        guard input.rank == 4 else {
            failure("conv2d: expected 4-D input [N, C, H, W], but got input of shape \(shape.formatted)")
        }
        guard weight.rank == 4, weight.shape[1] == shape[1] else {
            failure(
                "conv2d: weight of size \(weight.shape.formatted) expects input[\(shape.map(String.init).joined(separator: ", "))] "
                    + "to have \(weight.rank == 4 ? weight.shape[1] : 0) channels, but got \(shape[1]) channels instead"
            )
        }
        if let bias, bias.shape != [weight.shape[0]] {
            failure("conv2d: bias has shape \(bias.shape.formatted), expected [\(weight.shape[0])]")
        }
        self.init(
            batch: shape[0], channels: shape[1], height: shape[2], width: shape[3],
            outChannels: weight.shape[0], kernelHeight: weight.shape[2], kernelWidth: weight.shape[3],
            strideY: stride.0, strideX: stride.1, paddingY: padding.0, paddingX: padding.1)
        let paddedH = height + 2 * paddingY, paddedW = width + 2 * paddingX
        guard kernelHeight <= paddedH, kernelWidth <= paddedW else {
            failure(
                "conv2d: Calculated padded input size per channel: (\(paddedH) x \(paddedW)). Kernel size: "
                    + "(\(kernelHeight) x \(kernelWidth)). Kernel size can't be greater than actual input size "
                    + "(input \(shape.formatted), padding \(padding))")
        }
    }
}
