import Foundation
import Notebook
import Testing
@testable import Lesson02
import Torchlet

/// Runs Lesson02 as `swift run Lesson02 <arguments>` would, into a capture, and returns the
/// text it printed and the sentences its run contradicted.
private func runLesson02(_ arguments: [String] = ["--quick", "--plot", "none"]) throws
    -> (text: String, contradictions: [String])
{
    let lesson = try Lesson02.parse(arguments)
    let output = CapturedText()
    let contradictions = withSeed(0) {
        let nb = Notebook(
            lesson: "Lesson02", title: "Activation functions", options: lesson.common, output: output,
            terminal: Terminal(isInteractive: false, width: 88, usesColour: false), now: { 0 })
        lesson.teach(nb)
        return nb.contradictions
    }
    return (output.text, contradictions)
}

/// The numbers Lesson02 teaches, in its `--quick` form (seed 42, the default).
@Suite struct Lesson02Tests {
    let quickGrid = grid(steps: Lesson02.gridSteps(quick: true))

    @Test func theQuickRunContradictsNoneOfItsSentences() throws {
        let (text, contradictions) = try runLesson02()
        #expect(contradictions.isEmpty, "\(contradictions)")
        #expect(text.contains("10. What's next"))
    }

    /// Section 1 computes W₂W₁ and W₂b₁ + b₂ itself; here the same layers are composed in Double.
    @Test func twoLinearLayersCollapseIntoOne() throws {
        let text = try runLesson02().text
        #expect(text.contains("│ let single = x.matmul(weight.t()) + bias"))
        let (first, second, x) = withSeed(42) { (Linear(3, 4), Linear(4, 2), Tensor.randn([5, 3])) }
        let w1 = first.weight.scalars.map(Double.init), b1 = first.bias!.scalars.map(Double.init)
        let w2 = second.weight.scalars.map(Double.init), b2 = second.bias!.scalars.map(Double.init)
        let inputs = x.scalars.map(Double.init)
        let stacked = second(first(x)).scalars
        for row in 0..<5 {
            let hidden = (0..<4).map { j in b1[j] + (0..<3).reduce(0.0) { $0 + w1[j * 3 + $1] * inputs[row * 3 + $1] } }
            for k in 0..<2 {
                let single = b2[k] + (0..<4).reduce(0.0) { $0 + w2[k * 4 + $1] * hidden[$1] }
                #expect(Swift.abs(Double(stacked[row * 2 + k]) - single) < 1e-5)
            }
        }
    }

    @Test func autogradDerivativeEqualsTheClosedFormAtSeveralPoints() {
        let points: [Float] = [-4, -1.5, -0.5, 0.25, 1, 3.5]
        for activation in elementwiseActivations() {
            let c = curve(of: activation, on: points)
            for i in points.indices {
                #expect(
                    Swift.abs(c.slope[i] - c.closedForm[i]) < 1e-6,
                    "\(activation.name) at x = \(points[i]): autograd \(c.slope[i]), formula \(c.closedForm[i])")
            }
        }
        let sigmoid = curve(of: elementwiseActivations()[0], on: [0, 1])
        #expect(sigmoid.slope[0] == 0.25)
        #expect(Swift.abs(sigmoid.slope[1] - 0.1966) < 1e-4)
        let tanh = curve(of: elementwiseActivations()[1], on: [0, 1])
        #expect(tanh.slope[0] == 1)
        #expect(Swift.abs(tanh.slope[1] - 0.4200) < 1e-4)
        let leaky = curve(of: elementwiseActivations()[3], on: [-2, 2])
        #expect(leaky.slope == [0.01, 1])
    }

    @Test func theOverviewGridAgreesEverywhere() {
        let points = quickGrid
        for activation in elementwiseActivations() {
            #expect(curve(of: activation, on: points).largestDifference < 1e-6, "\(activation.name)")
        }
        let softmax = softmaxOfTwoCurve(on: points)
        #expect(softmax.largestDifference < 1e-6)
        #expect(softmax.steepest.slope == 0.25 && softmax.steepest.at == 0)
        // Softmax over [x, 0] is the sigmoid of x.
        for (p, x) in zip(softmax.y, points) {
            #expect(Swift.abs(p - 1 / (1 + Foundation.exp(-x))) < 1e-6)
        }
    }

    /// dy/da of PReLU is x where x ≤ 0: summed over the lesson's points -5, -1, 0 that is -6.
    @Test func preluWeightGetsTheSumOfTheNonPositiveInputs() throws {
        let text = try runLesson02().text
        #expect(text.contains("│ let prelu = PReLU()"))
        #expect(text.contains("prelu.weight.grad = tensor([-6.])"))
        let x = Tensor([-5.0, -1, 0, 1, 5])
        let prelu = PReLU()
        prelu(x).sum().backward()
        #expect(prelu.weight.grad!.scalars == [-6])
        let onTheGrid = PReLU()
        onTheGrid(Tensor(quickGrid)).sum().backward()
        #expect(onTheGrid.weight.grad!.item() == quickGrid.filter { $0 <= 0 }.reduce(0, +))
    }

    @Test func softmaxRowsSumToOne() throws {
        let text = try runLesson02().text
        #expect(text.contains("softmax(scores).sum(dim: 1) = tensor([1.])"))
        // The sums are 1 to float precision; for seed 42 some are a rounding away, so they print
        // with decimals.
        #expect(text.contains("p.sum(dim: 1) = tensor([1.0000, 1.0000, 1.0000, 1.0000])"))
        let p = withSeed(42) { Softmax(dim: 1)(Tensor.randn([4, 5]) * 3) }
        for sum in p.sum(dim: 1).scalars { #expect(Swift.abs(sum - 1) < 1e-6) }
        #expect(p.scalars.allSatisfy { $0 > 0 && $0 < 1 })
        // The PyTorch tutorial's example, which the lesson prints.
        #expect(text.contains("softmax(scores) = tensor([[0.4334, 0.3806, 0.1860]])"))
        let tutorial = Softmax(dim: 1)(Tensor([[-0.2528, -0.3826, -1.0988]])).scalars
        for (got, expected) in zip(tutorial, [0.4334, 0.3806, 0.1860] as [Float]) {
            #expect(Swift.abs(got - expected) < 1e-4)
        }
    }

    @Test func naiveSoftmaxOverflowsAndTheShiftedOneDoesNot() throws {
        func naiveSoftmax(_ x: Tensor, dim: Int) -> Tensor { x.exp() / x.exp().sum(dim: dim, keepDim: true) }
        let text = try runLesson02().text
        #expect(text.contains("│ let naive = x.exp() / x.exp().sum()\n"))
        #expect(text.contains("naive = tensor([nan, nan, nan])"))
        let large = Tensor([1000.0, 1001, 1002])
        #expect(naiveSoftmax(large, dim: 0).scalars.allSatisfy { $0.isNaN })
        let stable = Softmax(dim: 0)(large).scalars
        for (got, expected) in zip(stable, [0.0900, 0.2447, 0.6652] as [Float]) {
            #expect(Swift.abs(got - expected) < 1e-4)
        }
        // On small scores the naive formula is right.
        let small = Tensor([[0.0, 1, 2]])
        for (naive, engine) in zip(naiveSoftmax(small, dim: 1).scalars, Softmax(dim: 1)(small).scalars) {
            #expect(Swift.abs(naive - engine) < 1e-6)
        }
    }

    /// The chain rule in Double: d/dx f(f(…f(x)…)) is the product of f' at each input.
    @Test func sigmoidChainGradientShrinksAtLeastFourfoldPerDepth() {
        func sigma(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }
        func chainInDouble(depth: Int, f: (Double) -> Double, slope: (Double) -> Double) -> Double {
            var h = 1.0, product = 1.0
            for _ in 0..<depth {
                product *= slope(h)
                h = f(h)
            }
            return product
        }
        for depth in 1...10 {
            let sigmoid = chainInDouble(depth: depth, f: sigma) { sigma($0) * (1 - sigma($0)) }
            let tanh = chainInDouble(depth: depth, f: Foundation.tanh) { 1 - Foundation.tanh($0) * Foundation.tanh($0) }
            #expect(Swift.abs(Double(chainGradient(of: Sigmoid(), depth: depth, at: 1)) / sigmoid - 1) < 1e-4)
            #expect(Swift.abs(Double(chainGradient(of: Tanh(), depth: depth, at: 1)) / tanh - 1) < 1e-4)
            #expect(chainGradient(of: ReLU(), depth: depth, at: 1) == 1)
            if depth > 1 {
                let shallower = chainInDouble(depth: depth - 1, f: sigma) { sigma($0) * (1 - sigma($0)) }
                #expect(shallower / sigmoid >= 4)
            }
        }
        // The trace's number: three sigmoids at x = 1.
        #expect(Swift.abs(chainGradient(of: Sigmoid(), depth: 3, at: 1) - 0.009642) < 1e-6)
    }

    @Test func deadReLUUnitsStayDeadAndLeakyOnesKeepAGradient() {
        let quick = DyingUnitsExperiment.Settings(quick: true)
        var relu = DyingUnitsExperiment(activation: ReLU(), seed: 42, settings: quick)
        let leaky = DyingUnitsExperiment(activation: LeakyReLU(negativeSlope: 0.01), seed: 42, settings: quick)
        #expect(relu.deadAtStart.isEmpty)
        // Seed 42's quick run (the lesson's printed run): one unit dies.
        #expect(relu.deadAfterTraining == [28])
        #expect(relu.unitsWithoutGradient() == relu.deadAfterTraining.count)
        let weightsBefore = relu.first.weight.detach()
        relu.train(steps: quick.extraSteps)
        #expect(relu.deadNow == relu.deadAfterTraining)
        for unit in relu.deadAfterTraining {
            #expect(relu.first.weight[unit].scalars == weightsBefore[unit].scalars)
        }
        #expect(leaky.deadAfterTraining.count == relu.deadAfterTraining.count)
        #expect(leaky.unitsWithoutGradient() == 0)
    }

    @Test func fullSizeDyingReLUCount() {
        let relu = DyingUnitsExperiment(activation: ReLU(), seed: 42, settings: DyingUnitsExperiment.Settings())
        #expect(relu.deadAfterTraining.count == 11)
        #expect(relu.unitsWithoutGradient() == 11)
        #expect(relu.losses.afterBadStep > 100 * relu.losses.afterTraining)
    }

    @Test func deadUnitCounting() {
        let layer = Linear(2, 3)
        noGrad {
            layer.weight.copy(from: Tensor([[1.0, 0], [0, 1], [0, 0]]))
            layer.bias!.copy(from: Tensor([0.0, -10, -1]))
        }
        let x = Tensor([[1.0, 2], [3, -4]])
        #expect(deadUnits(layer, on: x) == [1, 2])
    }
}
