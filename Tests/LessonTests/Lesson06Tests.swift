import ClassifierTraining
import Foundation
@testable import Lesson06
import Testing
import Torchlet

/// Lesson06's training, evaluation and studies on a tiny dataset made here: 28x28 pictures of
/// ten classes, class c being a bright band across rows 2c...2c+3 over faint noise. Separable
/// at a glance, so a few epochs must learn it; small, so the tests take seconds.
@Suite("Lesson06: an MLP on Fashion-MNIST or MNIST")
struct Lesson06Tests {
    /// `count` pictures `[count, 1, 28, 28]`, labels cycling through the ten classes.
    static func bands(_ count: Int, seed: UInt64) -> TensorDataset {
        var generator = Generator(seed: seed)
        var pixels = [Float](repeating: 0, count: count * 784)
        var labels: [Float] = []
        for n in 0..<count {
            let label = n % 10
            labels.append(Float(label))
            for i in 0..<784 {
                let row = i / 28
                let band: Float = (2 * label...2 * label + 3).contains(row) ? 0.8 : 0
                pixels[n * 784 + i] = band + 0.2 * generator.nextUniform()
            }
        }
        return TensorDataset(
            Tensor(shape: [count, 1, 28, 28], scalars: pixels),
            Tensor(shape: [count], scalars: labels, dtype: .int64))
    }

    static var trainSet: TensorDataset { bands(400, seed: 1) }
    static var testSet: TensorDataset { bands(100, seed: 2) }

    static var tinySettings: MLPSettings {
        var settings = MLPSettings.standard
        settings.epochs = 4
        settings.batchSize = 20
        return settings
    }

    static func run(
        _ settings: MLPSettings = tinySettings, seed: UInt64 = 42,
        hooks: TrainingHooks = TrainingHooks()
    ) -> TrainingRun<MLPSettings> {
        withSeed(seed) {
            let model = makeMLP(settings)
            return train(model, settings, trainSet: trainSet, testSet: testSet, seed: seed &+ 1, hooks: hooks)
        }
    }

    // MARK: The network

    @Test func theNetworkHas269322ParametersAndStartsAtLogTen() {
        let model = withSeed(42) { makeMLP() }
        #expect(model.parameterCount == 784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10)
        #expect(model.parameterCount == 269_322)
        let weights = (model.layers[1] as! Linear).weight.scalars
        let mean = weights.reduce(0, +) / Float(weights.count)
        let std = (weights.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(weights.count)).squareRoot()
        #expect(abs(std - 0.01) < 0.0005, "std \(std)")
        let (images, labels) = Self.trainSet.batch(at: Array(0..<100))
        let loss = CrossEntropyLoss()(model(images), labels).item()
        #expect(abs(loss - log(10)) < 0.02, "the untrained loss is log 10 = 2.3026, got \(loss)")
    }

    @Test func sigmoidLayersAreWhereTheSettingsSayAndTheOutputHasNoSoftmax() {
        var settings = MLPSettings.standard
        settings.activations = [.sigmoid, .relu]
        let model = makeMLP(settings)
        #expect(model.layers.count == 6)
        #expect(model.layers[2] is Sigmoid && model.layers[4] is ReLU && model.layers[5] is Linear)
    }

    // MARK: Training

    @Test func trainingLowersTheLossAndLearnsTheBands() {
        let run = Self.run()
        #expect(run.divergence == nil)
        #expect(run.epochs.count == 4)
        let losses = run.trainLosses
        #expect(losses[0] < 2.31 && losses.last! < 0.5 * losses[0], "losses \(losses)")
        #expect(run.finalTestAccuracy >= 0.95, "test accuracy \(run.finalTestAccuracy)")
        #expect(run.epochs.last!.trainAccuracy > run.epochs[0].trainAccuracy)
    }

    @Test func theSameSeedGivesTheSameRun() {
        #expect(Self.run().trainLosses == Self.run().trainLosses)
        #expect(Self.run().trainLosses != Self.run(seed: 7).trainLosses)
    }

    @Test func aDivergingRunStopsAndSaysWhere() {
        var settings = Self.tinySettings
        settings.optimizer = .sgd
        settings.learningRate = 1e8
        let run = Self.run(settings)
        let divergence = try! #require(run.divergence)
        #expect(!divergence.loss.isFinite)
        #expect(run.epochs.count == divergence.epoch - 1)
        #expect(divergence.batch >= 1 && divergence.batch <= 20)
    }

    // MARK: Evaluation

    @Test func accuracyIsTheArgmaxOverTheClasses() {
        let logits = Tensor([[2.0, 1.0, 0.1], [-5.0, -1.0, -3.0], [0.2, 0.1, 3.0], [0.0, 4.0, -1.0]])
        #expect(predictedClasses(logits) == [0, 1, 2, 1])
        #expect(accuracy(logits: logits, labels: Tensor([0, 1, 1, 0])) == 0.5)
    }

    @Test func theConfusionMatrixCountsEveryTestPictureOnce() {
        let run = Self.run()
        let result = evaluate(run.model, on: Self.testSet)
        let labels = Self.testSet.labels.scalars.map { Int($0) }
        let counts = confusionMatrix(labels: labels, predictions: result.predictions)
        #expect(counts.joined().reduce(0, +) == 100)
        #expect(counts.map { $0.reduce(0, +) } == Array(repeating: 10, count: 10), "10 pictures per class")
        let diagonal = (0..<10).map { counts[$0][$0] }.reduce(0, +)
        #expect(Float(diagonal) / 100 == result.accuracy)
        #expect(result.accuracy == run.finalTestAccuracy)
    }

    @Test func mostConfusedIsTheLargestCountOffTheDiagonal() {
        let counts = [[50, 3, 0], [9, 40, 1], [0, 7, 60]]
        let worst = mostConfused(counts)
        #expect(worst.truth == 1 && worst.predicted == 0 && worst.count == 9)
    }

    @Test func theConfusionSummaryOrdersTheClassesFromHardestToEasiest() {
        let counts = [[8, 2, 0], [5, 5, 0], [0, 1, 9]]
        let summary = ConfusionSummary(counts)
        #expect(summary.rightShare == [0.8, 0.5, 0.9])
        #expect(summary.hardestFirst == [1, 0, 2] && summary.hardest == 1 && summary.easiest == 2)
        #expect(summary.mostConfused == (truth: 1, predicted: 0, count: 5))
        #expect(summary.hardestClasses(2, names: ["a", "b", "c"]) { String(Int($0 * 100)) } == "b (50) and a (80)")
        #expect(summary.lookAlikeRemark([([0, 1], "alike")]) == "Both are alike.")
        #expect(summary.lookAlikeRemark([([1, 2], "alike")]) == nil)
    }

    @Test func planesCutABatchIntoItsPictures() {
        let batch = Tensor(shape: [3, 1, 2, 2], scalars: (0..<12).map(Float.init))
        #expect(planes(of: batch, [2, 0]) == [[8, 9, 10, 11], [0, 1, 2, 3]])
        #expect(planes(of: batch, 0..<1) == [[0, 1, 2, 3]])
    }

    @Test func theProgressHooksDrawOneBarPerEpochAndCloseItWithTheEpochsNumbers() {
        var events: [String] = []
        var logged: [Int] = []
        let hooks = TrainingHooks.progressBars(
            label: { "epoch \($0)" },
            bar: { label, batches in
                events.append("start \(label) of \(batches)")
                return { progress in
                    switch progress {
                    case .batch(let loss): events.append("batch \(loss)")
                    case .finished(let record): events.append("end \(record.epoch)")
                    }
                }
            }, epochFinished: { logged.append($0.epoch) })
        var settings = Self.tinySettings
        settings.epochs = 2
        settings.batchSize = 200
        _ = Self.run(settings, hooks: hooks)
        #expect(events.count == 8, "\(events)")
        #expect(events[0] == "start epoch 1 of 2" && events[3] == "end 1" && events[4] == "start epoch 2 of 2")
        #expect(events[1].hasPrefix("batch ") && events[7] == "end 2")
        #expect(logged == [1, 2])
    }

    @Test func aDivergenceIsExplainedWithTheFlagToTry() {
        let divergence = Divergence(epoch: 2, batch: 7, loss: .infinity)
        #expect(divergence.summary == "the loss became inf at epoch 2, batch 7")
        let text = divergence.explanation(learningRate: 1, optimizer: "Adam")
        #expect(text.contains("at epoch 2, batch 7") && text.contains("nan or inf") && text.contains("--lr 0.1"))
        #expect(
            !Divergence(epoch: 1, batch: 1, loss: 500).explanation(learningRate: 1, optimizer: "SGD").contains("nan"))
    }

    // MARK: Studies

    @Test func theStudiesVaryWhatTheSeedVaried() {
        let base = MLPSettings.standard
        #expect(Study.lr.variants(of: base, quick: false).map(\.settings.learningRate) == [0.1, 0.01, 0.001, 0.0001])
        #expect(Study.batchSize.variants(of: base, quick: false).map(\.settings.batchSize) == [10, 30, 100, 1000])
        #expect(
            Study.activation.variants(of: base, quick: false).map(\.settings.activations)
                == [[.sigmoid, .sigmoid], [.sigmoid, .relu], [.relu, .sigmoid], [.relu, .relu]])
        let epochs = Study.epochs.variants(of: base, quick: false)
        #expect(epochs.count == 1 && epochs[0].settings.epochs == 100)
        #expect(Study.epochCounts(quick: false) == [5, 30, 50, 100])
    }

    @Test func aStudyKeepsADivergedRunAndCarriesOn() {
        var base = Self.tinySettings
        base.epochs = 2
        base.optimizer = .sgd
        let runs = runStudy(.lr, base: base, quick: true, seed: 42, trainSet: Self.trainSet, testSet: Self.testSet)
        #expect(runs.map(\.label) == ["lr 0.1", "lr 0.01", "lr 0.001", "lr 0.0001"])
        #expect(runs.allSatisfy { $0.run.divergence != nil || $0.run.epochs.count == 2 })
        // With seed 42 two epochs of SGD train at lr 0.1; the smaller rates have not left chance yet.
        #expect(runs[0].run.divergence == nil && runs[0].outcome == "trained")
        #expect(runs[1].run.divergence == nil && runs[1].outcome == "stuck near chance (10%)")

        // A study in which some runs diverge (ReLU after the first layer, at lr 1e8): those are kept
        // and marked, and the runs after them still train for every epoch.
        var huge = base
        huge.learningRate = 1e8
        let mixed = runStudy(
            .activation, base: huge, quick: true, seed: 42, trainSet: Self.trainSet,
            testSet: Self.testSet)
        #expect(mixed.count == 4)
        #expect(mixed[1].run.divergence != nil && mixed[1].outcome.hasPrefix("diverged"), "\(mixed.map(\.outcome))")
        #expect(mixed[2].run.divergence == nil && mixed[2].run.epochs.count == 2, "\(mixed.map(\.outcome))")
        #expect(mixed[3].run.divergence != nil, "\(mixed.map(\.outcome))")
    }

    // MARK: Flags

    static func message(_ arguments: [String]) -> String {
        do {
            _ = try Lesson06.parse(arguments)
            return ""
        } catch {
            return Lesson06.message(for: error)
        }
    }

    @Test func badFlagsAreRejectedWithAClearMessage() {
        #expect(Self.message(["--lr=-1"]).contains("--lr must be a positive number"))
        #expect(Self.message(["--lr", "nan"]).contains("--lr must be a positive number"))
        #expect(Self.message(["--epochs", "0"]).contains("--epochs must be between 1 and 1000"))
        #expect(Self.message(["--batch-size", "0"]).contains("--batch-size must be 1 or more"))
        #expect(Self.message(["--train-limit=-5"]).contains("--train-limit must be 1 or more"))
        #expect(Self.message(["--test-limit", "0"]).contains("--test-limit must be 1 or more"))
        let study = Self.message(["--study", "momentum"])
        #expect(study.contains("momentum") && study.contains("batch-size") && study.contains("activation"), "\(study)")
        let dataset = Self.message(["--dataset", "cifar"])
        #expect(dataset.contains("fashion-mnist"), "\(dataset)")
        #expect(Self.message(["--optimizer", "rmsprop"]).contains("adam"))
        #expect(Self.message(["--data-dir", ""]).contains("--data-dir"))
    }

    @Test func quickAndDefaultSettings() throws {
        let standard = try Lesson06.parse([]).options.settings
        #expect(standard == MLPSettings.standard)
        #expect(standard.epochs == 15 && standard.batchSize == 100 && standard.learningRate == 1e-3)
        #expect(try Lesson06.parse(["--quick"]).options.settings.epochs == 3)
        let sgd = try Lesson06.parse(["--optimizer", "sgd", "--epochs", "2"]).options.settings
        #expect(sgd.optimizer == .sgd && sgd.learningRate == 0.01 && sgd.epochs == 2)
        #expect(try Lesson06.parse([]).options.dataset == .fashionMNIST)
    }
}
