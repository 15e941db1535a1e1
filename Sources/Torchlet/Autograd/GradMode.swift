/// Whether operations record the graph that `backward()` needs.
///
/// Recording is on by default. Turn it off with `noGrad { ... }` (PyTorch's
/// `with torch.no_grad():`) where you only want numbers: evaluation, and updating weights by hand.
public enum GradMode {
    @TaskLocal static var enabled = true

    /// `true` unless inside `noGrad { ... }`.
    public static var isEnabled: Bool { enabled }
}

/// Runs `body` without recording the computation graph, like PyTorch's `torch.no_grad()`:
/// results do not require gradients, and you may update weights in place.
///
///     noGrad {
///         w -= learningRate * w.grad!
///     }
public func noGrad<R>(_ body: () throws -> R) rethrows -> R {
    try GradMode.$enabled.withValue(false) { try body() }
}

extension Tensor {
    /// A tensor with the same numbers that is cut off from the graph: it does not require a
    /// gradient, and `backward()` never reaches past it (PyTorch's `detach()`).
    public func detach() -> Tensor {
        Tensor(shape: shape, scalars: scalars, dtype: dtype)
    }
}
