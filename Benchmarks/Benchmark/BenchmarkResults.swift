import Torchlet

/// Everything one run measured, and the targets it is judged against.
struct BenchmarkResults: Sendable {
    /// The targets from the project's issue.
    enum Target {
        /// Our SGEMM at 100x784x256 must reach at least 0.95 of NumPy's speed (GFLOP/s).
        static let slowestSGEMMRatio = 0.95
        /// One small op with its backward must take less than 5 microseconds.
        static let smallOpMicroseconds = 5.0
        /// Rendering a figure of 10,000 points must take "well under a second": we ask for half.
        static let plotRenderSeconds = 0.5
    }

    /// Whether a target was met, judged on medians. When other programs competed for the cores
    /// (`noisy`), the figures are real but say more about the neighbours than about Torchlet:
    /// the verdict is then *inconclusive*, whichever way the figures point.
    struct Verdict: Sendable, CustomStringConvertible {
        /// Whether the measured figure meets the target.
        let passed: Bool
        /// Whether the figures behind it were disturbed (see `Timing.isNoisy`).
        let noisy: Bool

        var description: String {
            noisy ? "inconclusive" : passed ? "PASS" : "FAIL"
        }

        /// The verdict with, when it is inconclusive, which way the disturbed figures pointed.
        var explained: String {
            noisy
                ? "inconclusive: noisy run, the figures would \(passed ? "pass" : "fail"); rerun on a quiet machine"
                : description
        }
    }

    /// One matrix-product row of the report.
    struct Product: Sendable {
        /// What was multiplied: `SGEMM` on raw buffers, or `Tensor.matmul`.
        let title: String
        let shape: MatrixShape
        /// Torchlet through OpenBLAS.
        let blas: Timing
        /// Torchlet's plain Swift kernel, where it was measured.
        let reference: Timing?
        /// NumPy on the same shape, sample by sample alternating with `blas`, where it ran.
        let numpy: Timing?
        /// Whether the 0.95x target applies to this row.
        let hasRatioTarget: Bool

        /// Ours / NumPy in GFLOP/s, above 1 when Torchlet is faster. `paired` is the median
        /// over the pairs of samples taken one after the other (each pair saw the same load
        /// from other programs, so this is the fairest figure); `best` compares the best samples.
        var ratioToNumPy: (paired: Double, best: Double)? {
            guard let numpy, !numpy.secondsPerCall.isEmpty else { return nil }
            // Throughputs divide the other way round from times.
            let pairs = zip(blas.secondsPerCall, numpy.secondsPerCall).map { ours, theirs in theirs / ours }
            return (Timing.median(of: pairs), numpy.best / blas.best)
        }

        /// The 0.95x target, when it applies and NumPy's figures are there.
        var verdict: Verdict? {
            guard hasRatioTarget, let ratio = ratioToNumPy, let numpy else { return nil }
            return Verdict(passed: ratio.paired >= Target.slowestSGEMMRatio, noisy: blas.isNoisy || numpy.isNoisy)
        }
    }

    /// One training-step row of the report.
    struct TrainingStep: Sendable {
        let network: TrainingStepBenchmark.Network
        let ours: Timing
        /// PyTorch's step, sample by sample alternating with ours, where it ran.
        let pytorch: Timing?

        /// Our time / PyTorch's, below 1 when Torchlet is faster: `paired` is the median over the
        /// pairs of samples taken one after the other; `best` compares the best samples.
        var ratioToPyTorch: (paired: Double, best: Double)? {
            guard let pytorch, !pytorch.secondsPerCall.isEmpty else { return nil }
            let pairs = zip(ours.secondsPerCall, pytorch.secondsPerCall).map { ours, theirs in ours / theirs }
            return (Timing.median(of: pairs), ours.best / pytorch.best)
        }

        /// The network's ratio target, when PyTorch's figures are there.
        var verdict: Verdict? {
            guard let ratio = ratioToPyTorch, let pytorch else { return nil }
            return Verdict(passed: ratio.paired <= network.targetRatio, noisy: ours.isNoisy || pytorch.isNoisy)
        }
    }

    /// Whether PyTorch ran: it was not asked for (`--no-python`), could not run, or ran.
    enum PyTorchStatus: Sendable {
        case notRequested
        case unavailable(String)
        case measured(version: String, threads: Int)
    }

    /// Whether NumPy ran: it was not asked for (`--no-python`), could not run, or ran.
    enum NumPyStatus: Sendable {
        case notRequested
        case unavailable(String)
        case measured(numpyVersion: String, blas: String)
    }

    var products: [Product] = []
    var numpy = NumPyStatus.notRequested
    var smallOps: [(variant: SmallOpBenchmark.Variant, timing: Timing)] = []
    var trainingSteps: [TrainingStep] = []
    var pytorch = PyTorchStatus.notRequested
    var memory: MemoryRun?
    var plots: [(output: PlotRenderingBenchmark.Output, outcome: PlotRenderingBenchmark.Outcome)] = []
    /// The 1-minute load average when the run started: above zero, other programs were
    /// competing for the cores.
    var loadAverageAtStart: String?
    /// The share of the machine's CPU time other programs used during the whole run.
    var othersCPUShareDuringRun: Double?

    /// The 5 µs target, for the forward-and-backward variant.
    func smallOpVerdict(_ variant: SmallOpBenchmark.Variant, _ timing: Timing) -> Verdict? {
        guard variant == .forwardAndBackward else { return nil }
        return Verdict(passed: timing.median * 1e6 < Target.smallOpMicroseconds, noisy: timing.isNoisy)
    }

    /// The memory target: our peak at most 200 MB (a run that failed fails it).
    var memoryVerdict: Verdict? {
        guard let memory else { return nil }
        guard case .success(let bytes) = memory.ours else { return Verdict(passed: false, noisy: false) }
        return Verdict(passed: bytes <= MemoryRun.targetBytes, noisy: false)
    }

    /// The rendering target, for every output: a failed render fails it.
    func plotVerdict(_ outcome: PlotRenderingBenchmark.Outcome) -> Verdict {
        switch outcome {
        case .measured(let timing): Verdict(passed: timing.median < Target.plotRenderSeconds, noisy: timing.isNoisy)
        case .failed: Verdict(passed: false, noisy: false)
        }
    }

    /// Whether any figure in the report was measured while other programs competed for the cores.
    var hasNoisyFigures: Bool {
        products.contains { $0.blas.isNoisy || $0.reference?.isNoisy == true || $0.numpy?.isNoisy == true }
            || smallOps.contains { $0.timing.isNoisy }
            || trainingSteps.contains { $0.ours.isNoisy || $0.pytorch?.isNoisy == true }
            || plots.contains { if case .measured(let timing) = $0.outcome { timing.isNoisy } else { false } }
    }
}
