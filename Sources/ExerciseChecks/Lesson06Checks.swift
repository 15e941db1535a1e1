import Torchlet

/// The checks of Lesson 06, one definition per exercise.
public enum Lesson06Checks {
    /// 6.1: against the argmax over dim 1 on ordinary scores, all-negative scores (where the
    /// largest is not the largest in size, and no score is above 0), more samples than classes
    /// and more classes than samples (where the argmax over dim 0 gives a different answer), a
    /// batch of one, and rows of very different scales (where the argmax of the whole tensor, or
    /// a threshold, is right for one row only).
    public static var multiclassAccuracy: ExerciseDefinition<(Tensor, Tensor) throws -> Float> {
        ExerciseDefinition(
            "6.1",
            strongerHint:
                "`let predicted = logits.argmax(dim: 1).scalars` gives one class per row (`argmax()` "
                + "without dim would give one index for the whole batch); count the positions where it "
                + "equals `labels.scalars` (zip them), then divide by `Float(labels.count)`."
        ) { answer in
            let cases: [(logits: Tensor, labels: Tensor, hint: String)] = [
                (
                    Tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3], [0.2, 0.1, 3.0]]), Tensor([0, 1, 1]),
                    "A sample counts as right when the index of its largest score equals its label. "
                        + "Divide the count by N, the number of samples, to get a share between 0 and 1."
                ),
                (
                    Tensor([[-5.0, -1.0, -3.0], [-0.2, -0.1, -4.0]]), Tensor([1, 0]),
                    "The largest score is the one nearest +∞: -0.1 beats -0.2, and -1 beats -3. Scores need "
                        + "not be positive; do not compare them with 0 (that is the two-class rule of 5.3)."
                ),
                (
                    Tensor([[0.1, 0.9, 0.0], [0.8, 0.1, 0.1], [0.3, 0.3, 0.4], [0.0, 0.2, 0.1], [0.6, 0.2, 0.2]]),
                    Tensor([1, 0, 2, 1, 0]),
                    "Take the argmax over dim 1 (across the classes of one sample, giving N indices), not over "
                        + "dim 0 (across the samples, giving C indices)."
                ),
                (
                    Tensor([[0.3, -0.2, 0.9, 1.4, 0.0], [2.0, 0.1, -1.0, 0.5, 0.4]]), Tensor([3, 1]),
                    "Two samples, five classes: the result is (number right) / 2. Take the argmax over dim 1."
                ),
                (
                    Tensor([[0.1, 0.7, 0.2]]), Tensor([1]),
                    "One sample: the accuracy is 1 when the index of its largest score is its label."
                ),
                (
                    Tensor([[1000.0, 1002, 1001], [-5.0, -7, -6], [0.1, 0.3, 0.2], [3.0, 2.0, 9.0]]),
                    Tensor([1, 0, 1, 0]),
                    "Each row has its own largest score, whatever the scale of the others: row 2's -5 is its "
                        + "largest although the first row's scores are near 1000. Take the argmax of each row "
                        + "(argmax(dim: 1)), not of the whole tensor (argmax()) or of the scores above some number."
                ),
            ]
            for (logits, labels, hint) in cases {
                let input = "multiclassAccuracy(logits: \(printed(logits)), labels: \(printed(labels)))"
                let got = try attempt(input) { try answer(logits.detach(), labels.detach()) }
                let predicted = logits.argmax(dim: 1).scalars
                let expected = Float(zip(predicted, labels.scalars).filter { $0 == $1 }.count) / Float(labels.count)
                guard close(got, expected, absolute: 1e-6, relative: 0) else {
                    throw fail(input, expected: "\(expected)", got: "\(got)", hint: hint)
                }
            }
        }
    }

    /// 6.2: exact sizes and sizes with a remainder, with and without `dropLast`, a batch larger
    /// than the dataset and a batch of one.
    public static var batchesPerEpoch: ExerciseDefinition<(Int, Int, Bool) throws -> Int> {
        ExerciseDefinition(
            "6.2",
            strongerHint:
                "`dropLast ? samples / batchSize : (samples + batchSize - 1) / batchSize`: the first "
                + "rounds down, the second up."
        ) { answer in
            let cases: [(samples: Int, batchSize: Int, dropLast: Bool, expected: Int, hint: String)] = [
                (60_000, 100, false, 600, "60,000 pictures in batches of 100: 600 batches."),
                (60_000, 1000, false, 60, "60,000 / 1000 = 60 batches."),
                (
                    10, 3, false, 4,
                    "10 samples in batches of 3 are 3 + 3 + 3 + 1: the last, smaller batch counts "
                        + "too, so round up: (samples + batchSize - 1) / batchSize."
                ),
                (
                    10, 3, true, 3,
                    "With dropLast the incomplete last batch is left out: round down, samples / batchSize."
                ),
                (8000, 30, false, 267, "8000 / 30 = 266.67: 266 full batches and one of 20, so 267."),
                (8000, 30, true, 266, "With dropLast only the 266 full batches of 30 remain."),
                (7, 10, false, 1, "A batch larger than the dataset: one batch of all 7 samples."),
                (7, 10, true, 0, "With dropLast, 7 samples never fill a batch of 10: 0 batches."),
                (5, 1, false, 5, "A batch of 1: one step per sample."),
            ]
            for (samples, batchSize, dropLast, expected, hint) in cases {
                let input = "batchesPerEpoch(samples: \(samples), batchSize: \(batchSize), dropLast: \(dropLast))"
                let got = try attempt(input) { try answer(samples, batchSize, dropLast) }
                guard got == expected else {
                    throw fail(input, expected: "\(expected)", got: "\(got)", hint: hint)
                }
            }
        }
    }

    /// 6.3: the values and shape against rows built by hand, with repeated labels, the first and
    /// the last class, and a float result.
    public static var oneHot: ExerciseDefinition<(Tensor, Int) throws -> Tensor> {
        ExerciseDefinition(
            "6.3",
            strongerHint:
                "`var scalars = [Float](repeating: 0, count: labels.count * classes)`; for `(row, "
                + "label) in labels.scalars.enumerated()` set `scalars[row * classes + Int(label)] = "
                + "1`; return `Tensor(shape: [labels.count, classes], scalars: scalars)`."
        ) { answer in
            let cases: [(labels: [Int], classes: Int, hint: String)] = [
                ([2, 0], 3, "Row n is all 0 except a 1 at column labels[n]: [2, 0] gives [[0, 0, 1], [1, 0, 0]]."),
                (
                    [9, 0, 4, 4], 10,
                    "One row per label, `classes` columns: the first class is column 0 and the last "
                        + "is column classes - 1; a repeated label gives two identical rows."
                ),
                ([1], 2, "A single label still gives a matrix: shape [1, classes]."),
            ]
            for (labels, classes, hint) in cases {
                let labelTensor = Tensor(shape: [labels.count], scalars: labels.map(Float.init), dtype: .int64)
                let input = "oneHot(labels: \(printed(labelTensor)), classes: \(classes))"
                let got = try attempt(input) { try answer(labelTensor, classes) }
                var scalars = [Float](repeating: 0, count: labels.count * classes)
                for (row, label) in labels.enumerated() { scalars[row * classes + label] = 1 }
                let expected = Tensor(shape: [labels.count, classes], scalars: scalars)
                try expectValues(got, expected, for: input, hint: hint, absolute: 0, relative: 0)
                guard got.dtype == .float32 else {
                    throw fail(
                        input, expected: "\(printed(expected)) (float32)",
                        got: "\(printed(got)) (\(got.dtype))",
                        hint: "The numbers are right, but the tensor is \(got.dtype): make it a float tensor "
                            + "(Tensor(shape:scalars:) without dtype:, or .float()), so that it can multiply "
                            + "log-probabilities.")
                }
            }
        }
    }
}
