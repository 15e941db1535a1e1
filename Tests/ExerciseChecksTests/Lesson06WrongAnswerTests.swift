import ExerciseChecks
import Testing
import Torchlet

/// Lesson 06's plausible wrong answers, each of which its check must reject.
extension WrongAnswerTests {
    // MARK: 6.1 multiclassAccuracy

    /// The predicted class of each row, by the argmax over `dim`.
    static func share(_ predicted: [Float], _ labels: Tensor) -> Float {
        Float(zip(predicted, labels.scalars).filter { $0 == $1 }.count) / Float(labels.count)
    }

    @Test func multiclassAccuracyOverTheWrongDimension() {
        expectWrong(Lesson06Checks.multiclassAccuracy { logits, labels in
            Self.share(logits.argmax(dim: 0).scalars, labels)
        }, mentioning: ["dim 1"])
    }

    @Test func multiclassAccuracyCountingInsteadOfSharing() {
        expectWrong(Lesson06Checks.multiclassAccuracy { logits, labels in
            Self.share(logits.argmax(dim: 1).scalars, labels) * Float(labels.count)
        }, mentioning: ["Divide the count by N"])
    }

    @Test func multiclassAccuracyByTheLargestMagnitude() {
        expectWrong(Lesson06Checks.multiclassAccuracy { logits, labels in
            Self.share(logits.abs().argmax(dim: 1).scalars, labels)
        }, mentioning: ["nearest +∞"])
    }

    @Test func multiclassAccuracyWithTheTwoClassRule() {
        // 5.3's rule (a score of at least 0 means class 1) applied to many classes.
        expectWrong(Lesson06Checks.multiclassAccuracy { logits, labels in
            let classes = logits.size(1)
            let predicted = (0..<logits.size(0)).map { row in Float(logits.scalars[row * classes] >= 0 ? 1 : 0) }
            return Self.share(predicted, labels)
        })
    }

    // MARK: 6.2 batchesPerEpoch

    @Test func batchesPerEpochAlwaysRoundingDown() {
        expectWrong(Lesson06Checks.batchesPerEpoch { samples, batchSize, _ in samples / batchSize },
                    mentioning: ["round up"])
    }

    @Test func batchesPerEpochIgnoringDropLast() {
        expectWrong(Lesson06Checks.batchesPerEpoch { samples, batchSize, _ in
            (samples + batchSize - 1) / batchSize
        }, mentioning: ["dropLast"])
    }

    @Test func batchesPerEpochRoundingUpByAddingOne() {
        // samples / batchSize + 1 is right for 10 / 3, wrong when the batches come out even.
        expectWrong(Lesson06Checks.batchesPerEpoch { samples, batchSize, dropLast in
            dropLast ? samples / batchSize : samples / batchSize + 1
        }, mentioning: ["600"])
    }

    // MARK: 6.3 oneHot

    static func oneHotRows(_ labels: Tensor, _ classes: Int, offset: Int = 0, dtype: DType = .float32) -> Tensor {
        var scalars = [Float](repeating: 0, count: labels.count * classes)
        for (row, label) in labels.scalars.enumerated() {
            scalars[row * classes + min(classes - 1, Int(label) + offset)] = 1
        }
        return Tensor(shape: [labels.count, classes], scalars: scalars, dtype: dtype)
    }

    @Test func oneHotTransposed() {
        expectWrong(Lesson06Checks.oneHot { labels, classes in Self.oneHotRows(labels, classes).t() },
                    mentioning: ["shape"])
    }

    @Test func oneHotCountingClassesFromOne() {
        expectWrong(Lesson06Checks.oneHot { labels, classes in Self.oneHotRows(labels, classes, offset: 1) },
                    mentioning: ["labels[n]"])
    }

    @Test func oneHotAsIntegers() {
        expectWrong(Lesson06Checks.oneHot { labels, classes in Self.oneHotRows(labels, classes, dtype: .int64) },
                    mentioning: ["float"])
    }

    @Test func oneHotFlat() {
        expectWrong(Lesson06Checks.oneHot { labels, classes in Self.oneHotRows(labels, classes).flatten() },
                    mentioning: ["[2, 3]"])
    }
}
