// Lesson 08 · optimizers compared: reference answers.
//
// The same functions as Exercises/Lesson08.swift, with the answers written in. Check them with
// `swift run check --solutions 8`. Other answers can be just as right: the checks compare
// values, not code.
import ExerciseChecks
import Foundation
import Torchlet

/// **8.1 One step of SGD with momentum.**
///
/// Plain gradient descent forgets every gradient as soon as it has used it. Momentum keeps a
/// velocity v, a running sum of past gradients, and steps along it instead (PyTorch's form,
/// which `SGD(params, lr:, momentum:)` uses, with no dampening):
///
///     v ← μ·v + g          on the first step there is no v yet: v ← g
///     p ← p − lr·v
///
/// Where gradients keep pointing the same way, v grows to about g / (1 − μ), ten times a plain
/// step for μ = 0.9; where they flip sign, they cancel in v. `velocity` is `nil` before the first
/// step. Return the new parameter and the new velocity, both with `parameter`'s shape, and leave
/// the tensors you were given unchanged. No autograd here: these are plain numbers, as inside
/// `optimizer.step()`.
///
/// Hint: `let v = velocity.map { momentum * $0 + gradient } ?? gradient`, then
/// `parameter - learningRate * v`. Mind the sign: the minus is in the parameter's update, not
/// in the velocity's.
public func momentumUpdate(
    parameter: Tensor, gradient: Tensor, velocity: Tensor?, learningRate: Float, momentum: Float
) throws -> (parameter: Tensor, velocity: Tensor) {
    // 8.1: return (p − lr·v, v) with v = μ·v + g (v = g on the first step).
    let newVelocity = velocity.map { momentum * $0 + gradient } ?? gradient
    return (parameter - learningRate * newVelocity, newVelocity)
}

/// **8.2 One step of Adam, with bias correction.**
///
/// Adam keeps two running means per number: m of the gradients (momentum) and v of their
/// squares (how large they usually are), and steps by m / √v, so every parameter moves about
/// lr per step whatever the scale of its gradient. `step` is t, the number of this step,
/// counting from 1; m and v start at 0.
///
///     m ← β₁·m + (1 − β₁)·g
///     v ← β₂·v + (1 − β₂)·g²
///     m̂ ← m / (1 − β₁ᵗ)           bias corrections: m and v start at 0, so early on they are
///     v̂ ← v / (1 − β₂ᵗ)           too small; at t = 1 these give back m̂ = g and v̂ = g²
///     p ← p − lr · m̂ / (√v̂ + ε)
///
/// Return the new parameter and the new m and v (uncorrected: the corrected ones are only for
/// this step), all with `parameter`'s shape, leaving the tensors you were given unchanged. This
/// is `Adam(params, lr:, betas: (β₁, β₂), eps:)`, one `step()`.
///
/// Hint: `gradient * gradient` (or `.pow(2)`) for g², `.sqrt()` for the square root, and
/// `pow(beta1, Float(step))` for β₁ᵗ (Foundation's `pow`, imported above). Add ε after the
/// square root, not inside it.
public func adamUpdate(
    parameter: Tensor, gradient: Tensor, m: Tensor, v: Tensor, step: Int,
    learningRate: Float, beta1: Float, beta2: Float, eps: Float
) throws -> (parameter: Tensor, m: Tensor, v: Tensor) {
    // 8.2: update m and v, correct them for their start at 0, and step p by lr · m̂ / (√v̂ + ε).
    let newM = beta1 * m + (1 - beta1) * gradient
    let newV = beta2 * v + (1 - beta2) * gradient * gradient
    let mHat = newM / (1 - pow(beta1, Float(step)))
    let vHat = newV / (1 - pow(beta2, Float(step)))
    return (parameter - learningRate * mHat / (vHat.sqrt() + eps), newM, newV)
}
