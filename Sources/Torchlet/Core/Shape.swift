/// Shape arithmetic shared by every operation: element counts, strides, dimension indices
/// and broadcasting.
extension Array where Element == Int {
    /// A shape as PyTorch prints it inside messages: `[2, 3]`.
    var formatted: String { "[" + map(String.init).joined(separator: ", ") + "]" }

    /// A shape as PyTorch prints matrix sizes in matmul errors: `100x784`.
    var timesFormatted: String { map(String.init).joined(separator: "x") }

    /// The number of elements a tensor of this shape holds.
    var elementCount: Int { reduce(1, *) }

    /// Row-major strides: how far to move in the flat buffer to step one along each dimension.
    var contiguousStrides: [Int] {
        var strides = [Int](repeating: 1, count: count)
        var step = 1
        for dim in indices.reversed() {
            strides[dim] = step
            step *= self[dim]
        }
        return strides
    }
}

/// Turns a possibly negative dimension into an index in `0..<rank`, or stops with PyTorch's
/// message. `extraSlot` allows one past the end, as `unsqueeze` and `stack` need.
func normalizedDimension(_ dim: Int, rank: Int, op: String, shape: [Int], extraSlot: Bool = false) -> Int {
    let upper = extraSlot ? rank + 1 : max(rank, 1)
    guard dim >= -upper && dim < upper else {
        failure(
            "\(op): dimension out of range (expected to be in range of [\(-upper), \(upper - 1)], "
                + "but got \(dim)) for a tensor of shape \(shape.formatted)")
    }
    return dim < 0 ? dim + upper : dim
}

extension Tensor {
    func normalized(dim: Int, op: String, extraSlot: Bool = false) -> Int {
        normalizedDimension(dim, rank: rank, op: op, shape: shape, extraSlot: extraSlot)
    }
}

/// The shape two broadcast operands produce, following NumPy's and PyTorch's rule: align the
/// shapes at their last dimension; sizes must be equal, or one of them 1 (then it is repeated).
func broadcastShape(_ a: [Int], _ b: [Int], op: String) -> [Int] {
    if a == b { return a }
    let rank = Swift.max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
        let sa = i < rank - a.count ? 1 : a[i - (rank - a.count)]
        let sb = i < rank - b.count ? 1 : b[i - (rank - b.count)]
        guard sa == sb || sa == 1 || sb == 1 else {
            failure(
                "\(op): the size of tensor a (\(sa)) must match the size of tensor b (\(sb)) "
                    + "at non-singleton dimension \(i) (shapes \(a.formatted) and \(b.formatted))")
        }
        result[i] = sa == 1 ? sb : sa
    }
    return result
}

/// The strides to read a tensor of `shape` as if it had the larger `broadcastTo` shape:
/// stride 0 along every dimension that is repeated.
func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
    let own = shape.contiguousStrides
    let offset = target.count - shape.count
    return (0..<target.count).map { i in
        i < offset || shape[i - offset] == 1 ? 0 : own[i - offset]
    }
}
