#!/usr/bin/env python3
"""PyTorch's side of the Torchlet training-step benchmark: seconds per training step on the CPU.

The Swift `Benchmark` executable starts this script with `--serve` and keeps it running: it asks
for one sample at a time, alternating with its own samples of the same step, so that both sides
are measured on the same machine, within a fraction of a second of each other, with the same
method (warm up; find how many steps fill `sample_seconds`; time `samples` such batches).

The three training steps are the ones the lessons take, on a fixed random batch; the first
"step" is autograd's bookkeeping alone, as in the Swift benchmark's small-op row:

    smallop  ((x + w) * w).sum(), backward(), on 4-number tensors; then the gradients cleared
    xor  batch 128: Linear(2,4)-Tanh-Linear(4,1), BCEWithLogitsLoss, SGD(lr=0.1)
    mlp  batch 100: Linear(784,256)-ReLU-Linear(256,256)-ReLU-Linear(256,10), CrossEntropyLoss, SGD(lr=0.01)
    cnn  batch 100 of 1x28x28: Conv2d(1,32,3,p1)-ReLU-MaxPool2 -> Conv2d(32,64,3,p1)-ReLU-MaxPool2 ->
         Conv2d(64,128,3,p1)-ReLU-MaxPool(2,2,p1) -> Flatten -> Linear(2048,625, xavier uniform)-ReLU-
         Dropout(0.5) -> Linear(625,10), CrossEntropyLoss, Adam(lr=1e-3)

One step is what a training loop does per batch: `optimizer.zero_grad()`, the forward pass, the
loss, `loss.backward()`, `optimizer.step()`.

`--peak-memory cnn --steps N` instead trains the CNN for N steps over a synthetic data set of
N * 100 images (a DataLoader, batch 100, shuffled) and prints the process's peak resident memory.

Threads: `torch.set_num_threads(threads)` and OMP/MKL/OpenBLAS variables set before torch loads;
the Swift benchmark passes `--threads`.

Exit status 3 (and a message on stderr) if PyTorch is missing.

    python3 Benchmarks/pytorch_training_steps.py --models xor,mlp,cnn --threads 2

The `--serve` protocol, one JSON object per line:
    first, the script prints  {"torch_version": "2.15.0", "threads": 2}
    then, for every request   {"model": "mlp", "samples": 1, "sample_seconds": 0.1, "warmup_seconds": 0.02}
    it answers                {"model": "mlp", "seconds_per_call": [0.00123]}
    until its standard input closes.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time


def measure(body, samples, sample_seconds, warmup_seconds):
    """Seconds per call of `body`: one figure per sample, each the mean over a batch of calls."""
    warmup_start = time.perf_counter()
    while True:
        start = time.perf_counter()
        body()
        one_call = time.perf_counter() - start
        if time.perf_counter() - warmup_start >= warmup_seconds:
            break
    calls = max(1, int(sample_seconds / max(one_call, 1e-9)))
    per_call = []
    for _ in range(samples):
        start = time.perf_counter()
        for _ in range(calls):
            body()
        per_call.append((time.perf_counter() - start) / calls)
    return per_call


def build(torch, model_name):
    """The model, its loss, its optimizer and one fixed batch (inputs, targets)."""
    nn = torch.nn
    generator = torch.Generator().manual_seed(0)
    if model_name == "xor":
        model = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))
        inputs = torch.rand(128, 2, generator=generator)
        targets = (torch.rand(128, generator=generator) > 0.5).float()
        loss_function = nn.BCEWithLogitsLoss()
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        return model, lambda out: loss_function(out.squeeze(1), targets), optimizer, inputs
    if model_name == "mlp":
        model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
        inputs = torch.rand(100, 784, generator=generator)
        targets = torch.randint(0, 10, (100,), generator=generator)
        loss_function = nn.CrossEntropyLoss()
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
        return model, lambda out: loss_function(out, targets), optimizer, inputs
    if model_name == "cnn":
        model = cnn(nn)
        inputs = torch.rand(100, 1, 28, 28, generator=generator)
        targets = torch.randint(0, 10, (100,), generator=generator)
        loss_function = nn.CrossEntropyLoss()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        return model, lambda out: loss_function(out, targets), optimizer, inputs
    raise SystemExit(f"unknown model '{model_name}': choose xor, mlp or cnn")


def cnn(nn):
    """Lesson 7's network."""
    fully_connected = nn.Linear(4 * 4 * 128, 625)
    nn.init.xavier_uniform_(fully_connected.weight)
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, stride=2, padding=1),
        nn.Flatten(),
        fully_connected, nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(625, 10),
    )


def small_op(torch):
    """((x + w) * w).sum() and backward() on 4 numbers, then the gradients cleared."""
    x = torch.tensor([1.0, 2, 3, 4], requires_grad=True)
    w = torch.tensor([0.5, -1, 2, 0.25], requires_grad=True)

    def step():
        ((x + w) * w).sum().backward()
        x.grad = None
        w.grad = None

    return step


def training_step(model, loss_of, optimizer, inputs):
    """One step of a training loop, as a function of nothing."""
    model.train()

    def step():
        optimizer.zero_grad()
        loss = loss_of(model(inputs))
        loss.backward()
        optimizer.step()

    return step


def peak_memory_run(torch, steps):
    """Trains the CNN for `steps` batches of 100 from a DataLoader; returns peak RSS in bytes."""
    generator = torch.Generator().manual_seed(0)
    images = torch.rand(steps * 100, 1, 28, 28, generator=generator)
    labels = torch.randint(0, 10, (steps * 100,), generator=generator)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(images, labels),
                                         batch_size=100, shuffle=True, generator=generator)
    model = cnn(torch.nn)
    loss_function = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    for inputs, targets in loader:
        optimizer.zero_grad()
        loss = loss_function(model(inputs), targets)
        loss.backward()
        optimizer.step()
    # Linux reports ru_maxrss in kilobytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--serve", action="store_true",
                        help="answer measurement requests on stdin (used by the Swift benchmark)")
    parser.add_argument("--models", default="smallop,xor,mlp,cnn", help="comma-separated: smallop, xor, mlp, cnn")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--sample-seconds", type=float, default=0.1)
    parser.add_argument("--warmup-seconds", type=float, default=0.3)
    parser.add_argument("--peak-memory", choices=["cnn"], help="train the CNN and print the peak memory")
    parser.add_argument("--steps", type=int, default=60, help="steps of the --peak-memory run")
    args = parser.parse_args()

    for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[variable] = str(args.threads)
    try:
        import torch
    except ImportError:
        print("PyTorch is not installed for this Python (install it with: pip install torch)", file=sys.stderr)
        sys.exit(3)
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    if args.peak_memory:
        peak = peak_memory_run(torch, args.steps)
        print(json.dumps({"torch_version": torch.__version__, "steps": args.steps, "peak_rss_bytes": peak}))
        return

    steps = {}

    def step_of(model_name):
        if model_name not in steps:
            steps[model_name] = small_op(torch) if model_name == "smallop" else training_step(*build(torch, model_name))
        return steps[model_name]

    if args.serve:
        print(json.dumps({"torch_version": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
        for line in sys.stdin:
            if not line.strip():
                continue
            request = json.loads(line)
            per_call = measure(step_of(request["model"]), request["samples"],
                               request["sample_seconds"], request["warmup_seconds"])
            print(json.dumps({"model": request["model"], "seconds_per_call": per_call}), flush=True)
        return

    results = []
    for model_name in args.models.split(","):
        per_call = measure(step_of(model_name), args.samples, args.sample_seconds, args.warmup_seconds)
        results.append({"model": model_name, "seconds_per_call": per_call,
                        "best_ms": min(per_call) * 1e3, "median_ms": statistics.median(per_call) * 1e3})
    print(json.dumps({"torch_version": torch.__version__, "threads": torch.get_num_threads(),
                      "results": results}, indent=1))


if __name__ == "__main__":
    main()
