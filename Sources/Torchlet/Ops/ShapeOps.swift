/// Operations that rearrange numbers without computing new ones: reshaping, adding and
/// removing dimensions of size 1, transposing, repeating, joining. Their backward passes put
/// each gradient back where its number came from.
extension Tensor {
    /// The same numbers read with another shape of the same element count. One dimension may be
    /// `-1`: it is inferred. `Tensor.arange(6).reshape([2, 3])`.  Backward: `dx = g` reshaped back.
    public func reshape(_ newShape: [Int], file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        let x = self
        let resolved = calledFrom(file, line) { resolvedShape(newShape) }
        return Tensor(shape: resolved, scalars: scalars, dtype: dtype)
            .recorded("ViewBackward0", "dx = g reshaped to \(x.shape.formatted)", from: [x]) { g in
                [g.reshape(x.shape)]
            }
    }

    /// `reshape` with the sizes written out: `x.reshape(2, 3)`.
    public func reshape(_ sizes: Int..., file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        reshape(sizes, file: file, line: line)
    }

    /// PyTorch's `view`: here the same as `reshape` (Torchlet's tensors are always contiguous).
    public func view(_ sizes: Int..., file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        reshape(sizes, file: file, line: line)
    }

    /// PyTorch's `view` with the shape as an array.
    public func view(_ newShape: [Int], file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        reshape(newShape, file: file, line: line)
    }

    /// Merges dimensions `startDim...endDim` into one: a batch of images `[N, C, H, W]` becomes
    /// `[N, C*H*W]` with `flatten(startDim: 1)`.
    public func flatten(startDim: Int = 0, endDim: Int = -1) -> Tensor {
        if rank == 0 { return reshape([1]) }
        let s = normalized(dim: startDim, op: "flatten"), e = normalized(dim: endDim, op: "flatten")
        guard s <= e else {
            failure(
                "flatten: start_dim (\(startDim)) cannot come after end_dim (\(endDim)) for shape \(shape.formatted)")
        }
        return reshape(Array(shape[..<s]) + [shape[s...e].reduce(1, *)] + Array(shape[(e + 1)...]))
    }

    /// Removes every dimension of size 1: `[1, 3, 1]` becomes `[3]`.
    public func squeeze() -> Tensor {
        let x = self
        return Tensor(shape: shape.filter { $0 != 1 }, scalars: scalars, dtype: dtype)
            .recorded("SqueezeBackward0", "dx = g with the size-1 dimensions put back", from: [x]) { g in
                [g.reshape(x.shape)]
            }
    }

    /// Removes dimension `dim` if its size is 1 (and leaves the tensor as it is otherwise, as PyTorch does).
    public func squeeze(dim: Int) -> Tensor {
        let d = normalized(dim: dim, op: "squeeze")
        guard rank > 0, shape[d] == 1 else { return self }
        let x = self
        var newShape = shape
        newShape.remove(at: d)
        return Tensor(shape: newShape, scalars: scalars, dtype: dtype)
            .recorded("SqueezeBackward1", "dx = g with dim \(d) put back", from: [x]) { g in [g.reshape(x.shape)] }
    }

    /// Inserts a dimension of size 1 at `dim`: a vector `[3]` becomes a row `[1, 3]` with
    /// `unsqueeze(0)` or a column `[3, 1]` with `unsqueeze(1)`.
    public func unsqueeze(_ dim: Int) -> Tensor {
        let d = normalized(dim: dim, op: "unsqueeze", extraSlot: true)
        let x = self
        var newShape = shape
        newShape.insert(1, at: d)
        return Tensor(shape: newShape, scalars: scalars, dtype: dtype)
            .recorded("UnsqueezeBackward0", "dx = g without dim \(d)", from: [x]) { g in [g.reshape(x.shape)] }
    }

    /// Reorders the dimensions: `permute([0, 2, 3, 1])` turns `[N, C, H, W]` into `[N, H, W, C]`.
    /// Backward: `dx = g` permuted back by the inverse order.
    public func permute(_ order: [Int], file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        let dims = calledFrom(file, line) { checkedPermutation(order) }
        let x = self
        let strides = shape.contiguousStrides
        let newShape = dims.map { shape[$0] }
        let out = gatherStrided(scalars, shape: newShape, strides: dims.map { strides[$0] })
        var inverse = [Int](repeating: 0, count: rank)
        for (i, d) in dims.enumerated() { inverse[d] = i }
        return Tensor(shape: newShape, scalars: out, dtype: dtype)
            .recorded("PermuteBackward0", "dx = g permuted by \(inverse.formatted)", from: [x]) { g in
                [g.permute(inverse)]
            }
    }

    /// `permute` with the order written out: `x.permute(1, 0)`.
    public func permute(_ order: Int..., file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        permute(order, file: file, line: line)
    }

    /// `order` with negative dimensions counted from the end; stops unless it lists every
    /// dimension exactly once.
    private func checkedPermutation(_ order: [Int]) -> [Int] {
        let dims = order.map { normalized(dim: $0, op: "permute") }
        guard dims.count == rank, Set(dims).count == rank else {
            failure(
                "permute: number of dims don't match or repeat in permute: tensor of shape \(shape.formatted) "
                    + "has \(rank) dimensions, and the order \(order.formatted) must list each of them once")
        }
        return dims
    }

    /// Swaps two dimensions.  Backward: `dx = g` with the same two dimensions swapped back.
    public func transpose(_ dim0: Int, _ dim1: Int) -> Tensor {
        let a = normalized(dim: dim0, op: "transpose"), b = normalized(dim: dim1, op: "transpose")
        var order = Array(0..<rank)
        order.swapAt(a, b)
        let x = self
        return noGrad { permute(order) }
            .recorded("TransposeBackward0", "dx = g transposed back (dims \(a), \(b))", from: [x]) { g in
                [g.transpose(a, b)]
            }
    }

    /// The transpose of a matrix (rows become columns), PyTorch's `t()`.
    public func t() -> Tensor {
        guard rank <= 2 else {
            failure(
                "t(): expects a tensor with <= 2 dimensions, but self is \(rank)D (shape \(shape.formatted)); "
                    + "use transpose(_:_:) or permute(_:) for more dimensions")
        }
        let x = self
        return rank < 2
            ? self
            : noGrad { permute([1, 0]) }
                .recorded("TBackward0", "dx = gᵀ", from: [x]) { g in [g.t()] }
    }

    /// Repeats dimensions of size 1 to reach `newShape` (PyTorch's `expand`), e.g. a bias `[3]`
    /// to `[4, 3]`.  Backward: `dx = g` summed over the repeated dimensions.
    public func expand(_ newShape: [Int], file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        if newShape == shape { return self }
        calledFrom(file, line) { checkExpandable(to: newShape) }
        let x = self
        let out = gatherStrided(scalars, shape: newShape, strides: broadcastStrides(shape, to: newShape))
        return Tensor(shape: newShape, scalars: out, dtype: dtype)
            .recorded("ExpandBackward0", "dx = g summed over the repeated dimensions", from: [x]) { g in
                [sumToShape(g, x.shape)]
            }
    }

    /// Stops unless every dimension of `shape` is `newShape`'s size or 1 (and so can repeat).
    private func checkExpandable(to newShape: [Int]) {
        let target = broadcastShape(shape, newShape, op: "expand")
        guard target == newShape else {
            failure(
                "expand: the expanded size of the tensor must match the existing size at each non-singleton "
                    + "dimension (cannot expand \(shape.formatted) to \(newShape.formatted))")
        }
    }

    /// Joins tensors along an existing dimension: `cat([a, b], dim: 0)` puts the rows of `b`
    /// under those of `a`. All other sizes must agree.  Backward: each input gets its slice of `g`.
    public static func cat(_ tensors: [Tensor], dim: Int = 0, file: StaticString = #filePath, line: UInt = #line)
        -> Tensor
    {
        let d = calledFrom(file, line) { checkConcatenable(tensors, dim: dim) }
        let first = tensors[0]
        var newShape = first.shape
        newShape[d] = tensors.reduce(0) { $0 + $1.shape[d] }
        let outer = first.shape[..<d].reduce(1, *)
        let inner = first.shape[(d + 1)...].reduce(1, *)
        var out = [Float]()
        out.reserveCapacity(newShape.elementCount)
        for o in 0..<outer {
            for t in tensors {
                let block = t.shape[d] * inner
                out.append(contentsOf: t.scalars[(o * block)..<((o + 1) * block)])
            }
        }
        let sizes = tensors.map { $0.shape[d] }
        let dtype = tensors.allSatisfy { $0.dtype == first.dtype } ? first.dtype : .float32
        return Tensor(shape: newShape, scalars: out, dtype: dtype)
            .recorded("CatBackward0", "each input gets its slice of g along dim \(d)", from: tensors) { g in
                var start = 0
                return sizes.map { size in
                    defer { start += size }
                    return g.narrow(dim: d, start: start, length: size)
                }
            }
    }

    /// Stacks same-shaped tensors along a new dimension: three `[2]` vectors become a `[3, 2]`
    /// matrix with `stack(_, dim: 0)`.
    public static func stack(_ tensors: [Tensor], dim: Int = 0, file: StaticString = #filePath, line: UInt = #line)
        -> Tensor
    {
        let d = calledFrom(file, line) { checkStackable(tensors, dim: dim) }
        return cat(tensors.map { $0.unsqueeze(d) }, dim: d)
    }

    /// The dimension `dim` of the tensors to `cat` (negative counts from the end); stops unless
    /// there are some and their other sizes agree.
    private static func checkConcatenable(_ tensors: [Tensor], dim: Int) -> Int {
        guard let first = tensors.first else { failure("cat(): expected a non-empty list of Tensors") }
        let d = first.normalized(dim: dim, op: "cat")
        for (i, t) in tensors.enumerated() {
            var a = first.shape, b = t.shape
            guard a.count == b.count, first.rank > 0 else {
                failure(
                    "cat(): tensors must have the same number of dimensions and at least one: got "
                        + "\(first.shape.formatted) and \(t.shape.formatted) (tensor \(i))")
            }
            a[d] = 0; b[d] = 0
            guard a == b else {
                failure(
                    "cat(): sizes of tensors must match except in dimension \(d). Expected sizes "
                        + "\(first.shape.formatted) but got \(t.shape.formatted) for tensor number \(i) in the list")
            }
        }
        return d
    }

    /// The new dimension `dim` of the stacked tensors (negative counts from the end of the
    /// result's); stops unless there are some and all have the same shape.
    private static func checkStackable(_ tensors: [Tensor], dim: Int) -> Int {
        guard let first = tensors.first else { failure("stack(): expected a non-empty list of Tensors") }
        for (i, t) in tensors.enumerated() where t.shape != first.shape {
            failure(
                "stack(): stack expects each tensor to be equal size, but got \(first.shape.formatted) at "
                    + "entry 0 and \(t.shape.formatted) at entry \(i)")
        }
        return first.normalized(dim: dim, op: "stack", extraSlot: true)
    }

    /// `shape` with a `-1` replaced by the size that makes the element count match.
    private func resolvedShape(_ requested: [Int]) -> [Int] {
        let inferred = requested.indices.filter { requested[$0] == -1 }
        let known = requested.filter { $0 != -1 }.reduce(1, *)
        let invalid =
            inferred.count > 1 || requested.contains { $0 < -1 }
            || (inferred.isEmpty ? known != count : (known == 0 || count % known != 0))
        if invalid {
            failure(
                "reshape/view: shape '\(requested.formatted)' is invalid for input of size \(count) "
                    + "(shape \(shape.formatted)); the sizes must multiply to \(count), with at most one -1")
        }
        var resolved = requested
        if let i = inferred.first { resolved[i] = count / known }
        return resolved
    }
}
