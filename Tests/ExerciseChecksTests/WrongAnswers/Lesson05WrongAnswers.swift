import ExerciseChecks
import Foundation
import Torchlet

/// Lesson 05's plausible wrong answers (XOR with BCEWithLogitsLoss), each of which its check must reject.
extension WrongAnswer {
    static var lesson05: [WrongAnswer] {
        [
            WrongAnswer(
                "xorClassifierWithReLU", Lesson05Checks.makeXORClassifier,
                mentioning: ["tanh"]
            ) { hidden in
                Sequential(Linear(2, hidden), ReLU(), Linear(hidden, 1))
            },
            WrongAnswer(
                "xorClassifierEndingInASigmoid", Lesson05Checks.makeXORClassifier,
                mentioning: ["logits"]
            ) { hidden in
                Sequential(Linear(2, hidden), Tanh(), Linear(hidden, 1), Sigmoid())
            },
            WrongAnswer(
                "xorClassifierIgnoringHidden", Lesson05Checks.makeXORClassifier,
                mentioning: ["[3, 2]"]
            ) { _ in
                Sequential(Linear(2, 4), Tanh(), Linear(4, 1))
            },
            WrongAnswer(
                "xorClassifierWithZeroWeights", Lesson05Checks.makeXORClassifier,
                mentioning: ["same"]
            ) { hidden in
                let model = Sequential(Linear(2, hidden), Tanh(), Linear(hidden, 1))
                noGrad { for parameter in model.parameters() { parameter.zero() } }
                return model
            },
            WrongAnswer(
                "trainingStepForgettingZeroGrad", Lesson05Checks.trainingStep,
                mentioning: ["zeroGrad() before loss.backward()"]
            ) { model, lossFunction, optimizer, inputs, labels in
                let loss = lossFunction(model(inputs).squeeze(dim: 1), labels.float())
                loss.backward()
                optimizer.step()
                return loss.item()
            },
            WrongAnswer("trainingStepStepBeforeBackward", Lesson05Checks.trainingStep) {
                model, lossFunction, optimizer, inputs, labels in
                let loss = lossFunction(model(inputs).squeeze(dim: 1), labels.float())
                optimizer.zeroGrad()
                optimizer.step()
                loss.backward()
                return loss.item()
            },
            WrongAnswer(
                "trainingStepClearingAfterBackward", Lesson05Checks.trainingStep,
                mentioning: ["No gradient reached"]
            ) { model, lossFunction, optimizer, inputs, labels in
                let loss = lossFunction(model(inputs).squeeze(dim: 1), labels.float())
                loss.backward()
                optimizer.zeroGrad()
                optimizer.step()
                return loss.item()
            },
            WrongAnswer(
                "trainingStepReturningTheLossAfterTheUpdate", Lesson05Checks.trainingStep,
                mentioning: ["before the update"]
            ) { model, lossFunction, optimizer, inputs, labels in
                let loss = lossFunction(model(inputs).squeeze(dim: 1), labels.float())
                optimizer.zeroGrad()
                loss.backward()
                optimizer.step()
                return noGrad { lossFunction(model(inputs).squeeze(dim: 1), labels.float()).item() }
            },
            // Plain SGD by hand, ignoring the optimizer it was given: wrong once there is momentum.
            WrongAnswer(
                "trainingStepUpdatingByHandWithoutTheOptimizer", Lesson05Checks.trainingStep,
                mentioning: ["momentum"]
            ) { model, lossFunction, optimizer, inputs, labels in
                let loss = lossFunction(model(inputs).squeeze(dim: 1), labels.float())
                model.zeroGrad()
                loss.backward()
                noGrad { for parameter in model.parameters() { parameter -= parameter.grad! * optimizer.learningRate } }
                return loss.item()
            },
            WrongAnswer(
                "accuracyThresholdingLogitsAtOneHalf", Lesson05Checks.accuracy,
                mentioning: ["0.5", "0.3"]
            ) { logits, labels in
                let right = zip(logits.scalars, labels.scalars).filter { Float($0 >= 0.5 ? 1 : 0) == $1 }.count
                return Float(right) / Float(labels.count)
            },
            WrongAnswer(
                "accuracyWithAStrictThreshold", Lesson05Checks.accuracy,
                mentioning: ["exactly 0"]
            ) { logits, labels in
                let right = zip(logits.scalars, labels.scalars).filter { Float($0 > 0 ? 1 : 0) == $1 }.count
                return Float(right) / Float(labels.count)
            },
            WrongAnswer(
                "accuracyAsAPercentage", Lesson05Checks.accuracy,
                mentioning: ["between 0 and 1"]
            ) { logits, labels in
                let right = zip(logits.scalars, labels.scalars).filter { Float($0 >= 0 ? 1 : 0) == $1 }.count
                return 100 * Float(right) / Float(labels.count)
            },
            // [N, 1] predictions against [N] labels broadcast to [N, N]: every prediction is compared
            // with every label.
            WrongAnswer("accuracyComparingAColumnWithARowByBroadcasting", Lesson05Checks.accuracy) { logits, labels in
                let predictions = logits.scalars.map { Float($0 >= 0 ? 1 : 0) }
                let pairs = predictions.flatMap { p in labels.scalars.map { $0 == p ? Float(1) : 0 } }
                return pairs.reduce(0, +) / Float(pairs.count)
            },
        ]
    }
}
