/// The affine map of a fully connected layer, `y = x · Wᵀ + b`, as one operation (PyTorch's
/// `F.linear`). Doing it in one step lets the matrix product read `W` transposed in place and
/// add the bias while the result is still in cache.
///
///     forward:   y  = x · Wᵀ + b            x: [N, in]   W: [out, in]   b: [out]
///     backward:  dx = g · W                 [N, out] · [out, in] -> [N, in]
///                dW = gᵀ · x                [out, N] · [N, in]   -> [out, in]
///                db = Σₙ g                  summed over the batch
extension Tensor {
    /// `x · weightᵀ + bias` for an input of shape `[..., in]` (any leading dimensions).
    public func linear(weight: Tensor, bias: Tensor? = nil, file: StaticString = #filePath, line: UInt = #line)
        -> Tensor
    {
        calledFrom(file, line) { affine(weight: weight, bias: bias) }
    }

    private func affine(weight: Tensor, bias: Tensor?) -> Tensor {
        checkLinearShapes(self, weight: weight, bias: bias)
        let inFeatures = weight.shape[1], outFeatures = weight.shape[0]
        let rows = count / inFeatures
        let x = self
        var out = product(scalars, weight.scalars, m: rows, n: outFeatures, k: inFeatures, transposeB: true)
        if let bias { addToEveryRow(bias.scalars, of: &out) }
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return Tensor(shape: Array(shape.dropLast()) + [outFeatures], scalars: out)
            .recorded(
                bias == nil ? "MmBackward0" : "AddmmBackward0",
                "dx = g · W, dW = gᵀ · x, db = Σ g over the batch", from: inputs
            ) { g in
                var grads: [Tensor?] = []
                grads.append(
                    x.requiresGrad
                        ? Tensor(
                            shape: x.shape,
                            scalars: product(
                                g.scalars, weight.scalars, m: rows, n: inFeatures,
                                k: outFeatures))
                        : nil)
                grads.append(
                    weight.requiresGrad
                        ? Tensor(
                            shape: weight.shape,
                            scalars: product(
                                g.scalars, x.scalars, m: outFeatures,
                                n: inFeatures, k: rows, transposeA: true))
                        : nil)
                if let bias {
                    grads.append(bias.requiresGrad ? g.reshape([rows, outFeatures]).sum(dim: 0) : nil)
                }
                return grads
            }
    }
}

/// Stops, in PyTorch's words, unless `input`'s last size is `weight`'s columns (a Linear layer's
/// in_features) and the bias, if any, has one number per output.
private func checkLinearShapes(_ input: Tensor, weight: Tensor, bias: Tensor?) {
    guard weight.rank == 2, input.rank >= 1, input.shape[input.rank - 1] == weight.shape[1] else {
        failure(
            "linear: mat1 and mat2 shapes cannot be multiplied "
                + "(\(input.rank >= 1 ? (input.shape.dropLast().reduce(1, *)) : 1)x"
                + "\(input.rank >= 1 ? input.shape[input.rank - 1] : 1) and "
                + "\(weight.shape.count == 2 ? weight.shape[1] : 0)x\(weight.shape.first ?? 0)): input \(input.shape.formatted), "
                + "weight \(weight.shape.formatted) (a Linear layer expects inputs whose last size is its in_features)")
    }
    let outFeatures = weight.shape[0]
    if let bias, bias.shape != [outFeatures] {
        failure("linear: bias has shape \(bias.shape.formatted), expected [\(outFeatures)]")
    }
}
