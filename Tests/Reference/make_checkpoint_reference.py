"""Writes the safetensors fixtures that CheckpointTests.swift reads and compares against.

What it writes (into Tests/TorchletTests/Fixtures/):

* checkpoint.safetensors - the state_dict of
      nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))
  with the fixed weights below, plus an int64 tensor "labels", saved with
  safetensors.torch.save_file(..., metadata={"format": "pt"}) as Hugging Face does.
  Torchlet must read exactly these names, shapes, dtypes and values, and write the same
  tensors (with the same metadata) byte for byte: that is how the tests prove, without
  Python, that files Torchlet writes load in Python.

* checkpoint-edge-cases.safetensors - no metadata, and the corners of the format: a
  0-dimensional tensor, an empty tensor, a bool tensor, negative int64s, infinities, NaN,
  -0.0 and a subnormal, and names that need JSON escapes, non-ASCII letters and sorting
  by bytes ("B" < "a", "10.w" < "2.w").

Metadata with more than one key is left out on purpose: the Python library writes those keys
in a random order (they pass through a Rust HashMap), so no writer can match it byte for byte.

Rerun (needs torch and safetensors, e.g. in /opt/torch-venv):

    /opt/torch-venv/bin/python Tests/Reference/make_checkpoint_reference.py

The tests themselves never need Python: the two files are committed.
"""

import json
import math
import os
import struct

import torch
from torch import nn
from safetensors.torch import load_file, save_file

torch.set_default_dtype(torch.float32)

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "TorchletTests", "Fixtures")

# The model's weights, written out so the Swift tests can repeat them exactly.
FIRST_WEIGHT = [[0.5, -0.25], [0.125, 1.0], [-1.5, 0.75], [0.1, -0.3]]  # [4, 2]
FIRST_BIAS = [0.01, -0.02, 0.03, -0.04]  # [4]
SECOND_WEIGHT = [[1.25, -0.6, 0.333, 2.0]]  # [1, 4]
SECOND_BIAS = [-0.7]  # [1]
LABELS = [[0, 3], [-2, 16777216]]  # int64 [2, 2]


def model_state():
    model = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor(FIRST_WEIGHT))
        model[0].bias.copy_(torch.tensor(FIRST_BIAS))
        model[2].weight.copy_(torch.tensor(SECOND_WEIGHT))
        model[2].bias.copy_(torch.tensor(SECOND_BIAS))
    state = {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}
    state["labels"] = torch.tensor(LABELS, dtype=torch.int64)
    return state


def edge_cases():
    return {
        "scalar": torch.tensor(-1.5),
        "empty": torch.zeros(0, 3),
        "mask": torch.tensor([True, False, True]),
        "counts": torch.tensor([-3, 0, 7], dtype=torch.int64),
        "specials": torch.tensor([math.inf, -math.inf, math.nan, -0.0, 1e-45, 3.4028234663852886e38]),
        "B": torch.tensor([1.0]),
        "a": torch.tensor([2.0]),
        "10.w": torch.tensor([3.0]),
        "2.w": torch.tensor([4.0]),
        "caf\u00e9": torch.tensor([5.0]),
        'quote"back\\slash\nnew\ttab\u0001': torch.tensor([6.0]),
    }


def describe(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    print(f"{os.path.relpath(path)}: {len(data)} bytes, header {n} bytes")
    print("  header:", data[8 : 8 + n].decode("utf-8"))
    for name, tensor in load_file(path).items():
        print(f"  {json.dumps(name)}: {tensor.dtype} {list(tensor.shape)} {tensor.flatten().tolist()}")


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    checkpoint = os.path.join(FIXTURES, "checkpoint.safetensors")
    save_file(model_state(), checkpoint, metadata={"format": "pt"})
    describe(checkpoint)
    edges = os.path.join(FIXTURES, "checkpoint-edge-cases.safetensors")
    save_file(edge_cases(), edges)
    describe(edges)


if __name__ == "__main__":
    main()
