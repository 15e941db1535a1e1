/// Picking parts of a tensor: one entry, a range of rows, chosen indices. The backward pass
/// sends each gradient to the place its number was taken from, and zero everywhere else.
extension Tensor {
    /// Entry `index` along the first dimension (a row of a matrix), like `x[1]` in PyTorch;
    /// negative indices count from the end.
    public subscript(index: Int, file file: StaticString = #filePath, line line: UInt = #line) -> Tensor {
        select(dim: 0, index: index, file: file, line: line)
    }

    /// The entries in `range` along the first dimension (rows `1..<3` of a matrix), like `x[1:3]`.
    public subscript(range: Range<Int>, file file: StaticString = #filePath, line line: UInt = #line) -> Tensor {
        calledFrom(file, line) { checkSliceable(range) }
        return narrow(dim: 0, start: range.lowerBound, length: range.count)
    }

    /// Stops unless `range` lies inside the first dimension.
    private func checkSliceable(_ range: Range<Int>) {
        guard rank > 0 else { failure("slice: cannot slice a 0-dimensional tensor (a single number)") }
        guard range.lowerBound >= 0, range.upperBound <= shape[0] else {
            failure(
                "slice: range \(range) is out of bounds for dimension 0 with size \(shape[0]) "
                    + "(shape \(shape.formatted))")
        }
    }

    /// The entries in a closed range along the first dimension: `x[0...2]`.
    public subscript(range: ClosedRange<Int>, file file: StaticString = #filePath, line line: UInt = #line) -> Tensor {
        self[range.lowerBound..<(range.upperBound + 1), file: file, line: line]
    }

    /// Entry `index` along dimension `dim`; that dimension disappears.
    public func select(dim: Int, index: Int, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        let (d, i) = calledFrom(file, line) { checkedEntry(dim: dim, index: index) }
        let x = self
        let out = noGrad { narrow(dim: d, start: i, length: 1).squeeze(dim: d) }
        return Tensor(shape: out.shape, scalars: out.scalars, dtype: dtype)
            .recorded("SelectBackward0", "dx = g at index \(i) of dim \(d), 0 elsewhere", from: [x]) { g in
                [g.unsqueeze(d).placed(in: x.shape, dim: d, start: i)]
            }
    }

    /// The dimension and index of `select(dim:index:)`, negative ones counted from the end;
    /// stops unless both are in range.
    private func checkedEntry(dim: Int, index: Int) -> (dim: Int, index: Int) {
        guard rank > 0 else { failure("select(): cannot index a 0-dimensional tensor (a single number)") }
        let d = normalized(dim: dim, op: "select")
        let size = shape[d]
        guard index >= -size && index < size else {
            failure(
                "select(): index \(index) is out of bounds for dimension \(d) with size \(size) "
                    + "(shape \(shape.formatted))")
        }
        return (d, index < 0 ? index + size : index)
    }

    /// `length` consecutive entries along `dim`, starting at `start` (PyTorch's `narrow`).
    public func narrow(dim: Int, start: Int, length: Int, file: StaticString = #filePath, line: UInt = #line) -> Tensor
    {
        let d = calledFrom(file, line) { checkedNarrowing(dim: dim, start: start, length: length) }
        var newShape = shape
        newShape[d] = length
        let outer = shape[..<d].reduce(1, *)
        let inner = shape[(d + 1)...].reduce(1, *)
        var out = [Float]()
        out.reserveCapacity(newShape.elementCount)
        for o in 0..<outer {
            let base = (o * shape[d] + start) * inner
            out.append(contentsOf: scalars[base..<(base + length * inner)])
        }
        let x = self
        return Tensor(shape: newShape, scalars: out, dtype: dtype)
            .recorded(
                "SliceBackward0", "dx = g in entries \(start)..<\(start + length) of dim \(d), 0 elsewhere",
                from: [x]
            ) { g in
                [g.placed(in: x.shape, dim: d, start: start)]
            }
    }

    /// The dimension of `narrow`, negative counted from the end; stops unless
    /// `start..<start + length` lies inside it.
    private func checkedNarrowing(dim: Int, start: Int, length: Int) -> Int {
        let d = normalized(dim: dim, op: "narrow")
        guard rank > 0, start >= 0, length >= 0, start + length <= shape[d] else {
            failure(
                "narrow(): start (\(start)) + length (\(length)) exceeds dimension size (\(rank > 0 ? shape[d] : 0)) "
                    + "of dimension \(d) (shape \(shape.formatted))")
        }
        return d
    }

    /// The entries at `indices` along `dim`, in that order (repeats allowed), like PyTorch's
    /// `index_select`. `x.indexSelect(dim: 0, [2, 0])` takes rows 2 and 0.
    /// Backward: each entry's gradient is added back at the index it came from.
    public func indexSelect(dim: Int, _ indices: [Int]) -> Tensor {
        let d = normalized(dim: dim, op: "index_select")
        guard rank > 0 else { failure("index_select(): cannot index a 0-dimensional tensor") }
        let size = shape[d]
        for index in indices where index < -size || index >= size {
            failure(
                "index_select(): index \(index) is out of bounds for dimension \(d) with size \(size) "
                    + "(shape \(shape.formatted))")
        }
        let resolved = indices.map { $0 < 0 ? $0 + size : $0 }
        let outer = shape[..<d].reduce(1, *)
        let inner = shape[(d + 1)...].reduce(1, *)
        let k = resolved.count
        var newShape = shape
        newShape[d] = k
        var out = [Float]()
        out.reserveCapacity(newShape.elementCount)
        for o in 0..<outer {
            for index in resolved {
                let base = (o * size + index) * inner
                out.append(contentsOf: scalars[base..<(base + inner)])
            }
        }
        let x = self
        return Tensor(shape: newShape, scalars: out, dtype: dtype)
            .recorded("IndexSelectBackward0", "dx[indices] += g along dim \(d)", from: [x]) { g in
                var dx = [Float](repeating: 0, count: x.count)
                for o in 0..<outer {
                    for (j, index) in resolved.enumerated() {
                        for i in 0..<inner { dx[(o * size + index) * inner + i] += g.scalars[(o * k + j) * inner + i] }
                    }
                }
                return [Tensor(shape: x.shape, scalars: dx)]
            }
    }

    /// `indexSelect` with the indices in an int64 tensor.
    public func indexSelect(dim: Int, _ indices: Tensor) -> Tensor {
        indexSelect(dim: dim, indices.scalars.map { Int($0) })
    }

    /// A zero tensor of `shape` with this tensor written into it at `start` along `dim`
    /// (the gradient of taking a slice).
    func placed(in fullShape: [Int], dim d: Int, start: Int) -> Tensor {
        var out = [Float](repeating: 0, count: fullShape.elementCount)
        let outer = fullShape[..<d].reduce(1, *)
        let inner = fullShape[(d + 1)...].reduce(1, *)
        let length = shape[d] * inner
        for o in 0..<outer {
            let target = (o * fullShape[d] + start) * inner
            out.replaceSubrange(target..<(target + length), with: scalars[(o * length)..<((o + 1) * length)])
        }
        return Tensor(shape: fullShape, scalars: out)
    }
}
