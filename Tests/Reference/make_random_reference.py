"""Reference random numbers for Torchlet's generator, computed by PyTorch (CPU).

What it computes
    Torchlet draws its random numbers as PyTorch's CPU generator does (mt19937 seeded with the
    seed, and PyTorch's recipes on top of it), so the same seed and the same calls give the
    same numbers. Each case here seeds PyTorch (torch.manual_seed), runs a list of operations
    in order, and records what each one returned:
    - streams after several seeds (0, 1, 42, 5 and 2^32 + 5, a large 64-bit seed, 2^64 - 1);
    - randn below and above the 16-number threshold of the vectorised path (3, 15, 16, 17,
      100, 1000), and the cached second Box-Muller number across calls;
    - mixed call orders (rand, randn, randint, randn ...);
    - randint with small, negative, 32-bit and wider ranges; randperm for several n;
    - nn.Linear and nn.Conv2d default initialisation, nn.init's uniform_, normal_,
      kaiming_uniform_, kaiming_normal_, xavier_uniform_, xavier_normal_;
    - F.dropout masks, and what is drawn after them;
    - DataLoader orders over 3 epochs (shuffled from the global generator, shuffled with its
      own generator, with drop_last, unshuffled), and random_split.

    Every float tensor is recorded by its float32 bit patterns: all of them when there are at
    most 64, else the first 16, and always the count and the sum of all bit patterns modulo
    2^64, so the tests compare every bit of every number. Whole numbers are recorded as they are.

How to rerun it (from the package root, with PyTorch installed)
    python3 Tests/Reference/make_random_reference.py

It writes Tests/TorchletTests/Fixtures/random.json:
    {"torch": version, "cpuCapability": ..., "cases": [{"name", "seed", "ops": [op, ...]}]}
    with each op {"op": name, its arguments, "outputs": [tensor, ...]} and each tensor
    {"count", "bitsum", "bits" (float32 patterns) or "ints"}.
"""

import json
import math
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset, random_split

torch.set_default_dtype(torch.float32)


def floats(t):
    bits = t.detach().contiguous().numpy().astype(np.float32).view(np.uint32).ravel()
    entry = {"count": int(bits.size), "bitsum": sum(int(b) for b in bits) % (1 << 64)}
    entry["bits"] = [int(b) for b in (bits if bits.size <= 64 else bits[:16])]
    return entry


def ints(values):
    values = [int(v) for v in values]
    return {"count": len(values), "bitsum": sum(values) % (1 << 64), "ints": values}


def run(op):
    """Performs one operation on the global generator and returns its record."""
    kind = op["op"]
    if kind == "rand":
        out = [floats(torch.rand(op["shape"]))]
    elif kind == "randn":
        out = [floats(torch.randn(op["shape"]))]
    elif kind == "randint":
        out = [ints(torch.randint(op["low"], op["high"], op["shape"]).tolist())]
    elif kind == "randperm":
        out = [ints(torch.randperm(op["n"]).tolist())]
    elif kind == "uniform":
        out = [floats(torch.empty(op["shape"]).uniform_(op["a"], op["b"]))]
    elif kind == "normal":
        out = [floats(torch.empty(op["shape"]).normal_(op["mean"], op["std"]))]
    elif kind == "linear":
        layer = nn.Linear(op["in"], op["out"], bias=op["bias"])
        out = [floats(layer.weight)] + ([floats(layer.bias)] if op["bias"] else [])
    elif kind == "conv2d":
        layer = nn.Conv2d(op["in"], op["out"], op["kernel"], bias=op["bias"])
        out = [floats(layer.weight)] + ([floats(layer.bias)] if op["bias"] else [])
    elif kind == "init":
        t = torch.empty(op["shape"])
        fn = op["function"]
        if fn == "kaiming_uniform_":
            nn.init.kaiming_uniform_(t, a=op["a"], mode=op["mode"], nonlinearity=op["nonlinearity"])
        elif fn == "kaiming_normal_":
            nn.init.kaiming_normal_(t, a=op["a"], mode=op["mode"], nonlinearity=op["nonlinearity"])
        elif fn == "xavier_uniform_":
            nn.init.xavier_uniform_(t, gain=op["gain"])
        elif fn == "xavier_normal_":
            nn.init.xavier_normal_(t, gain=op["gain"])
        else:
            raise ValueError(fn)
        out = [floats(t)]
    elif kind == "dropout":
        out = [floats(F.dropout(torch.ones(op["shape"]), op["p"], training=True))]
    elif kind == "dataloader":
        data = TensorDataset(torch.arange(op["count"]))
        generator = None if op["generatorSeed"] is None else torch.Generator().manual_seed(op["generatorSeed"])
        loader = DataLoader(data, batch_size=op["batchSize"], shuffle=op["shuffle"],
                            drop_last=op["dropLast"], generator=generator)
        out = [ints(torch.cat([batch[0] for batch in loader]).tolist()) for _ in range(op["epochs"])]
    elif kind == "random_split":
        generator = torch.default_generator if op["generatorSeed"] is None \
            else torch.Generator().manual_seed(op["generatorSeed"])
        parts = random_split(range(op["count"]), op["lengths"], generator=generator)
        out = [ints(part.indices) for part in parts]
    else:
        raise ValueError(kind)
    return dict(op, outputs=out)


def case(name, seed, ops):
    torch.manual_seed(seed)
    return {"name": name, "seed": seed, "ops": [run(op) for op in ops]}


def rand(*shape): return {"op": "rand", "shape": list(shape)}
def randn(*shape): return {"op": "randn", "shape": list(shape)}
def randint(low, high, *shape): return {"op": "randint", "low": low, "high": high, "shape": list(shape)}
def randperm(n): return {"op": "randperm", "n": n}


def init(function, shape, **options):
    base = {"a": 0.0, "mode": "fan_in", "nonlinearity": "leaky_relu", "gain": 1.0}
    return dict({"op": "init", "function": function, "shape": list(shape)}, **dict(base, **options))


def loader(count, batch, shuffle=True, drop_last=False, generator_seed=None, epochs=3):
    return {"op": "dataloader", "count": count, "batchSize": batch, "shuffle": shuffle,
            "dropLast": drop_last, "generatorSeed": generator_seed, "epochs": epochs}


cases = []
stream = [rand(5), randn(3), randint(0, 10, 5), randn(17), rand(2)]
for seed in [0, 1, 42, 5, 2**32 + 5, 0x9E3779B97F4A7C15, 2**64 - 1]:
    cases.append(case(f"stream after seed {seed}", seed, stream))
for n in [1, 2, 3, 15, 16, 17, 31, 32, 33, 100, 1000, 100_000]:
    cases.append(case(f"randn({n}) after seed 42", 42, [randn(n), rand(1)]))
cases.append(case("randn(2, 3, 4): 24 numbers, the vectorised path", 7, [randn(2, 3, 4)]))
cases.append(case("the cached normal survives a vectorised call", 3,
                  [randn(1), randn(20), randn(1), randn(3), rand(1)]))
cases.append(case("mixed order", 42, [rand(3), randn(3), randint(0, 10, 4), randn(1), randn(2),
                                      rand(17), randn(5), randint(-3, 3, 6), randn(40)]))
cases.append(case("randint ranges", 11, [
    randint(0, 2, 20), randint(-5, 5, 10), randint(0, 1000, 10), randint(0, 2**31, 4),
    randint(0, 2**32 - 1, 4), randint(0, 2**32, 4), randint(0, 2**40, 4), randint(-2**40, 2**40, 4),
    randint(-2**62, 2**62, 4), rand(2)]))
cases.append(case("randperm", 42, [randperm(10)]))
cases.append(case("randperm sizes", 0, [randperm(n) for n in [0, 1, 2, 3, 10, 100, 1000]] + [rand(1)]))
cases.append(case("nn.Linear(2, 4)", 42, [{"op": "linear", "in": 2, "out": 4, "bias": True}]))
cases.append(case("nn.Linear(784, 256)", 42, [{"op": "linear", "in": 784, "out": 256, "bias": True}]))
cases.append(case("nn.Linear layers in a row", 0, [
    {"op": "linear", "in": 3, "out": 5, "bias": True}, {"op": "linear", "in": 5, "out": 2, "bias": False},
    {"op": "linear", "in": 100, "out": 10, "bias": True}, rand(1)]))
cases.append(case("nn.Conv2d defaults", 1, [
    {"op": "conv2d", "in": 1, "out": 8, "kernel": 3, "bias": True},
    {"op": "conv2d", "in": 3, "out": 16, "kernel": 5, "bias": True},
    {"op": "conv2d", "in": 2, "out": 4, "kernel": 2, "bias": False}, rand(1)]))
cases.append(case("nn.init", 5, [
    init("kaiming_uniform_", [64, 32]),
    init("kaiming_uniform_", [20, 10, 3, 3], a=math.sqrt(5)),
    init("kaiming_uniform_", [30, 40], mode="fan_out", nonlinearity="relu"),
    init("kaiming_normal_", [64, 32], nonlinearity="relu"),
    init("kaiming_normal_", [3, 4], nonlinearity="relu"),
    init("kaiming_normal_", [50, 20], mode="fan_out", nonlinearity="relu"),
    init("xavier_uniform_", [20, 30]),
    init("xavier_uniform_", [8, 4, 3, 3], gain=nn.init.calculate_gain("tanh")),
    init("xavier_normal_", [20, 30]),
    init("xavier_normal_", [2, 3], gain=2.0),
    {"op": "uniform", "shape": [10], "a": -2.0, "b": 3.0},
    {"op": "normal", "shape": [10], "mean": 0.5, "std": 2.0},
    {"op": "normal", "shape": [40], "mean": 0.5, "std": 2.0},
    rand(1)]))
cases.append(case("dropout", 0, [
    {"op": "dropout", "shape": [20], "p": 0.3}, {"op": "dropout", "shape": [1000], "p": 0.5},
    {"op": "dropout", "shape": [64], "p": 0.1}, rand(3)]))
cases.append(case("DataLoader shuffled from the global generator", 42, [loader(10, 4), rand(2)]))
cases.append(case("DataLoader with its own generator", 0, [loader(10, 4, generator_seed=7), rand(1)]))
cases.append(case("DataLoader with drop_last and its own generator", 0,
                  [loader(23, 4, drop_last=True, generator_seed=3)]))
cases.append(case("DataLoader over 100 samples", 1, [loader(100, 32), randn(2)]))
cases.append(case("unshuffled DataLoader", 42, [loader(6, 4, shuffle=False, epochs=2), rand(1)]))
cases.append(case("random_split", 5, [
    {"op": "random_split", "count": 10, "lengths": [3, 7], "generatorSeed": 42},
    {"op": "random_split", "count": 11, "lengths": [0.5, 0.3, 0.2], "generatorSeed": None}, rand(1)]))

out = {"torch": torch.__version__, "cpuCapability": torch.backends.cpu.get_cpu_capability(), "cases": cases}
path = os.path.join(os.path.dirname(__file__), "..", "TorchletTests", "Fixtures", "random.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(path)} (torch {torch.__version__})")
