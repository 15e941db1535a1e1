/// The arguments of the elementwise losses (`MSELoss`, `L1Loss`, `BCELoss`, `BCEWithLogitsLoss`):
/// the checks made before computing anything, each stopping with one message in PyTorch's words
/// plus the fix, and the elementwise weights.

/// How PyTorch writes a shape in loss messages: `torch.Size([3, 1])`.
private func torchSize(_ shape: [Int]) -> String { "torch.Size(\(shape.formatted))" }

extension DType {
    /// PyTorch's C++ name of the type, used in its dtype errors: `Float`, `Long`, `Bool`.
    var scalarTypeName: String {
        switch self {
        case .float32: "Float"
        case .int64: "Long"
        case .bool: "Bool"
        }
    }
}

/// How a loss treats a target whose shape differs from the input's.
enum TargetShapeRule {
    /// `MSELoss` and `L1Loss`: PyTorch only warns and broadcasts (a classic silent bug); we stop.
    case warnsInPyTorch
    /// `BCELoss` and `BCEWithLogitsLoss`: PyTorch stops too.
    case mustMatch
}

/// Stops unless `input` and `target` are real-valued tensors of the same shape.
func checkElementwiseLossArguments(_ loss: String, _ input: Tensor, _ target: Tensor, shapeRule: TargetShapeRule) {
    guard input.dtype == .float32 else {
        failure("\(loss): expected a floating point input, but got dtype \(input.dtype). Convert it with .float().")
    }
    guard target.dtype == .float32 else {
        failure(
            "\(loss): Found dtype \(target.dtype.scalarTypeName) but expected Float: the target is \(target.dtype) "
                + "(shape \(target.shape.formatted)), but a loss compares real numbers. Convert it with target.float(), "
                + "or write the numbers with a decimal point (Tensor([1.0, 0, 1])).")
    }
    guard input.shape != target.shape else { return }
    let fix =
        input.count == target.count
        ? "Reshape one to match the other, e.g. target.reshape(\(input.shape.formatted)) "
            + "or input.reshape(\(target.shape.formatted))."
        : "The two hold different numbers of elements (\(input.count) and \(target.count)): check which "
            + "prediction belongs to which target."
    switch shapeRule {
    case .warnsInPyTorch:
        let consequence =
            quietlyBroadcastShape(input.shape, target.shape).map {
                "PyTorch only warns here, then broadcasts the two to shape \($0.formatted) and silently computes a "
                    + "different loss than you meant. Torchlet stops instead. "
            } ?? ""
        failure(
            "\(loss): Using a target size (\(torchSize(target.shape))) that is different to the input size "
                + "(\(torchSize(input.shape))). \(consequence)\(fix)")
    case .mustMatch:
        failure(
            "\(loss): Target size (\(torchSize(target.shape))) must be the same as input size "
                + "(\(torchSize(input.shape))). \(fix)")
    }
}

/// The shape `a` and `b` broadcast to, or `nil` if they cannot be broadcast.
private func quietlyBroadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = Swift.max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
        let sa = i < rank - a.count ? 1 : a[i - (rank - a.count)]
        let sb = i < rank - b.count ? 1 : b[i - (rank - b.count)]
        guard sa == sb || sa == 1 || sb == 1 else { return nil }
        result[i] = sa == 1 ? sb : sa
    }
    return result
}

/// The numbers of an optional elementwise `weight` (or `posWeight`) repeated to `shape` by
/// broadcasting, as the loss multiplies it into every element; `nil` without a weight.
/// A weight is a constant: PyTorch computes no gradient for it, and neither do we.
func broadcastLossWeight(_ weight: Tensor?, to shape: [Int], loss: String, argument: String) -> [Float]? {
    guard let weight else { return nil }
    guard weight.dtype == .float32 else {
        failure("\(loss): \(argument) must hold real numbers, but it is \(weight.dtype). Convert it with .float().")
    }
    guard !weight.requiresGrad else {
        failure(
            "\(loss): the loss is not differentiable with respect to argument '\(argument)'. This input cannot "
                + "have requiresGrad true: pass a constant tensor (e.g. \(argument).detach()).")
    }
    if weight.shape == shape { return weight.scalars }
    guard quietlyBroadcastShape(weight.shape, shape) == shape else {
        failure(
            "\(loss): \(argument) of shape \(weight.shape.formatted) cannot be broadcast to the input's shape "
                + "\(shape.formatted): aligned at the last dimension, each of its sizes must equal the input's or be 1."
        )
    }
    return gatherStrided(weight.scalars, shape: shape, strides: broadcastStrides(weight.shape, to: shape))
}

/// Multiplies every local loss (or derivative) by its weight, in place: `values[i] *= weight[i]`.
/// Does nothing without a weight.
func applyLossWeight(_ weight: [Float]?, to values: inout [Float]) {
    guard let weight else { return }
    multiplyInPlace(&values, by: weight)
}
