// Lesson 01 · the perceptron: reference answers.
//
// The same functions as Exercises/Lesson01.swift, with the answers written in. Check them with
// `swift run check --solutions 1`. Other answers can be just as right: the checks compare
// values and gradients, not code.
import ExerciseChecks
import Torchlet

/// **1.1 The perceptron's forward pass.**
///
/// A perceptron gives each input feature a weight, adds up the weighted features plus a bias,
/// and squashes that score into a probability between 0 and 1 with the sigmoid:
///
///     ŷₙ = σ(xₙ · wᵀ + b)        σ(z) = 1 / (1 + e⁻ᶻ)
///
///     x: [batch, in]   weight w: [1, in]   bias b: [1]   →   ŷ: [batch]
///
/// The weight and bias have the shapes of a `Linear(in, 1)` layer's, so this is PyTorch's
/// `torch.sigmoid(nn.Linear(in, 1)(x)).squeeze(1)`. The matrix product gives a column
/// `[batch, 1]`; return a plain vector `[batch]`, one probability per sample. Build the result
/// from Tensor operations, so that `backward()` can reach the weight and the bias.
///
/// Hint: `x.matmul(weight.t())` is `[batch, 1]` and `+ bias` broadcasts over the batch; then
/// `.sigmoid()` and `.squeeze(dim: 1)`. A plain `.squeeze()` would also remove the batch
/// dimension of a batch of one sample.
public func perceptronForward(x: Tensor, weight: Tensor, bias: Tensor) throws -> Tensor {
    // 1.1: return σ(x · weightᵀ + bias), with shape [batch].
    (x.matmul(weight.t()) + bias).sigmoid().squeeze(dim: 1)
}

/// **1.2 One step of the perceptron learning rule.**
///
/// Long before gradients, Rosenblatt's perceptron (1958) learned with a rule of thumb. It
/// predicts with a hard step instead of a sigmoid,
///
///     z = w · x + b          ŷ = 1 if z ≥ 0, else 0
///
/// and after each sample `(x, t)` corrects itself by its error `t - ŷ`, which is +1, 0 or -1:
///
///     w ← w + lr · (t - ŷ) · x
///     b ← b + lr · (t - ŷ)
///
/// A right guess changes nothing. A missed positive (t = 1, ŷ = 0) moves w toward x, so the
/// next score of x is higher; a false alarm (t = 0, ŷ = 1) moves it away. Here `weight` and `x`
/// are vectors `[in]`, `bias` is one number (shape `[]`), `target` is 0 or 1. Return the new
/// weight and bias, with the same shapes, and leave the tensors you were given unchanged.
///
/// Hint: `(weight * x).sum() + bias` is z, and `.item()` turns a one-number tensor into a
/// `Float`, so an ordinary `if` decides ŷ. The step has no useful gradient (it is flat
/// everywhere), which is why this rule needs no autograd: `weight + (learningRate * error) * x`.
public func perceptronRuleStep(
    weight: Tensor, bias: Tensor, x: Tensor, target: Float, learningRate: Float
) throws -> (weight: Tensor, bias: Tensor) {
    // 1.2: predict ŷ with the step, then return (w + lr·(t − ŷ)·x, b + lr·(t − ŷ)).
    let score = ((weight * x).sum() + bias).item()
    let prediction: Float = score >= 0 ? 1 : 0
    let error = target - prediction
    return (weight + (learningRate * error) * x, bias + learningRate * error)
}
