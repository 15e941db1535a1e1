import ExerciseChecks
import Foundation
import Torchlet

/// Lesson 03's plausible wrong answers (loss functions), each of which its check must reject.
extension WrongAnswer {
    static var lesson03: [WrongAnswer] {
        [
            WrongAnswer("mseWithoutTheMean", Lesson03Checks.mseLoss) { input, target in
                (input - target).pow(2).sum()
            },
            WrongAnswer("mseWithTheAbsoluteValue", Lesson03Checks.mseLoss) { input, target in
                (input - target).abs().mean()
            },
            WrongAnswer("mseWithoutReducing", Lesson03Checks.mseLoss, mentioning: ["shape"]) { input, target in
                (input - target).pow(2)
            },
            WrongAnswer(
                "bceWithTheSignFlipped", Lesson03Checks.binaryCrossEntropy,
                mentioning: ["minus"]
            ) { p, t in
                (t * p.log() + (1 - t) * (1 - p).log()).mean()
            },
            WrongAnswer("bceWithOnlyThePositiveTerm", Lesson03Checks.binaryCrossEntropy) { p, t in
                -(t * p.log()).mean()
            },
            WrongAnswer(
                "crossEntropyWithoutTheMaxShift", Lesson03Checks.crossEntropy,
                mentioning: ["1000", "overflows"]
            ) { logits, targets in
                Self.crossEntropy(logits, targets, shift: false) { losses, _ in losses.mean() }
            },
            WrongAnswer(
                "crossEntropySummedOverTheBatch", Lesson03Checks.crossEntropy,
                mentioning: ["mean over the N samples"]
            ) { logits, targets in
                Self.crossEntropy(logits, targets, shift: true) { losses, _ in losses.sum() }
            },
            WrongAnswer("crossEntropyAveragedOverEveryScore", Lesson03Checks.crossEntropy) { logits, targets in
                Self.crossEntropy(logits, targets, shift: true) { losses, classes in losses.mean() / Float(classes) }
            },
            // The mean over the rows, summed over the columns: right for a vector, twice too big for 2 × 2.
            WrongAnswer(
                "mseAveragedOverTheRowsOnly", Lesson03Checks.mseLoss,
                mentioning: ["number of elements"]
            ) { input, target in
                (input - target).pow(2).mean(dim: 0).sum()
            },
            WrongAnswer(
                "bceAveragedOverTheRowsOnly", Lesson03Checks.binaryCrossEntropy,
                mentioning: ["every element"]
            ) { p, t in
                -(t * p.log() + (1 - t) * (1 - p).log()).mean(dim: 0).sum()
            },
            // Right for any batch whose rows have similar scores; inf when one row is near 1000 and
            // another is not.
            WrongAnswer(
                "crossEntropyShiftedByTheMaxOfTheWholeBatch", Lesson03Checks.crossEntropy,
                mentioning: ["max(dim: 1, keepDim: true)"]
            ) { logits, targets in
                let n = logits.size(0), c = logits.size(1)
                var mask = [Float](repeating: 0, count: n * c)
                for (row, label) in targets.scalars.enumerated() { mask[row * c + Int(label)] = 1 }
                let right = (logits * Tensor(shape: [n, c], scalars: mask)).sum(dim: 1)
                let largest = logits.max()
                return ((logits - largest).exp().sum(dim: 1).log() + largest - right).mean()
            },
        ]
    }

    /// A cross-entropy as the textbook writes it, with the right class picked by a one-hot mask.
    static func crossEntropy(_ logits: Tensor, _ targets: Tensor, shift: Bool, reduce: (Tensor, Int) -> Tensor)
        -> Tensor
    {
        let n = logits.size(0), c = logits.size(1)
        var mask = [Float](repeating: 0, count: n * c)
        for (row, label) in targets.scalars.enumerated() { mask[row * c + Int(label)] = 1 }
        let right = (logits * Tensor(shape: [n, c], scalars: mask)).sum(dim: 1)
        let largest = logits.max(dim: 1, keepDim: true).values
        let logSumExp =
            shift
            ? (logits - largest).exp().sum(dim: 1).log() + largest.squeeze(dim: 1)
            : logits.exp().sum(dim: 1).log()
        return reduce(logSumExp - right, c)
    }
}
