import ExerciseChecks
import Foundation
import Torchlet

/// Lesson 06's plausible wrong answers (an MLP on Fashion-MNIST), each of which its check must reject.
extension WrongAnswer {
    static var lesson06: [WrongAnswer] {
        [
            WrongAnswer(
                "multiclassAccuracyOverTheWrongDimension", Lesson06Checks.multiclassAccuracy,
                mentioning: ["dim 1"]
            ) { logits, labels in
                Self.share(logits.argmax(dim: 0).scalars, labels)
            },
            WrongAnswer(
                "multiclassAccuracyCountingInsteadOfSharing", Lesson06Checks.multiclassAccuracy,
                mentioning: ["Divide the count by N"]
            ) { logits, labels in
                Self.share(logits.argmax(dim: 1).scalars, labels) * Float(labels.count)
            },
            WrongAnswer(
                "multiclassAccuracyByTheLargestMagnitude", Lesson06Checks.multiclassAccuracy,
                mentioning: ["nearest +∞"]
            ) { logits, labels in
                Self.share(logits.abs().argmax(dim: 1).scalars, labels)
            },
            // 5.3's rule (a score of at least 0 means class 1) applied to many classes.
            WrongAnswer("multiclassAccuracyWithTheTwoClassRule", Lesson06Checks.multiclassAccuracy) { logits, labels in
                let classes = logits.size(1)
                let predicted = (0..<logits.size(0)).map { row in Float(logits.scalars[row * classes] >= 0 ? 1 : 0) }
                return Self.share(predicted, labels)
            },
            WrongAnswer(
                "batchesPerEpochAlwaysRoundingDown", Lesson06Checks.batchesPerEpoch,
                mentioning: ["round up"]
            ) { samples, batchSize, _ in
                samples / batchSize
            },
            WrongAnswer(
                "batchesPerEpochIgnoringDropLast", Lesson06Checks.batchesPerEpoch,
                mentioning: ["dropLast"]
            ) { samples, batchSize, _ in
                (samples + batchSize - 1) / batchSize
            },
            // samples / batchSize + 1 is right for 10 / 3, wrong when the batches come out even.
            WrongAnswer(
                "batchesPerEpochRoundingUpByAddingOne", Lesson06Checks.batchesPerEpoch,
                mentioning: ["600"]
            ) { samples, batchSize, dropLast in
                dropLast ? samples / batchSize : samples / batchSize + 1
            },
            WrongAnswer("oneHotTransposed", Lesson06Checks.oneHot, mentioning: ["shape"]) { labels, classes in
                Self.oneHotRows(labels, classes).t()
            },
            WrongAnswer(
                "oneHotCountingClassesFromOne", Lesson06Checks.oneHot,
                mentioning: ["labels[n]"]
            ) { labels, classes in
                Self.oneHotRows(labels, classes, offset: 1)
            },
            WrongAnswer("oneHotAsIntegers", Lesson06Checks.oneHot, mentioning: ["float"]) { labels, classes in
                Self.oneHotRows(labels, classes, dtype: .int64)
            },
            WrongAnswer("oneHotFlat", Lesson06Checks.oneHot, mentioning: ["[2, 3]"]) { labels, classes in
                Self.oneHotRows(labels, classes).flatten()
            },
            // argmax() without dim: one index for the whole batch, right only for a batch of one.
            WrongAnswer("multiclassAccuracyWithTheArgmaxOfTheWholeBatch", Lesson06Checks.multiclassAccuracy) {
                logits, labels in
                Self.share([Float](repeating: logits.argmax().item(), count: labels.count), labels)
            },
        ]
    }

    /// The predicted class of each row, by the argmax over `dim`.
    static func share(_ predicted: [Float], _ labels: Tensor) -> Float {
        Float(zip(predicted, labels.scalars).filter { $0 == $1 }.count) / Float(labels.count)
    }

    static func oneHotRows(_ labels: Tensor, _ classes: Int, offset: Int = 0, dtype: DType = .float32) -> Tensor {
        var scalars = [Float](repeating: 0, count: labels.count * classes)
        for (row, label) in labels.scalars.enumerated() {
            scalars[row * classes + min(classes - 1, Int(label) + offset)] = 1
        }
        return Tensor(shape: [labels.count, classes], scalars: scalars, dtype: dtype)
    }
}
