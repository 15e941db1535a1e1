/// The samples of another dataset at chosen indices, in that order: PyTorch's
/// `torch.utils.data.Subset`. Nothing is copied; sample `i` is `dataset[indices[i]]`.
///
///     let firstTen = Subset(mnist, indices: Array(0..<10))
///
/// `randomSplit(_:lengths:seed:)` makes subsets that share the samples out at random.
public struct Subset: Dataset {
    /// The dataset the samples come from.
    public let dataset: any Dataset
    /// Which of its samples this subset holds, in order.
    public let indices: [Int]

    /// The samples of `dataset` at `indices`; each index must be in `0..<dataset.count`.
    public init(_ dataset: any Dataset, indices: [Int]) {
        for index in indices where index < 0 || index >= dataset.count {
            failure("Subset: index \(index) is out of range for a dataset of \(dataset.count) samples")
        }
        self.dataset = dataset
        self.indices = indices
    }

    public var count: Int { indices.count }

    public subscript(index: Int) -> (input: Tensor, label: Tensor) {
        guard index >= 0 && index < indices.count else {
            failure("Subset: index \(index) is out of range for a subset of \(indices.count) samples")
        }
        return dataset[indices[index]]
    }

    /// Passes the batch on to the underlying dataset, so a subset of a `TensorDataset` keeps
    /// its fast batch path.
    public func batch(at batchIndices: [Int]) -> (inputs: Tensor, labels: Tensor) {
        dataset.batch(
            at: batchIndices.map { index in
                guard index >= 0 && index < indices.count else {
                    failure("Subset: index \(index) is out of range for a subset of \(indices.count) samples")
                }
                return indices[index]
            })
    }
}
