import Foundation
import Torchlet

// The computations Lesson 04 teaches, as functions that return their numbers, so that
// Tests/LessonTests/Lesson04Tests.swift can check them against PyTorch's.

let regressionDataListing = (file: #filePath, line: #line)
/// The seed's measurements: 30 points that lie close to a line y ≈ 0.88 x - 0.44.
enum RegressionData {
    /// x = 1, 2, …, 30.
    static let x: [Float] = (1...30).map(Float.init)
    /// The measured y, one per x.
    static let y: [Float] = [
        0.94, 1.98, 2.88, 3.92, 3.96, 4.55, 5.64, 6.3, 7.44, 9.1,
        8.46, 9.5, 10.67, 11.16, 14, 11.83, 14.4, 14.25, 16.2, 16.32,
        17.46, 19.8, 18, 21.34, 22, 22.5, 24.57, 26.04, 21.6, 28.8,
    ]
    /// x as a column `[30, 1]`: one row per sample, one feature.
    static var xColumn: Tensor { Tensor(x.map { [$0] }) }
    /// y as a column `[30, 1]`.
    static var yColumn: Tensor { Tensor(y.map { [$0] }) }
}

/// What a training run prints every `reportEvery` epochs, as the seed prints it.
struct EpochReport: Equatable {
    var epoch: Int
    /// The parameters after this epoch's step.
    var weight: Float
    var bias: Float
    /// The cost computed in this epoch, before its step (the seed prints `cost` after `step()`,
    /// but `cost` was computed before it).
    var cost: Float

    /// `Epoch : 1000, Weight : 0.864, Bias : -0.138, Cost : 1.393`, as the seed's f-string.
    var line: String {
        String(format: "Epoch : %4d, Weight : %.3f, Bias : %.3f, Cost : %.3f",
               epoch, Double(weight), Double(bias), Double(cost))
    }
}

/// Everything one run of gradient descent went through.
struct RegressionRun {
    /// Every `reportEvery`-th epoch.
    var reports: [EpochReport] = []
    /// The cost of every epoch (computed before that epoch's step).
    var costs: [Float] = []
    /// The weight and bias after every epoch.
    var weights: [Float] = []
    var biases: [Float] = []
    /// The epoch whose cost was no longer a finite number, or grew past 10⁶, if that happened.
    var divergedAt: Int?

    var finalWeight: Float { weights.last ?? 0 }
    var finalBias: Float { biases.last ?? 0 }

    /// Records one epoch; returns false when the cost blew up and the run should stop.
    mutating func record(epoch: Int, weight: Float, bias: Float, cost: Float, reportEvery: Int) -> Bool {
        costs.append(cost)
        weights.append(weight)
        biases.append(bias)
        if epoch % reportEvery == 0 {
            reports.append(EpochReport(epoch: epoch, weight: weight, bias: bias, cost: cost))
        }
        guard cost.isFinite, cost < 1e6, weight.isFinite, bias.isFinite else {
            divergedAt = epoch
            return false
        }
        return true
    }

    /// The largest difference between two runs' weights, biases and costs over all their epochs.
    func largestDifference(from other: RegressionRun) -> Float {
        func largest(_ a: [Float], _ b: [Float]) -> Float {
            zip(a, b).map { abs($0 - $1) }.max() ?? 0
        }
        return max(largest(weights, other.weights), largest(biases, other.biases), largest(costs, other.costs))
    }
}

let trainWithAutogradListing = (file: #filePath, line: #line)
/// The seed's first program, line for line: weight and bias are zeros with
/// requiresGrad, `SGD([weight, bias], lr)`, and every epoch computes the mean
/// squared error of the whole data, clears the gradients, calls `backward()` and
/// takes a step.
func trainWithAutograd(x: Tensor, y: Tensor, epochs: Int, learningRate: Float,
                       reportEvery: Int = 1000) -> RegressionRun {
    let weight = Tensor.zeros([1], requiresGrad: true)
    let bias = Tensor.zeros([1], requiresGrad: true)
    let optimizer = SGD([weight, bias], lr: learningRate)
    var run = RegressionRun()
    for epoch in 1...max(epochs, 1) {
        let hypothesis = weight * x + bias
        let cost = (hypothesis - y).pow(2).mean()
        optimizer.zeroGrad()
        cost.backward()
        optimizer.step()
        guard run.record(epoch: epoch, weight: weight.item(), bias: bias.item(),
                         cost: cost.item(), reportEvery: reportEvery) else { break }
    }
    return run
}

let gradientsByHandListing = (file: #filePath, line: #line)
/// The gradients of L(w, b) = mean((w x + b - y)²), derived by hand:
///
///     dL/dw = (2/N) Σ (w xᵢ + b - yᵢ) xᵢ        dL/db = (2/N) Σ (w xᵢ + b - yᵢ)
///
/// computed with plain tensor arithmetic under `noGrad` (no graph, no `backward()`).
func gradientsByHand(weight: Tensor, bias: Tensor, x: Tensor, y: Tensor)
    -> (cost: Tensor, dWeight: Tensor, dBias: Tensor) {
    noGrad {
        let error = weight * x + bias - y
        let cost = error.pow(2).mean()
        let dWeight = 2 * (error * x).mean()
        let dBias = 2 * error.mean()
        return (cost, dWeight.reshape([1]), dBias.reshape([1]))
    }
}

let trainByHandListing = (file: #filePath, line: #line)
/// The same training as `trainWithAutograd`, with the gradients from
/// `gradientsByHand` and the step written out:
/// w ← w - lr · dL/dw, b ← b - lr · dL/db.
func trainByHand(x: Tensor, y: Tensor, epochs: Int, learningRate: Float,
                 reportEvery: Int = 1000) -> RegressionRun {
    let weight = Tensor.zeros([1]), bias = Tensor.zeros([1])
    var run = RegressionRun()
    for epoch in 1...max(epochs, 1) {
        let (cost, dWeight, dBias) = gradientsByHand(weight: weight, bias: bias,
                                                     x: x, y: y)
        noGrad {
            weight -= learningRate * dWeight
            bias -= learningRate * dBias
        }
        guard run.record(epoch: epoch, weight: weight.item(), bias: bias.item(),
                         cost: cost.item(), reportEvery: reportEvery) else { break }
    }
    return run
}

let trainLinearListing = (file: #filePath, line: #line)
/// The seed's second program: `Linear(1, 1)` (randomly initialised from `seed`),
/// `MSELoss()` and `SGD(model.parameters(), lr)`. Returns the model and its run.
func trainLinear(x: Tensor, y: Tensor, epochs: Int, learningRate: Float, seed: UInt64,
                 reportEvery: Int = 1000)
    -> (model: Linear, initial: (weight: Float, bias: Float), run: RegressionRun) {
    // withSeed: a private generator, the same numbers as manualSeed(seed) and then
    // Linear(1, 1), but the process-wide generator is left alone.
    let model = withSeed(seed) { Linear(1, 1) }
    let initial = (weight: model.weight.item(), bias: model.bias!.item())
    let criterion = MSELoss()
    let optimizer = SGD(model.parameters(), lr: learningRate)
    var run = RegressionRun()
    for epoch in 1...max(epochs, 1) {
        let output = model(x)
        let cost = criterion(output, y)
        optimizer.zeroGrad()
        cost.backward()
        optimizer.step()
        guard run.record(epoch: epoch, weight: model.weight.item(),
                         bias: model.bias!.item(), cost: cost.item(),
                         reportEvery: reportEvery) else { break }
    }
    return (model, initial, run)
}

let trainLinearAsTheSeedWritesListing = (file: #filePath, line: #line)
/// The seed's second program exactly as it is written: it never makes a new
/// optimizer, so the first program's one, which holds the old weight and bias, does
/// every step.
func trainLinearAsTheSeedWrites(x: Tensor, y: Tensor, epochs: Int,
                                learningRate: Float, seed: UInt64)
    -> (costs: [Float], model: Linear) {
    let weight = Tensor.zeros([1], requiresGrad: true)  // the first program's
    let bias = Tensor.zeros([1], requiresGrad: true)
    let optimizer = SGD([weight, bias], lr: learningRate)  // ... and its optimizer
    let model = withSeed(seed) { Linear(1, 1) }
    let criterion = MSELoss()
    var costs: [Float] = []
    for _ in 1...max(epochs, 1) {
        let output = model(x)
        let cost = criterion(output, y)
        optimizer.zeroGrad()  // clears weight.grad and bias.grad, not the model's
        cost.backward()       // adds to model.weight.grad and model.bias.grad
        optimizer.step()      // moves weight and bias, which the model never uses
        costs.append(cost.item())
    }
    return (costs, model)
}

/// A parameter list as PyTorch prints `list(model.parameters())`:
///
///     [Parameter containing:
///     tensor([[0.8787]], requires_grad=True), Parameter containing:
///     tensor([-0.4318], requires_grad=True)]
func parameterList(_ parameters: [Tensor]) -> String {
    "[" + parameters.map { "Parameter containing:\n\($0.description)" }.joined(separator: ", ") + "]"
}

// MARK: - The exact answer

/// The least-squares line, in Double, and the numbers it is made of.
struct LeastSquares {
    var meanX: Double, meanY: Double
    /// Σ (xᵢ - x̄)² / N and Σ (xᵢ - x̄)(yᵢ - ȳ) / N.
    var varianceX: Double, covarianceXY: Double
    var weight: Double { covarianceXY / varianceX }
    var bias: Double { meanY - weight * meanX }

    init(x: [Float], y: [Float]) {
        let n = Double(x.count)
        meanX = x.reduce(0) { $0 + Double($1) } / n
        meanY = y.reduce(0) { $0 + Double($1) } / n
        let (mx, my) = (meanX, meanY)
        varianceX = x.reduce(0) { $0 + (Double($1) - mx) * (Double($1) - mx) } / n
        covarianceXY = zip(x, y).reduce(0) { $0 + (Double($1.0) - mx) * (Double($1.1) - my) } / n
    }
}

/// The normal equations, Xᵀ X [w, b] = Xᵀ y with X = [x 1], solved by Cramer's rule:
///
///     [Σx²  Σx] [w]   [Σxy]
///     [Σx   N ] [b] = [Σy ]
func normalEquations(x: [Float], y: [Float]) -> (weight: Double, bias: Double) {
    let n = Double(x.count)
    let sx = x.reduce(0) { $0 + Double($1) }, sy = y.reduce(0) { $0 + Double($1) }
    let sxx = x.reduce(0) { $0 + Double($1) * Double($1) }
    let sxy = zip(x, y).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    let determinant = sxx * n - sx * sx
    return ((sxy * n - sx * sy) / determinant, (sxx * sy - sx * sxy) / determinant)
}

/// The cost mean((w xᵢ + b - yᵢ)²), in Double, anywhere on the plane (for the plots).
func cost(weight: Double, bias: Double, x: [Float], y: [Float]) -> Double {
    zip(x, y).reduce(0) { total, point in
        let error = weight * Double(point.0) + bias - Double(point.1)
        return total + error * error
    } / Double(x.count)
}

// MARK: - Why the bias is slow

/// The curvature of the cost: its Hessian (the same everywhere, because the cost is a quadratic)
///
///     H = 2 [mean(x²)  mean(x)]
///           [mean(x)   1      ]
///
/// and H's eigenvalues and the eigenvector of the small one. Gradient descent shrinks the
/// distance to the minimum along each eigenvector by a factor (1 - lr · λ) per step.
struct CostCurvature {
    var meanX: Double, meanXSquared: Double
    var largest: Double, smallest: Double
    /// The unit eigenvector (w, b) of the smallest eigenvalue: the valley's direction.
    var valley: (weight: Double, bias: Double)

    init(x: [Float]) {
        let n = Double(x.count)
        meanX = x.reduce(0) { $0 + Double($1) } / n
        meanXSquared = x.reduce(0) { $0 + Double($1) * Double($1) } / n
        let (a, b, d) = (2 * meanXSquared, 2 * meanX, 2.0)
        let middle = (a + d) / 2, spread = (((a - d) / 2) * ((a - d) / 2) + b * b).squareRoot()
        largest = middle + spread
        smallest = middle - spread
        // (H - λ I) v = 0: the first row gives (a - λ) v₀ + b v₁ = 0, so v = (b, λ - a).
        let (v0, v1) = (b, smallest - a)
        let length = (v0 * v0 + v1 * v1).squareRoot()
        valley = v1 < 0 ? (-v0 / length, -v1 / length) : (v0 / length, v1 / length)
    }

    /// How many times larger the steepest curvature is than the gentlest.
    var conditionNumber: Double { largest / smallest }
    /// The largest learning rate for which gradient descent does not blow up: 2 / λ_max.
    var stableLearningRateLimit: Double { 2 / largest }

    /// What is left after `epochs` steps of a distance `start` along the valley.
    func remaining(_ start: Double, epochs: Int, learningRate: Double) -> Double {
        start * pow(1 - learningRate * smallest, Double(epochs))
    }
}
