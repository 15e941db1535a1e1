// Lesson 02 · activation functions: reference answers.
//
// The same functions as Exercises/Lesson02.swift, with the answers written in. Check them with
// `swift run check --solutions 2`. Other answers can be just as right: the checks compare
// values and gradients, not code.
import ExerciseChecks
import Torchlet

/// **2.1 The sigmoid.**
///
/// The logistic sigmoid squashes any real number into (0, 1), which is why it turns a score
/// into a probability:
///
///     σ(x) = 1 / (1 + e⁻ˣ)        σ(0) = 0.5,   σ(x) → 1 as x → ∞,   σ(x) → 0 as x → -∞
///
/// Compute it elementwise with Tensor operations (not with `x.sigmoid()`: that is the engine's
/// own, which the check compares yours with), so that `backward()` works through it.
///
/// Hint: `(-x).exp()`, then `1 + ...` and `1 / ...` (a number and a tensor combine elementwise).
/// The same function written as `eˣ / (1 + eˣ)` breaks for large x: e¹⁰⁰ is already `inf` in a
/// Float, and inf / inf = nan.
public func sigmoid(_ x: Tensor) throws -> Tensor {
    // 2.1: return 1 / (1 + e^(−x)), elementwise.
    1 / (1 + (-x).exp())
}

/// **2.2 The sigmoid's derivative.**
///
/// Backpropagation multiplies by each activation's derivative. The sigmoid's has a neat form:
///
///     σ(x) = (1 + e⁻ˣ)⁻¹   ⇒   σ'(x) = e⁻ˣ / (1 + e⁻ˣ)² = σ(x) · (1 - σ(x))
///
/// It peaks at σ'(0) = 1/4 and is nearly 0 for large |x|: a gradient passing through many
/// sigmoids shrinks at least fourfold each time (the vanishing gradient). The check compares
/// your formula with what autograd computes for `x.sigmoid()`.
///
/// Hint: compute `s = x.sigmoid()` (or your own `sigmoid(x)`) once, then `s * (1 - s)`.
/// `σ(x)` alone is the function, not its slope.
public func sigmoidDerivative(_ x: Tensor) throws -> Tensor {
    // 2.2: return σ(x) · (1 − σ(x)), elementwise.
    let s = x.sigmoid()
    return s * (1 - s)
}

/// **2.3 A softmax that survives large scores.**
///
/// Softmax turns a row of scores into probabilities that sum to 1:
///
///     softmax(x)ᵢ = exp(xᵢ) / Σⱼ exp(xⱼ)          (the sum along `dim`)
///
/// Written like that it fails on large scores: a Float holds at most about 3.4·10³⁸ = e^88.7,
/// so exp(1000) is `inf` and inf / inf is `nan`. The cure is one line of algebra: for any number
/// m, multiplying the top and bottom by e⁻ᵐ changes nothing,
///
///     exp(xᵢ) / Σⱼ exp(xⱼ) = exp(xᵢ - m) / Σⱼ exp(xⱼ - m)
///
/// and with m = max x every exponent is ≤ 0, so every exp is at most 1 and the largest is
/// exactly 1: nothing overflows and the sum is never 0. Compute softmax along `dim` this way
/// (without calling `x.softmax(dim:)`), with Tensor operations.
///
/// Hint: `x.max(dim: dim, keepDim: true).values` is the largest score of each row (keepDim keeps
/// the dimension, so `x - m` broadcasts), then `.exp()` and `.sum(dim: dim, keepDim: true)`.
public func stableSoftmax(_ x: Tensor, dim: Int) throws -> Tensor {
    // 2.3: subtract the max along dim, exponentiate, divide by the sum along dim.
    let largest = x.max(dim: dim, keepDim: true).values
    let exponentials = (x - largest).exp()
    return exponentials / exponentials.sum(dim: dim, keepDim: true)
}

/// **2.4 The leaky ReLU.**
///
/// ReLU, max(0, x), passes positive numbers and zeroes negative ones, so a neuron whose input is
/// always negative gets no gradient and never recovers (a "dead" ReLU). The leaky ReLU lets a
/// little through on the negative side:
///
///     leakyRelu(x) = x              if x > 0
///                    a · x          otherwise        (a = negativeSlope, PyTorch's default 0.01)
///
/// and its slope is 1 on the right and a on the left, never 0. Compute it elementwise with
/// Tensor operations (without calling `x.leakyRelu(negativeSlope:)`).
///
/// Hint: no `if` per number is needed: `x.relu()` is the positive part of x and `-(-x).relu()`
/// its negative part (or use `x.clamp(min: 0)` and `x.clamp(max: 0)`); scale only the negative
/// part.
public func leakyRelu(_ x: Tensor, negativeSlope: Float) throws -> Tensor {
    // 2.4: return x where x > 0 and negativeSlope · x elsewhere.
    x.relu() - negativeSlope * (-x).relu()
}
