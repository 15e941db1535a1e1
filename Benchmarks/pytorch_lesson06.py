#!/usr/bin/env python3
"""Lesson06's default run in PyTorch: the same program, for a side-by-side comparison.

The same data (the four IDX files, read here with a small NumPy reader, so torchvision is not
needed; pixels scaled to [0, 1] as ToTensor does), the same network (Flatten, Linear(784, 256),
ReLU, Linear(256, 256), ReLU, Linear(256, 10), every weight drawn with
torch.nn.init.normal_(std=0.01), biases left at PyTorch's default), the same loss
(CrossEntropyLoss), optimizer (Adam, lr 1e-3; or SGD with momentum 0.9), batch size (100,
shuffled every epoch) and number of epochs (15). Prints, per epoch, the training time (forward,
backward, step: the evaluation is timed apart, as in the lesson), the mean training loss and the
test accuracy; then the median seconds per epoch and the peak resident memory.

Run it from the repository root, on 2 threads like the Swift side:

    /opt/torch-venv/bin/python Benchmarks/pytorch_lesson06.py --data-dir /usr/share/datasets/fashion-mnist
    /opt/torch-venv/bin/python Benchmarks/pytorch_lesson06.py --data-dir ../shared/data/mnist-10k-split

and the Swift side with the same settings:

    OPENBLAS_NUM_THREADS=2 swift run -c release Lesson06 --plot none --data-dir /usr/share/datasets/fashion-mnist

Flags: --epochs, --lr, --batch-size, --optimizer adam|sgd, --train-limit, --test-limit,
--threads (default 2), --seed.
"""

import argparse
import gzip
import os
import resource
import statistics
import sys
import time


def read_idx(path):
    """The array in an IDX file (.gz or raw): magic 0x0000080N (unsigned bytes, N dimensions)."""
    import numpy as np

    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if data[0] != 0 or data[1] != 0 or data[2] != 8:
        sys.exit(f"{path}: not an IDX file of unsigned bytes")
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def locate(folder, name):
    for candidate in (name, name[:-3]):
        path = os.path.join(folder, candidate)
        if os.path.exists(path):
            return path
    sys.exit(f"{name} is not in {folder}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--lr", type=float, default=None)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--optimizer", choices=["adam", "sgd"], default="adam")
    parser.add_argument("--train-limit", type=int, default=None)
    parser.add_argument("--test-limit", type=int, default=None)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[variable] = str(args.threads)
    import numpy as np
    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    def load(images, labels, limit):
        x = read_idx(locate(args.data_dir, images))[:limit]
        y = read_idx(locate(args.data_dir, labels))[:limit]
        x = torch.from_numpy(x.astype(np.float32) / 255).reshape(-1, 1, 28, 28)
        return x, torch.from_numpy(y.astype(np.int64))

    train_x, train_y = load("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", args.train_limit)
    test_x, test_y = load("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", args.test_limit)

    model = torch.nn.Sequential(
        torch.nn.Flatten(),
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 10))
    for layer in model:
        if isinstance(layer, torch.nn.Linear):
            torch.nn.init.normal_(layer.weight, std=0.01)
    lr = args.lr if args.lr is not None else (1e-3 if args.optimizer == "adam" else 1e-2)
    if args.optimizer == "adam":
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    else:
        optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    loss_function = torch.nn.CrossEntropyLoss()
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(train_x, train_y),
                                         batch_size=args.batch_size, shuffle=True)

    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {len(train_x)} training and "
          f"{len(test_x)} test images from {args.data_dir}; {args.optimizer} lr {lr}, batch {args.batch_size}")
    seconds = []
    start_all = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        model.train()
        start = time.perf_counter()
        loss_sum, seen = 0.0, 0
        for images, labels in loader:
            loss = loss_function(model(images), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(labels)
            seen += len(labels)
        seconds.append(time.perf_counter() - start)
        model.eval()
        with torch.no_grad():
            accuracy = (model(test_x).argmax(dim=1) == test_y).float().mean().item()
        print(f"epoch {epoch:3d}  train loss {loss_sum / seen:.4f}  test acc {100 * accuracy:.2f}%  "
              f"{seconds[-1]:.2f} s", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"median {statistics.median(seconds):.3f} s per epoch of training; whole run "
          f"{time.perf_counter() - start_all:.1f} s; final test accuracy {100 * accuracy:.2f}%; "
          f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
