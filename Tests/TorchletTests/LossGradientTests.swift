import Testing
import Torchlet

/// Every loss's backward pass against central differences, for every reduction and option,
/// with respect to the input and (for the elementwise losses) the target.
@Suite("Loss gradients vs central differences")
struct LossGradientTests {
    static let reductions: [Reduction] = [.mean, .sum, .none]

    @Test("MSELoss and L1Loss", arguments: reductions)
    func regression(reduction: Reduction) {
        let x = parameter([3, 4], seed: 21)
        let y = parameter([3, 4], seed: 22, label: "y")
        // A quadratic's central differences are exact for any step, and a larger step keeps
        // Float's rounding of the summed loss (about |loss|·6e-8/ε) under the 1e-3 tolerance.
        expectGradientsMatch([x, y], epsilon: 1e-2) { MSELoss(reduction: reduction)(x, y) }
        // L1 has a kink at x = y; these stay at least 0.1 apart.
        let a = Tensor([[0.5, -1.2, 2.0], [0.3, 0.9, -0.4]], requiresGrad: true)
        let b = Tensor([[0.1, -0.2, 2.5], [-0.3, 1.9, -0.9]], requiresGrad: true)
        expectGradientsMatch([a, b]) { L1Loss(reduction: reduction)(a, b) }
    }

    @Test("BCELoss, with and without weight", arguments: reductions)
    func binaryCrossEntropy(reduction: Reduction) {
        // Probabilities and targets inside (0.1, 0.9), away from the clamped ends.
        let p = Tensor(shape: [2, 3], scalars: [0.2, 0.7, 0.45, 0.85, 0.15, 0.6], requiresGrad: true)
        let y = Tensor(shape: [2, 3], scalars: [0.9, 0.3, 0.5, 0.1, 0.8, 0.4], requiresGrad: true)
        expectGradientsMatch([p, y]) { BCELoss(reduction: reduction)(p, y) }
        expectGradientsMatch([p, y]) { BCELoss(weight: Tensor([0.5, 2, 1.5]), reduction: reduction)(p, y) }
    }

    @Test("BCEWithLogitsLoss, with weight and posWeight", arguments: reductions)
    func binaryCrossEntropyWithLogits(reduction: Reduction) {
        let x = parameter([2, 3], seed: 23)
        let y = Tensor(shape: [2, 3], scalars: [1, 0, 0.3, 0, 1, 0.8], requiresGrad: true)
        let weight = Tensor([[2.0], [0.25]])
        let posWeight = Tensor([3.0, 0.5, 1])
        expectGradientsMatch([x, y]) { BCEWithLogitsLoss(reduction: reduction)(x, y) }
        expectGradientsMatch([x, y]) { BCEWithLogitsLoss(weight: weight, reduction: reduction)(x, y) }
        expectGradientsMatch([x, y]) { BCEWithLogitsLoss(reduction: reduction, posWeight: posWeight)(x, y) }
        expectGradientsMatch([x, y]) {
            BCEWithLogitsLoss(weight: weight, reduction: reduction, posWeight: posWeight)(x, y)
        }
    }

    @Test("NLLLoss, with weight and ignoreIndex", arguments: reductions)
    func negativeLogLikelihood(reduction: Reduction) {
        let x = parameter([4, 5], seed: 24)
        let classes = Tensor([1, 0, 4, 2])
        let weight = Tensor([0.2, 1, 2.5, 0.7, 1.3])
        expectGradientsMatch([x]) { NLLLoss(reduction: reduction)(x.logSoftmax(dim: 1), classes) }
        expectGradientsMatch([x]) { NLLLoss(weight: weight, reduction: reduction)(x, classes) }
        expectGradientsMatch([x]) {
            NLLLoss(weight: weight, ignoreIndex: 4, reduction: reduction)(x, classes)
        }
        let four = Tensor(shape: [], scalars: [4], dtype: .int64)
        expectGradientsMatch([x]) { NLLLoss(reduction: reduction)(x[2], four) }
    }

    @Test("CrossEntropyLoss, with weight, ignoreIndex and labelSmoothing", arguments: reductions)
    func crossEntropy(reduction: Reduction) {
        let x = parameter([4, 5], seed: 25, scale: 1.5)
        let classes = Tensor([1, 0, 4, 2])
        let withIgnored = Tensor([1, -100, 4, 2])
        let weight = Tensor([0.2, 1, 2.5, 0.7, 1.3])
        expectGradientsMatch([x]) { CrossEntropyLoss(reduction: reduction)(x, classes) }
        expectGradientsMatch([x]) { CrossEntropyLoss(weight: weight, reduction: reduction)(x, classes) }
        expectGradientsMatch([x]) { CrossEntropyLoss(weight: weight, reduction: reduction)(x, withIgnored) }
        expectGradientsMatch([x]) { CrossEntropyLoss(reduction: reduction, labelSmoothing: 0.3)(x, withIgnored) }
        expectGradientsMatch([x]) {
            CrossEntropyLoss(weight: weight, ignoreIndex: 2, reduction: reduction, labelSmoothing: 0.1)(x, classes)
        }
        expectGradientsMatch([x]) { CrossEntropyLoss(reduction: reduction)(x[0], Tensor([3])) }
    }
}
