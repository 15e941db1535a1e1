#!/usr/bin/env python3
"""NumPy's side of the Torchlet SGEMM benchmark: GFLOP/s of np.matmul on float32 matrices.

The Swift `Benchmark` executable starts this script with `--serve` and keeps it running: it asks
for one sample at a time, alternating with its own samples, so that both sides are measured on
the same machine, within a fraction of a second of each other, with the same method:

1. warm up for `warmup_seconds` (first calls pay for page faults, thread start-up, caches);
2. find how many products fill `sample_seconds`;
3. time `samples` such batches and report each one's seconds per product.

A burst of load from another program then hits both sides alike instead of deciding the
comparison. Run alone (without `--serve`), the script measures every shape in one go and prints
one line of JSON with the samples, the best and the median.

A product of an [m, k] matrix by a [k, n] one costs 2*m*n*k floating-point operations (one
multiply and one add per term of every dot product). The matrices are float32, like Torchlet's
tensors, and the result goes into a preallocated array (`out=`), so only the product is timed,
as on the Swift side, where `cblas_sgemm` writes into an existing buffer.

Set OPENBLAS_NUM_THREADS before starting Python: OpenBLAS reads it once, when NumPy loads it.
The Swift benchmark does that for you.

Exit status 3 (and a message on stderr) if NumPy is missing.

    OPENBLAS_NUM_THREADS=2 python3 Benchmarks/numpy_sgemm.py --shapes 100x784x256,1024x1024x1024

The `--serve` protocol, one JSON object per line:
    first, the script prints  {"numpy_version": "2.4.6", "blas": "scipy-openblas 0.3.31.188.0"}
    then, for every request   {"m": 100, "k": 784, "n": 256, "samples": 1,
                               "sample_seconds": 0.1, "warmup_seconds": 0.02}
    it answers                {"m": 100, "k": 784, "n": 256, "seconds_per_call": [0.000231]}
    until its standard input closes.
"""

import argparse
import json
import statistics
import sys
import time


def parse_shape(text):
    """'100x784x256' -> (100, 784, 256), read as m x k x n: [m, k] @ [k, n]."""
    m, k, n = (int(part) for part in text.lower().split("x"))
    return m, k, n


def measure(body, samples, sample_seconds, warmup_seconds):
    """Seconds per call of `body`: one figure per sample, each the mean over a batch of calls."""
    # Warm up: at least one call, then keep going until the warm-up time is spent. The last
    # warm-up call also tells how long one call takes, to size the batches.
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


class Products:
    """The operands of each shape, made once (standard normal, seeded) and reused."""

    def __init__(self, np, seed=0):
        self.np = np
        self.rng = np.random.default_rng(seed)
        self.operands = {}

    def multiply(self, m, k, n):
        """A function computing the [m, k] @ [k, n] product into a preallocated result."""
        if (m, k, n) not in self.operands:
            np = self.np
            self.operands[(m, k, n)] = (
                self.rng.standard_normal((m, k), dtype=np.float32),
                self.rng.standard_normal((k, n), dtype=np.float32),
                np.empty((m, n), dtype=np.float32),
            )
        a, b, c = self.operands[(m, k, n)]
        return lambda: self.np.matmul(a, b, out=c)


def openblas_description(np):
    """The BLAS NumPy was built against, e.g. 'scipy-openblas 0.3.31.188.0', if NumPy says."""
    try:
        config = np.show_config(mode="dicts")
        blas = config["Build Dependencies"]["blas"]
        return f"{blas.get('name', '?')} {blas.get('version', '?')}"
    except Exception:  # older NumPy: no dict mode; the comparison still works without it
        return "unknown"


def serve(np, products):
    """Answers measurement requests from stdin, one per line, until stdin closes."""
    print(json.dumps({"numpy_version": np.__version__, "blas": openblas_description(np)}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        m, k, n = request["m"], request["k"], request["n"]
        per_call = measure(products.multiply(m, k, n), request["samples"],
                           request["sample_seconds"], request["warmup_seconds"])
        print(json.dumps({"m": m, "k": k, "n": n, "seconds_per_call": per_call}), flush=True)


def measure_all(np, products, args):
    """Measures every shape in turn and prints one JSON report."""
    results = []
    for text in args.shapes.split(","):
        m, k, n = parse_shape(text)
        per_call = measure(products.multiply(m, k, n), args.samples, args.sample_seconds, args.warmup_seconds)
        flops = 2.0 * m * n * k
        results.append({
            "m": m, "k": k, "n": n,
            "seconds_per_call": per_call,
            "best_gflops": flops / min(per_call) / 1e9,
            "median_gflops": flops / statistics.median(per_call) / 1e9,
        })
    print(json.dumps({"numpy_version": np.__version__, "blas": openblas_description(np), "results": results}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--serve", action="store_true",
                        help="answer measurement requests on stdin (used by the Swift benchmark)")
    parser.add_argument("--shapes", default="100x784x256,1024x1024x1024",
                        help="comma-separated m x k x n, for [m, k] @ [k, n]")
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--sample-seconds", type=float, default=0.1)
    parser.add_argument("--warmup-seconds", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    try:
        import numpy as np
    except ImportError:
        print("NumPy is not installed for this python3 (install it with: pip install numpy)", file=sys.stderr)
        sys.exit(3)

    products = Products(np, args.seed)
    if args.serve:
        serve(np, products)
    else:
        measure_all(np, products, args)


if __name__ == "__main__":
    main()
