/// The best any single line can do on a data set, found by trying a grid of lines.
struct LineSearchResult {
    /// How many lines were tried.
    let linesTried: Int
    /// The best accuracy among them.
    let bestAccuracy: Float
    /// How many lines reached it.
    let linesAtBest: Int
    /// One of those lines: w₁, w₂, b.
    let example: (weights: [Float], bias: Float)
}

/// Tries every line w₁x₁ + w₂x₂ + b = 0 with w₁, w₂ and b on a grid from -`limit` to `limit`
/// in steps of `step`, classifying with the step (class 1 where the score is ≥ 0).
func searchLines(on data: TwoClassData, limit: Float = 2, step: Float = 0.1) -> LineSearchResult {
    let n = Int((2 * limit / step).rounded())
    let values = (0...n).map { -limit + Float($0) * step }
    let x1 = data.x1, x2 = data.x2, targets = data.labels.scalars
    var best = -1, atBest = 0, tried = 0
    var example: (weights: [Float], bias: Float) = ([0, 0], 0)
    for w1 in values {
        for w2 in values where w1 != 0 || w2 != 0 {
            for b in values {
                tried += 1
                var right = 0
                for i in targets.indices where ((w1 * x1[i] + w2 * x2[i] + b >= 0) ? 1 : 0) == targets[i] {
                    right += 1
                }
                if right > best {
                    (best, atBest, example) = (right, 1, ([w1, w2], b))
                } else if right == best {
                    atBest += 1
                }
            }
        }
    }
    return LineSearchResult(linesTried: tried, bestAccuracy: Float(best) / Float(max(targets.count, 1)),
                            linesAtBest: atBest, example: example)
}
