/// Walks over every element of `shape`, one innermost row at a time, keeping two flat offsets
/// that follow their own strides (stride 0 repeats an element: that is broadcasting).
///
/// `body(offsetA, offsetB, row, length, stepA, stepB)` is called once per row; `row` counts the
/// rows in order, so `row * length` is the offset in a contiguous tensor of `shape`.
/// The inner loop is the caller's, which keeps the hot path free of per-element calls.
@inline(__always)
func forEachRow(
    of shape: [Int], stridesA: [Int], stridesB: [Int],
    _ body: (_ offsetA: Int, _ offsetB: Int, _ row: Int, _ length: Int, _ stepA: Int, _ stepB: Int) -> Void
) {
    let rank = shape.count
    if rank == 0 {
        body(0, 0, 0, 1, 0, 0)
        return
    }
    if shape.contains(0) { return }
    let length = shape[rank - 1]
    let stepA = stridesA[rank - 1], stepB = stridesB[rank - 1]
    let rows = shape.dropLast().reduce(1, *)
    var index = [Int](repeating: 0, count: rank)
    var offsetA = 0, offsetB = 0
    for row in 0..<rows {
        body(offsetA, offsetB, row, length, stepA, stepB)
        var dim = rank - 2
        while dim >= 0 {
            index[dim] += 1
            offsetA += stridesA[dim]
            offsetB += stridesB[dim]
            if index[dim] < shape[dim] { break }
            offsetA -= stridesA[dim] * shape[dim]
            offsetB -= stridesB[dim] * shape[dim]
            index[dim] = 0
            dim -= 1
        }
    }
}

/// Makes a `[Float]` of `count` elements and lets `fill` write every one of them.
@inline(__always)
func makeScalars(count: Int, _ fill: (UnsafeMutablePointer<Float>) -> Void) -> [Float] {
    if count >= 1 << 16 { _ = MemoryReuse.configured }
    return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        if count > 0 { fill(buffer.baseAddress!) }
        initialized = count
    }
}
