import ClassifierTraining
import Notebook
import Foundation
@testable import Lesson07
import Testing
import Torchlet

/// Lesson07's computations on pictures made here: the terms on hand-made pictures, the shape
/// table of the seed's network and of the studies' variants, and the training loop on a tiny
/// dataset of four kinds of stroke (a horizontal bar, a vertical bar, a diagonal, a square
/// outline) drawn at random places over faint noise, which a CNN must learn in three epochs.
@Suite("Lesson07: a CNN on Fashion-MNIST or MNIST")
struct Lesson07Tests {
    /// `count` pictures `[count, 1, 28, 28]` of four classes, labels cycling 0, 1, 2, 3.
    static func strokes(_ count: Int, seed: UInt64) -> TensorDataset {
        var generator = Generator(seed: seed)
        var pixels = [Float](repeating: 0, count: count * 784)
        var labels: [Float] = []
        for n in 0..<count {
            let label = n % 4
            labels.append(Float(label))
            for i in 0..<784 { pixels[n * 784 + i] = 0.2 * generator.nextUniform() }
            let top = 4 + Int(generator.nextUniform() * 10), left = 4 + Int(generator.nextUniform() * 10)
            func set(_ row: Int, _ column: Int) { pixels[n * 784 + row * 28 + column] = 1 }
            for step in 0..<10 {
                switch label {
                case 0: set(top + 5, left + step); set(top + 6, left + step)
                case 1: set(top + step, left + 5); set(top + step, left + 6)
                case 2: set(top + step, left + step); set(top + step, left + step + 1)
                default:
                    set(top, left + step); set(top + 9, left + step); set(top + step, left); set(top + step, left + 9)
                }
            }
        }
        return TensorDataset(
            Tensor(shape: [count, 1, 28, 28], scalars: pixels),
            Tensor(shape: [count], scalars: labels, dtype: .int64))
    }

    static func run(_ settings: CNNSettings, seed: UInt64 = 42) -> CNNRun {
        withSeed(seed) {
            let model = makeCNN(settings)
            return trainCNN(
                model, settings, trainSet: strokes(240, seed: 1), testSet: strokes(80, seed: 2),
                seed: seed &+ 1)
        }
    }

    static var tinySettings: CNNSettings {
        var settings = CNNSettings.standard
        settings.epochs = 3
        settings.batchSize = 20
        return settings
    }

    // MARK: The terms

    /// A picture dark on the left half and bright (1) on the right half.
    static var halfBright: Tensor {
        Tensor(shape: [1, 1, 28, 28], scalars: (0..<784).map { $0 % 28 >= 14 ? 1 : 0 })
    }

    /// The lesson's two hand-made filters (section 2): Sobel's vertical and horizontal edges.
    static var sobel: Tensor {
        Tensor(shape: [2, 1, 3, 3], scalars: [-1, 0, 1, -2, 0, 2, -1, 0, 1, -1, -2, -1, 0, 0, 0, 1, 2, 1])
    }

    @Test func theEdgeFiltersAnswerFourOnAVerticalEdgeAndZeroOnFlatPatches() {
        let maps = Self.halfBright.conv2d(weight: Self.sobel, padding: (1, 1))
        #expect(maps.shape == [1, 2, 28, 28])
        // Row 10: columns 13 and 14 straddle the edge (1 + 2 + 1 = 4), the rest is flat.
        #expect(maps.scalars[10 * 28 + 13] == 4 && maps.scalars[10 * 28 + 14] == 4)
        #expect(maps.scalars[10 * 28 + 5] == 0 && maps.scalars[10 * 28 + 20] == 0)
        // The horizontal-edge map sees no edge inside the picture, only the zero padding below/above.
        #expect(maps.scalars[784 + 10 * 28 + 14] == 0)
        let spot = strongestResponse(maps, channel: 0)
        #expect(spot.row == 1 && spot.column == 13)
        let window = patch(of: Self.halfBright, row: 10, column: 14)
        #expect(window.scalars == [0, 1, 1, 0, 1, 1, 0, 1, 1])
        #expect(zip(window.scalars, Self.sobel.scalars.prefix(9)).map { $0 * $1 }.reduce(0, +) == 4)
        #expect(maps[0][0][10][14].item() == 4, "the lesson reads the value as featureMaps[0][0][row][column]")
    }

    @Test func theOutputSizeFormulaMatchesConv2dForEveryExample() {
        // The lesson's examples (section 3): kernel, stride, padding.
        let examples = [(3, 1, 0), (3, 1, 1), (5, 1, 2), (3, 2, 1), (3, 5, 1), (10, 1, 1), (10, 1, 0)]
        let sides = examples.map { k, s, p in outputSide(28, kernel: k, stride: s, padding: p)! }
        #expect(sides == [26, 28, 28, 14, 6, 21, 19])
        for ((k, s, p), side) in zip(examples, sides) {
            let shape = Self.halfBright.conv2d(weight: Tensor.ones([1, 1, k, k]), stride: (s, s), padding: (p, p)).shape
            #expect(shape == [1, 1, side, side])
        }
        #expect(outputSide(7, kernel: 2, stride: 2, padding: 1) == 4)
        #expect(outputSide(7, kernel: 2, stride: 2) == 3)
        #expect(outputSide(1, kernel: 2, stride: 2) == nil)
    }

    @Test func maxPoolingKeepsSixFiveThreeSevenAndSendsTheGradientToThem() {
        // The lesson's 4x4 example (section 4).
        let x = Tensor(
            shape: [1, 1, 4, 4], scalars: [1, 3, 2, 1, 4, 6, 5, 0, 3, 1, 1, 2, 0, 2, 7, 4], requiresGrad: true)
        let pooled = MaxPool2d(kernelSize: 2, stride: 2)(x)
        #expect(pooled.scalars == [6, 5, 3, 7])
        pooled.sum().backward()
        #expect(x.grad!.scalars == [0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0])
    }

    // MARK: The network

    @Test func theShapeTableOfTheSeedsNetwork() {
        let model = withSeed(42) { makeCNN() }
        let rows = layerShapes(model, input: Tensor.zeros([1, 1, 28, 28]))
        #expect(
            rows.map(\.outputShape) == [
                [1, 32, 28, 28], [1, 32, 28, 28], [1, 32, 14, 14],
                [1, 64, 14, 14], [1, 64, 14, 14], [1, 64, 7, 7],
                [1, 128, 7, 7], [1, 128, 7, 7], [1, 128, 4, 4],
                [1, 2048], [1, 625], [1, 625], [1, 625], [1, 10],
            ])
        #expect(rows.map(\.parameters) == [320, 0, 0, 18_496, 0, 0, 73_856, 0, 0, 0, 1_280_625, 0, 0, 6_260])
        #expect(model.parameterCount == 1_379_557)
        #expect(rows[0].layer == "Conv2d(1, 32, 3, stride 1, padding 1)")
        #expect(rows[8].layer == "MaxPool2d(2, stride 2, padding 1)")
        #expect(rows[10].layer == "Linear(2048, 625)" && rows[12].layer == "Dropout(0.5)")
        #expect(model.isTraining, "the shape table leaves the model in training mode")
    }

    @Test func bothLinearLayersHaveXavierUniformWeights() {
        let model = withSeed(42) { makeCNN() }
        for (index, fanIn, fanOut) in [(10, 2048, 625), (13, 625, 10)] {
            let weights = (model.layers[index] as! Linear).weight.scalars
            let bound = Float((6.0 / Double(fanIn + fanOut)).squareRoot())
            #expect(weights.allSatisfy { abs($0) <= bound })
            #expect(weights.map(abs).max()! > 0.95 * bound, "uniform up to the Xavier bound \(bound)")
        }
    }

    @Test func theStudiesVariantsShrinkThePictureAsTheFormulaSays() {
        #expect(blockSides(firstKernel: 3, firstStride: 1) == [28, 14, 14, 7, 7, 4])
        #expect(blockSides(firstKernel: 3, firstStride: 5) == [6, 3, 3, 1, 1, 1])
        #expect(blockSides(firstKernel: 10, firstStride: 1) == [21, 10, 10, 5, 5, 3])
        let stride = withSeed(1) { makeCNN(CNNStudy.stride.variant(of: .standard)) }
        let filter = withSeed(1) { makeCNN(CNNStudy.filterSize.variant(of: .standard)) }
        let input = Tensor.zeros([1, 1, 28, 28])
        #expect(layerShapes(stride, input: input)[0].outputShape == [1, 32, 6, 6])
        #expect(layerShapes(stride, input: input)[9].outputShape == [1, 128])
        #expect(layerShapes(filter, input: input)[0].outputShape == [1, 32, 21, 21])
        #expect(layerShapes(filter, input: input)[9].outputShape == [1, 1152])
        #expect(stride.parameterCount == 1_379_557 - 1_280_625 + (128 * 625 + 625))
        #expect(filter.parameterCount == 1_379_557 - 320 + (32 * 100 + 32) - 1_280_625 + (1152 * 625 + 625))
        #expect(CNNStudy.stride.label(CNNStudy.stride.variant(of: .standard)) == "stride 5")
        #expect(CNNStudy.filterSize.label(.standard) == "filter 3x3")
    }

    @Test func theStudysConclusionQuotesTheRunsNumbers() {
        func run(_ settings: CNNSettings, accuracy: Float) -> CNNRun {
            CNNRun(
                model: Sequential(), settings: settings,
                epochs: [
                    EpochRecord(
                        epoch: 4, trainLoss: 0.3, trainAccuracy: 0.9, testLoss: 0.3, testAccuracy: accuracy, seconds: 1)
                ])
        }
        let text = CNNStudy.stride.conclusion(
            baseline: run(.standard, accuracy: 0.9139),
            variant: run(CNNStudy.stride.variant(of: .standard), accuracy: 0.8512),
            parameters: (1_379_557, 179_557))
        #expect(text.hasSuffix("after 4 epochs: stride 5 ends at 85.12%, 6.3 points below stride 1 (91.39%)."))
        #expect(
            text.contains("its maps are 6x6 instead of 28x28") && text.contains("128 numbers")
                && text.contains("1,280,625 weights to 80,625"), "\(text)")
        let filter = CNNStudy.filterSize.conclusion(
            baseline: run(.standard, accuracy: 0.9),
            variant: run(CNNStudy.filterSize.variant(of: .standard), accuracy: 0.9),
            parameters: (1_379_557, 822_469))
        #expect(
            filter.contains("21x21") && filter.contains("1152 numbers") && filter.contains("fewer weights"), "\(filter)"
        )
        #expect(filter.hasSuffix("about level with filter 3x3 (90.00%)."))
    }

    // MARK: Training

    @Test func trainingLowersTheLossAndLearnsTheStrokes() {
        let run = Self.run(Self.tinySettings)
        #expect(run.divergence == nil)
        #expect(run.epochs.count == 3)
        let losses = run.trainLosses
        // With this seed's tiny data the loss falls by about 40% in three epochs (1.69, 1.39, 1.02).
        #expect(losses[1] < losses[0] && losses[2] < 0.7 * losses[0], "losses \(losses), test \(run.testAccuracies)")
        #expect(run.finalTestAccuracy >= 0.7, "test accuracy \(run.finalTestAccuracy) (chance: 0.25)")
    }

    @Test func theSameSeedGivesTheSameRun() {
        var settings = Self.tinySettings
        settings.epochs = 1
        #expect(Self.run(settings).trainLosses == Self.run(settings).trainLosses)
        #expect(Self.run(settings).trainLosses != Self.run(settings, seed: 7).trainLosses)
    }

    @Test func aHugeLearningRateStopsTheRunWithADivergence() {
        var settings = Self.tinySettings
        settings.learningRate = 1e8
        let run = Self.run(settings)
        #expect(run.divergence != nil, "losses \(run.trainLosses)")
        #expect(run.divergence.map { !$0.loss.isFinite } == true)
    }

    @Test func evaluationIsInBatchesInEvalModeAndCountsRight() {
        let model = withSeed(3) { makeCNN() }
        let data = Self.strokes(40, seed: 5)
        let small = evaluate(model, on: data, batchSize: 7)
        let whole = evaluate(model, on: data, batchSize: 40)
        #expect(small.predictions == whole.predictions)
        #expect(abs(small.loss - whole.loss) < 1e-4)
        #expect(model.isTraining)
        let right = zip(small.predictions, data.batch(at: Array(0..<40)).labels.scalars).filter { Float($0) == $1 }
            .count
        #expect(small.accuracy == Float(right) / 40)
    }

    @Test func confusionCountsAndTheMostConfusedPair() {
        let counts = confusionMatrix(labels: [0, 0, 1, 1, 1, 2], predictions: [0, 1, 1, 2, 2, 2], classes: 3)
        #expect(counts == [[1, 1, 0], [0, 1, 2], [0, 0, 1]])
        #expect(mostConfused(counts) == (truth: 1, predicted: 2, count: 2))
    }

    // MARK: Flags

    func message(_ arguments: [String]) -> String {
        do {
            _ = try Lesson07.parseAsRoot(arguments)
            return "no error"
        } catch {
            return Lesson07.message(for: error)
        }
    }

    @Test func badFlagsAreRejectedWithAClearMessage() {
        #expect(message(["--epochs", "0"]).contains("--epochs must be between 1 and 1000, but got 0"))
        #expect(message(["--lr", "0"]).contains("--lr must be a positive number"))
        #expect(message(["--batch-size", "0"]).contains("--batch-size must be between 1 and 10000"))
        #expect(message(["--train-limit", "0"]).contains("--train-limit must be 1 or more"))
        #expect(message(["--data-dir", ""]).contains("--data-dir: the folder name is empty"))
        let study = message(["--study", "pooling"])
        #expect(study.contains("pooling") && study.contains("stride") && study.contains("filter-size"))
        let dataset = message(["--dataset", "kmnist"])
        #expect(dataset.contains("kmnist") && dataset.contains("fashion-mnist"))
        #expect(message(["--dataset", "mnist", "--study", "filter-size", "--quick"]) == "no error")
    }

    @Test func quickAndDefaultSettings() throws {
        let standard = try Lesson07.parseAsRoot([]) as! Lesson07
        #expect(standard.options.settings == CNNSettings.standard && standard.options.dataset == .fashionMNIST)
        let quick = try Lesson07.parseAsRoot(["--quick", "--lr", "0.01"]) as! Lesson07
        #expect(quick.options.settings.epochs == 2 && quick.options.settings.learningRate == 0.01)
    }
}
