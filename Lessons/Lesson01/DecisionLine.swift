/// The points of the line w₁x₁ + w₂x₂ + b = 0 that fall inside a box, for plotting.
///
/// Sampled along the axis the line is less steep against, and clipped to the box: gnuplot
/// leaves out a segment whose two ends are both outside the plot, so each piece drawn stays
/// inside it. Empty when the line misses the box (or w = 0, when there is no line).
func decisionLine(weights: [Float], bias: Float, x1Range: ClosedRange<Double>, x2Range: ClosedRange<Double>,
                  samples: Int = 201) -> (x1: [Double], x2: [Double]) {
    let w1 = Double(weights[0]), w2 = Double(weights[1]), b = Double(bias)
    guard w1 != 0 || w2 != 0 else { return ([], []) }
    var xs: [Double] = [], ys: [Double] = []
    let alongX1 = abs(w2) >= abs(w1)
    let range = alongX1 ? x1Range : x2Range
    for i in 0..<samples {
        let t = range.lowerBound + Double(i) * (range.upperBound - range.lowerBound) / Double(samples - 1)
        let (x1, x2) = alongX1 ? (t, -(w1 * t + b) / w2) : (-(w2 * t + b) / w1, t)
        guard x1Range.contains(x1), x2Range.contains(x2) else { continue }
        xs.append(x1)
        ys.append(x2)
    }
    return (xs, ys)
}
