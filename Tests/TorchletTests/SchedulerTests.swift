import Testing
import Torchlet

/// The learning-rate schedulers against PyTorch's sequences (Fixtures/optimizers.json, made by
/// Tests/Reference/make_optimizer_reference.py), and what `step()` does to the optimizer.
@Suite("Learning-rate schedulers")
struct SchedulerTests {
    static let caseNames = optimizerReference?.schedulers.map(\.name) ?? []

    @Test("the learning rate after each epoch equals PyTorch's", arguments: caseNames)
    func matchesPyTorch(name: String) throws {
        let reference = try #require(optimizerReference?.schedulers.first { $0.name == name })
        let optimizer = SGD([Tensor([0.0], requiresGrad: true)], lr: reference.lr)
        let scheduler = makeScheduler(reference, optimizer)
        var rates = [optimizer.learningRate]
        #expect(scheduler.lastLearningRate == optimizer.learningRate)
        for _ in 1..<reference.learningRates.count {
            optimizer.step()
            scheduler.step()
            rates.append(optimizer.learningRate)
            #expect(scheduler.lastLearningRate == optimizer.learningRate)
        }
        #expect(scheduler.lastEpoch == reference.learningRates.count - 1)
        // Float rates against PyTorch's Python floats, relative to the base rate (so a rate of 0 counts too).
        for (epoch, (rate, expected)) in zip(rates, reference.learningRates).enumerated() {
            #expect(
                Swift.abs(Double(rate) - expected) <= 1e-6 * Double(reference.lr),
                "epoch \(epoch): got \(rate), expected \(expected)")
        }
    }

    @Test func theFixtureGoesPastTMax() throws {
        let cosine = try #require(optimizerReference?.schedulers.first { $0.options.tMax == 5 })
        #expect(cosine.learningRates.count > 2 * 5 + 1)
        #expect(Swift.abs(cosine.learningRates[5] - 0.01) < 1e-9)  // η_min at T_max
        #expect(Swift.abs(cosine.learningRates[10] - 0.1) < 1e-9)  // back at γ₀ after 2 T_max
    }

    @Test func stepLRDecaysEveryStepSizeEpochs() {
        let optimizer = Adam([Tensor([1.0], requiresGrad: true)], lr: 0.05)
        let scheduler = StepLR(optimizer, stepSize: 30, gamma: 0.1)
        var rates: [Int: Float] = [:]
        for epoch in 1...90 {
            scheduler.step()
            rates[epoch] = optimizer.learningRate
        }
        #expect(rates[29] == 0.05)
        #expect(Swift.abs(rates[30]! - 0.005) < 1e-9)
        #expect(Swift.abs(rates[60]! - 0.0005) < 1e-10)
        #expect(scheduler.baseLearningRate == 0.05)
    }

    @Test func theNewLearningRateIsUsedByTheNextStep() {
        let w = Tensor([1.0], requiresGrad: true)
        let optimizer = SGD([w], lr: 1)
        let scheduler = StepLR(optimizer, stepSize: 1, gamma: 0.5)
        scheduler.step()  // lr 0.5
        w.grad = Tensor([1.0])
        optimizer.step()
        #expect(w.scalars == [0.5])
        scheduler.step()  // lr 0.25
        optimizer.step()
        #expect(w.scalars == [0.25])
    }

    @Test func cosineAnnealingReachesEtaMinAtTMax() {
        let optimizer = RMSprop([Tensor([1.0], requiresGrad: true)], lr: 0.1)
        let scheduler = CosineAnnealingLR(optimizer, tMax: 4, etaMin: 0.02)
        let rates = (0..<4).map { _ in
            scheduler.step(); return optimizer.learningRate
        }
        expectClose(rates, [0.0882843, 0.06, 0.0317157, 0.02], tolerance: 1e-6)
        #expect(scheduler.learningRate(atEpoch: 2) == rates[1])
    }
}

func makeScheduler(_ reference: SchedulerReferenceCase, _ optimizer: any Optimizer) -> any LRScheduler {
    let o = reference.options
    switch reference.scheduler {
    case "StepLR": return StepLR(optimizer, stepSize: o.stepSize!, gamma: o.gamma ?? 0.1)
    case "CosineAnnealingLR": return CosineAnnealingLR(optimizer, tMax: o.tMax!, etaMin: o.etaMin ?? 0)
    default: fatalError("unknown scheduler \(reference.scheduler) in the fixture")
    }
}
