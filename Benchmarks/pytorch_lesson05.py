#!/usr/bin/env python3
"""Lesson05's program in PyTorch, timed end to end: the other side of `time .build/debug/Lesson05`.

Run it from the repository root with a Python that has PyTorch (nothing in the package needs it):

    /opt/torch-venv/bin/python Benchmarks/pytorch_lesson05.py            # one run, seconds printed
    /opt/torch-venv/bin/python Benchmarks/pytorch_lesson05.py --runs 5   # five runs in one process
    /opt/torch-venv/bin/python Benchmarks/pytorch_lesson05.py --threads 1

It does the computations of `swift run Lesson05` (Lessons/Lesson05), in the same order and with
the same sizes, but prints only a summary instead of the lesson's text, and draws no pictures
(the lesson's plots are gnuplot's work, which is included in the Swift timing; here the numbers
behind each plot are computed and written to a text file instead):

    1. the UvA tutorial's XORDataset: 2,500 training and 500 test points, std 0.1
    2. SimpleClassifier Linear(2,4)-Tanh-Linear(4,1); its output on the four corners
    3. sigmoid + BCELoss against BCEWithLogitsLoss for logits 1, 5, 10, 15, 17, 20, 50 (with gradients)
    4. one training step on the four corners, on a copy of the model
    5. three steps on 128 points with and without zero_grad (gradients recorded)
    6. training: DataLoader(batch 128, shuffled), BCEWithLogitsLoss, SGD(lr=0.1), 100 epochs,
       the mean loss of each epoch
    7. the same 100 epochs from the same start and batches, without zero_grad
    8. test accuracy (model.eval(), torch.no_grad(), DataLoader(batch 128)); the first 6 predictions
    9. sigmoid(model(x)) on a 201 x 201 grid over [-0.5, 1.5]^2
   10. state_dict saved (safetensors if installed, else torch.save) and loaded into a new model
   11. seed 141 (the lesson's stallingSeed) trained for 300 epochs, test accuracy after epoch 100
       and 300 (the same work; Torchlet draws PyTorch's random numbers, so the seed that stalls in
       the lesson stalls here too)

It prints the time of `import torch` and of the program after it, so both comparisons can be made:
Torchlet's whole process (`time .build/debug/Lesson05 --plot png`, which has no import to pay)
against PyTorch's whole process, or against PyTorch without its import.
"""

import argparse
import copy
import os
import sys
import tempfile
import time

START = time.perf_counter()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="how many times to run the program in this process")
    parser.add_argument("--threads", type=int, default=None, help="torch.set_num_threads (default: PyTorch's)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--numbers", action="store_true",
                        help="print the numbers `swift run Lesson05 --seed N` prints (training points, untrained "
                             "logits, epoch losses, trained weights), to compare them line by line")
    parser.add_argument("--per-sample", action="store_true",
                        help="fetch batches sample by sample with __getitem__, as the tutorial's XORDataset does "
                             "(default: one __getitems__ call per batch, as Torchlet's XORDataset.batch(at:))")
    args = parser.parse_args()

    if args.threads:
        for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
            os.environ[name] = str(args.threads)
    before_import = time.perf_counter()
    try:
        import torch
    except ImportError:
        print("PyTorch is not installed in this Python; use /opt/torch-venv/bin/python", file=sys.stderr)
        sys.exit(3)
    import_seconds = time.perf_counter() - before_import
    if args.threads:
        torch.set_num_threads(args.threads)

    program_seconds = []
    for _ in range(args.runs):
        start = time.perf_counter()
        summary = lesson05(torch, args.seed, args.per_sample, show=print if args.numbers else None)
        program_seconds.append(time.perf_counter() - start)

    fetching = "sample by sample (__getitem__)" if args.per_sample else "one __getitems__ per batch"
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, batches fetched {fetching}")
    print(f"test accuracy {summary['accuracy'] * 100:.2f}%, final loss {summary['final_loss']:.4f}, "
          f"seed 141: {summary['stalled'][0] * 100:.2f}% after 100 epochs, {summary['stalled'][1] * 100:.2f}% after 300")
    print(f"import torch: {import_seconds:.3f} s")
    print("program after the import: " + ", ".join(f"{s:.3f}" for s in program_seconds) + " s")
    print(f"whole process so far: {time.perf_counter() - START:.3f} s")


def lesson05(torch, seed, per_sample, show=None):
    """Runs the lesson's steps; `show`, if given, receives the lines to print, labelled as the
    lesson labels the same numbers."""
    import torch.nn as nn
    import torch.utils.data as data

    class XORDataset(data.Dataset):
        def __init__(self, size, std=0.1):
            corners = torch.randint(low=0, high=2, size=(size, 2), dtype=torch.float32)
            self.label = (corners.sum(dim=1) == 1).to(torch.long)
            self.data = corners + std * torch.randn(corners.shape)

        def __len__(self):
            return self.data.shape[0]

        def __getitem__(self, idx):
            return self.data[idx], self.label[idx]

    class BatchedXORDataset(XORDataset):
        """Hands out a whole batch with one indexing operation (`__getitems__`, which the
        DataLoader uses when a dataset has it), as Torchlet's XORDataset does with batch(at:)."""

        def __getitems__(self, indices):
            index = torch.tensor(indices)
            return [self.data[index], self.label[index]]

    class SimpleClassifier(nn.Module):
        def __init__(self):
            super().__init__()
            self.linear1 = nn.Linear(2, 4)
            self.act_fn = nn.Tanh()
            self.linear2 = nn.Linear(4, 1)

        def forward(self, x):
            return self.linear2(self.act_fn(self.linear1(x)))

    Data = XORDataset if per_sample else BatchedXORDataset

    def loader_for(dataset, **options):
        """A DataLoader; for a dataset that hands out whole batches, one that keeps them as they are."""
        if not per_sample:
            options["collate_fn"] = lambda batch: batch
        return data.DataLoader(dataset, **options)

    def copy_of(model):
        """A copy with the same parameters, as Torchlet's model.copy(): deepcopy draws no
        random numbers (a new SimpleClassifier() would, and shift every later draw)."""
        return copy.deepcopy(model)

    def train_model(model, optimizer, loader, loss_module, epochs, zero_grad=True, after_epoch=None):
        losses = []
        for epoch in range(1, epochs + 1):
            model.train()
            total, seen = 0.0, 0
            for inputs, labels in loader:
                preds = model(inputs).squeeze(dim=1)
                loss = loss_module(preds, labels.float())
                if zero_grad:
                    optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                total += loss.item() * labels.shape[0]
                seen += labels.shape[0]
            losses.append(total / seen)
            if after_epoch:
                after_epoch(epoch)
        return losses

    def eval_model(model, dataset):
        model.eval()
        correct = 0
        with torch.no_grad():
            for inputs, labels in loader_for(dataset, batch_size=128, shuffle=False):
                preds = model(inputs).squeeze(dim=1)
                correct += ((preds >= 0).long() == labels).sum().item()
        return correct / len(dataset)

    def run(epochs, seed, accuracy_at=()):
        torch.manual_seed(seed)
        train_set, test_set = Data(2500), Data(500)
        model = SimpleClassifier()
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        loader_seed = int(torch.randint(0, 2**62, ()).item())   # as runXOR's seed: randomSeed()
        loader = loader_for(train_set, batch_size=128, shuffle=True,
                            generator=torch.Generator().manual_seed(loader_seed))
        accuracies = {}

        def after(epoch):
            if epoch in accuracy_at:
                accuracies[epoch] = eval_model(model, test_set)
        losses = train_model(model, optimizer, loader, nn.BCEWithLogitsLoss(), epochs, after_epoch=after)
        return losses, eval_model(model, test_set), accuracies

    torch.manual_seed(seed)
    # 1-2. data and model
    train_set, test_set = Data(2500), Data(500)
    model = SimpleClassifier()
    corners = torch.tensor([[0.0, 0], [0, 1], [1, 0], [1, 1]])
    corner_labels = torch.tensor([0, 1, 1, 0])
    logits = model(corners)
    logits.sigmoid()
    if show:
        for i in range(3):
            show(f"trainSet[{i}] = (input: {train_set.data[i]}, label: {train_set.label[i]})")
        show(f"logits = {logits}")

    # 3. why logits
    for logit in (1.0, 5, 10, 15, 17, 20, 50):
        for two_step in (True, False):
            x = torch.tensor([float(logit)], requires_grad=True)
            target = torch.tensor([0.0])
            loss = nn.BCELoss()(x.sigmoid(), target) if two_step else nn.BCEWithLogitsLoss()(x, target)
            loss.backward()

    # 4. one step on the four corners, on a copy
    step_model = copy_of(model)
    optimizer = torch.optim.SGD(step_model.parameters(), lr=0.1)
    loss = nn.BCEWithLogitsLoss()(step_model(corners).squeeze(dim=1), corner_labels.float())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    with torch.no_grad():
        nn.BCEWithLogitsLoss()(step_model(corners).squeeze(dim=1), corner_labels.float())

    # 5. three steps with and without zero_grad
    inputs, labels = train_set.data[:128], train_set.label[:128]
    for clearing in (True, False):
        twin = copy_of(model)
        optimizer = torch.optim.SGD(twin.parameters(), lr=0.1)
        for _ in range(3):
            loss = nn.BCEWithLogitsLoss()(twin(inputs).squeeze(dim=1), labels.float())
            if clearing:
                optimizer.zero_grad()
            loss.backward()
            twin.linear2.weight.grad.clone()
            optimizer.step()

    # 6. training
    loader_seed = int(torch.randint(0, 2**62, ()).item())   # the lesson's seed: randomSeed()
    loader = loader_for(train_set, batch_size=128, shuffle=True,
                        generator=torch.Generator().manual_seed(loader_seed))
    untrained = copy_of(model)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = train_model(model, optimizer, loader, nn.BCEWithLogitsLoss(), 100)
    if show:
        show("epoch  mean training loss")
        for epoch in (1, 2, 5, 10, 20, 50, 100):
            show(f"{epoch:5d}  {losses[epoch - 1]:18.4f}")
        for name, tensor in model.state_dict().items():
            show(f"{name} = {tensor}")

    # 7. the same run without zero_grad, from the same start and the same batches
    generator = torch.Generator().manual_seed(loader_seed)
    same_batches = loader_for(train_set, batch_size=128, shuffle=True, generator=generator)
    buggy_losses = train_model(untrained, torch.optim.SGD(untrained.parameters(), lr=0.1), same_batches,
                               nn.BCEWithLogitsLoss(), 100, zero_grad=False)
    eval_model(model, test_set), eval_model(untrained, test_set)

    # 8. evaluation
    accuracy = eval_model(model, test_set)
    with torch.no_grad():
        model(test_set.data[:6]).squeeze(dim=1).sigmoid()

    # 9. the decision boundary's grid
    model.eval()
    coordinates = torch.linspace(-0.5, 1.5, 201)
    x2, x1 = torch.meshgrid(coordinates, coordinates, indexing="ij")
    with torch.no_grad():
        grid = model(torch.stack([x1, x2], dim=-1).reshape(-1, 2)).sigmoid().reshape(201, 201)

    # the numbers behind the plots, as the lesson writes its .dat files
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "plots.dat"), "w") as file:
            for row in grid.tolist():
                file.write(" ".join(f"{v:.6g}" for v in row) + "\n")
            file.write("\n".join(f"{a:.6g} {b:.6g}" for a, b in zip(losses, buggy_losses)) + "\n")
            file.write("\n".join(f"{a:.6g} {b:.6g} {c}" for (a, b), c in
                                 zip(train_set.data.tolist(), train_set.label.tolist())) + "\n")

        # 10. save and load
        path = os.path.join(folder, "xor-model")
        state = {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}
        try:
            from safetensors.torch import load_file, save_file
            save_file(state, path + ".safetensors")
            loaded_state = load_file(path + ".safetensors")
        except ImportError:
            torch.save(state, path + ".tar")
            loaded_state = torch.load(path + ".tar")
        loaded = SimpleClassifier()
        loaded.load_state_dict(loaded_state)
        assert all(torch.equal(a, b) for a, b in zip(model.state_dict().values(), loaded.state_dict().values()))
        eval_model(loaded, test_set)

    # 11. the stalled start
    stalled_losses, stalled_accuracy, at = run(300, 141, accuracy_at={100})
    return {"accuracy": accuracy, "final_loss": losses[-1], "stalled": (at[100], stalled_accuracy)}


if __name__ == "__main__":
    main()
