import Foundation
import Torchlet

/// The checks of Lesson 04, one definition per exercise. The references are computed in Double
/// from the formulas, and autograd confirms the gradients.
public enum Lesson04Checks {
    /// Lesson 04's data: x = 1…30 and the 30 measured y.
    static let lessonX: [Float] = (1...30).map(Float.init)
    static let lessonY: [Float] = [
        0.94, 1.98, 2.88, 3.92, 3.96, 4.55, 5.64, 6.3, 7.44, 9.1,
        8.46, 9.5, 10.67, 11.16, 14, 11.83, 14.4, 14.25, 16.2, 16.32,
        17.46, 19.8, 18, 21.34, 22, 22.5, 24.57, 26.04, 21.6, 28.8,
    ]

    /// A few points, as a vector `[N]` or as a column `[N, 1]` (the lesson's shape).
    struct Points {
        var x: [Float], y: [Float]
        var asColumns = false

        var xTensor: Tensor { asColumns ? Tensor(x.map { [$0] }) : Tensor(x) }
        var yTensor: Tensor { asColumns ? Tensor(y.map { [$0] }) : Tensor(y) }
        var n: Double { Double(x.count) }

        /// dL/dw and dL/db of the mean squared error, in Double.
        func gradients(weight: Double, bias: Double) -> (dWeight: Double, dBias: Double) {
            var dWeight = 0.0, dBias = 0.0
            for (xi, yi) in zip(x, y) {
                let error = weight * Double(xi) + bias - Double(yi)
                dWeight += 2 * error * Double(xi) / n
                dBias += 2 * error / n
            }
            return (dWeight, dBias)
        }

        /// The least-squares line, in Double.
        var leastSquares: (weight: Double, bias: Double) {
            let meanX = x.reduce(0) { $0 + Double($1) } / n, meanY = y.reduce(0) { $0 + Double($1) } / n
            var sxy = 0.0, sxx = 0.0
            for (xi, yi) in zip(x, y) {
                sxy += (Double(xi) - meanX) * (Double(yi) - meanY)
                sxx += (Double(xi) - meanX) * (Double(xi) - meanX)
            }
            let weight = sxy / sxx
            return (weight, meanY - weight * meanX)
        }
    }

    /// A number as the report shows it: up to 7 significant digits.
    static func shown<T: BinaryFloatingPoint>(_ value: T) -> String {
        String(format: "%.7g", Double(value))
    }

    /// Checks a pair of numbers against the reference pair, both at once, so the report shows
    /// the whole answer.
    static func expectPair(
        _ got: (Float, Float), _ expected: (Double, Double), names: (String, String), for input: String,
        hint: String, absolute: Double = 1e-4, relative: Double = 1e-4
    ) throws {
        func agrees(_ a: Float, _ b: Double) -> Bool {
            a.isFinite && Swift.abs(Double(a) - b) <= absolute + relative * Swift.abs(b)
        }
        guard !(agrees(got.0, expected.0) && agrees(got.1, expected.1)) else { return }
        let nonFinite = !got.0.isFinite || !got.1.isFinite
        throw fail(
            input,
            expected: "\(names.0) = \(shown(expected.0)), \(names.1) = \(shown(expected.1))",
            got: "\(names.0) = \(shown(got.0)), \(names.1) = \(shown(got.1))",
            hint: (nonFinite ? "Your result has nan or inf: something divided by zero or overflowed. " : "")
                + hint)
    }

    static func describe(_ points: Points) -> String {
        points.x.count > 6
            ? "x = 1…30, y = Lesson 04's data (\(points.asColumns ? "[30, 1]" : "[30]"))"
            : "x: \(printed(points.xTensor)), y: \(printed(points.yTensor))"
    }

    // MARK: 4.1

    /// 4.1: a few points (vector), Lesson 04's data at the start w = b = 0 (columns), points
    /// where every miss is positive and some x are negative, against the formulas in Double and
    /// against autograd.
    public static var mseGradients:
        ExerciseDefinition<(Float, Float, Tensor, Tensor) throws -> (dWeight: Float, dBias: Float)>
    {
        ExerciseDefinition(
            "4.1",
            strongerHint:
                "`let error = weight * x + bias - y` is a tensor of misses; then `dWeight = 2 * "
                + "(error * x).mean().item()` and `dBias = 2 * error.mean().item()`."
        ) { answer in
            let cases: [(points: Points, weight: Float, bias: Float, hint: String)] = [
                (
                    Points(x: [1, 2, 3], y: [2, 4, 7]), 0.5, 0.25,
                    "dL/dw = (2/N) Σ (w xᵢ + b - yᵢ) · xᵢ and dL/db = (2/N) Σ (w xᵢ + b - yᵢ): the mean, not the "
                        + "sum, of the misses (times x for the weight), and times 2 from the square."
                ),
                (
                    Points(x: lessonX, y: lessonY, asColumns: true), 0, 0,
                    "At w = b = 0 every miss is -yᵢ, so dL/dw = -2 · mean(x · y) and dL/db = -2 · mean(y): both "
                        + "negative (the line must go up). x and y are columns [30, 1] here; N = 30."
                ),
                (
                    Points(x: [-2, -0.5, 1, 3], y: [-6, -1, 2.5, 5]), 2, 1.5,
                    "Here every miss w xᵢ + b - yᵢ is positive, so dL/db > 0; the x of both signs decide the sign "
                        + "of dL/dw. The miss is prediction minus target (w x + b - y), not the other way round."
                ),
            ]
            for (points, weight, bias, hint) in cases {
                let input = "mseGradients(weight: \(weight), bias: \(bias), \(describe(points)))"
                let got = try attempt(input) { try answer(weight, bias, points.xTensor, points.yTensor) }
                let expected = points.gradients(weight: Double(weight), bias: Double(bias))
                try expectPair(
                    (got.dWeight, got.dBias), (expected.dWeight, expected.dBias),
                    names: ("dWeight", "dBias"), for: input, hint: hint)
                // The same numbers as backward() gives, which is what the lesson shows.
                let w = Tensor([weight], requiresGrad: true), b = Tensor([bias], requiresGrad: true)
                (w * points.xTensor + b - points.yTensor).pow(2).mean().backward()
                try expectPair(
                    (got.dWeight, got.dBias), (Double(w.grad!.item()), Double(b.grad!.item())),
                    names: ("dWeight", "dBias"),
                    for: input + " (compared with autograd's weight.grad, "
                        + "bias.grad)", hint: hint, absolute: 1e-3, relative: 1e-4)
            }
        }
    }

    // MARK: 4.2

    /// 4.2: the lesson's first step from (0, 0), a step with a large learning rate on a few
    /// points (where taking the bias's gradient at the new weight makes a visible difference),
    /// and a step uphill of the minimum (gradients positive, so the parameters must go down).
    public static var sgdStep:
        ExerciseDefinition<(Float, Float, Tensor, Tensor, Float) throws -> (weight: Float, bias: Float)>
    {
        ExerciseDefinition(
            "4.2",
            buildsOn: ["4.1"],
            strongerHint:
                "`let gradients = try mseGradients(weight: weight, bias: bias, x: x, y: y)` first "
                + "(your 4.1, at the old weight and bias), then return `(weight - learningRate * "
                + "gradients.dWeight, bias - learningRate * gradients.dBias)`."
        ) { answer in
            let cases: [(points: Points, weight: Float, bias: Float, learningRate: Float, hint: String)] = [
                (
                    Points(x: lessonX, y: lessonY, asColumns: true), 0, 0, 0.001,
                    "Lesson 04's first epoch: the gradients at (0, 0) are about -540.49 and -26.37, so the step "
                        + "w ← w - lr · dL/dw moves w up by 0.54 and b up by 0.026. Both gradients are taken at the "
                        + "old (w, b) = (0, 0), before either parameter moves."
                ),
                (
                    Points(x: [1, 2, 3, 4], y: [3, 5, 7, 9]), 0.5, -1, 0.05,
                    "Take both gradients at the old (w, b) first, then move both: computing dL/db after moving w "
                        + "uses the wrong point. w ← w - lr · dL/dw, b ← b - lr · dL/db."
                ),
                (
                    Points(x: [-1, 0, 2], y: [0, 1, 2]), 3, 2, 0.1,
                    "Here the line is above every point, so both gradients are positive and a step downhill makes "
                        + "w and b smaller: subtract lr times the gradient, don't add it."
                ),
            ]
            for c in cases {
                let input =
                    "sgdStep(weight: \(c.weight), bias: \(c.bias), \(describe(c.points)), "
                    + "learningRate: \(c.learningRate))"
                let got = try attempt(input) {
                    try answer(c.weight, c.bias, c.points.xTensor, c.points.yTensor, c.learningRate)
                }
                let g = c.points.gradients(weight: Double(c.weight), bias: Double(c.bias))
                let lr = Double(c.learningRate)
                try expectPair(
                    got, (Double(c.weight) - lr * g.dWeight, Double(c.bias) - lr * g.dBias),
                    names: ("weight", "bias"), for: input, hint: c.hint, absolute: 1e-5)
            }
        }
    }

    // MARK: 4.3

    /// 4.3: points exactly on a line, Lesson 04's data (columns), a falling line, and x far from
    /// 0 (around 1000), where the expanded formula loses its digits in Float.
    public static var closedFormLeastSquares:
        ExerciseDefinition<(Tensor, Tensor) throws -> (weight: Float, bias: Float)>
    {
        ExerciseDefinition(
            "4.3",
            strongerHint:
                "`let dx = x - x.mean()` and `let dy = y - y.mean()`; the weight is `(dx * "
                + "dy).sum().item() / (dx * dx).sum().item()` and the bias `y.mean().item() - weight * "
                + "x.mean().item()`."
        ) { answer in
            let cases: [(points: Points, hint: String)] = [
                (
                    Points(x: [0, 1, 2, 3], y: [1, 3, 5, 7]),
                    "These points lie on y = 2x + 1, so the best line is that line: w = Σ (x - x̄)(y - ȳ) / Σ (x - x̄)² "
                        + "(divided by the spread of x, not of y), b = ȳ - w · x̄."
                ),
                (
                    Points(x: lessonX, y: lessonY, asColumns: true),
                    "Lesson 04's data, as columns [30, 1]: the answer is the one the lesson prints, w ≈ 0.8789, "
                        + "b ≈ -0.4359. Did you divide by the spread of x (not of y), and subtract w · x̄ for b?"
                ),
                (
                    Points(x: [-3, -1, 0, 2, 5], y: [4.2, 1.9, 1.1, -1.4, -4.0]),
                    "A falling line: the weight is negative. b = ȳ - w · x̄ puts the line through the centre (x̄, ȳ)."
                ),
                (
                    Points(x: [1000.3, 1001.1, 1001.9, 1003.2, 1004.1], y: [3.1, 2.9, 3.6, 3.4, 4.0]),
                    "x is around 1000 here. Subtract the means before multiplying: Σx²/N - x̄² takes the difference "
                        + "of two numbers near 1,000,000 that agree in all but the last of a Float's 7 digits."
                ),
            ]
            for (points, hint) in cases {
                let input = "closedFormLeastSquares(\(describe(points)))"
                let got = try attempt(input) { try answer(points.xTensor, points.yTensor) }
                let expected = points.leastSquares
                try expectPair(
                    got, expected, names: ("weight", "bias"), for: input, hint: hint,
                    absolute: 1e-3, relative: 1e-4)
            }
        }
    }
}
