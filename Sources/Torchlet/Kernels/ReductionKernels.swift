/// The loops of reductions, and the walk over the lines of a tensor along one dimension that
/// reductions and softmax share.
///
/// Seen along dimension `dim`, a tensor of shape `[..., n, ...]` is `outer × inner` lines of
/// `n` numbers each, `inner` apart in memory: for a matrix, the rows (dim 1: `inner` = 1) or the
/// columns (dim 0: `inner` = the row length). A line kernel gets a pointer to the line's first
/// number, `n`, and that stride.

/// The sum of all of `x`, accumulated in `Double` so that long tensors lose no precision.
func sumInDouble(_ x: [Float]) -> Double {
    x.withUnsafeBufferPointer { p in p.reduce(0.0) { $0 + Double($1) } }
}

/// The sum of one line.
func sumLine(_ p: UnsafePointer<Float>, _ n: Int, _ stride: Int) -> Float {
    var total: Float = 0
    for i in 0..<n { total += p[i * stride] }
    return total
}

/// The mean of one line.
func meanLine(_ p: UnsafePointer<Float>, _ n: Int, _ stride: Int) -> Float {
    sumLine(p, n, stride) / Float(n)
}

/// Where the largest number of one line is (the first of ties), as a `Float` index.
func argmaxLine(_ p: UnsafePointer<Float>, _ n: Int, _ stride: Int) -> Float {
    var best = 0
    for i in 1..<Swift.max(n, 1) where p[i * stride] > p[best * stride] { best = i }
    return Float(best)
}

extension Tensor {
    /// Reduces every line along `dim` to one number with `line(start, n, stride)`: the result's
    /// shape (without `dim`, or with it of size 1 if `keepDim`) and numbers. An empty line
    /// gives 0; a 0-dimensional tensor is one line of one number.
    func reduce(
        dim d: Int, keepDim: Bool, _ line: (UnsafePointer<Float>, Int, Int) -> Float
    ) -> (shape: [Int], scalars: [Float]) {
        if rank == 0 {
            return ([], scalars.withUnsafeBufferPointer { [line($0.baseAddress!, 1, 1)] })
        }
        var resultShape = shape
        if keepDim { resultShape[d] = 1 } else { resultShape.remove(at: d) }
        let n = shape[d]
        let inner = shape[(d + 1)...].reduce(1, *)
        let outer = shape[..<d].reduce(1, *)
        let values = scalars.withUnsafeBufferPointer { src in
            makeScalars(count: outer * inner) { dst in
                for o in 0..<outer {
                    for i in 0..<inner {
                        dst[o * inner + i] = n == 0 ? 0 : line(src.baseAddress! + o * n * inner + i, n, inner)
                    }
                }
            }
        }
        return (resultShape, values)
    }

    /// Applies `line` to every line along dimension `dim` (a row for the last dimension, a
    /// column for the first of a matrix). `line(source, destination, n, stride)` reads `n`
    /// numbers `stride` apart and writes its results at the same places.
    func alongDimension(
        _ dim: Int,
        _ line: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int, Int) -> Void
    ) -> [Float] {
        let n = shape.isEmpty ? 1 : shape[dim]
        let inner = shape.isEmpty ? 1 : shape[(dim + 1)...].reduce(1, *)
        let outer = shape.isEmpty ? 1 : shape[..<dim].reduce(1, *)
        guard count > 0 else { return [] }
        return scalars.withUnsafeBufferPointer { src in
            makeScalars(count: count) { dst in
                for o in 0..<outer {
                    for i in 0..<inner {
                        let start = o * n * inner + i
                        line(src.baseAddress! + start, dst + start, n, inner)
                    }
                }
            }
        }
    }
}
