#!/usr/bin/env bash
# Runs the whole benchmark, Torchlet next to NumPy and PyTorch, with one command:
#
#     bash Benchmarks/run.sh [Benchmark flags, e.g. --markdown or --only training,memory]
#
# PyTorch and NumPy are for comparison only, never a dependency of the package: they go into a
# virtual environment of their own, .venv-benchmarks/ at the repository root (git ignores it),
# made on the first run. PyTorch's CPU wheels are large; the first run downloads them once.
# Set BENCHMARK_PYTHON to use a Python that already has torch and numpy instead.
set -euo pipefail
cd "$(dirname "$0")/.."

python="${BENCHMARK_PYTHON:-}"
if [ -z "$python" ]; then
    venv=.venv-benchmarks
    python="$venv/bin/python"
    if ! "$python" -c 'import torch, numpy' 2>/dev/null; then
        echo "Setting up $venv with PyTorch and NumPy (once; for comparison only)" >&2
        python3 -m venv "$venv"
        "$python" -m pip install --quiet --upgrade pip
        "$python" -m pip install --quiet torch numpy
    fi
fi

# Each library picks the CPU kernel for this machine, as on a learner's: a kernel pinned in the
# environment (some shared machines pin OPENBLAS_CORETYPE=Haswell on AVX-512 CPUs) would hold
# back our OpenBLAS and NumPy's, and not PyTorch's oneDNN. BENCHMARK_KEEP_CORETYPE=1 keeps it.
if [ -z "${BENCHMARK_KEEP_CORETYPE:-}" ] && [ -n "${OPENBLAS_CORETYPE:-}" ]; then
    echo "Benchmark: clearing OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE, so that each library picks its own kernel" >&2
    unset OPENBLAS_CORETYPE
fi

swift build -c release --product Benchmark
exec .build/release/Benchmark --python "$python" "$@"
