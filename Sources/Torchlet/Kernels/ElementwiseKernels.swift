/// The loops behind elementwise operations. Each takes the scalar function as a closure that
/// the optimiser inlines (`@inline(__always)`), so no call is made per element.

/// `f` applied to every element.
@inline(__always)
func mapScalars(_ x: [Float], _ f: (Float) -> Float) -> [Float] {
    x.withUnsafeBufferPointer { src in
        makeScalars(count: src.count) { out in
            for i in 0..<src.count { out[i] = f(src[i]) }
        }
    }
}

/// `f` applied to matching elements of two same-sized buffers.
@inline(__always)
func zipScalars(_ a: [Float], _ b: [Float], _ f: (Float, Float) -> Float) -> [Float] {
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            makeScalars(count: pa.count) { out in
                for i in 0..<pa.count { out[i] = f(pa[i], pb[i]) }
            }
        }
    }
}

/// `f(a, b)` with NumPy/PyTorch broadcasting: returns the result's shape and numbers.
@inline(__always)
func broadcastScalars(
    _ a: Tensor, _ b: Tensor, op: String, _ f: (Float, Float) -> Float
) -> (shape: [Int], scalars: [Float]) {
    let shape = broadcastShape(a.shape, b.shape, op: op)
    if a.shape == shape && b.shape == shape {
        return (shape, zipScalars(a.scalars, b.scalars, f))
    }
    if a.shape == shape && b.count == 1 {
        let s = b.scalars[0]
        return (shape, mapScalars(a.scalars) { f($0, s) })
    }
    if b.shape == shape && a.count == 1 {
        let s = a.scalars[0]
        return (shape, mapScalars(b.scalars) { f(s, $0) })
    }
    let stridesA = broadcastStrides(a.shape, to: shape)
    let stridesB = broadcastStrides(b.shape, to: shape)
    let result = a.scalars.withUnsafeBufferPointer { pa in
        b.scalars.withUnsafeBufferPointer { pb in
            makeScalars(count: shape.elementCount) { out in
                forEachRow(of: shape, stridesA: stridesA, stridesB: stridesB) { oa, ob, row, length, sa, sb in
                    let o = out + row * length
                    for j in 0..<length { o[j] = f(pa[oa + j * sa], pb[ob + j * sb]) }
                }
            }
        }
    }
    return (shape, result)
}

/// Sums a gradient of a broadcast result back to the shape of the operand that was
/// broadcast: the repeated dimensions are added up ("unbroadcasting").
func sumToShape(_ g: Tensor, _ target: [Int]) -> Tensor {
    if g.shape == target { return g }
    let targetStrides = broadcastStrides(target, to: g.shape)
    var result = [Float](repeating: 0, count: target.elementCount)
    g.scalars.withUnsafeBufferPointer { pg in
        result.withUnsafeMutableBufferPointer { out in
            let po = out.baseAddress!
            forEachRow(of: g.shape, stridesA: g.shape.contiguousStrides, stridesB: targetStrides) {
                og, ot, _, length, sg, st in
                if st == 0 {
                    var total: Float = 0
                    for j in 0..<length { total += pg[og + j * sg] }
                    po[ot] += total
                } else {
                    for j in 0..<length { po[ot + j * st] += pg[og + j * sg] }
                }
            }
        }
    }
    return Tensor(shape: target, scalars: result)
}

/// Copies the elements of `x` read through `strides` into a new contiguous buffer of `shape`
/// (used by `permute`, `transpose` and `expand`).
func gatherStrided(_ x: [Float], shape: [Int], strides: [Int]) -> [Float] {
    x.withUnsafeBufferPointer { px in
        makeScalars(count: shape.elementCount) { out in
            forEachRow(of: shape, stridesA: strides, stridesB: strides) { ox, _, row, length, sx, _ in
                let o = out + row * length
                for j in 0..<length { o[j] = px[ox + j * sx] }
            }
        }
    }
}

/// `max(x, 0)` for every element: the rectifier's forward pass. Written out, not through
/// `mapScalars`, so that a large tensor (Lesson07's first layer: 2.5 M numbers) is shared out
/// among the engine's threads with the comparison still inlined in each thread's loop.
func rectify(_ x: [Float]) -> [Float] {
    x.withUnsafeBufferPointer { src in
        makeScalars(count: src.count) { out in
            parallelChunks(src.count) { slice in
                let x = src.baseAddress! + slice.lowerBound, y = out + slice.lowerBound
                for i in 0..<slice.count { y[i] = x[i] > 0 ? x[i] : 0 }
            }
        }
    }
}

/// `g` where `y > 0`, else 0: the rectifier's backward pass, from its output `y`.
func rectifierGradient(_ g: [Float], output y: [Float]) -> [Float] {
    g.withUnsafeBufferPointer { pg in
        y.withUnsafeBufferPointer { py in
            makeScalars(count: pg.count) { out in
                parallelChunks(pg.count) { slice in
                    let g = pg.baseAddress! + slice.lowerBound, y = py.baseAddress! + slice.lowerBound
                    let dx = out + slice.lowerBound
                    for i in 0..<slice.count {
                        let gi = g[i]  // read unconditionally, so that the loop vectorises
                        dx[i] = y[i] > 0 ? gi : 0
                    }
                }
            }
        }
    }
}
