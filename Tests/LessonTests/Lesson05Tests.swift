import Foundation
@testable import Lesson05
import Testing
import Torchlet

/// The numbers Lesson05 teaches, computed by the functions the lesson calls, without the text
/// or the plots. `runXOR` draws its random numbers in the lesson's order, so
/// `withSeed(s) { runXOR() }` is the lesson's training run for `--seed s`.
@Suite("Lesson05: XOR with BCEWithLogitsLoss")
struct Lesson05Tests {
    @Test func theDefaultSeedReaches99PercentOnTheTestSet() {
        let run = withSeed(42) { runXOR() }
        #expect(run.testAccuracy >= 0.99, "test accuracy \(run.testAccuracy)")
        #expect(run.losses.count == 100)
        #expect(run.losses[0] > 0.6 && run.losses[0] < 0.8, "the first epoch starts near log 2: \(run.losses[0])")
        #expect(run.losses.last! < 0.1, "final loss \(run.losses.last!)")
    }

    /// The seeds from 0 to 10 (none of them stalls now). `stallingSeed` is left out on purpose,
    /// should it ever be one of them, and tested on its own below: it starts on a plateau that
    /// lasts past epoch 100, and the lesson shows it as such.
    @Test(arguments: (0...10 as ClosedRange<UInt64>).filter { $0 != stallingSeed })
    func otherSeedsReach97Percent(seed: UInt64) {
        let run = withSeed(seed) { runXOR() }
        #expect(run.testAccuracy >= 0.97, "seed \(seed): test accuracy \(run.testAccuracy)")
    }

    /// What the lesson's section "A start that stalls" says about `--seed stallingSeed` (the
    /// lesson guards the first two with `nb.claim`). When the generator changes and the seed no
    /// longer stalls, the failure names the seeds from 0 to 199 that do, to choose another from.
    /// PyTorch's run of the same seed (Benchmarks/pytorch_lesson05.py) draws the same numbers
    /// and also stalls: 74.2% after 100 epochs, 100% after 300.
    @Test func theStallingSeedStallsAt100EpochsAndRecoversBy300() {
        var settings = XORSettings.standard
        settings.epochs = 300
        let run = withSeed(stallingSeed) { runXOR(settings, accuracyAt: [100]) }
        let at100 = run.accuracies[100]!
        #expect(
            at100 < 0.9 && run.losses[99] > 0.2,
            "accuracy \(at100) and loss \(run.losses[99]) after 100 epochs; seeds that stall: \(stallingSeeds())")
        #expect(at100 < 0.8, "accuracy after 100 epochs: \(at100)")
        #expect(run.losses[99] > 0.3, "loss after 100 epochs: \(run.losses[99])")
        #expect(run.testAccuracy >= 0.99, "accuracy after 300 epochs: \(run.testAccuracy)")
        let escape = run.losses.indices.first { $0 >= 100 && run.losses[$0] < 0.3 }
        #expect(escape != nil && escape! > 100, "the loss drops below 0.3 at epoch \(escape.map { $0 + 1 } ?? -1)")
    }

    /// The seeds from 0 to 199 whose run (the lesson's settings) is still on a plateau after 100
    /// epochs, in the lesson's words; computed only when a test needs to name them.
    func stallingSeeds() -> [UInt64] {
        (0..<200 as Range<UInt64>).filter { seed in
            let run = withSeed(seed) { runXOR() }
            return run.testAccuracy < 0.9 && run.losses[99] > 0.2
        }
    }

    @Test func theLargerLearningRateGetsTheStallingSeedOut() {
        var settings = XORSettings.standard
        settings.learningRate = 1
        #expect(withSeed(stallingSeed) { runXOR(settings) }.testAccuracy >= 0.99)
    }

    @Test func theDatasetIsXORWithNoise() {
        let data = withSeed(3) { XORDataset(size: 1000, std: 0.1) }
        #expect(data.count == 1000)
        #expect(data.inputs.shape == [1000, 2] && data.labels.shape == [1000] && data.labels.dtype == .int64)
        var ones = 0
        for i in 0..<data.count {
            let (x1, x2) = (data.inputs.scalars[2 * i], data.inputs.scalars[2 * i + 1])
            let corner = (x1 > 0.5 ? 1 : 0) + (x2 > 0.5 ? 1 : 0)
            #expect(Int(data.labels.scalars[i]) == (corner == 1 ? 1 : 0), "point \(i): (\(x1), \(x2))")
            ones += Int(data.labels.scalars[i])
        }
        #expect((400...600).contains(ones), "\(ones) of 1000 labels are 1")
        let (input, label) = data[5]
        #expect(input.scalars == Array(data.inputs.scalars[10..<12]) && label.shape == [])
    }

    @Test func theModelPrintsAsPyTorchAndHas17Parameters() {
        let model = withSeed(0) { XORClassifier() }
        #expect(
            model.description == """
                XORClassifier(
                  (linear1): Linear(in_features=2, out_features=4, bias=True)
                  (activation): Tanh()
                  (linear2): Linear(in_features=4, out_features=1, bias=True)
                )
                """)
        #expect(
            model.namedParameters().map(\.name) == ["linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias"])
        #expect(model.parameterCount == 17)
    }

    /// "What goes wrong without zeroGrad()": the gradients grow step by step.
    @Test func forgettingZeroGradMakesTheGradientsGrow() {
        let (data, model) = withSeed(42) { (XORDataset(size: 128), XORClassifier()) }
        let growth = gradientGrowth(start: model, inputs: data.inputs, labels: data.labels, steps: 3)
        let cleared = growth.cleared.map(norm), accumulated = growth.accumulated.map(norm)
        #expect(cleared[0] == accumulated[0])
        #expect(accumulated[1] > 1.8 * cleared[1] && accumulated[2] > 2.6 * cleared[2], "\(cleared) \(accumulated)")
        #expect(abs(cleared[2] / cleared[0] - 1) < 0.2, "with zeroGrad the size stays about the same: \(cleared)")
        // Accumulated = the sum of the gradients each step saw: replay the run without zeroGrad()
        // and compute each step's own gradient on a copy of the model as it is at that step.
        let replay = model.copy()
        let optimizer = SGD(replay.parameters(), lr: 0.1)
        let lossFunction = BCEWithLogitsLoss()
        var sum = [Float](repeating: 0, count: 4)
        for step in 0..<3 {
            let probe = replay.copy()
            lossFunction(probe(data.inputs).squeeze(dim: 1), data.labels.float()).backward()
            let own = probe.linear2.weight.grad!.scalars
            #expect(norm(Tensor(own)) > 0)
            sum = zip(sum, own).map(+)
            lossFunction(replay(data.inputs).squeeze(dim: 1), data.labels.float()).backward()
            optimizer.step()
            let recorded = growth.accumulated[step].scalars
            #expect(zip(recorded, sum).allSatisfy { abs($0 - $1) < 1e-6 }, "step \(step + 1): \(recorded) vs \(sum)")
        }
    }

    /// The whole-run comparison at the default seed: without zeroGrad the loss falls sooner and
    /// the weights grow far larger, and with --lr 1 the buggy run ends worse than it started
    /// (the lesson states what its own run shows; this pins down the phenomenon).
    @Test func aWholeRunWithoutZeroGrad() {
        for (lr, runsAway) in [(Float(0.1), false), (1, true)] {
            withSeed(42) {
                let trainSet = XORDataset(size: 2500)
                _ = XORDataset(size: 500)
                let model = XORClassifier()
                let buggy = model.copy()
                let loader = DataLoader(trainSet, batchSize: 128, shuffle: true)
                let losses = trainModel(
                    model, optimizer: SGD(model.parameters(), lr: lr), loader: loader,
                    lossFunction: BCEWithLogitsLoss(), epochs: 100)
                let buggyLosses = trainForgettingZeroGrad(
                    buggy, optimizer: SGD(buggy.parameters(), lr: lr),
                    loader: DataLoader(trainSet, batchSize: 128, shuffle: true, seed: loader.seed),
                    lossFunction: BCEWithLogitsLoss(), epochs: 100)
                #expect(largestWeight(buggy) > 10 * largestWeight(model), "lr \(lr)")
                if runsAway {
                    #expect(buggyLosses.last! > 0.69, "lr \(lr): \(buggyLosses.last!)")
                } else {
                    let first = { (values: [Float]) in values.firstIndex { $0 < 0.1 } ?? values.count }
                    #expect(first(buggyLosses) < first(losses), "the buggy run falls sooner")
                }
            }
        }
    }

    /// "Why logits": from a logit of 17 on, σ rounds to 1, sigmoid + BCELoss says 100 with a
    /// zero gradient, BCEWithLogitsLoss says 17 with gradient 1.
    @Test func sigmoidPlusBCELossSaturatesAndTheLogitsVersionDoesNot() {
        let small = saturation(logit: 5)
        #expect(abs(small.twoStepLoss - small.logitsLoss) < 1e-3)
        for logit: Float in [17, 20, 50] {
            let row = saturation(logit: logit)
            #expect(row.probability == 1)
            #expect(row.twoStepLoss == 100 && row.twoStepGradient == 0, "\(row)")
            #expect(abs(row.logitsLoss - logit) < 1e-4 && abs(row.logitsGradient - 1) < 1e-6, "\(row)")
        }
    }

    @Test func saveAndLoadGiveTheSameNumbersAndAnswers() throws {
        let run = withSeed(42) { runXOR(XORSettings.quick) }
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("lesson05-\(UUID().uuidString).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try run.model.save(to: path)
        let loaded = withSeed(7) { XORClassifier() }
        #expect(loaded.linear2.weight.scalars != run.model.linear2.weight.scalars)
        try loaded.load(from: path)
        for (saved, restored) in zip(run.model.stateDict(), loaded.stateDict()) {
            #expect(saved.name == restored.name && saved.tensor.scalars == restored.tensor.scalars)
        }
        #expect(evaluate(loaded, on: run.testSet) == run.testAccuracy)
    }

    @Test func theDecisionGridIsRowsOfX2AndColumnsOfX1() {
        let run = withSeed(42) { runXOR() }
        let grid = probabilityGrid(run.model, range: -0.5...1.5, steps: 5)  // -0.5, 0, 0.5, 1, 1.5
        #expect(grid.count == 5 && grid.allSatisfy { $0.count == 5 })
        // The corners (0,0) and (1,1) are class 0, (1,0) and (0,1) class 1.
        #expect(grid[1][1] < 0.2 && grid[3][3] < 0.2, "\(grid)")
        #expect(grid[1][3] > 0.8 && grid[3][1] > 0.8, "\(grid)")
    }

    @Test func accuracyThresholdsLogitsAtZero() {
        #expect(predictedClasses(Tensor([-0.1, 0, 0.3, 2])) == [0, 1, 1, 1])
    }
}

/// `swift run Lesson05` next to the same steps in PyTorch, `Benchmarks/pytorch_lesson05.py --numbers`
/// (torch 2.15, seed 42): the numbers PyTorch printed, to the decimals both print.
@Suite("Lesson05 next to PyTorch")
struct Lesson05PyTorchTests {
    static let pytorchTrainingPoints = [
        "tensor([-0.0838,  1.0553])", "tensor([0.1568, 0.0160])", "tensor([-0.1403,  1.0432])",
    ]
    static let pytorchUntrainedLogits: [Float] = [-0.2771, -0.1480, -0.2828, -0.1134]
    static let pytorchEpochLosses: [(epoch: Int, loss: String)] = [
        (1, "0.7009"), (2, "0.6961"), (5, "0.6893"), (10, "0.6715"), (20, "0.5695"), (50, "0.1103"), (100, "0.0282"),
    ]
    static let pytorchTrainedState: [(name: String, values: [Float])] = [
        ("linear1.weight", [2.2659, 2.4590, -0.9151, 0.3901, 0.4889, 0.2904, 3.4262, 3.2562]),
        ("linear1.bias", [-3.5004, -0.9614, 0.2728, -1.5707]),
        ("linear2.weight", [-4.5784, 1.5500, -1.2546, 5.0027]),
        ("linear2.bias", [-2.4393]),
    ]

    /// The numbers of a printed tensor, in order.
    static func numbers(in text: Substring) -> [Float] {
        text.split(whereSeparator: { !"-0123456789.".contains($0) }).compactMap { Float($0) }
    }

    @Test("with --seed 42 the lesson prints PyTorch's training points, logits, epoch losses and trained weights")
    func sameNumbersAsPyTorch() throws {
        let run = try LessonRun("Lesson05", ["--plot", "none", "--transcript"])
        try run.expectFinished()
        let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, point) in Self.pytorchTrainingPoints.enumerated() {
            #expect(run.output.contains("trainSet[\(i)] = (input: \(point), label: tensor(\(i == 1 ? 0 : 1)))"))
        }
        let logits = try #require(run.output.components(separatedBy: "\nlogits = ").dropFirst().first)
            .components(separatedBy: "grad_fn").first!
        #expect(Self.numbers(in: Substring(logits)) == Self.pytorchUntrainedLogits)
        for (epoch, loss) in Self.pytorchEpochLosses {
            #expect(
                lines.contains { $0.hasPrefix(String(format: "%5d", epoch)) && $0.hasSuffix(" " + loss) },
                "epoch \(epoch): PyTorch's mean loss \(loss)")
        }
        let state = try #require(run.output.components(separatedBy: "stateDict() lists them by name").last)
        for (name, values) in Self.pytorchTrainedState {
            let printed = try #require(state.components(separatedBy: "\n" + name + " = ").dropFirst().first)
            let tensor = printed.prefix { $0 != ")" }
            #expect(Self.numbers(in: tensor) == values, "\(name)")
        }
    }
}
