import Foundation

/// Lowers the learning rate along half a cosine, from γ₀ at epoch 0 to `etaMin` at epoch
/// `tMax`, PyTorch's `torch.optim.lr_scheduler.CosineAnnealingLR` (SGDR without restarts):
///
///     γₑ = η_min + (γ₀ − η_min) · (1 + cos(π e / T_max)) / 2
///
/// The rate falls slowly at first, fastest halfway, and slowly again near the end, where small
/// steps settle into a minimum. Past `tMax` the cosine goes on and the rate rises again, as in
/// PyTorch. This closed form is what PyTorch's recursive update computes, up to rounding.
public final class CosineAnnealingLR: LRScheduler {
    public let optimizer: any Optimizer
    public let baseLearningRate: Float
    public var lastEpoch = 0
    /// T_max: the number of epochs from γ₀ down to η_min.
    public let tMax: Int
    /// η_min: the smallest learning rate.
    public let etaMin: Float

    /// Takes the optimizer's current learning rate as γ₀. Stops unless `tMax` is positive.
    public init(_ optimizer: any Optimizer, tMax: Int, etaMin: Float = 0) {
        if tMax <= 0 {
            failure("CosineAnnealingLR: tMax must be a positive number of epochs, but got \(tMax)")
        }
        self.optimizer = optimizer
        self.baseLearningRate = optimizer.learningRate
        self.tMax = tMax
        self.etaMin = etaMin
    }

    public func learningRate(atEpoch epoch: Int) -> Float {
        let ηMin = Double(etaMin), γ0 = Double(baseLearningRate)
        return Float(ηMin + (γ0 - ηMin) * (1 + cos(Double.pi * Double(epoch) / Double(tMax))) / 2)
    }
}
