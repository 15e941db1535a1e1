import Foundation
import Torchlet

/// Every loss of the lesson written out again in plain Swift, in `Double`, from the numbers
/// alone: no Tensor operations and no autograd. The lesson prints these next to the engine's
/// results, and the tests hold the two equal, so each formula in the text is checked.
enum ByHand {
    /// The differences ŷᵢ - yᵢ, in Double.
    static func misses(_ prediction: Tensor, _ target: Tensor) -> [Double] {
        zip(prediction.scalars, target.scalars).map { Double($0) - Double($1) }
    }

    /// MSE = (1/N) Σ (ŷᵢ - yᵢ)²
    static func mse(_ prediction: Tensor, _ target: Tensor) -> Double {
        let e = misses(prediction, target)
        return e.map { $0 * $0 }.reduce(0, +) / Double(e.count)
    }

    /// L1 = (1/N) Σ |ŷᵢ - yᵢ|
    static func l1(_ prediction: Tensor, _ target: Tensor) -> Double {
        let e = misses(prediction, target)
        return e.map(Swift.abs).reduce(0, +) / Double(e.count)
    }

    /// RMSE = √MSE, back in the units of the targets.
    static func rmse(_ prediction: Tensor, _ target: Tensor) -> Double {
        mse(prediction, target).squareRoot()
    }

    /// dMSE/dŷᵢ = 2 (ŷᵢ - yᵢ) / N
    static func mseGradient(_ prediction: Tensor, _ target: Tensor) -> [Double] {
        let e = misses(prediction, target)
        return e.map { 2 * $0 / Double(e.count) }
    }

    /// dL1/dŷᵢ = sign(ŷᵢ - yᵢ) / N
    static func l1Gradient(_ prediction: Tensor, _ target: Tensor) -> [Double] {
        let e = misses(prediction, target)
        return e.map { ($0 > 0 ? 1 : ($0 < 0 ? -1 : 0)) / Double(e.count) }
    }

    /// dRMSE/dŷᵢ = (ŷᵢ - yᵢ) / (N · RMSE), the chain rule through the square root.
    static func rmseGradient(_ prediction: Tensor, _ target: Tensor) -> [Double] {
        let e = misses(prediction, target)
        let rmse = rmse(prediction, target)
        return e.map { $0 / (Double(e.count) * rmse) }
    }

    /// σ(x) = 1 / (1 + e⁻ˣ), in Double.
    static func sigmoid(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }

    /// One sample's binary cross-entropy: -[t log p + (1 - t) log(1 - p)].
    static func bceTerm(probability p: Double, target t: Double) -> Double {
        -(t * Foundation.log(p) + (1 - t) * Foundation.log(1 - p))
    }

    /// The mean binary cross-entropy of the sigmoid of `scores` against `targets`.
    static func bce(scores: Tensor, targets: Tensor) -> Double {
        let terms = zip(scores.scalars, targets.scalars).map {
            bceTerm(probability: sigmoid(Double($0)), target: Double($1))
        }
        return terms.reduce(0, +) / Double(terms.count)
    }

    /// d(mean BCE)/dxᵢ through the sigmoid: (σ(xᵢ) - tᵢ) / N.
    static func bceScoreGradient(scores: Tensor, targets: Tensor) -> [Double] {
        zip(scores.scalars, targets.scalars).map { (sigmoid(Double($0)) - Double($1)) / Double(scores.count) }
    }

    /// The binary cross-entropy of a raw score x against target 0, exactly:
    /// -log(1 - σ(x)) = log(1 + eˣ) = x + log(1 + e⁻ˣ) for x ≥ 0 (softplus).
    static func bceOfScoreForTargetZero(_ x: Double) -> Double {
        x >= 0 ? x + Foundation.log1p(Foundation.exp(-x)) : Foundation.log1p(Foundation.exp(x))
    }

    /// One row of the cross-entropy worked through log-sum-exp.
    struct CrossEntropyRow {
        /// m, the row's largest score.
        let largest: Double
        /// log Σ_c exp(x[c] - m)
        let shiftedLogSum: Double
        /// log Σ_c exp(x[c]) = m + log Σ_c exp(x[c] - m)
        var logSumExp: Double { largest + shiftedLogSum }
        /// x[y], the right class's score.
        let rightScore: Double
        /// ℓ = log-sum-exp - x[y] = -log softmax(x)[y]
        var loss: Double { logSumExp - rightScore }
        /// softmax(x)[y] = e^(-ℓ), the probability the model gives the right class.
        var rightProbability: Double { Foundation.exp(-loss) }
    }

    /// The cross-entropy of each row of `logits` ([N, C]) against its class in `classes`.
    static func crossEntropyRows(logits: Tensor, classes: Tensor) -> [CrossEntropyRow] {
        let c = logits.size(1)
        return classes.scalars.enumerated().map { n, label in
            let row = logits.scalars[(n * c)..<((n + 1) * c)].map(Double.init)
            let m = row.max()!
            let shifted = Foundation.log(row.map { Foundation.exp($0 - m) }.reduce(0, +))
            return CrossEntropyRow(largest: m, shiftedLogSum: shifted, rightScore: row[Int(label)])
        }
    }

    /// The mean cross-entropy over the rows.
    static func crossEntropy(logits: Tensor, classes: Tensor) -> Double {
        let rows = crossEntropyRows(logits: logits, classes: classes)
        return rows.map(\.loss).reduce(0, +) / Double(rows.count)
    }

    /// d(mean CE)/dx[n, c] = (softmax(xₙ)[c] - [c = yₙ]) / N, flat in row order.
    static func crossEntropyGradient(logits: Tensor, classes: Tensor) -> [Double] {
        let c = logits.size(1), n = classes.count
        var gradient: [Double] = []
        for (row, label) in classes.scalars.enumerated() {
            let x = logits.scalars[(row * c)..<((row + 1) * c)].map(Double.init)
            let m = x.max()!
            let e = x.map { Foundation.exp($0 - m) }
            let total = e.reduce(0, +)
            for k in 0..<c { gradient.append((e[k] / total - (k == Int(label) ? 1 : 0)) / Double(n)) }
        }
        return gradient
    }

    /// The largest |a - b| over two lists of numbers.
    static func largestDifference<A: BinaryFloatingPoint, B: BinaryFloatingPoint>(_ a: [A], _ b: [B]) -> Double {
        zip(a, b).map { Swift.abs(Double($0) - Double($1)) }.max() ?? 0
    }
}
