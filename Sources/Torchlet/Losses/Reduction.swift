/// How a loss turns its per-element (or per-sample) losses into what it returns: PyTorch's
/// `reduction='mean' | 'sum' | 'none'`.
///
///     MSELoss()                     // the mean: one number, the default
///     MSELoss(reduction: .sum)      // the sum: one number
///     MSELoss(reduction: .none)     // every element's loss, in the input's shape
///
/// The mean is what training uses: it does not grow with the batch size, so the learning rate
/// need not change when the batch does. `NLLLoss` and `CrossEntropyLoss` with class weights
/// divide by the sum of the weights of the counted samples instead of their number (see there).
public enum Reduction: String, Sendable, CustomStringConvertible {
    /// The average of the losses (PyTorch's default).
    case mean
    /// The sum of the losses.
    case sum
    /// No reduction: one loss per element (or per sample), in the input's shape.
    case none

    public var description: String { rawValue }
}

extension Reduction {
    /// The loss tensor made from per-element `losses` of `shape`: them as they are (`none`),
    /// their sum, or their sum divided by `divisor` (`mean`; usually the number of elements).
    /// Sums are accumulated in `Double`, so long batches lose no precision.
    func reduce(_ losses: [Float], shape: [Int], divisor: Double) -> Tensor {
        switch self {
        case .none:
            return Tensor(shape: shape, scalars: losses)
        case .sum, .mean:
            let total = sumInDouble(losses)
            return Tensor(shape: [], scalars: [Float(self == .mean ? total / divisor : total)])
        }
    }

    /// Turns local derivatives `dℓᵢ/dxᵢ` into the input's gradient, in place, by the chain rule
    /// through the reduction: `dxᵢ = gᵢ · dℓᵢ/dxᵢ` for `none` (a gradient per element arrives),
    /// `g · dℓᵢ/dxᵢ` for `sum` and `g / divisor · dℓᵢ/dxᵢ` for `mean` (one number arrives).
    func chain(_ g: Tensor, into local: inout [Float], divisor: Double) {
        switch self {
        case .none: multiplyInPlace(&local, by: g.scalars)
        case .sum: multiplyInPlace(&local, by: g.scalars[0])
        case .mean: multiplyInPlace(&local, by: Float(Double(g.scalars[0]) / divisor))
        }
    }

    /// How the rule text shows the reduction's factor: ` / 6` for a mean over 6 elements.
    func ruleSuffix(_ divisor: String) -> String {
        self == .mean ? " / \(divisor)" : ""
    }
}
