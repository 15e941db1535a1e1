/// A dataset made of two tensors whose first dimension counts the samples: sample `i` is
/// `(inputs[i], labels[i])`. PyTorch's `TensorDataset(inputs, labels)`.
///
///     let x = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]])   // [4, 2]
///     let y = Tensor([[0], [1], [1], [0]])               // [4, 1]
///     let xor = TensorDataset(x, y)                      // 4 samples
///     xor[1]                                             // (tensor([0., 1.]), tensor([1.]))
///
/// The tensors are shared, not copied. A batch is gathered straight from their buffers, one
/// row copy per sample, without making a tensor per sample.
public struct TensorDataset: Dataset {
    /// All inputs, `[count, ...]`.
    public let inputs: Tensor
    /// All labels, `[count, ...]`; int64 class indices stay int64.
    public let labels: Tensor

    /// Pairs `inputs[i]` with `labels[i]`. Both must have at least one dimension, and the same
    /// size along the first.
    public init(_ inputs: Tensor, _ labels: Tensor) {
        guard inputs.rank > 0, labels.rank > 0 else {
            failure(
                "TensorDataset: the inputs and labels need a first dimension that counts the samples, "
                    + "but got shapes \(inputs.shape.formatted) and \(labels.shape.formatted)")
        }
        guard inputs.shape[0] == labels.shape[0] else {
            failure(
                "TensorDataset: size mismatch between tensors: inputs of shape \(inputs.shape.formatted) hold "
                    + "\(inputs.shape[0]) samples, labels of shape \(labels.shape.formatted) hold \(labels.shape[0]); "
                    + "the first dimensions must be equal")
        }
        self.inputs = inputs
        self.labels = labels
    }

    public var count: Int { inputs.shape[0] }

    public subscript(index: Int) -> (input: Tensor, label: Tensor) {
        checkIndex(index)
        return (
            rows([index], of: inputs, shape: Array(inputs.shape.dropFirst())),
            rows([index], of: labels, shape: Array(labels.shape.dropFirst()))
        )
    }

    /// The rows at `indices` copied straight out of the two big buffers.
    public func batch(at indices: [Int]) -> (inputs: Tensor, labels: Tensor) {
        for index in indices { checkIndex(index) }
        return (
            rows(indices, of: inputs, shape: [indices.count] + inputs.shape.dropFirst()),
            rows(indices, of: labels, shape: [indices.count] + labels.shape.dropFirst())
        )
    }

    private func checkIndex(_ index: Int) {
        guard index >= 0 && index < count else {
            failure("TensorDataset: index \(index) is out of bounds for dimension 0 with size \(count)")
        }
    }

    /// Row `indices[k]` of `tensor` copied to row `k` of a new tensor of `shape`. A plain copy
    /// of numbers: samples and batches are data, not part of a computation graph.
    private func rows(_ indices: [Int], of tensor: Tensor, shape: [Int]) -> Tensor {
        let rowSize = tensor.shape.dropFirst().reduce(1, *)
        let scalars = tensor.scalars.withUnsafeBufferPointer { source in
            makeScalars(count: indices.count * rowSize) { out in
                guard rowSize > 0 else { return }
                for (k, index) in indices.enumerated() {
                    (out + k * rowSize).initialize(from: source.baseAddress! + index * rowSize, count: rowSize)
                }
            }
        }
        return Tensor(shape: shape, scalars: scalars, dtype: tensor.dtype)
    }
}
