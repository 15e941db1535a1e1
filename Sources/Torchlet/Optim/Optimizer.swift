/// Something that updates parameters from their gradients: `SGD`, `Adam`, ...
///
/// The training step is the same with every optimizer, as in PyTorch:
///
///     optimizer.zeroGrad()          // clear last step's gradients
///     let loss = lossFunction(model(x), y)
///     loss.backward()               // compute new ones
///     optimizer.step()              // move every parameter a little downhill
public protocol Optimizer: AnyObject {
    /// The tensors this optimizer updates.
    var parameters: [Tensor] { get }

    /// The step size. Schedulers change it between epochs.
    var learningRate: Float { get set }

    /// Updates every parameter that has a gradient, in place, by the optimizer's rule.
    func step()

    /// The optimizer's memory (momentum buffers, running averages, step counts) as named
    /// tensors, such as `state.0.momentum_buffer`, so a checkpoint can save and restore it.
    func stateDict() -> [(name: String, tensor: Tensor)]

    /// Restores memory saved by `stateDict()`. Throws `CheckpointError` naming the key when a
    /// key is missing or unexpected or a shape does not match, and then changes nothing.
    func loadStateDict(_ state: [String: Tensor]) throws
}

extension Optimizer {
    /// Clears the gradient of every parameter (sets it to `nil`, as PyTorch does by default).
    public func zeroGrad() {
        for parameter in parameters { parameter.zeroGrad() }
    }
}
