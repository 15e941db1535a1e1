@testable import Lesson08
import Testing
import Torchlet

/// The numbers Lesson08 prints and the claims its text makes about them.
@Suite("Lesson08: optimizers compared")
struct Lesson08Tests {
    @Test func oneStepOfSGDByHand() {
        let run = descend(.sgd, steps: 1)
        #expect(run.losses[0] == 6.89)
        #expect(abs(run.path[1][0] - (-7.896)) < 1e-5 && abs(run.path[1][1] - (-0.75)) < 1e-6)
        #expect(abs(run.losses[1] - 1.186) < 1e-4)
    }

    @Test func sgdZigZagsAcrossAndCrawlsAlong() {
        let run = descend(.sgd)
        let ys = run.path.prefix(5).map { $0[1] }
        #expect(zip(ys, ys.dropFirst()).allSatisfy { $0 * $1 < 0 }, "y changes sign every step: \(ys)")
        #expect(abs(run.path[60][0] - (-3.6485)) < 1e-3)
        #expect(abs(run.finalLoss - 0.13312) < 1e-4)
    }

    @Test func momentumEndsTenTimesCloserThanSGD() {
        let sgd = descend(.sgd), momentum = descend(.momentum), nesterov = descend(.nesterov)
        #expect(abs(momentum.distanceToMinimum - 0.3607) < 1e-3)
        #expect(abs(nesterov.distanceToMinimum - 0.2071) < 1e-3)
        #expect(momentum.distanceToMinimum * 10 < sgd.distanceToMinimum)
        #expect(nesterov.distanceToMinimum < momentum.distanceToMinimum)
        // Momentum overshoots: its x passes 0.
        #expect(momentum.path.contains { $0[0] > 1 })
    }

    @Test func adamsFirstStepIsTheLearningRateInEveryCoordinate() {
        let run = descend(.adam, steps: 1)
        #expect(abs(run.path[1][0] - (-7.5)) < 1e-5 && abs(run.path[1][1] - 2.0) < 1e-5)
    }

    @Test func sixPathsTable() {
        let distances = OptimizerChoice.allCases.map { descend($0).distanceToMinimum }
        let expected: [Float] = [3.6485, 0.3607, 0.2071, 0.3089, 0.2027, 0.3190]
        for (got, want) in zip(distances, expected) {
            #expect(abs(got - want) < 1e-3, "\(distances)")
        }
        #expect(distances.dropFirst().allSatisfy { $0 < distances[0] / 10 })
    }

    @Test func learningRateTooSmallBarelyMoves() {
        let run = descend(.sgd, lr: 0.001)
        #expect(run.divergedAtStep == nil)
        #expect(abs(run.finalLoss - 5.5537) < 1e-3)
        #expect(run.finalLoss > 0.5 * run.losses[0])
    }

    @Test func learningRateTooLargeGrowsAndFarTooLargeIsStopped() {
        let tooLarge = descend(.sgd, lr: 1.05)
        #expect(tooLarge.divergedAtStep == nil && tooLarge.losses.count == 61)
        #expect(tooLarge.finalLoss > 5e5 && tooLarge.finalLoss < 6e5)
        let farTooLarge = descend(.sgd, lr: 2.0)
        #expect(farTooLarge.divergedAtStep == 40)
        #expect(farTooLarge.losses.count == 40)   // the start and steps 1...39, nothing infinite
        #expect(farTooLarge.losses.allSatisfy { $0.isFinite })
    }

    @Test func networkInQuickForm() {
        let data = TwoMoons(perClass: 50, seed: 42)
        let runs = OptimizerChoice.allCases.map { trainOnMoons(data, optimizer: $0, epochs: 8, seed: 42) }
        // The same first weights for everyone.
        #expect(Set(runs.map { $0.losses[0] }).count == 1)
        #expect(abs(runs[0].losses[0] - 0.7263) < 1e-3)
        #expect(abs(runs[0].losses[8] - 0.5473) < 1e-3)
        #expect(abs(runs[0].accuracy - 0.80) < 1e-6)
        // Plain SGD is the slowest.
        #expect(runs.dropFirst().allSatisfy { $0.losses[8] < runs[0].losses[8] - 0.2 })
        #expect(runs.dropFirst().allSatisfy { $0.accuracy >= 0.85 })
    }

    @Test func networkWithFarTooLargeLearningRateDiverges() {
        let data = TwoMoons(perClass: 50, seed: 42)
        let run = trainOnMoons(data, optimizer: .sgd, lr: 20, epochs: 8, seed: 42)
        #expect(run.losses.last! > run.losses[0])
    }

    @Test func optimizerFlagIsValidated() throws {
        #expect(try OptimizerChoice.parseList("all") == OptimizerChoice.allCases)
        #expect(try OptimizerChoice.parseList("SGD, adam") == [.sgd, .adam])
        #expect(throws: (any Error).self) { try OptimizerChoice.parseList("adamw") }
        #expect(throws: (any Error).self) { try Lesson08.parse(["--lr", "-1"]) }
        #expect(throws: (any Error).self) { try Lesson08.parse(["--epochs", "0"]) }
    }
}
