/// Checks autograd against calculus by brute force: nudge each input number a little up and
/// down, see how the output moves, and compare that slope with the gradient from `backward()`.
///
///     ∂f/∂x ≈ (f(x + ε) - f(x - ε)) / 2ε        (a central difference)
///
/// The engine computes in `Float`; the quotient is taken in `Double` with the step that was
/// really applied, which keeps the estimate within about 1e-4 of the truth for smooth functions.
///
///     let check = gradcheck([a, b]) { (a * b).sum() }
///     print(check)          // a table: parameter, autograd, numeric, max |difference|, verdict
///     check.passed          // true when every gradient agrees
public struct GradientCheck: CustomStringConvertible {
    /// The comparison for one input tensor.
    public struct Row {
        public let name: String
        public let shape: [Int]
        /// Autograd's gradient.
        public let autograd: [Float]
        /// The central-difference estimate.
        public let numeric: [Double]
        /// The largest |autograd - numeric| over the elements.
        public let maxDifference: Double
        /// Whether every element is within tolerance.
        public let passed: Bool
    }

    public let rows: [Row]
    public let epsilon: Float

    /// `true` when every input's gradient matches its numeric estimate.
    public var passed: Bool { rows.allSatisfy(\.passed) }

    public var description: String {
        let headers = ["parameter", "shape", "autograd", "numeric", "max |difference|", "verdict"]
        let table = rows.map { row in
            [
                row.name, row.shape.formatted,
                Tensor.compact(row.autograd, shape: row.shape, limit: 4),
                Tensor.compact(row.numeric.map { Float($0) }, shape: row.shape, limit: 4),
                row.maxDifference.scientific2,
                row.passed ? "ok" : "MISMATCH",
            ]
        }
        let widths = headers.indices.map { c in ([headers[c]] + table.map { $0[c] }).map(\.count).max()! }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingTrailingSpaces
        }
        let title =
            "gradient check: autograd vs central differences (ε = \(epsilon)): "
            + (passed ? "all \(rows.count) match" : "\(rows.filter { !$0.passed }.count) of \(rows.count) MISMATCH")
        return ([title, line(headers), line(widths.map { String(repeating: "-", count: $0) })] + table.map(line))
            .joined(separator: "\n")
    }
}

/// Compares the gradients that `backward()` gives for `inputs` with central differences of
/// `function` (the sum of its outputs, if it returns more than one number).
///
/// An element passes when `|autograd - numeric| <= absoluteTolerance + relativeTolerance * |numeric|`.
/// The inputs' `grad` are left as they were. Inputs are named by their `label`.
public func gradcheck(
    _ inputs: [Tensor], epsilon: Float = 1e-3,
    absoluteTolerance: Double = 1e-3, relativeTolerance: Double = 1e-3,
    _ function: () -> Tensor
) -> GradientCheck {
    for (i, input) in inputs.enumerated() where !input.requiresGrad || !input.isLeaf {
        failure("gradcheck: input \(i) (\(input.displayName)) must be a leaf with requiresGrad = true")
    }
    let savedGrads = inputs.map(\.grad)
    defer { for (input, grad) in zip(inputs, savedGrads) { input.grad = grad } }

    // Autograd.
    for input in inputs { input.grad = nil }
    let output = function()
    (output.count == 1 ? output : output.sum()).backward()
    let analytic = inputs.map { $0.grad?.scalars ?? [Float](repeating: 0, count: $0.count) }

    // Central differences.
    func evaluate() -> Double {
        noGrad { Double(function().scalars.reduce(0.0) { $0 + Double($1) }) }
    }
    let rows = inputs.enumerated().map { k, input in
        var numeric = [Double](repeating: 0, count: input.count)
        for i in 0..<input.count {
            let original = input.scalars[i]
            let up = original + epsilon, down = original - epsilon
            input.scalars[i] = up
            let fUp = evaluate()
            input.scalars[i] = down
            let fDown = evaluate()
            input.scalars[i] = original
            numeric[i] = (fUp - fDown) / (Double(up) - Double(down))
        }
        var maxDifference = 0.0
        var passed = true
        for i in 0..<input.count {
            let difference = abs(Double(analytic[k][i]) - numeric[i])
            maxDifference = max(maxDifference, difference)
            if !(difference <= absoluteTolerance + relativeTolerance * abs(numeric[i])) { passed = false }
        }
        return GradientCheck.Row(
            name: input.label ?? "input \(k)", shape: input.shape, autograd: analytic[k],
            numeric: numeric, maxDifference: maxDifference, passed: passed)
    }
    return GradientCheck(rows: rows, epsilon: epsilon)
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
