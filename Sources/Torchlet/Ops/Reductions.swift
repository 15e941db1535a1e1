/// Reductions: many numbers in, fewer out. Over all elements (a 0-dimensional result) or along
/// one dimension, which disappears unless `keepDim` keeps it with size 1.
extension Tensor {
    /// The sum of all elements.  Backward: `dx = g` for every element.
    public func sum() -> Tensor {
        let x = self
        return Tensor(shape: [], scalars: [Float(sumInDouble(scalars))], dtype: dtype == .float32 ? .float32 : .int64)
            .recorded("SumBackward0", "dx = g (copied to every element)", from: [x]) { g in [g.expand(x.shape)] }
    }

    /// The sums along dimension `dim`.  Backward: `dx = g`, copied along `dim`.
    public func sum(dim: Int, keepDim: Bool = false) -> Tensor {
        let d = normalized(dim: dim, op: "sum")
        let x = self
        let (resultShape, values) = reduce(dim: d, keepDim: keepDim, sumLine)
        return Tensor(shape: resultShape, scalars: values, dtype: dtype == .float32 ? .float32 : .int64)
            .recorded("SumBackward1", "dx = g (copied along dim \(d))", from: [x]) { g in
                [(keepDim ? g : g.unsqueeze(d)).expand(x.shape)]
            }
    }

    /// The mean of all elements.  Backward: `dx = g / n` for every element.
    public func mean() -> Tensor {
        let x = self
        let n = Float(count)
        return Tensor(shape: [], scalars: [Float(sumInDouble(scalars) / Double(count))])
            .recorded("MeanBackward0", "dx = g / \(count) (for every element)", from: [x]) { g in
                [(g / n).expand(x.shape)]
            }
    }

    /// The means along dimension `dim`.  Backward: `dx = g / n`, copied along `dim`.
    public func mean(dim: Int, keepDim: Bool = false) -> Tensor {
        let d = normalized(dim: dim, op: "mean")
        let x = self
        let n = rank == 0 ? 1 : shape[d]
        let (resultShape, values) = reduce(dim: d, keepDim: keepDim, meanLine)
        return Tensor(shape: resultShape, scalars: values)
            .recorded("MeanBackward1", "dx = g / \(n) (copied along dim \(d))", from: [x]) { g in
                [((keepDim ? g : g.unsqueeze(d)) / Float(n)).expand(x.shape)]
            }
    }

    /// The largest element.  Backward: `g` goes to the largest element (shared evenly by ties).
    public func max() -> Tensor {
        guard count > 0 else {
            failure("max(): expected a non-empty tensor, but it has shape \(shape.formatted)")
        }
        let x = self
        let largest = scalars.max()!
        return Tensor(shape: [], scalars: [largest], dtype: dtype)
            .recorded("MaxBackward1", "dx = g at the largest element, 0 elsewhere", from: [x]) { g in
                let ties = Float(x.scalars.lazy.filter { $0 == largest }.count)
                let share = g.item() / ties
                return [Tensor(shape: x.shape, scalars: mapScalars(x.scalars) { $0 == largest ? share : 0 })]
            }
    }

    /// The largest elements along `dim` and where they are (their indices along `dim`, as int64).
    /// Backward: `g` goes to the element that was chosen, 0 to the others.
    public func max(dim: Int, keepDim: Bool = false) -> (values: Tensor, indices: Tensor) {
        let d = normalized(dim: dim, op: "max")
        if count == 0 { failure("max(dim:): expected a non-empty tensor, but it has shape \(shape.formatted)") }
        let x = self
        let (resultShape, positions) = reduce(dim: d, keepDim: keepDim, argmaxLine)
        let n = rank == 0 ? 1 : shape[d]
        let inner = rank == 0 ? 1 : shape[(d + 1)...].reduce(1, *)
        // The flat position in x of each chosen element.
        let flat = positions.indices.map { j in (j / inner) * n * inner + Int(positions[j]) * inner + j % inner }
        let values = Tensor(shape: resultShape, scalars: flat.map { x.scalars[$0] }, dtype: dtype)
            .recorded("MaxBackward0", "dx = g at the largest element along dim \(d), 0 elsewhere", from: [x]) { g in
                var dx = [Float](repeating: 0, count: x.count)
                for (j, position) in flat.enumerated() { dx[position] += g.scalars[j] }
                return [Tensor(shape: x.shape, scalars: dx)]
            }
        return (values, Tensor(shape: resultShape, scalars: positions, dtype: .int64))
    }

    /// The index of the largest element in the flattened tensor (the first one if there are ties).
    public func argmax() -> Tensor {
        guard count > 0 else {
            failure("argmax(): expected a non-empty tensor, but it has shape \(shape.formatted)")
        }
        var best = 0
        for i in scalars.indices where scalars[i] > scalars[best] { best = i }
        return Tensor(shape: [], scalars: [Float(best)], dtype: .int64)
    }

    /// The indices of the largest elements along `dim` (int64), e.g. the predicted class of
    /// each row of scores with `argmax(dim: 1)`.
    public func argmax(dim: Int, keepDim: Bool = false) -> Tensor {
        noGrad { max(dim: dim, keepDim: keepDim).indices }
    }
}
