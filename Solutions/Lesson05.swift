// Lesson 05 · XOR with BCEWithLogitsLoss: reference answers.
//
// The same functions as Exercises/Lesson05.swift, with the answers written in. Check them with
// `swift run check --solutions 5`. Other answers can be just as right: the checks compare
// values and behaviour, not code.
import ExerciseChecks
import Torchlet

/// **5.1 Build the XOR classifier.**
///
/// The model of Lesson 05: two inputs, one hidden layer of `hidden` tanh units, one output
/// score (a logit, no sigmoid at the end: `BCEWithLogitsLoss` applies it itself):
///
///     x [b, 2] → Linear(2, hidden) → tanh → Linear(hidden, 1) → [b, 1]
///
/// Return it as a `Module`: a `Sequential` of the three layers, or a subclass of `Module` of
/// your own as in the lesson. Its parameters, in order, are the first layer's weight
/// `[hidden, 2]` and bias `[hidden]`, then the second's weight `[1, hidden]` and bias `[1]`,
/// all random (PyTorch's default initialisation, which `Linear` already does).
///
/// Hint: `Sequential(Linear(2, hidden), Tanh(), Linear(hidden, 1))`.
public func makeXORClassifier(hidden: Int) throws -> Module {
    // 5.1: return Linear(2, hidden) → Tanh → Linear(hidden, 1) as one Module.
    Sequential(Linear(2, hidden), Tanh(), Linear(hidden, 1))
}

/// **5.2 One training step.**
///
/// The five steps of the training loop, for one batch that the DataLoader has already handed
/// out (step 1): `inputs` `[b, 2]` and `labels` `[b]`, int64 zeros and ones.
///
///     2. predictions = model(inputs), squeezed from [b, 1] to [b]
///     3. loss = lossFunction(predictions, labels as floats)
///     4. clear the old gradients, then backpropagate the loss
///     5. let the optimizer update the parameters
///
/// Return the loss of this batch as a `Float` (computed before the update, as the training
/// loop records it). The model's parameters may hold gradients from an earlier step when you
/// are called: step 4 must not add to them.
///
/// Hint: `model(inputs).squeeze(dim: 1)`, `labels.float()`, `optimizer.zeroGrad()`,
/// `loss.backward()`, `optimizer.step()`, and `loss.item()` for the number.
public func trainingStep(
    model: Module, lossFunction: any Loss, optimizer: any Optimizer, inputs: Tensor, labels: Tensor
) throws -> Float {
    // 5.2: predictions, loss, zeroGrad, backward, step; return the loss as a Float.
    let predictions = model(inputs).squeeze(dim: 1)
    let loss = lossFunction(predictions, labels.float())
    optimizer.zeroGrad()
    loss.backward()
    optimizer.step()
    return loss.item()
}

/// **5.3 Accuracy from logits.**
///
/// The share of samples classified right, between 0 and 1. The model gives logits `[N, 1]`
/// (raw scores, not probabilities); `labels` are `[N]`, int64 zeros and ones. A sample is
/// predicted to be class 1 when its probability σ(logit) is at least 0.5, which is exactly
/// when the logit is at least 0:
///
///     predicted = logit ≥ 0 ? 1 : 0        accuracy = (number of predicted == label) / N
///
/// No gradient is needed: read the numbers with `.scalars` (the labels' are 0.0 and 1.0).
///
/// Hint: `zip(logits.scalars, labels.scalars)`, count the pairs where `(logit >= 0 ? 1 : 0)`
/// equals the label, divide by `labels.count`. Compare the logit with 0, not 0.5: 0.5 is the
/// threshold for probabilities.
public func accuracy(logits: Tensor, labels: Tensor) throws -> Float {
    // 5.3: count the logits on the right side of 0 for their label; divide by N.
    let correct = zip(logits.scalars, labels.scalars).filter { logit, label in
        Float(logit >= 0 ? 1 : 0) == label
    }.count
    return Float(correct) / Float(labels.count)
}
