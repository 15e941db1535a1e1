/// A collection of samples, each an input with its label: PyTorch's `torch.utils.data.Dataset`.
///
/// A dataset says how many samples it holds (`count`, PyTorch's `__len__`) and hands out
/// sample `i` (`dataset[i]`, PyTorch's `__getitem__`). A `DataLoader` turns it into batches.
/// Write your own by conforming a type; only these two are required:
///
///     struct Squares: Dataset {
///         var count: Int { 100 }
///         subscript(index: Int) -> (input: Tensor, label: Tensor) {
///             let x = Float(index) / 100
///             return (Tensor([x]), Tensor([x * x]))
///         }
///     }
///
/// A dataset can also fetch a whole batch at once (`batch(at:)`, PyTorch's `__getitems__`).
/// The default asks for each sample and stacks them; `TensorDataset` overrides it to copy the
/// rows of a batch straight out of its two big tensors.
public protocol Dataset {
    /// The number of samples (PyTorch's `len(dataset)`).
    var count: Int { get }

    /// Sample `index`, for `index` in `0..<count`.
    subscript(index: Int) -> (input: Tensor, label: Tensor) { get }

    /// The samples at `indices`, stacked along a new first dimension: inputs of shape
    /// `[indices.count, ...]` and labels of shape `[indices.count, ...]`.
    func batch(at indices: [Int]) -> (inputs: Tensor, labels: Tensor)
}

extension Dataset {
    /// Fetches each sample with the subscript and stacks them, as PyTorch's `default_collate`
    /// does: `B` inputs of shape `[3]` make a `[B, 3]` batch, `B` labels of shape `[]` a `[B]`
    /// batch. Inputs and labels keep their dtype (int64 class indices stay int64).
    public func batch(at indices: [Int]) -> (inputs: Tensor, labels: Tensor) {
        let samples = indices.map { self[$0] }
        return (
            stackedSamples(samples.map(\.input), role: "input"),
            stackedSamples(samples.map(\.label), role: "label")
        )
    }
}

/// `tensors` (all of one shape and dtype) copied one after another into a new tensor with a
/// new first dimension: the batch. A plain copy of numbers: the batch is data, not part of a
/// computation graph.
func stackedSamples(_ tensors: [Tensor], role: String) -> Tensor {
    guard let first = tensors.first else {
        failure("DataLoader: cannot make a batch of no samples")
    }
    for (i, tensor) in tensors.enumerated() {
        guard tensor.shape == first.shape else {
            failure(
                "DataLoader: stack expects each tensor to be equal size, but got \(first.shape.formatted) at "
                    + "entry 0 and \(tensor.shape.formatted) at entry \(i) (the \(role)s of one batch must all have "
                    + "the same shape)")
        }
        guard tensor.dtype == first.dtype else {
            failure(
                "DataLoader: the \(role)s of one batch must all have the same dtype, but got \(first.dtype) "
                    + "at entry 0 and \(tensor.dtype) at entry \(i)")
        }
    }
    let size = first.count
    let scalars = makeScalars(count: tensors.count * size) { out in
        for (i, tensor) in tensors.enumerated() {
            tensor.scalars.withUnsafeBufferPointer { source in
                if size > 0 { (out + i * size).initialize(from: source.baseAddress!, count: size) }
            }
        }
    }
    return Tensor(shape: [tensors.count] + first.shape, scalars: scalars, dtype: first.dtype)
}
