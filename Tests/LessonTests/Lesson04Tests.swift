@testable import Lesson04
import Testing
import Torchlet

/// Lesson 04's numbers: the seed's program prints what PyTorch prints, the hand-made gradients
/// agree with autograd, and the exact answer is the exact answer.
@Suite("Lesson04: linear regression")
struct Lesson04Tests {
    /// What PyTorch 2.x prints for the seed's program (float32, zeros, SGD lr 0.001, 10,000
    /// epochs): `/opt/torch-venv/bin/python Tests/Reference/make_lesson04_reference.py`.
    static let pytorchRows = [
        "Epoch : 1000, Weight : 0.864, Bias : -0.138, Cost : 1.393",
        "Epoch : 2000, Weight : 0.870, Bias : -0.251, Cost : 1.380",
        "Epoch : 3000, Weight : 0.873, Bias : -0.321, Cost : 1.375",
        "Epoch : 4000, Weight : 0.875, Bias : -0.364, Cost : 1.373",
        "Epoch : 5000, Weight : 0.877, Bias : -0.391, Cost : 1.373",
        "Epoch : 6000, Weight : 0.878, Bias : -0.408, Cost : 1.372",
        "Epoch : 7000, Weight : 0.878, Bias : -0.419, Cost : 1.372",
        "Epoch : 8000, Weight : 0.878, Bias : -0.425, Cost : 1.372",
        "Epoch : 9000, Weight : 0.879, Bias : -0.429, Cost : 1.372",
        "Epoch : 10000, Weight : 0.879, Bias : -0.432, Cost : 1.372",
    ]

    /// The same rows with 7 significant digits (epoch, weight, bias, cost), from the same script.
    static let pytorchPrecise: [(epoch: Int, weight: Float, bias: Float, cost: Float)] = [
        (1000, 0.8642583, -0.1384653, 1.39325),
        (2000, 0.8697884, -0.2508258, 1.380349),
        (3000, 0.8732296, -0.3207446, 1.375354),
        (4000, 0.875371, -0.3642531, 1.373419),
        (5000, 0.8767035, -0.3913276, 1.37267),
        (6000, 0.8775327, -0.4081753, 1.37238),
        (7000, 0.8780487, -0.4186593, 1.372267),
        (8000, 0.8783698, -0.425183, 1.372224),
        (9000, 0.8785696, -0.4292428, 1.372208),
        (10000, 0.8786939, -0.431769, 1.3722),
    ]

    let x = RegressionData.xColumn
    let y = RegressionData.yColumn

    @Test func theSeedsData() {
        #expect(x.shape == [30, 1] && y.shape == [30, 1])
        #expect(RegressionData.x.first == 1 && RegressionData.x.last == 30)
        #expect(abs(RegressionData.y.reduce(0, +) - 395.61) < 1e-3)
        #expect(RegressionData.y[14] == 14 && RegressionData.y[28] == 21.6)
    }

    @Test func autogradRunPrintsWhatPyTorchPrints() {
        let run = trainWithAutograd(x: x, y: y, epochs: 10_000, learningRate: 0.001)
        #expect(run.divergedAt == nil)
        #expect(run.reports.map(\.line) == Self.pytorchRows)
    }

    /// What `swift run Lesson04` itself prints in section 4, not a helper called by the test.
    @Test("swift run Lesson04 prints, in section 4, the ten lines PyTorch prints for the seed's program")
    func theLessonPrintsPyTorchsLines() throws {
        let run = try LessonRun("Lesson04", ["--plot", "none", "--transcript"])
        try run.expectFinished()
        let section4 = try #require(run.output.components(separatedBy: "\n4. The same with requiresGrad").last)
            .components(separatedBy: "\n5. Linear(1, 1)").first!
        let printed = section4.split(separator: "\n").map(String.init).filter { $0.hasPrefix("Epoch : ") }
        #expect(printed == Self.pytorchRows)
        #expect(section4.contains("These are the lines PyTorch prints for the seed's program, digit for digit"))
    }

    /// PyTorch 2.15, `torch.manual_seed(42)`, then seed 004's second program as written (the first
    /// program's optimizer does the steps) for 10,000 epochs: `list(model.parameters())` before
    /// training, the cost it prints, and model.weight.grad at the end.
    @Test("section 5: PyTorch's Linear(1, 1) start, and the seed's program as written stuck at PyTorch's cost")
    func linearStartAndStaleOptimizerMatchPyTorch() throws {
        let run = try LessonRun("Lesson04", ["--plot", "none", "--transcript"])
        try run.expectFinished()
        #expect(
            run.output.contains(
                "[Parameter containing:\ntensor([[0.7645]], requires_grad=True), Parameter containing:\n"
                    + "tensor([0.8300], requires_grad=True)]"))
        #expect(run.output.contains("costs[0] = 2.609\ncosts.last! = 2.609\n"))
        #expect(run.output.contains("stale.weight.grad = tensor([[-328431.1875]])"))
    }

    @Test func autogradRunFollowsPyTorchToFloatPrecision() {
        let run = trainWithAutograd(x: x, y: y, epochs: 10_000, learningRate: 0.001)
        for (ours, theirs) in zip(run.reports, Self.pytorchPrecise) {
            #expect(ours.epoch == theirs.epoch)
            #expect(abs(ours.weight - theirs.weight) < 1e-6, "epoch \(ours.epoch): weight \(ours.weight)")
            #expect(abs(ours.bias - theirs.bias) < 2e-5, "epoch \(ours.epoch): bias \(ours.bias)")
            #expect(abs(ours.cost - theirs.cost) < 2e-6, "epoch \(ours.epoch): cost \(ours.cost)")
        }
    }

    @Test func byHandAgreesWithAutograd() {
        let autograd = trainWithAutograd(x: x, y: y, epochs: 10_000, learningRate: 0.001)
        let byHand = trainByHand(x: x, y: y, epochs: 10_000, learningRate: 0.001)
        #expect(byHand.costs.count == 10_000)
        #expect(byHand.largestDifference(from: autograd) <= 1e-4)
        #expect(byHand.reports.map(\.line) == Self.pytorchRows)
    }

    @Test func gradientsAtTheStart() {
        let weight = Tensor.zeros([1], requiresGrad: true), bias = Tensor.zeros([1], requiresGrad: true)
        let byHand = gradientsByHand(weight: weight, bias: bias, x: x, y: y)
        // -2 · mean(x · y) and -2 · mean(y), in Double.
        let meanXY = zip(RegressionData.x, RegressionData.y).reduce(0.0) { $0 + Double($1.0 * $1.1) } / 30
        #expect(abs(Double(byHand.dWeight.item()) + 2 * meanXY) < 1e-3)
        #expect(abs(byHand.dBias.item() - -26.374) < 1e-4)
        #expect(abs(byHand.cost.item() - 233.1395) < 1e-3)
        (weight * x + bias - y).pow(2).mean().backward()
        #expect(abs(weight.grad!.item() - byHand.dWeight.item()) < 1e-3)
        #expect(abs(bias.grad!.item() - byHand.dBias.item()) < 1e-5)
    }

    @Test func closedForm() {
        let exact = LeastSquares(x: RegressionData.x, y: RegressionData.y)
        #expect(abs(exact.weight - 0.878899) < 1e-6)
        #expect(abs(exact.bias - -0.435931) < 1e-6)
        #expect(
            abs(cost(weight: exact.weight, bias: exact.bias, x: RegressionData.x, y: RegressionData.y) - 1.372197)
                < 1e-6)
        let normal = normalEquations(x: RegressionData.x, y: RegressionData.y)
        #expect(abs(normal.weight - exact.weight) < 1e-9 && abs(normal.bias - exact.bias) < 1e-9)
    }

    @Test func theValleyExplainsTheSlowBias() {
        let curvature = CostCurvature(x: RegressionData.x)
        #expect(abs(curvature.largest - 631.86) < 0.01)
        #expect(abs(curvature.smallest - 0.4743) < 1e-4)
        #expect(abs(curvature.stableLearningRateLimit - 0.0031653) < 1e-6)
        // The leftover along the valley after 10,000 steps is what the run has left.
        let exact = LeastSquares(x: RegressionData.x, y: RegressionData.y)
        let start = -(exact.weight * curvature.valley.weight + exact.bias * curvature.valley.bias)
        let predicted = curvature.remaining(start, epochs: 10_000, learningRate: 0.001)
        let run = trainWithAutograd(x: x, y: y, epochs: 10_000, learningRate: 0.001)
        let measured =
            (Double(run.finalWeight) - exact.weight) * curvature.valley.weight
            + (Double(run.finalBias) - exact.bias) * curvature.valley.bias
        #expect(abs(predicted - 0.0042) < 1e-4)
        #expect(abs(measured - predicted) < 2e-4)
    }

    @Test func aStepAboveTheLimitDiverges() {
        let below = trainWithAutograd(x: x, y: y, epochs: 40, learningRate: 0.003, reportEvery: 10)
        let above = trainWithAutograd(x: x, y: y, epochs: 200, learningRate: 0.0033, reportEvery: 10)
        #expect(below.divergedAt == nil && below.costs.last! < 1.5)
        #expect(above.divergedAt != nil && above.costs.count < 200)
    }

    @Test func linearWithMSELossFindsTheSameLine() {
        let (model, initial, run) = trainLinear(x: x, y: y, epochs: 10_000, learningRate: 0.001, seed: 42)
        // PyTorch's numbers: torch.manual_seed(42); nn.Linear(1, 1), then the same 10,000 steps.
        #expect(abs(initial.weight - 0.7645) < 1e-4 && abs(initial.bias - 0.8300) < 1e-4)
        #expect(model.weight.shape == [1, 1] && model.bias!.shape == [1])
        #expect(abs(run.finalWeight - 0.8784) < 1e-4 && abs(run.finalBias - -0.4249) < 1e-4)
        #expect(abs(run.costs.last! - 1.3722) < 1e-4)
        #expect(
            parameterList(model.parameters()) == """
                [Parameter containing:
                tensor([[0.8784]], requires_grad=True), Parameter containing:
                tensor([-0.4249], requires_grad=True)]
                """)
    }

    @Test func quickRunReportsTenTimes() {
        let run = trainWithAutograd(x: x, y: y, epochs: 2000, learningRate: 0.001, reportEvery: 200)
        #expect(run.reports.map(\.epoch) == Array(stride(from: 200, through: 2000, by: 200)))
        #expect(run.reports[4].line == Self.pytorchRows[0])
        #expect(run.reports[9].line == Self.pytorchRows[1])
    }

    @Test("negative numbers reach the lesson's own messages, not ArgumentParser's 'Missing value'")
    func negativeFlags() {
        for (arguments, message) in [
            (["--lr", "-1"], "--lr must be a positive number (got -1.0)"),
            (["--epochs", "-3"], "--epochs must be at least 1 (got -3)"),
        ] {
            let error = #expect(throws: (any Error).self) { try Lesson04.parse(arguments) }
            let text = error.map { Lesson04.message(for: $0) } ?? ""
            #expect(text.contains(message), "\(arguments): \(text)")
        }
    }
}
