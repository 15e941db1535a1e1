/// The matrix product, PyTorch's `matmul` (`@` in Python).
///
/// For matrices `A[n×k]` and `B[k×m]`, `C = A·B` has `C[i][j] = Σₚ A[i][p] B[p][j]`. Its
/// gradients are matrix products again:
///
///     dA = g · Bᵀ        dB = Aᵀ · g
///
/// As in PyTorch, a 1-D operand is treated as a row (on the left) or a column (on the right)
/// and that dimension is removed from the result, and leading "batch" dimensions broadcast:
/// `[10, 3, 4] matmul [4, 5]` multiplies ten `3×4` matrices by the same `4×5` one.
extension Tensor {
    /// The matrix product `self · other` (through OpenBLAS; see `MatrixMultiply`).
    public func matmul(_ other: Tensor, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        matmul(other, algorithm: .blas, file: file, line: line)
    }

    /// The matrix product computed by the chosen algorithm: `.reference` runs plain Swift loops.
    public func matmul(
        _ other: Tensor, algorithm: MatrixMultiply.Algorithm, file: StaticString = #filePath, line: UInt = #line
    ) -> Tensor {
        calledFrom(file, line) { multiplied(by: other, algorithm: algorithm) }
    }

    private func multiplied(by other: Tensor, algorithm: MatrixMultiply.Algorithm) -> Tensor {
        checkMatmulShapes(self, other)
        let a = self, b = other
        // Promote vectors to matrices: a row on the left, a column on the right.
        let a2 = rank == 1 ? noGrad { reshape([1, shape[0]]) } : self
        let b2 = other.rank == 1 ? noGrad { other.reshape([other.shape[0], 1]) } : other
        let product = matrixProduct(a2, b2, algorithm: algorithm)
        // Remove the promoted dimensions again.
        var resultShape = Array(product.shape.dropLast(2))
        if rank > 1 { resultShape.append(product.shape[product.rank - 2]) }
        if other.rank > 1 { resultShape.append(product.shape[product.rank - 1]) }
        let name =
            switch (rank, other.rank) {
            case (1, 1): "DotBackward0"
            case (2, 1): "MvBackward0"
            case (2, 2), (1, 2): "MmBackward0"
            default: "BmmBackward0"
            }
        return Tensor(shape: resultShape, scalars: product.scalars)
            .recorded(name, "da = g · bᵀ, db = aᵀ · g", from: [a, b]) { g in
                let g2 = g.reshape(product.shape)
                return [
                    a.requiresGrad
                        ? sumToShape(matrixProduct(g2, b2, transposeB: true, algorithm: algorithm), a2.shape).reshape(
                            a.shape)
                        : nil,
                    b.requiresGrad
                        ? sumToShape(matrixProduct(a2, g2, transposeA: true, algorithm: algorithm), b2.shape).reshape(
                            b.shape)
                        : nil,
                ]
            }
    }
}

/// Stops, in PyTorch's words, unless `a · b` is defined: both at least 1-D, and `a`'s last size
/// (its columns) equal to `b`'s rows (its first size if it is a vector).
func checkMatmulShapes(_ a: Tensor, _ b: Tensor) {
    guard a.rank > 0, b.rank > 0 else {
        failure(
            "matmul: both arguments to matmul need to be at least 1D, but they are \(a.rank)D and "
                + "\(b.rank)D (shapes \(a.shape.formatted) and \(b.shape.formatted))")
    }
    let aMatrix = a.rank == 1 ? [1, a.shape[0]] : Array(a.shape.suffix(2))
    let bMatrix = b.rank == 1 ? [b.shape[0], 1] : Array(b.shape.suffix(2))
    guard aMatrix[1] == bMatrix[0] else {
        if a.rank == 1 && b.rank == 1 {
            failure(
                "matmul: inconsistent tensor size, expected tensor \(a.shape.formatted) and src "
                    + "\(b.shape.formatted) to have the same number of elements, but got \(a.count) and "
                    + "\(b.count) elements respectively")
        }
        failure(
            "matmul: mat1 and mat2 shapes cannot be multiplied (\(aMatrix.timesFormatted) and "
                + "\(bMatrix.timesFormatted))"
                + (a.rank > 2 || b.rank > 2
                    ? " for tensors of shapes \(a.shape.formatted) and \(b.shape.formatted)" : ""))
    }
}

/// The product of two tensors of rank ≥ 2 seen as stacks of matrices (batch dimensions
/// broadcast), optionally transposing the last two dimensions of either. No autograd.
func matrixProduct(
    _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false,
    algorithm: MatrixMultiply.Algorithm
) -> Tensor {
    let (aRows, aCols) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
    let (bRows, bCols) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
    let m = transposeA ? aCols : aRows
    let k = transposeA ? aRows : aCols
    let n = transposeB ? bRows : bCols
    let aBatch = Array(a.shape.dropLast(2)), bBatch = Array(b.shape.dropLast(2))

    // Common case: B is one matrix, A a stack of them used as is: one big product.
    if bBatch.isEmpty && !transposeA {
        let rows = aBatch.reduce(1, *) * m
        let out = a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                makeScalars(count: rows * n) { pc in
                    MatrixMultiply.multiply(
                        pa.baseAddress!, pb.baseAddress!, into: pc, m: rows, n: n, k: k,
                        transposeB: transposeB, algorithm: algorithm)
                }
            }
        }
        return Tensor(shape: aBatch + [m, n], scalars: out)
    }

    let batch = broadcastShape(aBatch, bBatch, op: "matmul")
    // Matrix-sized steps between consecutive matrices of each operand (0 where broadcast).
    let aSteps = broadcastStrides(aBatch, to: batch).map { $0 * aRows * aCols }
    let bSteps = broadcastStrides(bBatch, to: batch).map { $0 * bRows * bCols }
    let batchShape = batch.isEmpty ? [1] : batch
    let out = a.scalars.withUnsafeBufferPointer { pa in
        b.scalars.withUnsafeBufferPointer { pb in
            makeScalars(count: batch.reduce(1, *) * m * n) { pc in
                forEachRow(
                    of: batchShape + [1],
                    stridesA: (batch.isEmpty ? [0] : aSteps) + [0],
                    stridesB: (batch.isEmpty ? [0] : bSteps) + [0]
                ) { oa, ob, index, _, _, _ in
                    MatrixMultiply.multiply(
                        pa.baseAddress! + oa, pb.baseAddress! + ob, into: pc + index * m * n,
                        m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                        algorithm: algorithm)
                }
            }
        }
    }
    return Tensor(shape: batch + [m, n], scalars: out)
}
