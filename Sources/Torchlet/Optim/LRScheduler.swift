/// Something that changes an optimizer's learning rate as training goes on, once per epoch:
/// PyTorch's `torch.optim.lr_scheduler`.
///
///     let optimizer = SGD(model.parameters(), lr: 0.1)
///     let scheduler = StepLR(optimizer, stepSize: 30, gamma: 0.1)
///     for epoch in 0..<100 {
///         train(model, optimizer)       // uses optimizer.learningRate
///         scheduler.step()              // after the epoch, as in PyTorch
///     }
///
/// A scheduler is a formula for the learning rate at epoch e, starting from the optimizer's
/// learning rate when the scheduler was made (`baseLearningRate`, at epoch 0). `step()` moves
/// to the next epoch and writes that epoch's rate into the optimizer.
public protocol LRScheduler: AnyObject {
    /// The optimizer whose learning rate this scheduler sets.
    var optimizer: any Optimizer { get }

    /// The learning rate at epoch 0: the optimizer's when the scheduler was made.
    var baseLearningRate: Float { get }

    /// How many times `step()` has been called (PyTorch's `last_epoch`); 0 after creation.
    var lastEpoch: Int { get set }

    /// The learning rate for `epoch`, by this scheduler's formula.
    func learningRate(atEpoch epoch: Int) -> Float
}

extension LRScheduler {
    /// Moves to the next epoch and sets the optimizer's learning rate to its value there.
    public func step() {
        lastEpoch += 1
        optimizer.learningRate = learningRate(atEpoch: lastEpoch)
    }

    /// The learning rate the scheduler set last (PyTorch's `get_last_lr()`).
    public var lastLearningRate: Float { learningRate(atEpoch: lastEpoch) }
}
