import Torchlet

/// The checks of Lesson 03, one definition per exercise.
public enum Lesson03Checks {
    /// 3.1: values against `MSELoss()` on a vector and a matrix, with misses both smaller and
    /// larger than 1 (where squaring and |·| differ) and of both signs, then gradients.
    public static var mseLoss: ExerciseDefinition<(Tensor, Tensor) throws -> Tensor> {
        ExerciseDefinition(
            "3.1",
            strongerHint:
                "Subtract, square with `.pow(2)`, and average with `.mean()`, which divides by every "
                + "element (4 for a 2 × 2) and gives a tensor of shape []."
        ) { answer in
            let cases: [(input: Tensor, target: Tensor, hint: String)] = [
                (
                    Tensor([2.5, 0.0, 2.0]), Tensor([3.0, -0.5, 2.0]),
                    "MSE = (1/N) Σ (inputᵢ - targetᵢ)²: square each miss, then take the mean (not the sum)."
                ),
                (
                    Tensor([[1.0, -2.0], [4.0, 0.5]]), Tensor([[3.0, 1.0], [4.0, 0.0]]),
                    "Square the misses (a miss of 3 costs 9, of 0.5 costs 0.25); |miss| would be the L1 loss. "
                        + "Divide by the number of elements (4 here), not the number of rows."
                ),
            ]
            for (prediction, target, hint) in cases {
                let input = "mseLoss(\(printed(prediction)), \(printed(target)))"
                let got = try attempt(input) { try answer(prediction.detach(), target.detach()) }
                try expectValues(
                    got, MSELoss()(prediction, target), for: input,
                    hint: hint + " The loss is one number (shape [], from mean()).")
            }
            let prediction = Tensor([[0.3, -1.2, 2.0], [1.4, 0.0, -0.7]])
            let target = Tensor([[0.0, -1.0, 1.5], [2.0, 0.5, -0.5]])
            try expectGradients(
                of: { try answer($0[0], $0[1]) }, at: [prediction, target],
                names: ["input", "target"],
                for: "mseLoss(\(printed(prediction)), \(printed(target)))")
        }
    }

    /// 3.2: values against `BCELoss()` on hard 0/1 targets, soft targets and a matrix, then
    /// gradients with respect to the probabilities.
    public static var binaryCrossEntropy: ExerciseDefinition<(Tensor, Tensor) throws -> Tensor> {
        ExerciseDefinition(
            "3.2",
            strongerHint:
                "Write the two terms as tensors, `targets * probabilities.log()` and `(1 - targets) * "
                + "(1 - probabilities).log()`, add them, take `.mean()`, and put a minus sign in front "
                + "of the whole."
        ) { answer in
            let cases: [(probabilities: Tensor, targets: Tensor, hint: String)] = [
                (
                    Tensor([0.9, 0.2, 0.6, 0.5]), Tensor([1.0, 0, 1, 0]),
                    "BCE = -(1/N) Σ [t log p + (1 - t) log(1 - p)]. The logs of probabilities are negative, "
                        + "so the minus sign in front makes the loss positive."
                ),
                (
                    Tensor([0.7, 0.1, 0.35]), Tensor([0.3, 0.0, 0.8]),
                    "Targets may be probabilities too (soft labels): keep both terms, t log p and (1 - t) log(1 - p)."
                ),
                (
                    Tensor([[0.99, 0.01], [0.25, 0.75]]), Tensor([[1.0, 0], [1, 1]]),
                    "Average over every element (4 here). A confident right answer (0.99 for 1) costs almost "
                        + "nothing; a wrong one (0.25 for 1) costs -log 0.25 ≈ 1.39."
                ),
            ]
            for (probabilities, targets, hint) in cases {
                let input = "binaryCrossEntropy(probabilities: \(printed(probabilities)), targets: \(printed(targets)))"
                let got = try attempt(input) { try answer(probabilities.detach(), targets.detach()) }
                try expectValues(got, BCELoss()(probabilities, targets), for: input, hint: hint)
            }
            let probabilities = Tensor([[0.3, 0.8, 0.55], [0.1, 0.65, 0.9]])
            let targets = Tensor([[0.0, 1, 1], [0, 0, 1]])
            try expectGradients(
                of: { try answer($0[0], targets) }, at: [probabilities], names: ["probabilities"],
                for: "binaryCrossEntropy(probabilities: \(printed(probabilities)), "
                    + "targets: \(printed(targets)))")
        }
    }

    /// 3.3: values against `CrossEntropyLoss()` on ordinary scores, a batch of one, huge positive
    /// and huge negative scores (where log Σ exp without the max shift gives inf or nan), a batch
    /// of huge positive, huge negative and ordinary rows (where one shift for the whole batch
    /// gives inf), then gradients.
    public static var crossEntropy: ExerciseDefinition<(Tensor, Tensor) throws -> Tensor> {
        ExerciseDefinition(
            "3.3",
            strongerHint:
                "Four pieces: `let m = logits.max(dim: 1, keepDim: true).values` ([N, 1], one per "
                + "row, not one for the whole batch); `let logSumExp = (logits - m).exp().sum(dim: "
                + "1).log() + m.squeeze(dim: 1)` ([N]); the right scores `(logits * mask).sum(dim: 1)` "
                + "([N]) with a one-hot mask of the targets; and the mean of logSumExp minus the right "
                + "scores."
        ) { answer in
            let cases: [(logits: Tensor, targets: Tensor, hint: String)] = [
                (
                    Tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]]), Tensor([0, 1]),
                    "ℓₙ = -xₙ[yₙ] + log Σ_c exp(xₙ[c]), then the mean over the N samples (not over N · C numbers, "
                        + "and not the sum)."
                ),
                (
                    Tensor([[0.2, -1.0, 0.7, 3.0]]), Tensor([2]),
                    "One sample: the loss is -x[y] + log Σ_c exp(x[c]) for its target class y = 2."
                ),
                (
                    Tensor([[1000.0, 1001, 999], [-2.0, 3.0, 0.5]]), Tensor([2, 1]),
                    "exp(1000) overflows a Float. Use log Σ exp(x) = m + log Σ exp(x - m) with m the row's "
                        + "largest score (x.max(dim: 1, keepDim: true).values)."
                ),
                (
                    Tensor([[-1000.0, -1002, -1001]]), Tensor([0]),
                    "exp(-1000) underflows to 0 and log 0 = -inf. Shifting by the row's largest score keeps "
                        + "one exp at exp(0) = 1."
                ),
                (
                    Tensor([[1000.0, 1001, 999], [-1000, -1002, -1001], [0.5, -0.5, 0.0]]), Tensor([2, 0, 1]),
                    "Shift each row by its own largest score, m = logits.max(dim: 1, keepDim: true).values: "
                        + "the largest of the whole batch (1001) leaves the second row at exp(-2001) = 0, "
                        + "and log 0 = -inf."
                ),
            ]
            for (logits, targets, hint) in cases {
                let input = "crossEntropy(logits: \(printed(logits)), targets: \(printed(targets)))"
                let got = try attempt(input) { try answer(logits.detach(), targets.detach()) }
                try expectValues(
                    got, CrossEntropyLoss()(logits, targets), for: input,
                    hint: hint + " The loss is one number (shape []).", absolute: 2e-4)
            }
            let logits = Tensor([
                [0.5, -1.2, 2.1, 0.0, 0.4], [1.3, 0.2, -0.6, 0.9, -2.0], [0.0, 0.8, 0.1, -0.3, 1.7],
            ])
            let targets = Tensor([2, 0, 4])
            try expectGradients(
                of: { try answer($0[0], targets) }, at: [logits], names: ["logits"],
                for: "crossEntropy(logits: \(printed(logits)), targets: \(printed(targets)))")
        }
    }
}
