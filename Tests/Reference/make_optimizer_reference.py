"""Reference trajectories for Torchlet's optimizers and learning-rate schedulers, computed by PyTorch.

What it computes
    A small regression problem: inputs x of shape [4, 3], targets y of shape [4, 2], a weight W
    of shape [3, 2] and a bias b of shape [2], and the loss mean((x @ W + b - y)^2) (MSELoss).
    For every optimizer and every option that changes the update rule
      - SGD: plain, momentum, momentum + dampening, Nesterov, weight decay, and combinations;
      - Adam: default betas, other betas and eps, amsgrad, weight decay, and amsgrad + weight decay
        with beta2 = 0.5 (so v falls and the running maximum of amsgrad differs from v; with
        beta2 = 0.999 it would not within STEPS steps), next to the same case without amsgrad;
      - AdamW: default weight decay, larger weight decay + amsgrad with beta2 = 0.6;
      - Adagrad: plain, lr_decay + initial_accumulator_value, weight decay;
      - RMSprop: plain, momentum, centered, weight decay, centered + momentum + weight decay;
    it runs STEPS training steps (zero_grad, loss, backward, step) from the same starting W and b
    and saves W and b after every step, the loss before every step, and the optimizer's final
    state flattened to Torchlet's names (state.<i>.<name>, i = 0 for W and 1 for b).

    For the schedulers (StepLR and CosineAnnealingLR, also past T_max) it saves the learning rate
    after creation and after each scheduler.step(), from get_last_lr().

    x, y, W and b are drawn from a seeded generator and rounded to 4 decimals; they are saved in
    the fixture, so the Swift tests never depend on matching PyTorch's random numbers.

How to rerun it (from the package root)
    /opt/torch-venv/bin/python Tests/Reference/make_optimizer_reference.py

It writes Tests/TorchletTests/Fixtures/optimizers.json:
    {"torch": version, "steps": STEPS, "x", "y", "weight", "bias",
     "cases": [{"name", "optimizer", "options": {Torchlet argument name: value}, "losses": [...],
                "weights": [[...] per step], "biases": [[...] per step], "finalState": {name: tensor}}],
     "schedulers": [{"name", "scheduler", "lr", "options": {...}, "learningRates": [...]}]}
    every tensor as {"shape": [...], "values": [flat row-major floats]}.
"""

import json
import math
import os

import torch
import torch.nn as nn

torch.set_default_dtype(torch.float32)
generator = torch.Generator().manual_seed(2025)
STEPS = 8


def rounded(t):
    return torch.round(t * 10000) / 10000


def randn(*shape):
    return rounded(torch.randn(*shape, generator=generator))


def encoded(t):
    values = [float(v) for v in t.detach().reshape(-1).tolist()]
    for v in values:
        if not math.isfinite(v):
            raise ValueError(f"non-finite value {v} cannot go into JSON")
    return {"shape": list(t.shape), "values": values}


x = randn(4, 3)
y = randn(4, 2)
weight0 = randn(3, 2)
bias0 = randn(2)

# Torchlet's argument names -> PyTorch's.
TORCH_NAMES = {"lr": "lr", "momentum": "momentum", "dampening": "dampening", "weightDecay": "weight_decay",
               "nesterov": "nesterov", "betas": "betas", "eps": "eps", "amsgrad": "amsgrad",
               "lrDecay": "lr_decay", "initialAccumulatorValue": "initial_accumulator_value",
               "alpha": "alpha", "centered": "centered"}
OPTIMIZERS = {"SGD": torch.optim.SGD, "Adam": torch.optim.Adam, "AdamW": torch.optim.AdamW,
              "Adagrad": torch.optim.Adagrad, "RMSprop": torch.optim.RMSprop}

CASES = [
    ("SGD", "SGD", {"lr": 0.1}),
    ("SGD momentum", "SGD", {"lr": 0.1, "momentum": 0.9}),
    ("SGD momentum+dampening", "SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.3}),
    ("SGD nesterov", "SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True}),
    ("SGD weightDecay", "SGD", {"lr": 0.1, "weightDecay": 0.1}),
    ("SGD momentum+dampening+weightDecay", "SGD", {"lr": 0.05, "momentum": 0.8, "dampening": 0.2, "weightDecay": 0.05}),
    ("SGD nesterov+weightDecay", "SGD", {"lr": 0.05, "momentum": 0.5, "nesterov": True, "weightDecay": 0.2}),
    ("Adam", "Adam", {"lr": 0.05}),
    ("Adam betas+eps", "Adam", {"lr": 0.05, "betas": [0.8, 0.9], "eps": 1e-3}),
    ("Adam amsgrad", "Adam", {"lr": 0.05, "amsgrad": True}),
    ("Adam weightDecay", "Adam", {"lr": 0.05, "weightDecay": 0.1}),
    ("Adam amsgrad+weightDecay+betas", "Adam", {"lr": 0.05, "amsgrad": True, "weightDecay": 0.3, "betas": [0.9, 0.5]}),
    ("Adam betas (v falls)", "Adam", {"lr": 0.05, "weightDecay": 0.3, "betas": [0.9, 0.5]}),
    ("AdamW", "AdamW", {"lr": 0.05}),
    ("AdamW weightDecay+amsgrad+betas", "AdamW", {"lr": 0.05, "weightDecay": 0.5, "amsgrad": True, "betas": [0.9, 0.6]}),
    ("Adagrad", "Adagrad", {"lr": 0.1}),
    ("Adagrad lrDecay+initialAccumulatorValue", "Adagrad", {"lr": 0.1, "lrDecay": 0.1, "initialAccumulatorValue": 0.5}),
    ("Adagrad weightDecay+eps", "Adagrad", {"lr": 0.1, "weightDecay": 0.1, "eps": 1e-3}),
    ("RMSprop", "RMSprop", {"lr": 0.01}),
    ("RMSprop momentum", "RMSprop", {"lr": 0.01, "momentum": 0.9}),
    ("RMSprop centered", "RMSprop", {"lr": 0.01, "centered": True}),
    ("RMSprop weightDecay+alpha", "RMSprop", {"lr": 0.01, "weightDecay": 0.1, "alpha": 0.9}),
    ("RMSprop centered+momentum+weightDecay", "RMSprop", {"lr": 0.01, "centered": True, "momentum": 0.5,
                                                          "weightDecay": 0.1}),
]


def flattened_state(optimizer):
    state = {}
    for index, entries in optimizer.state_dict()["state"].items():
        for name, value in entries.items():
            if value is None:
                continue
            state[f"state.{index}.{name}"] = encoded(torch.as_tensor(value, dtype=torch.float32))
    return state


cases = []
for name, kind, options in CASES:
    weight = weight0.clone().requires_grad_(True)
    bias = bias0.clone().requires_grad_(True)
    torch_options = {TORCH_NAMES[k]: (tuple(v) if k == "betas" else v) for k, v in options.items()}
    optimizer = OPTIMIZERS[kind]([weight, bias], foreach=False, **torch_options)
    losses, weights, biases = [], [], []
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = nn.MSELoss()(x @ weight + bias, y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        weights.append(encoded(weight)["values"])
        biases.append(encoded(bias)["values"])
    print(f"{name:45s} loss {losses[0]:.5f} -> {losses[-1]:.5f}")
    cases.append({"name": name, "optimizer": kind, "options": options, "losses": losses,
                  "weights": weights, "biases": biases, "finalState": flattened_state(optimizer)})

SCHEDULERS = [
    ("StepLR stepSize=3 gamma=0.5", "StepLR", 0.1, {"stepSize": 3, "gamma": 0.5}, 12),
    ("StepLR stepSize=2 default gamma", "StepLR", 1.0, {"stepSize": 2}, 7),
    ("CosineAnnealingLR tMax=10", "CosineAnnealingLR", 0.1, {"tMax": 10}, 10),
    ("CosineAnnealingLR tMax=5 etaMin=0.01, past tMax", "CosineAnnealingLR", 0.1, {"tMax": 5, "etaMin": 0.01}, 16),
]
schedulers = []
for name, kind, lr, options, epochs in SCHEDULERS:
    parameter = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([parameter], lr=lr)
    if kind == "StepLR":
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=options["stepSize"],
                                                    gamma=options.get("gamma", 0.1))
    else:
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=options["tMax"],
                                                               eta_min=options.get("etaMin", 0.0))
    rates = [scheduler.get_last_lr()[0]]
    for _ in range(epochs):
        optimizer.step()   # (no gradient: nothing changes; keeps PyTorch's order, optimizer before scheduler)
        scheduler.step()
        rates.append(scheduler.get_last_lr()[0])
    print(f"{name:45s} {[round(r, 5) for r in rates]}")
    schedulers.append({"name": name, "scheduler": kind, "lr": lr, "options": options, "learningRates": rates})

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "TorchletTests", "Fixtures", "optimizers.json")
with open(path, "w") as f:
    json.dump({"torch": torch.__version__, "steps": STEPS, "x": encoded(x), "y": encoded(y),
               "weight": encoded(weight0), "bias": encoded(bias0), "cases": cases, "schedulers": schedulers},
              f, indent=1)
    f.write("\n")
print("wrote", os.path.normpath(path))
