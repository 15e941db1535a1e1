import Foundation
import Testing
@testable import Lesson02
import Torchlet

/// The numbers Lesson02 teaches, in its `--quick` form (seed 42, the default).
@Suite struct Lesson02Tests {
    let quick = Lesson02.Sizes(quick: true)

    @Test func twoLinearLayersCollapseIntoOne() {
        let (difference, weight) = collapsedLinearLayers(seed: 42)
        #expect(difference < 1e-5)
        #expect(weight.shape == [2, 3])
    }

    @Test func autogradDerivativeEqualsTheClosedFormAtSeveralPoints() {
        let points: [Float] = [-4, -1.5, -0.5, 0.25, 1, 3.5]
        for activation in elementwiseActivations() {
            let c = curve(of: activation, on: points)
            for i in points.indices {
                #expect(Swift.abs(c.slope[i] - c.closedForm[i]) < 1e-6,
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
        let points = grid(steps: quick.gridSteps)
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

    @Test func preluWeightGetsTheSumOfTheNonPositiveInputs() {
        let (autograd, byHand) = preluWeightGradient(on: grid(steps: quick.gridSteps))
        #expect(autograd == -52.5)
        #expect(byHand == -52.5)
    }

    @Test func softmaxRowsSumToOne() {
        let batch = softmaxRowSums(rows: 4, columns: 5, seed: 42)
        #expect(batch.sums.shape == [4])
        for sum in batch.sums.scalars { #expect(Swift.abs(sum - 1) < 1e-6) }
        #expect(batch.probabilities.scalars.allSatisfy { $0 > 0 && $0 < 1 })
        // The PyTorch tutorial's example.
        let p = Softmax(dim: 1)(Tensor([[-0.2528, -0.3826, -1.0988]])).scalars
        for (got, expected) in zip(p, [0.4334, 0.3806, 0.1860] as [Float]) {
            #expect(Swift.abs(got - expected) < 1e-4)
        }
    }

    @Test func naiveSoftmaxOverflowsAndTheShiftedOneDoesNot() {
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

    @Test func sigmoidChainGradientShrinksAtLeastFourfoldPerDepth() {
        let chains = ChainGradients(maxDepth: quick.maxDepth, at: 1)
        #expect(chains.sigmoid.count == 10)
        #expect(Swift.abs(chains.sigmoid[0] - 0.1966) < 1e-4)
        for factor in chains.sigmoidShrinkFactors { #expect(factor >= 4) }
        #expect(Swift.abs(chains.sigmoid[9] / 2.785e-7 - 1) < 1e-3)
        #expect(Swift.abs(chains.tanh[9] - 0.0409) < 1e-4)
        #expect(chains.relu.allSatisfy { $0 == 1 })
        // The trace's number: three sigmoids at x = 1.
        #expect(Swift.abs(chainGradient(of: Sigmoid(), depth: 3, at: 1) - 0.009642) < 1e-6)
    }

    @Test func deadReLUUnitsStayDeadAndLeakyOnesKeepAGradient() {
        let relu = DyingUnitsExperiment(activation: ReLU(), seed: 42, settings: quick.dying)
        let leaky = DyingUnitsExperiment(activation: LeakyReLU(negativeSlope: 0.01), seed: 42, settings: quick.dying)
        #expect(relu.deadAtStart.isEmpty)
        #expect(relu.deadAfterTraining == [26, 27])
        #expect(relu.unitsWithoutGradient == 2)
        #expect(relu.deadWeightsUnchanged)
        #expect(relu.deadAfterExtraSteps == relu.deadAfterTraining)
        #expect(leaky.deadAfterTraining.count == 2)
        #expect(leaky.unitsWithoutGradient == 0)
    }

    @Test func fullSizeDyingReLUCount() {
        let full = Lesson02.Sizes(quick: false)
        let relu = DyingUnitsExperiment(activation: ReLU(), seed: 42, settings: full.dying)
        #expect(relu.deadAfterTraining.count == 11)
        #expect(relu.unitsWithoutGradient == 11)
        #expect(relu.losses.afterBadStep > 100 * relu.losses.afterTraining)
    }

    @Test func deadUnitCounting() {
        let layer = Linear(2, 3)
        noGrad {
            layer.weight.copy(from: Tensor([[1.0, 0], [0, 1], [0, 0]]))
            layer.bias!.copy(from: Tensor([0.0, -10, -1]))
        }
        let x = Tensor([[1.0, 2], [3, -4]])
        #expect(DyingUnitsExperiment.deadUnits(layer, on: x) == [1, 2])
    }
}
