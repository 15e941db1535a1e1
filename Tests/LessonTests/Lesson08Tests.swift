@testable import Lesson08
import Notebook
import Testing
import Torchlet

/// The numbers Lesson08 prints and the claims its text makes about them.
@Suite("Lesson08: optimizers compared")
struct Lesson08Tests {
    /// The six optimizers of the lesson's ravine, with its learning rates, as it makes them.
    static var ravineOptimizers: [(OptimizerChoice, ([Tensor]) -> any Optimizer)] {
        [
            (.sgd, { SGD($0, lr: 0.65) }),
            (.momentum, { SGD($0, lr: 0.65, momentum: 0.9) }),
            (.nesterov, { SGD($0, lr: 0.65, momentum: 0.9, nesterov: true) }),
            (.adagrad, { Adagrad($0, lr: 1.0) }),
            (.rmsprop, { RMSprop($0, lr: 0.1) }),
            (.adam, { Adam($0, lr: 0.5) }),
        ]
    }

    /// The lesson's walk of `optimizer` on the ravine.
    func walk(_ optimizer: OptimizerChoice, steps: Int = Ravine.steps) -> Descent {
        let make = Self.ravineOptimizers.first { $0.0 == optimizer }!.1
        return descend(optimizer, steps: steps, make)
    }

    /// Plain SGD on the ravine with learning rate `lr`.
    func walk(lr: Float) -> Descent {
        descend(.sgd) { SGD($0, lr: lr) }
    }

    @Test func oneStepOfSGDByHand() {
        let run = walk(.sgd, steps: 1)
        #expect(run.losses[0] == 6.89)
        #expect(abs(run.path[1][0] - (-7.896)) < 1e-5 && abs(run.path[1][1] - (-0.75)) < 1e-6)
        #expect(abs(run.losses[1] - 1.186) < 1e-4)
    }

    @Test func sgdZigZagsAcrossAndCrawlsAlong() {
        let run = walk(.sgd)
        let ys = run.path.prefix(5).map { $0[1] }
        #expect(zip(ys, ys.dropFirst()).allSatisfy { $0 * $1 < 0 }, "y changes sign every step: \(ys)")
        #expect(abs(run.path[60][0] - (-3.6485)) < 1e-3)
        #expect(abs(run.finalLoss - 0.13312) < 1e-4)
    }

    @Test func momentumEndsTenTimesCloserThanSGD() {
        let sgd = walk(.sgd), momentum = walk(.momentum), nesterov = walk(.nesterov)
        #expect(abs(momentum.distanceToMinimum - 0.3607) < 1e-3)
        #expect(abs(nesterov.distanceToMinimum - 0.2071) < 1e-3)
        #expect(momentum.distanceToMinimum * 10 < sgd.distanceToMinimum)
        #expect(nesterov.distanceToMinimum < momentum.distanceToMinimum)
        // Momentum overshoots: its x passes 0.
        #expect(momentum.path.contains { $0[0] > 1 })
    }

    @Test func adamsFirstStepIsTheLearningRateInEveryCoordinate() {
        let run = walk(.adam, steps: 1)
        #expect(abs(run.path[1][0] - (-7.5)) < 1e-5 && abs(run.path[1][1] - 2.0) < 1e-5)
    }

    @Test func sixPathsTable() {
        let distances = OptimizerChoice.allCases.map { walk($0).distanceToMinimum }
        #expect(Self.ravineOptimizers.map(\.0) == OptimizerChoice.allCases)
        let expected: [Float] = [3.6485, 0.3607, 0.2071, 0.3089, 0.2027, 0.3190]
        for (got, want) in zip(distances, expected) {
            #expect(abs(got - want) < 1e-3, "\(distances)")
        }
        #expect(distances.dropFirst().allSatisfy { $0 < distances[0] / 10 })
    }

    @Test func learningRateTooSmallBarelyMoves() {
        let run = walk(lr: 0.001)
        #expect(run.divergedAtStep == nil)
        #expect(abs(run.finalLoss - 5.5537) < 1e-3)
        #expect(run.finalLoss > 0.5 * run.losses[0])
    }

    @Test func learningRateTooLargeGrowsAndFarTooLargeIsStopped() {
        let tooLarge = walk(lr: 1.05)
        #expect(tooLarge.divergedAtStep == nil && tooLarge.losses.count == 61)
        #expect(tooLarge.finalLoss > 5e5 && tooLarge.finalLoss < 6e5)
        let farTooLarge = walk(lr: 2.0)
        #expect(farTooLarge.divergedAtStep == 40)
        #expect(farTooLarge.losses.count == 40)  // the start and steps 1...39, nothing infinite
        #expect(farTooLarge.losses.allSatisfy { $0.isFinite })
    }

    @Test func networkInQuickForm() {
        let data = TwoMoons(perClass: 50, seed: 42)
        let runs = OptimizerChoice.allCases.map { trainOnMoons(data, optimizer: $0, epochs: 8, seed: 42) }
        // The same first weights for everyone.
        #expect(Set(runs.map { $0.losses[0] }).count == 1)
        // Seed 42's quick run, as the lesson prints it.
        #expect(abs(runs[0].losses[0] - 0.6833) < 1e-3)
        #expect(abs(runs[0].losses[8] - 0.2904) < 1e-3)
        #expect(abs(runs[0].accuracy - 0.90) < 1e-6)
        // Plain SGD is the slowest (by 0.085 or more after 8 epochs with seed 42).
        #expect(runs.dropFirst().allSatisfy { $0.losses[8] < runs[0].losses[8] - 0.05 })
        #expect(runs.dropFirst().allSatisfy { $0.accuracy >= 0.85 })
    }

    @Test func networkWithFarTooLargeLearningRateDiverges() {
        let data = TwoMoons(perClass: 50, seed: 42)
        let run = trainOnMoons(data, optimizer: .sgd, lr: 20, epochs: 8, seed: 42)
        #expect(run.losses.last! > run.losses[0])
    }

    /// "Weight decay: a pull towards zero": the stronger the decay, the smaller the weights.
    @Test func weightDecayShrinksTheWeights() {
        let data = TwoMoons(perClass: 50, seed: 42)
        let norms = [Float(0), 0.01, 0.1].map { decay in
            trainOnMoons(data, .momentum, epochs: 8, seed: 42) {
                SGD($0, lr: 0.1, momentum: 0.9, weightDecay: decay)
            }.weightNorm
        }
        #expect(norms[0] > norms[1] && norms[1] > norms[2], "\(norms)")
        let plain = trainOnMoons(data, optimizer: .momentum, epochs: 8, seed: 42)
        #expect(plain.weightNorm == norms[0], "weight decay 0 is the plain run")
    }

    @Test func optimizerFlagIsValidated() throws {
        #expect(try OptimizerChoice.parseList("all") == OptimizerChoice.allCases)
        #expect(try OptimizerChoice.parseList("SGD, adam") == [.sgd, .adam])
        let unknown = #expect(throws: ValidationError.self) { try OptimizerChoice.parseList("adamw") }
        #expect(
            unknown?.message.hasPrefix(
                "--optimizer: unknown optimizer 'adamw'; use all, or one or more of "
                    + "sgd, momentum, nesterov, adagrad, rmsprop, adam") == true, "\(String(describing: unknown))")
        let empty = #expect(throws: ValidationError.self) { try OptimizerChoice.parseList(",") }
        #expect(empty?.message.hasPrefix("--optimizer: no name given") == true, "\(String(describing: empty))")
        for (arguments, message) in [
            (["--lr", "-1"], "--lr: the learning rate must be a positive number such as 0.1, but got -1.0"),
            (["--epochs", "0"], "--epochs: give a number of epochs from 1 to 1000, but got 0"),
            (["--optimizer", "adamw"], "--optimizer: unknown optimizer 'adamw'"),
        ] {
            let error = #expect(throws: (any Error).self) { try Lesson08.parse(arguments) }
            let text = error.map { Lesson08.message(for: $0) } ?? ""
            #expect(text.contains(message), "\(arguments): \(text)")
        }
    }
}
