import Torchlet

/// What autograd costs when there is almost no arithmetic to hide it: `((x + w) * w).sum()` on
/// 4-element tensors, then `backward()`.
///
/// Twelve floating-point operations take a few nanoseconds. Everything else is bookkeeping:
/// every operation allocates a `Tensor` and its buffer and records a `GradFn` with a closure;
/// `backward()` sorts the graph, runs each rule (which builds more small tensors) and adds the
/// gradients into `x.grad` and `w.grad`. A training step of a small network does this hundreds
/// of times, so this overhead, in microseconds, is what the target limits.
enum SmallOpBenchmark {
    /// The variants measured, each a row of the report.
    enum Variant: CaseIterable, Sendable {
        /// add + mul + sum, then `backward()` and clearing the gradients: a whole training step in miniature.
        case forwardAndBackward
        /// add + mul + sum with the graph recorded (and freed unused).
        case forwardOnly
        /// One `+` on tensors that need no gradient: the floor, the cost of making a tensor.
        case addWithoutAutograd

        var title: String {
            switch self {
            case .forwardAndBackward: "add + mul + sum + backward"
            case .forwardOnly: "add + mul + sum, forward only"
            case .addWithoutAutograd: "one add, no autograd"
            }
        }
    }

    /// Times one iteration of `variant`.
    static func run(_ variant: Variant, plan: MeasurementPlan) -> Timing {
        let x = Tensor([1, 2, 3, 4] as [Float], requiresGrad: true)
        let w = Tensor([0.5, -1, 2, 0.25] as [Float], requiresGrad: true)
        switch variant {
        case .forwardAndBackward:
            return measure(plan) {
                let y = ((x + w) * w).sum()
                y.backward()
                x.zeroGrad()
                w.zeroGrad()
            }
        case .forwardOnly:
            return measure(plan) { keepAlive(((x + w) * w).sum()) }
        case .addWithoutAutograd:
            let plainX = x.detach(), plainW = w.detach()
            return measure(plan) { keepAlive(plainX + plainW) }
        }
    }
}
