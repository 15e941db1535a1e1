#!/usr/bin/env python3
"""Lesson 07's training run in PyTorch: the same program, to hold Torchlet's figures against.

The seed's CNN on MNIST or Fashion-MNIST, trained as `swift run Lesson07` trains it:

    Conv2d(1,32,3,p1)-ReLU-MaxPool2 -> Conv2d(32,64,3,p1)-ReLU-MaxPool2 ->
    Conv2d(64,128,3,p1)-ReLU-MaxPool(2,2,p1) -> Flatten (4*4*128) ->
    Linear(2048,625, xavier uniform)-ReLU-Dropout(0.5) -> Linear(625,10, xavier uniform)

CrossEntropyLoss, Adam(lr=1e-3), batch 100, shuffled every epoch, pixels scaled to [0, 1]
(torchvision's ToTensor(), no normalisation), 4 epochs by default. After every epoch the whole
test set is evaluated in eval() mode under no_grad, 100 pictures at a time. It prints, per epoch,
the training time (forward, backward and step only, as the lesson's "seconds" column), the mean
training loss and the test accuracy, then the peak resident memory of the process.

The data is read from the same four IDX files the lesson reads (`.gz` or unpacked), with a
small numpy reader, so torchvision is not needed.

    /opt/torch-venv/bin/python Benchmarks/pytorch_lesson07.py \\
        --data-dir /usr/share/datasets/fashion-mnist --epochs 4 --threads 2
    /opt/torch-venv/bin/python Benchmarks/pytorch_lesson07.py \\
        --data-dir ../shared/data/mnist-10k-split --epochs 4

Threads: `torch.set_num_threads(threads)` (2 by default, the machine's cores), with the OMP, MKL
and OpenBLAS variables set before torch loads. Run it next to `swift run Lesson07` on the same
machine, one after the other, with nothing else running, to compare seconds per epoch.
"""

import argparse
import gzip
import os
import resource
import struct
import sys
import time


def read_idx(folder, name):
    """The array in IDX file `name` (or `name` without `.gz`) in `folder`, as uint8."""
    import numpy as np

    path = os.path.join(folder, name)
    if not os.path.exists(path) and os.path.exists(path[:-3]):
        path = path[:-3]
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, dims = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        sys.exit(f"{path}: not an IDX file of unsigned bytes")
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--train-limit", type=int, default=None)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[variable] = str(args.threads)
    import numpy as np
    import torch
    from torch import nn

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    def load(images, labels, limit=None):
        x = read_idx(args.data_dir, images)[:limit].astype(np.float32) / 255
        y = read_idx(args.data_dir, labels)[:limit].astype(np.int64)
        return torch.from_numpy(x).unsqueeze(1), torch.from_numpy(y)

    train_x, train_y = load("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", args.train_limit)
    test_x, test_y = load("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")

    fc1 = nn.Linear(4 * 4 * 128, 625)
    nn.init.xavier_uniform_(fc1.weight)
    fc2 = nn.Linear(625, 10)
    nn.init.xavier_uniform_(fc2.weight)
    model = nn.Sequential(
        nn.Conv2d(1, 32, kernel_size=3, stride=1, padding=1), nn.ReLU(), nn.MaxPool2d(kernel_size=2, stride=2),
        nn.Conv2d(32, 64, kernel_size=3, stride=1, padding=1), nn.ReLU(), nn.MaxPool2d(kernel_size=2, stride=2),
        nn.Conv2d(64, 128, kernel_size=3, stride=1, padding=1), nn.ReLU(),
        nn.MaxPool2d(kernel_size=2, stride=2, padding=1),
        nn.Flatten(),
        fc1, nn.ReLU(), nn.Dropout(p=0.5),
        fc2)
    loss_function = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(train_x, train_y),
                                         batch_size=args.batch_size, shuffle=True)

    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {len(train_x)} training and "
          f"{len(test_x)} test pictures from {args.data_dir}")
    print("epoch  train loss  test acc  seconds  ms/step")
    started = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        model.train()
        start = time.perf_counter()
        loss_sum, seen, steps = 0.0, 0, 0
        for images, labels in loader:
            loss = loss_function(model(images), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(labels)
            seen += len(labels)
            steps += 1
        seconds = time.perf_counter() - start
        model.eval()
        right = 0
        with torch.no_grad():
            for first in range(0, len(test_x), 100):
                right += (model(test_x[first:first + 100]).argmax(1) == test_y[first:first + 100]).sum().item()
        print(f"{epoch:5d}  {loss_sum / seen:10.4f}  {100 * right / len(test_x):7.2f}%  {seconds:7.1f}  "
              f"{1000 * seconds / steps:7.1f}", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"total {time.perf_counter() - started:.1f} s, peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
