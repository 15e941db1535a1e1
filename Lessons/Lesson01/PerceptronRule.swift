/// Rosenblatt's perceptron rule (1958), on plain numbers: a hard step instead of a sigmoid,
/// and a correction after each sample instead of a gradient:
///
///     z = w · x + b,   ŷ = 1 if z ≥ 0 else 0
///     w ← w + lr · (t - ŷ) · x
///     b ← b + lr · (t - ŷ)
struct PerceptronRule {
    var weights: [Float]
    var bias: Float
    let learningRate: Float

    /// The step: 1 when the score is at least 0.
    func predict(_ x: [Float]) -> Float {
        score(x) >= 0 ? 1 : 0
    }

    func score(_ x: [Float]) -> Float {
        zip(weights, x).reduce(bias) { $0 + $1.0 * $1.1 }
    }

    /// Looks at one sample and corrects the line if the guess was wrong; returns the error t - ŷ
    /// (+1 for a missed class-1 point, -1 for a false alarm, 0 for a right guess).
    @discardableResult
    mutating func update(x: [Float], target: Float) -> Float {
        let error = target - predict(x)
        guard error != 0 else { return 0 }
        weights = zip(weights, x).map { $0 + learningRate * error * $1 }
        bias += learningRate * error
        return error
    }
}

/// One update of the rule spelled out: the first mistake of a run.
struct RuleUpdate {
    let sample: Int
    let x: [Float]
    let target: Float
    let score: Float
    let prediction: Float
    let weightsBefore: [Float]
    let biasBefore: Float
    let weightsAfter: [Float]
    let biasAfter: Float
}

/// A run of the rule over a data set, sample by sample in order, epoch after epoch.
struct RuleRun {
    /// How many samples each epoch got wrong (and corrected).
    let mistakesPerEpoch: [Int]
    /// The line at the end.
    let rule: PerceptronRule
    let firstUpdate: RuleUpdate?
    /// Whether an epoch went by without a mistake: the rule has stopped moving for good.
    var converged: Bool { mistakesPerEpoch.last == 0 }
    /// The final accuracy on the set.
    let accuracy: Float
}

/// Runs the rule until an epoch has no mistake, or for `maxEpochs` epochs.
func runPerceptronRule(on data: TwoClassData, weights: [Float], bias: Float, learningRate: Float,
                       maxEpochs: Int) -> RuleRun {
    var rule = PerceptronRule(weights: weights, bias: bias, learningRate: learningRate)
    let points = (0..<data.count).map { [data.x1[$0], data.x2[$0]] }
    let targets = data.labels.scalars
    var mistakes: [Int] = []
    var first: RuleUpdate?
    for _ in 0..<maxEpochs {
        var count = 0
        for (index, x) in points.enumerated() {
            let before = rule
            if rule.update(x: x, target: targets[index]) != 0 {
                count += 1
                if first == nil {
                    first = RuleUpdate(sample: index, x: x, target: targets[index], score: before.score(x),
                                       prediction: before.predict(x), weightsBefore: before.weights,
                                       biasBefore: before.bias, weightsAfter: rule.weights, biasAfter: rule.bias)
                }
            }
        }
        mistakes.append(count)
        if count == 0 { break }
    }
    let right = points.indices.filter { rule.predict(points[$0]) == targets[$0] }.count
    return RuleRun(mistakesPerEpoch: mistakes, rule: rule, firstUpdate: first,
                   accuracy: Float(right) / Float(max(points.count, 1)))
}
