// Lesson 04 · linear regression: reference answers.
//
// The same functions as Exercises/Lesson04.swift, with the answers written in. Check them with
// `swift run check --solutions 4`. Other answers can be just as right: the checks compare
// values, not code.
import ExerciseChecks
import Torchlet

/// **4.1 The gradients of the mean squared error, by hand.**
///
/// A line ŷ = w · x + b is fitted to N points (xᵢ, yᵢ) by making the cost small:
///
///     L(w, b) = (1/N) Σᵢ (w xᵢ + b - yᵢ)²
///
/// Gradient descent needs its two partial derivatives. With the miss eᵢ = w xᵢ + b - yᵢ, the
/// chain rule gives d(eᵢ²)/dw = 2 eᵢ · xᵢ and d(eᵢ²)/db = 2 eᵢ, so
///
///     dL/dw = (2/N) Σᵢ (w xᵢ + b - yᵢ) · xᵢ        dL/db = (2/N) Σᵢ (w xᵢ + b - yᵢ)
///
/// `x` and `y` have the same shape (a vector `[N]`, or a column `[N, 1]` as in the lesson), and
/// N is their number of elements. Return both derivatives as plain numbers, computed from the
/// formulas (no `backward()`: that is what Lesson 04 compares them with).
///
/// Hint: `let error = weight * x + bias - y` is a tensor of every miss (a Float and a Tensor
/// combine element by element); `(error * x).mean()` and `error.mean()` are one-number tensors,
/// and `.item()` turns them into Floats. Don't forget the 2.
public func mseGradients(weight: Float, bias: Float, x: Tensor, y: Tensor) throws -> (dWeight: Float, dBias: Float) {
    // 4.1: return ((2/N) Σ (w x + b − y) · x, (2/N) Σ (w x + b − y)).
    let error = weight * x + bias - y
    return (2 * (error * x).mean().item(), 2 * error.mean().item())
}

/// **4.2 One step of gradient descent.**
///
/// One step moves each parameter a little downhill, against its gradient, by the learning rate:
///
///     w ← w - lr · dL/dw        b ← b - lr · dL/db
///
/// where both derivatives are taken at the current (w, b), on all the points (a full batch, as
/// in Lesson 04), with L the mean squared error of 4.1. Return the new weight and bias. This is
/// what `optimizer.step()` does for `SGD([weight, bias], lr: learningRate)` after
/// `cost.backward()`.
///
/// Hint: compute both gradients first, with your `mseGradients` from 4.1, and only then move
/// the parameters: the bias's gradient belongs to the old weight, not to the new one.
public func sgdStep(weight: Float, bias: Float, x: Tensor, y: Tensor, learningRate: Float) throws -> (weight: Float, bias: Float) {
    // 4.2: return (w − lr · dL/dw, b − lr · dL/db), both gradients taken at the old (w, b).
    let (dWeight, dBias) = try mseGradients(weight: weight, bias: bias, x: x, y: y)
    return (weight - learningRate * dWeight, bias - learningRate * dBias)
}

/// **4.3 The least-squares line, exactly.**
///
/// For a line there is no need to descend: setting both derivatives of 4.1 to zero gives the
/// best weight and bias directly. dL/db = 0 says the line passes through the centre of the data
/// (x̄, ȳ); dL/dw = 0 then gives the slope:
///
///     w = Σᵢ (xᵢ - x̄)(yᵢ - ȳ) / Σᵢ (xᵢ - x̄)²   ( = cov(x, y) / var(x) )
///     b = ȳ - w · x̄
///
/// `x` and `y` have the same shape (`[N]` or `[N, 1]`), and the x are not all equal. Return
/// the weight and the bias.
///
/// Hint: subtract the means first (`x - x.mean()` broadcasts), then sum the products. The
/// expanded form Σxy/N - x̄ȳ over Σx²/N - x̄² is the same on paper, but in 32-bit floats it
/// subtracts two nearly equal large numbers when the x are far from 0 (say, around 1000), and
/// loses most of its digits.
public func closedFormLeastSquares(x: Tensor, y: Tensor) throws -> (weight: Float, bias: Float) {
    // 4.3: return (Σ (x − x̄)(y − ȳ) / Σ (x − x̄)², ȳ − w · x̄).
    let meanX = x.mean(), meanY = y.mean()
    let dx = x - meanX, dy = y - meanY
    let weight = (dx * dy).sum().item() / dx.pow(2).sum().item()
    return (weight, meanY.item() - weight * meanX.item())
}
