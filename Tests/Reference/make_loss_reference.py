"""Reference numbers for Torchlet's loss functions, computed by PyTorch.

What it computes
    For every loss (MSELoss, L1Loss, BCELoss, BCEWithLogitsLoss, NLLLoss, CrossEntropyLoss),
    every reduction ('mean', 'sum', 'none') and the options that change the maths (weight,
    pos_weight, ignore_index, label_smoothing, and combinations of them), the loss value and the
    gradients of the input (and, for the elementwise losses, of the target) after backward().
    For reduction='none' the backward pass starts from a fixed upstream gradient, saved with
    the case, so the per-element gradients are all exercised.

    A few composed cases check what the lessons show:
    - sigmoid followed by BCELoss on large logits saturates at 100 (PyTorch clamps log at -100)
      while BCEWithLogitsLoss on the same logits stays exact;
    - Lesson 3's numbers: CrossEntropyLoss on 3x5 logits with targets [1, 0, 3] (equal to
      log_softmax followed by NLLLoss) and BCELoss after sigmoid with targets [1, 0, 1, 0].

    Inputs are drawn from a seeded generator, rounded to 4 decimals, printed, and saved in the
    fixture next to the results: the Swift tests read the inputs from the fixture and never
    depend on matching PyTorch's random numbers.

How to rerun it (from the package root)
    /opt/torch-venv/bin/python Tests/Reference/make_loss_reference.py

It writes Tests/TorchletTests/Fixtures/losses.json: {"torch": version, "cases": [...]}, each case
    {"name", "loss", "reduction", "input", "target", "output", "inputGrad"} with optional
    "weight", "posWeight", "ignoreIndex", "labelSmoothing", "upstream", "targetGrad", "compose";
    every tensor as {"shape": [...], "values": [flat row-major floats]}.
"""

import json
import math
import os

import torch
import torch.nn as nn

torch.set_default_dtype(torch.float32)
generator = torch.Generator().manual_seed(2024)


def rounded(t):
    return torch.round(t * 10000) / 10000


def randn(*shape, scale=1.0):
    return rounded(torch.randn(*shape, generator=generator) * scale)


def rand(*shape, low=0.0, high=1.0):
    return rounded(low + (high - low) * torch.rand(*shape, generator=generator))


def encoded(t):
    values = [float(v) for v in t.detach().reshape(-1).tolist()]
    for v in values:
        if not math.isfinite(v):
            raise ValueError(f"non-finite value {v} cannot go into JSON")
    return {"shape": list(t.shape), "values": values}


def make_module(loss, reduction, weight, pos_weight, ignore_index, label_smoothing):
    if loss == "mse":
        return nn.MSELoss(reduction=reduction)
    if loss == "l1":
        return nn.L1Loss(reduction=reduction)
    if loss == "bce":
        return nn.BCELoss(weight=weight, reduction=reduction)
    if loss == "bceWithLogits":
        return nn.BCEWithLogitsLoss(weight=weight, reduction=reduction, pos_weight=pos_weight)
    if loss == "nll":
        return nn.NLLLoss(weight=weight, ignore_index=ignore_index, reduction=reduction)
    if loss == "crossEntropy":
        return nn.CrossEntropyLoss(weight=weight, ignore_index=ignore_index, reduction=reduction,
                                   label_smoothing=label_smoothing)
    raise ValueError(loss)


cases = []


def add_case(name, loss, reduction, inputs, target, weight=None, pos_weight=None, ignore_index=-100,
             label_smoothing=0.0, target_grad=False, compose=None):
    """Runs one loss in PyTorch and records inputs, value and gradients.

    compose="sigmoid" applies torch.sigmoid to the input first (the input is then logits and
    inputGrad is the gradient of the logits)."""
    x = inputs.clone().requires_grad_(True)
    y = target.clone()
    if target_grad:
        y.requires_grad_(True)
    module = make_module(loss, reduction, weight, pos_weight, ignore_index, label_smoothing)
    out = module(torch.sigmoid(x) if compose == "sigmoid" else x, y)
    case = {"name": name, "loss": loss, "reduction": reduction,
            "input": encoded(inputs), "target": encoded(target), "output": encoded(out)}
    if out.dim() > 0 or reduction == "none":
        upstream = rounded(torch.linspace(-1.0, 1.5, out.numel()).reshape(out.shape) + 0.05)
        out.backward(upstream)
        case["upstream"] = encoded(upstream)
    else:
        out.backward()
    case["inputGrad"] = encoded(x.grad)
    if target_grad:
        case["targetGrad"] = encoded(y.grad)
    if weight is not None:
        case["weight"] = encoded(weight)
    if pos_weight is not None:
        case["posWeight"] = encoded(pos_weight)
    if loss in ("nll", "crossEntropy"):
        case["ignoreIndex"] = ignore_index
    if loss == "crossEntropy":
        case["labelSmoothing"] = label_smoothing
    if compose:
        case["compose"] = compose
    cases.append(case)
    print(f"{name:40s} {reduction:5s} -> {out.detach().reshape(-1)[:4].tolist()}")


REDUCTIONS = ["mean", "sum", "none"]

# --- Regression losses: MSELoss, L1Loss ---------------------------------------------------
prediction = randn(2, 3)
truth = randn(2, 3)
truth[0, 1] = prediction[0, 1]          # one exact hit: L1's gradient there is sign(0) = 0
print("prediction", prediction.tolist(), "\ntruth", truth.tolist())
for r in REDUCTIONS:
    add_case("mse", "mse", r, prediction, truth, target_grad=True)
    add_case("l1", "l1", r, prediction, truth, target_grad=True)

# --- BCELoss on probabilities ---------------------------------------------------------------
probabilities = rand(2, 3, low=0.02, high=0.98)
labels = rand(2, 3)                      # soft labels in [0, 1]
labels[0, 0], labels[1, 2] = 1.0, 0.0   # and hard ones
bce_weight = rounded(torch.tensor([0.5, 2.0, 1.5]))   # broadcast over the rows
print("probabilities", probabilities.tolist(), "\nlabels", labels.tolist())
for r in REDUCTIONS:
    add_case("bce", "bce", r, probabilities, labels, target_grad=True)
    add_case("bce weight", "bce", r, probabilities, labels, weight=bce_weight, target_grad=True)
# Probabilities of exactly 0 and 1: log(0) is clamped at -100, so the loss is 100, not inf.
for r in REDUCTIONS:
    add_case("bce saturated", "bce", r, torch.tensor([0.0, 1.0, 0.0, 1.0, 0.5]),
             torch.tensor([1.0, 0.0, 0.0, 1.0, 1.0]))

# --- BCEWithLogitsLoss on raw scores --------------------------------------------------------
logits = randn(2, 3, scale=2.0)
pos_weight = rounded(torch.tensor([3.0, 0.5, 1.0]))
for r in REDUCTIONS:
    add_case("bceWithLogits", "bceWithLogits", r, logits, labels, target_grad=True)
    add_case("bceWithLogits weight", "bceWithLogits", r, logits, labels, weight=bce_weight, target_grad=True)
    add_case("bceWithLogits posWeight", "bceWithLogits", r, logits, labels, pos_weight=pos_weight,
             target_grad=True)
    add_case("bceWithLogits weight+posWeight", "bceWithLogits", r, logits, labels,
             weight=torch.tensor([[2.0], [0.25]]), pos_weight=pos_weight, target_grad=True)

# Large logits: sigmoid + BCELoss saturates at 100, BCEWithLogitsLoss stays exact.
large_logits = torch.tensor([-200.0, -30.0, 0.0, 30.0, 200.0])
large_targets = torch.tensor([1.0, 1.0, 0.0, 0.0, 0.0])
for r in REDUCTIONS:
    add_case("large logits sigmoid+bce", "bce", r, large_logits, large_targets, compose="sigmoid")
    add_case("large logits bceWithLogits", "bceWithLogits", r, large_logits, large_targets)

# --- NLLLoss and CrossEntropyLoss -----------------------------------------------------------
scores = randn(4, 5, scale=1.5)
log_probabilities = rounded(torch.log_softmax(scores, dim=1))
classes = torch.tensor([1, 0, 4, 2])
with_ignored = torch.tensor([1, -100, 4, 2])
class_weight = rounded(torch.tensor([0.2, 1.0, 2.5, 0.7, 1.3]))
print("scores", scores.tolist(), "\nlog_probabilities", log_probabilities.tolist())
for r in REDUCTIONS:
    for loss, x in (("nll", log_probabilities), ("crossEntropy", scores)):
        add_case(f"{loss}", loss, r, x, classes)
        add_case(f"{loss} weight", loss, r, x, classes, weight=class_weight)
        add_case(f"{loss} ignoreIndex", loss, r, x, with_ignored)
        add_case(f"{loss} weight+ignoreIndex", loss, r, x, with_ignored, weight=class_weight)
        add_case(f"{loss} ignoreIndex=2", loss, r, x, classes, ignore_index=2, weight=class_weight)
        add_case(f"{loss} single sample", loss, r, x[2], torch.tensor(4))
    for smoothing in (0.1, 0.3):
        add_case(f"crossEntropy labelSmoothing={smoothing}", "crossEntropy", r, scores, classes,
                 label_smoothing=smoothing)
        add_case(f"crossEntropy labelSmoothing={smoothing}+weight+ignoreIndex", "crossEntropy", r, scores,
                 with_ignored, weight=class_weight, label_smoothing=smoothing)
    add_case("crossEntropy labelSmoothing+weight", "crossEntropy", r, scores, classes,
             weight=class_weight, label_smoothing=0.2)
    add_case("crossEntropy labelSmoothing+ignoreIndex", "crossEntropy", r, scores, with_ignored,
             label_smoothing=0.2)
    add_case("crossEntropy large logits", "crossEntropy", r,
             torch.tensor([[1000.0, 0.0, -1000.0], [-500.0, 500.0, 0.0]]), torch.tensor([2, 1]))

# --- Lesson 3's numbers ---------------------------------------------------------------------
lesson_logits = torch.tensor([[1.2, -0.5, 0.3, 2.0, -1.1],
                              [0.4, 1.7, -0.9, 0.0, 0.6],
                              [-1.3, 0.8, 0.2, 1.5, -0.4]])
lesson_targets = torch.tensor([1, 0, 3])
add_case("lesson03 crossEntropy", "crossEntropy", "mean", lesson_logits, lesson_targets)
separately = nn.NLLLoss()(torch.log_softmax(lesson_logits, dim=1), lesson_targets)
assert torch.allclose(separately, nn.CrossEntropyLoss()(lesson_logits, lesson_targets))
print("lesson03 log_softmax + NLLLoss:", separately.item())
add_case("lesson03 sigmoid+bce", "bce", "mean", torch.tensor([2.0, -1.0, 0.5, 0.3]),
         torch.tensor([1.0, 0.0, 1.0, 0.0]), compose="sigmoid")

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "TorchletTests", "Fixtures", "losses.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(path)} ({os.path.getsize(path)} bytes)")
