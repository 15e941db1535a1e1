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
    public func linear(weight: Tensor, bias: Tensor? = nil, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        calledFrom(file, line) { affine(weight: weight, bias: bias) }
    }

    private func affine(weight: Tensor, bias: Tensor?) -> Tensor {
        guard weight.rank == 2, rank >= 1, shape[rank - 1] == weight.shape[1] else {
            failure("linear: mat1 and mat2 shapes cannot be multiplied "
                + "(\(rank >= 1 ? (shape.dropLast().reduce(1, *)) : 1)x\(rank >= 1 ? shape[rank - 1] : 1) and "
                + "\(weight.shape.count == 2 ? weight.shape[1] : 0)x\(weight.shape.first ?? 0)): input \(shape.formatted), "
                + "weight \(weight.shape.formatted) (a Linear layer expects inputs whose last size is its in_features)")
        }
        let inFeatures = weight.shape[1], outFeatures = weight.shape[0]
        if let bias, bias.shape != [outFeatures] {
            failure("linear: bias has shape \(bias.shape.formatted), expected [\(outFeatures)]")
        }
        let rows = count / inFeatures
        let x = self
        var out = scalars.withUnsafeBufferPointer { px in
            weight.scalars.withUnsafeBufferPointer { pw in
                makeScalars(count: rows * outFeatures) { py in
                    MatrixMultiply.multiply(px.baseAddress!, pw.baseAddress!, into: py,
                                            m: rows, n: outFeatures, k: inFeatures, transposeB: true)
                }
            }
        }
        if let bias {
            out.withUnsafeMutableBufferPointer { py in
                bias.scalars.withUnsafeBufferPointer { pb in
                    for r in 0..<rows {
                        let row = py.baseAddress! + r * outFeatures
                        for j in 0..<outFeatures { row[j] += pb[j] }
                    }
                }
            }
        }
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return Tensor(shape: Array(shape.dropLast()) + [outFeatures], scalars: out)
            .recorded(bias == nil ? "MmBackward0" : "AddmmBackward0",
                      "dx = g · W, dW = gᵀ · x, db = Σ g over the batch", from: inputs) { g in
                var grads: [Tensor?] = []
                grads.append(x.requiresGrad
                    ? Tensor(shape: x.shape, scalars: product(g.scalars, weight.scalars, m: rows, n: inFeatures,
                                                              k: outFeatures))
                    : nil)
                grads.append(weight.requiresGrad
                    ? Tensor(shape: weight.shape, scalars: product(g.scalars, x.scalars, m: outFeatures,
                                                                   n: inFeatures, k: rows, transposeA: true))
                    : nil)
                if let bias {
                    grads.append(bias.requiresGrad ? g.reshape([rows, outFeatures]).sum(dim: 0) : nil)
                }
                return grads
            }
    }
}

/// `op(A) · op(B)` on flat row-major buffers through BLAS (see `MatrixMultiply`).
func product(
    _ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false
) -> [Float] {
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            makeScalars(count: m * n) { pc in
                MatrixMultiply.multiply(pa.baseAddress!, pb.baseAddress!, into: pc, m: m, n: n, k: k,
                                        transposeA: transposeA, transposeB: transposeB)
            }
        }
    }
}
