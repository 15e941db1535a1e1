import Foundation
import Testing
import Torchlet

/// The losses against PyTorch's numbers (Fixtures/losses.json, made by
/// Tests/Reference/make_loss_reference.py): every loss, every reduction and option, values and
/// the gradients of the input (and of the target, for the elementwise losses).
@Suite("Losses")
struct LossTests {
    static let losses = ["mse", "l1", "bce", "bceWithLogits", "nll", "crossEntropy"]

    @Test("values and gradients equal PyTorch's", arguments: losses)
    func matchesPyTorch(loss: String) throws {
        let cases = try #require(lossReference).cases.filter { $0.loss == loss }
        #expect(cases.count >= 3, "expected every reduction of \(loss) in the fixture")
        for reference in cases {
            runLossCase(reference, functional: false)
            runLossCase(reference, functional: true)
        }
    }

    @Test("every reduction is covered for every loss")
    func fixtureCoversReductions() throws {
        let cases = try #require(lossReference).cases
        for loss in Self.losses {
            let reductions = Set(cases.filter { $0.loss == loss }.map(\.reduction))
            #expect(reductions == ["mean", "sum", "none"], "\(loss): \(reductions)")
        }
    }

    @Test("large logits: sigmoid + BCELoss saturates at 100, BCEWithLogitsLoss stays exact")
    func largeLogits() {
        let logits = Tensor([-200.0, -30, 0, 30, 200])
        let targets = Tensor([1.0, 1, 0, 0, 0])
        let saturated = BCELoss(reduction: .none)(logits.sigmoid(), targets)
        let exact = BCEWithLogitsLoss(reduction: .none)(logits, targets)
        // σ(-200) = 0 and σ(30) = σ(200) = 1 in Float: log(0) is clamped at -100.
        expectClose(saturated.scalars, [100, 30, 0.6931472, 100, 100])
        expectClose(exact.scalars, [200, 30, 0.6931472, 30, 200])
        // Gradients stay finite: σ(x) - y, not 0 · ∞.
        let x = Tensor([-200.0, 200], requiresGrad: true)
        BCEWithLogitsLoss(reduction: .sum)(x, Tensor([1.0, 0])).backward()
        expectClose(x.grad!.scalars, [-1, 1])
    }

    @Test("Lesson 3: CrossEntropyLoss on 3x5 logits with targets [1, 0, 3] equals logSoftmax + NLLLoss")
    func lesson03CrossEntropy() throws {
        let logits = Tensor(
            [
                [1.2, -0.5, 0.3, 2.0, -1.1],
                [0.4, 1.7, -0.9, 0.0, 0.6],
                [-1.3, 0.8, 0.2, 1.5, -0.4],
            ], requiresGrad: true)
        let targets = Tensor([1, 0, 3])
        let fused = CrossEntropyLoss()(logits, targets)
        let separate = NLLLoss()(logits.logSoftmax(dim: 1), targets)
        let reference = try #require(lossReference?.cases.first { $0.name == "lesson03 crossEntropy" })
        expectClose([fused.item()], reference.output.values, tolerance: 1e-6)
        expectClose([separate.item()], reference.output.values, tolerance: 1e-6)
        #expect(fused.description == "tensor(1.8898, grad_fn=<NllLossBackward0>)")
        fused.backward()
        let fusedGradient = logits.grad!.scalars
        logits.zeroGrad()
        separate.backward()
        expectClose(fusedGradient, logits.grad!.scalars, tolerance: 1e-6)
        expectClose(fusedGradient, reference.inputGrad.values, tolerance: 1e-6)
        // softmax(x) - onehot(y), divided by N = 3.
        let softmax = logits.detach().softmax(dim: 1).scalars
        var expected = softmax.map { $0 / 3 }
        for (n, y) in [1, 0, 3].enumerated() { expected[n * 5 + y] -= 1.0 / 3 }
        expectClose(fusedGradient, expected, tolerance: 1e-6)
    }

    @Test("Lesson 3: BCELoss after sigmoid with targets [1, 0, 1, 0]")
    func lesson03BinaryCrossEntropy() throws {
        let logits = Tensor([2.0, -1, 0.5, 0.3], requiresGrad: true)
        let targets = Tensor([1.0, 0, 1, 0])
        let loss = BCELoss()(logits.sigmoid(), targets)
        let reference = try #require(lossReference?.cases.first { $0.name == "lesson03 sigmoid+bce" })
        expectClose([loss.item()], reference.output.values, tolerance: 1e-6)
        #expect(loss.description == "tensor(0.4422, grad_fn=<BinaryCrossEntropyBackward0>)")
        loss.backward()
        expectClose(logits.grad!.scalars, reference.inputGrad.values, tolerance: 1e-6)
        // The same as BCEWithLogitsLoss on the logits, whose gradient is (σ(x) - y) / N.
        let withLogits = BCEWithLogitsLoss()(logits.detach(), targets)
        expectClose([withLogits.item()], [loss.item()], tolerance: 1e-6)
        let expected = zip(logits.detach().sigmoid().scalars, targets.scalars).map { ($0 - $1) / 4 }
        expectClose(logits.grad!.scalars, expected, tolerance: 1e-6)
    }

    @Test("each fused loss equals the same formula written with basic operations")
    func fusedEqualsComposed() {
        let x = parameter([3, 4], seed: 11)
        let y = parameter([3, 4], seed: 12, label: "y")
        let probability = x.detach().sigmoid()
        let label = y.detach().sigmoid()
        expectSameLossAndGradient(x) {
            x.mseLoss(y)
        } composed: {
            (x - y).pow(2).mean()
        }
        expectSameLossAndGradient(x) {
            x.l1Loss(y, reduction: .sum)
        } composed: {
            (x - y).abs().sum()
        }
        let p = Tensor(shape: probability.shape, scalars: probability.scalars, requiresGrad: true)
        expectSameLossAndGradient(p) {
            p.binaryCrossEntropy(label, reduction: .none)
        } composed: {
            -(label * p.log() + (1 - label) * (1 - p).log())
        }
        expectSameLossAndGradient(x) {
            x.binaryCrossEntropyWithLogits(label)
        } composed: {
            x.sigmoid().binaryCrossEntropy(label)
        }
        let classes = Tensor([3, 0, 2])
        expectSameLossAndGradient(x) {
            x.crossEntropy(classes, reduction: .sum)
        } composed: {
            x.logSoftmax(dim: 1).nllLoss(classes, reduction: .sum)
        }
        // Label smoothing: (1 - ε) · NLL + ε · mean over classes of -log softmax.
        expectSameLossAndGradient(x) {
            x.crossEntropy(classes, labelSmoothing: 0.2)
        } composed: {
            let logp = x.logSoftmax(dim: 1)
            return 0.8 * logp.nllLoss(classes) + 0.2 * (-logp).mean(dim: 1).mean()
        }
    }

    @Test("ignored targets cost nothing, get no gradient and do not count in the mean")
    func ignoreIndex() {
        let x = parameter([3, 4], seed: 13)
        let kept = x.detach()[0...1]
        let loss = CrossEntropyLoss()(x, Tensor([2, 1, -100]))
        expectClose([loss.item()], [CrossEntropyLoss()(kept, Tensor([2, 1])).item()], tolerance: 1e-6)
        loss.backward()
        #expect(x.grad!.scalars[8..<12].allSatisfy { $0 == 0 })
        let custom = NLLLoss(ignoreIndex: 1, reduction: .none)(x.detach(), Tensor([2, 1, 0]))
        #expect(custom.scalars[1] == 0)
        #expect(custom.scalars[0] == -x.scalars[2])
        // All ignored: the mean is 0 / 0, NaN, as in PyTorch.
        #expect(NLLLoss()(x.detach(), Tensor([-100, -100, -100])).item().isNaN)
    }

    @Test("a single sample: [C] scores and a 0-dimensional class")
    func singleSample() {
        let scores = Tensor([0.5, 2.0, -1.0])
        let one = Tensor(shape: [], scalars: [1], dtype: .int64)
        let loss = CrossEntropyLoss(reduction: .none)(scores, one)
        #expect(loss.shape == [])
        let batch = CrossEntropyLoss()(scores.reshape(1, 3), Tensor([1]))
        expectClose([loss.item()], [batch.item()], tolerance: 1e-6)
        expectClose([CrossEntropyLoss()(scores, Tensor([1])).item()], [batch.item()], tolerance: 1e-6)
    }

    @Test("reduction none keeps the input's shape (a sample's shape for class losses)")
    func unreducedShapes() {
        let x = Tensor.zeros([2, 3])
        #expect(MSELoss(reduction: .none)(x, x).shape == [2, 3])
        #expect(L1Loss(reduction: .none)(x, x).shape == [2, 3])
        #expect(BCEWithLogitsLoss(reduction: .none)(x, x).shape == [2, 3])
        #expect(BCELoss(reduction: .none)(x + 0.5, x).shape == [2, 3])
        #expect(NLLLoss(reduction: .none)(x, Tensor([0, 2])).shape == [2])
        #expect(CrossEntropyLoss(reduction: .none)(x, Tensor([0, 2])).shape == [2])
        #expect(CrossEntropyLoss(reduction: .sum)(x, Tensor([0, 2])).shape == [])
    }

    @Test("losses print as PyTorch's modules, and their results with PyTorch's grad_fn")
    func printedForms() {
        #expect(MSELoss().description == "MSELoss()")
        #expect(L1Loss(reduction: .sum).description == "L1Loss()")
        #expect(BCELoss(weight: Tensor([1.0, 2])).description == "BCELoss()")
        #expect(BCEWithLogitsLoss(posWeight: Tensor([3.0])).description == "BCEWithLogitsLoss()")
        #expect(NLLLoss().description == "NLLLoss()")
        #expect(CrossEntropyLoss(labelSmoothing: 0.1).description == "CrossEntropyLoss()")
        #expect("\(Reduction.mean)" == "mean")
        let lossFunctions: [any Loss] = [MSELoss(), CrossEntropyLoss()]
        #expect(lossFunctions.map(\.reduction) == [.mean, .mean])

        let x = Tensor([[0.5, -1.0, 2.0]], requiresGrad: true)
        let y = Tensor([[0.0, 1.0, 1.0]])
        #expect(MSELoss()(x, y).description.hasSuffix("grad_fn=<MseLossBackward0>)"))
        #expect(L1Loss()(x, y).description.hasSuffix("grad_fn=<MeanBackward0>)"))
        #expect(L1Loss(reduction: .sum)(x, y).description.hasSuffix("grad_fn=<SumBackward0>)"))
        #expect(L1Loss(reduction: .none)(x, y).description.hasSuffix("grad_fn=<AbsBackward0>)"))
        #expect(BCEWithLogitsLoss()(x, y).description.hasSuffix("grad_fn=<BinaryCrossEntropyWithLogitsBackward0>)"))
        #expect(NLLLoss()(x, Tensor([2])).description == "tensor(-2., grad_fn=<NllLossBackward0>)")
        #expect(CrossEntropyLoss(labelSmoothing: 0.1)(x, Tensor([2])).description.hasSuffix("grad_fn=<AddBackward0>)"))
        #expect(
            CrossEntropyLoss()(Tensor.zeros([1, 10], requiresGrad: true), Tensor([3])).description
                == "tensor(2.3026, grad_fn=<NllLossBackward0>)")
    }

    @Test("the backward trace shows each loss's rule")
    func backwardRules() {
        let x = Tensor([[0.5, -1.0, 2.0], [0.1, 0.2, 0.3]], requiresGrad: true)
        #expect(x.crossEntropy(Tensor([2, 0])).gradFn?.rule == "dx = (softmax(x) - onehot(y)) * g / 2")
        #expect(x.mseLoss(x.detach() * 0).gradFn?.rule == "dx = g * 2 * (x - y) / 6, dy = -dx")
        #expect(x.nllLoss(Tensor([2, 0]), reduction: .sum).gradFn?.rule == "dx[n, y[n]] = -g, 0 elsewhere")
        #expect(
            x.binaryCrossEntropyWithLogits(x.detach().sigmoid()).gradFn?.rule
                == "dx = g * (σ(x) - y) / 6, dy = -g * x")
        #expect(
            x.crossEntropy(Tensor([2, 0]), weight: Tensor([1.0, 2, 3]), reduction: .none).gradFn?.rule
                == "dx = a - softmax(x) * Σ a, a = -g[n] * w[y] * onehot(y)")
    }
}

// MARK: - Running one reference case

/// Computes one fixture case with Torchlet (through the loss class, or the Tensor method) and
/// compares the value and the gradients with PyTorch's.
private func runLossCase(_ reference: LossReferenceCase, functional: Bool) {
    let label = "\(reference.name), reduction \(reference.reduction)\(functional ? ", Tensor method" : "")"
    let input = reference.input.tensor(requiresGrad: true)
    let isClassLoss = reference.loss == "nll" || reference.loss == "crossEntropy"
    let target =
        isClassLoss
        ? Tensor(shape: reference.target.shape, scalars: reference.target.values, dtype: .int64)
        : reference.target.tensor(requiresGrad: reference.targetGrad != nil)
    let reduction = Reduction(rawValue: reference.reduction)!
    let weight = reference.weight?.tensor()
    let posWeight = reference.posWeight?.tensor()
    let ignoreIndex = reference.ignoreIndex ?? -100
    let smoothing = reference.labelSmoothing ?? 0
    let prediction = reference.compose == "sigmoid" ? input.sigmoid() : input

    let output: Tensor
    switch (reference.loss, functional) {
    case ("mse", false): output = MSELoss(reduction: reduction)(prediction, target)
    case ("mse", true): output = prediction.mseLoss(target, reduction: reduction)
    case ("l1", false): output = L1Loss(reduction: reduction)(prediction, target)
    case ("l1", true): output = prediction.l1Loss(target, reduction: reduction)
    case ("bce", false): output = BCELoss(weight: weight, reduction: reduction)(prediction, target)
    case ("bce", true): output = prediction.binaryCrossEntropy(target, weight: weight, reduction: reduction)
    case ("bceWithLogits", false):
        output = BCEWithLogitsLoss(weight: weight, reduction: reduction, posWeight: posWeight)(prediction, target)
    case ("bceWithLogits", true):
        output = prediction.binaryCrossEntropyWithLogits(
            target, weight: weight, posWeight: posWeight,
            reduction: reduction)
    case ("nll", false):
        output = NLLLoss(weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)(prediction, target)
    case ("nll", true):
        output = prediction.nllLoss(target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
    case ("crossEntropy", false):
        output = CrossEntropyLoss(
            weight: weight, ignoreIndex: ignoreIndex, reduction: reduction,
            labelSmoothing: smoothing)(prediction, target)
    default:
        output = prediction.crossEntropy(
            target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction,
            labelSmoothing: smoothing)
    }
    #expect(output.shape == reference.output.shape, "\(label): shape")
    expectLossValues(output.scalars, reference.output.values, label: "\(label): value")
    output.backward(reference.upstream?.tensor())
    expectLossValues(input.grad?.scalars ?? [], reference.inputGrad.values, label: "\(label): input gradient")
    if let targetGrad = reference.targetGrad {
        expectLossValues(target.grad?.scalars ?? [], targetGrad.values, label: "\(label): target gradient")
    }
}

/// Compares with a relative tolerance of 2e-5 (absolute below 1), and names the case on failure.
private func expectLossValues(
    _ actual: [Float], _ expected: [Float], label: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        actual.count == expected.count, "\(label): \(actual.count) numbers, expected \(expected.count)",
        sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated()
    where !(Swift.abs(a - e) <= 2e-5 * Swift.max(1, Swift.abs(e))) {
        Issue.record("\(label): element \(i) is \(a), PyTorch's is \(e)", sourceLocation: sourceLocation)
    }
}

/// Checks that `fused` and `composed` give the same value and the same gradient of `x`.
private func expectSameLossAndGradient(
    _ x: Tensor, sourceLocation: SourceLocation = #_sourceLocation, _ fused: () -> Tensor, composed: () -> Tensor
) {
    x.zeroGrad()
    let a = fused()
    a.backward(Tensor.ones(a.shape))
    let fusedGradient = x.grad!.scalars
    x.zeroGrad()
    let b = composed()
    b.backward(Tensor.ones(b.shape))
    expectClose(a.scalars, b.scalars, tolerance: 1e-5, sourceLocation: sourceLocation)
    expectClose(fusedGradient, x.grad!.scalars, tolerance: 1e-5, sourceLocation: sourceLocation)
    x.zeroGrad()
}

// MARK: - The fixture

/// Tests/TorchletTests/Fixtures/losses.json, or `nil` if it cannot be read.
let lossReference: LossReferenceFile? = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/losses.json")
    guard let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(LossReferenceFile.self, from: data)
}()

struct LossReferenceFile: Decodable, Sendable {
    let torch: String
    let cases: [LossReferenceCase]
}

struct LossReferenceCase: Decodable, Sendable {
    let name: String
    let loss: String
    let reduction: String
    let input: LossReferenceTensor
    let target: LossReferenceTensor
    let output: LossReferenceTensor
    let inputGrad: LossReferenceTensor
    let targetGrad: LossReferenceTensor?
    let upstream: LossReferenceTensor?
    let weight: LossReferenceTensor?
    let posWeight: LossReferenceTensor?
    let ignoreIndex: Int?
    let labelSmoothing: Float?
    let compose: String?
}

struct LossReferenceTensor: Decodable, Sendable {
    let shape: [Int]
    let values: [Float]

    func tensor(requiresGrad: Bool = false) -> Tensor {
        Tensor(shape: shape, scalars: values, requiresGrad: requiresGrad)
    }
}
