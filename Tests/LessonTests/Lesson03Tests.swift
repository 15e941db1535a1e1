import Foundation
import Testing
import Torchlet
@testable import Lesson03

/// The numbers Lesson03 teaches, on the inputs it draws with the default seed (42).
@Suite("Lesson03: loss functions")
struct Lesson03Tests {
    /// The lesson's inputs for seed 42, drawn exactly as the lesson draws them.
    func lessonInputs() -> LessonInputs {
        withSeed(42) { LessonInputs.draw() }
    }

    @Test("MSE, L1 and RMSE on the lesson's outputs equal their formulas computed in Double")
    func regressionLossesMatchTheirFormulas() {
        let inputs = lessonInputs()
        let mse = MSELoss()(inputs.outputs, inputs.targets)
        let l1 = L1Loss()(inputs.outputs, inputs.targets)
        let rmse = MSELoss()(inputs.outputs, inputs.targets).sqrt()
        #expect(abs(Double(mse.item()) - ByHand.mse(inputs.outputs, inputs.targets)) < 1e-5)
        #expect(abs(Double(l1.item()) - ByHand.l1(inputs.outputs, inputs.targets)) < 1e-5)
        #expect(abs(Double(rmse.item()) - ByHand.rmse(inputs.outputs, inputs.targets)) < 1e-5)
        // The values the lesson prints for seed 42, which are PyTorch's for the same draws after
        // torch.manual_seed(42).
        #expect(abs(mse.item() - 1.0192) < 1e-4)
        #expect(abs(l1.item() - 0.8502) < 1e-4)
        #expect(abs(rmse.item() - 1.0096) < 1e-4)
        #expect(mse.gradFn?.name == "MseLossBackward0")
        #expect(l1.gradFn?.name == "MeanBackward0")
        #expect(rmse.gradFn?.name == "SqrtBackward0")
    }

    @Test("backward() gives 2(ŷ - y)/N, sign(ŷ - y)/N and (ŷ - y)/(N·RMSE)")
    func regressionGradientsMatchTheirClosedForms() {
        let inputs = lessonInputs()
        let outputs = inputs.outputs, targets = inputs.targets
        MSELoss()(outputs, targets).backward()
        #expect(ByHand.largestDifference(outputs.grad!.scalars, ByHand.mseGradient(outputs, targets)) < 1e-6)
        outputs.zeroGrad()
        L1Loss()(outputs, targets).backward()
        #expect(ByHand.largestDifference(outputs.grad!.scalars, ByHand.l1Gradient(outputs, targets)) < 1e-6)
        outputs.zeroGrad()
        MSELoss()(outputs, targets).sqrt().backward()
        #expect(ByHand.largestDifference(outputs.grad!.scalars, ByHand.rmseGradient(outputs, targets)) < 1e-6)
    }

    @Test("the sum reduction is N times the mean, and none keeps every squared miss")
    func reductions() {
        let inputs = lessonInputs()
        let mean = MSELoss(reduction: .mean)(inputs.outputs, inputs.targets).item()
        let sum = MSELoss(reduction: .sum)(inputs.outputs, inputs.targets).item()
        let none = MSELoss(reduction: .none)(inputs.outputs, inputs.targets)
        #expect(abs(sum - 15 * mean) < 1e-4)
        #expect(none.shape == [3, 5])
        #expect(abs(none.mean().item() - mean) < 1e-6)
    }

    @Test("BCELoss after a sigmoid on [1, 0, 1, 0] matches its formula, and its score gradient is (σ(x) - t)/N")
    func binaryCrossEntropyAfterSigmoid() {
        let inputs = lessonInputs()
        let loss = BCELoss()(inputs.scores.sigmoid(), inputs.answers)
        #expect(abs(Double(loss.item()) - ByHand.bce(scores: inputs.scores, targets: inputs.answers)) < 1e-5)
        #expect(abs(loss.item() - 0.9161) < 1e-4)  // PyTorch, seed 42
        loss.backward()
        let expected = ByHand.bceScoreGradient(scores: inputs.scores, targets: inputs.answers)
        #expect(ByHand.largestDifference(inputs.scores.grad!.scalars, expected) < 1e-6)
    }

    @Test("at score 100 BCEWithLogitsLoss stays exact while sigmoid + BCELoss saturates at 100 with no gradient")
    func largeScores() {
        let at100 = LargeLogitComparison(logit: 100)
        #expect(at100.probability == 1)
        #expect(at100.twoStepLoss == 100)
        #expect(at100.twoStepGradient == 0)
        #expect(at100.fusedLoss.isFinite)
        #expect(at100.fusedLoss == 100)
        #expect(at100.fusedGradient == 1)
        let at20 = LargeLogitComparison(logit: 20)
        #expect(at20.twoStepLoss == 100)
        #expect(abs(at20.fusedLoss - 20) < 1e-5)
        // Small scores: both agree with log(1 + eˣ).
        let at2 = LargeLogitComparison(logit: 2)
        #expect(abs(Double(at2.twoStepLoss) - at2.exactLoss) < 1e-5)
        #expect(abs(Double(at2.fusedLoss) - at2.exactLoss) < 1e-5)
        #expect(abs(at2.twoStepGradient - at2.fusedGradient) < 1e-6)
    }

    @Test("CrossEntropyLoss equals logSoftmax + NLLLoss and the log-sum-exp worked by hand")
    func crossEntropyIsLogSoftmaxPlusNLL() {
        let inputs = lessonInputs()
        let loss = CrossEntropyLoss()(inputs.logits, inputs.classes)
        let twoSteps = NLLLoss()(inputs.logits.logSoftmax(dim: 1), inputs.classes)
        #expect(abs(loss.item() - twoSteps.item()) < 1e-6)
        #expect(abs(Double(loss.item()) - ByHand.crossEntropy(logits: inputs.logits, classes: inputs.classes)) < 1e-5)
        #expect(abs(loss.item() - 1.6981) < 1e-4)  // PyTorch, seed 42
        #expect(loss.gradFn?.name == "NllLossBackward0")
        loss.backward()
        let expected = ByHand.crossEntropyGradient(logits: inputs.logits, classes: inputs.classes)
        #expect(ByHand.largestDifference(inputs.logits.grad!.scalars, expected) < 1e-6)
    }

    @Test("the drawn curves' gradients are the derivatives the figures name")
    func curves() {
        let regression = LossCurves.regression(samples: 61)
        for (x, g) in zip(regression.mse.x, regression.mse.gradient) { #expect(abs(g - 2 * x) < 1e-5) }
        let binary = LossCurves.binary(samples: 61)
        for (p, g) in zip(binary.targetOne.x, binary.targetOne.gradient) {
            #expect(abs(Double(g) + 1 / Double(p)) < 1e-3 * (1 / Double(p)))
        }
        let ce = LossCurves.crossEntropy(samples: 61)
        for (z, g) in zip(ce.wrongClass.x, ce.wrongClass.gradient) {
            let e = [Double(z)] + LossCurves.otherScores.map(Double.init)
            let softmax = exp(e[0]) / e.map(exp).reduce(0, +)
            #expect(abs(Double(g) - softmax) < 1e-5)
        }
    }
}
