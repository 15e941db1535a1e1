import Foundation

/// Multiplies the learning rate by `gamma` every `stepSize` epochs, PyTorch's
/// `torch.optim.lr_scheduler.StepLR`:
///
///     γₑ = γ₀ · gamma^⌊e / stepSize⌋
///
/// With γ₀ = 0.05, stepSize 30 and gamma 0.1: 0.05 for epochs 0-29, 0.005 for 30-59,
/// 0.0005 for 60-89, and so on.
public final class StepLR: LRScheduler {
    public let optimizer: any Optimizer
    public let baseLearningRate: Float
    public var lastEpoch = 0
    /// How many epochs pass between two decays.
    public let stepSize: Int
    /// The factor applied at each decay.
    public let gamma: Float

    /// Takes the optimizer's current learning rate as γ₀. Stops unless `stepSize` is positive.
    public init(_ optimizer: any Optimizer, stepSize: Int, gamma: Float = 0.1) {
        if stepSize <= 0 {
            failure("StepLR: stepSize must be a positive number of epochs, but got \(stepSize)")
        }
        self.optimizer = optimizer
        self.baseLearningRate = optimizer.learningRate
        self.stepSize = stepSize
        self.gamma = gamma
    }

    public func learningRate(atEpoch epoch: Int) -> Float {
        let decays = Double(epoch / stepSize)  // ⌊e / stepSize⌋ for e ≥ 0
        return Float(Double(baseLearningRate) * pow(Double(gamma), decays))
    }
}
