import Foundation

/// Prints the results: the machine, a table of matrix products (GFLOP/s, higher is better)
/// and a table of small-op costs (microseconds, lower is better), each judged against its target.
///
/// Every figure is written `median (best)`; a `*` marks figures measured while other programs
/// competed for the cores (see `Timing.isNoisy`). Verdicts use medians, and are inconclusive
/// when the figures behind them are noisy.
struct Report {
    let results: BenchmarkResults
    let machine: MachineDescription
    let options: BenchmarkOptions

    func print(to output: (String) -> Void = { Swift.print($0) }) {
        output(
            """

            Torchlet benchmark, \(machine.date)\(options.quick ? " (--quick: rough figures)" : "")
            Machine: \(machine.cpuModel), \(machine.cores) cores
            Ours:    \(Self.threads(machine.engineThreads)) of our own, each running \(machine.openBLAS) \
            on \(machine.openBLASThreads.map(Self.threads) ?? "? threads")
            NumPy:   \(numpyDescription)
            PyTorch: \(pytorchDescription)
            Method:  \(methodDescription)
            Others:  other programs used \(Self.share(results.othersCPUShareDuringRun)) of the CPU time during \
            the run (1-minute load average \(results.loadAverageAtStart ?? "?") at the start)

            """)
        for table in tables {
            output(table.rendered)
            output("")
        }
        output(verdictSummary)
        if results.hasNoisyFigures {
            output(
                """
                * noisy: the samples spread widely (median > 1.25 x best) or other programs used more than \
                25% of the CPU time meanwhile ("others' CPU"). Verdicts resting on noisy figures are \
                inconclusive: rerun when the machine is quiet.
                """)
        }
        if options.markdown {
            output("\nMarkdown for Benchmarks/RESULTS.md:\n")
            for table in tables {
                output(table.markdown)
                output("")
            }
        }
    }

    /// The tables of the parts that ran.
    private var tables: [TextTable] {
        [
            results.products.isEmpty ? nil : productTable,
            results.smallOps.isEmpty ? nil : smallOpTable,
            results.plots.isEmpty ? nil : plotTable,
            results.trainingSteps.isEmpty ? nil : trainingTable,
            results.memory == nil ? nil : memoryTable,
        ].compactMap { $0 }
    }

    private var methodDescription: String {
        let plan = options.plan
        return "\(String(format: "%g", plan.warmUpSeconds)) s warm-up, then \(plan.samples) samples of "
            + "≥ \(String(format: "%g", plan.sampleSeconds)) s each, ours and NumPy's or PyTorch's alternating; "
            + "figures are median (best)"
    }

    private var numpyDescription: String {
        switch results.numpy {
        case .notRequested: "not measured (--no-python, or no sgemm in --only)"
        case .unavailable(let reason): "not measured: \(reason)"
        case .measured(let version, let blas):
            "NumPy \(version) with \(blas), \(Self.threads(options.threads)), in this run"
        }
    }

    private var pytorchDescription: String {
        switch results.pytorch {
        case .notRequested: "not measured (--no-python, or no training steps in --only)"
        case .unavailable(let reason): "not measured: \(reason)"
        case .measured(let version, let threads): "PyTorch \(version), \(Self.threads(threads)), in this run"
        }
    }

    // MARK: Matrix products

    var productTable: TextTable {
        var table = TextTable(
            "matrix product m x k x n, GFLOP/s", "Torchlet (BLAS)", "reference kernel",
            "NumPy", "Torchlet / NumPy", "target", "verdict", "others' CPU")
        for product in results.products {
            let gigaflops = { (timing: Timing) in
                Self.figures(timing, digits: 1) { product.shape.gigaflops(seconds: $0) }
            }
            let ratio = product.ratioToNumPy
            let targetText = "≥ " + String(format: "%.2f", BenchmarkResults.Target.slowestSGEMMRatio)
            table.add(
                "\(product.title) \(product.shape)",
                gigaflops(product.blas),
                product.reference.map(gigaflops) ?? "-",
                product.numpy.map(gigaflops) ?? "-",
                ratio.map { String(format: "%.2f (%.2f)", $0.paired, $0.best) } ?? "-",
                product.hasRatioTarget ? targetText : "-",
                product.hasRatioTarget ? product.verdict?.description ?? "no NumPy" : "-",
                ([product.blas] + [product.numpy].compactMap { $0 })
                    .map { Self.share($0.othersCPUShare) }.joined(separator: " / "))
        }
        return table
    }

    // MARK: Small ops

    var smallOpTable: TextTable {
        var table = TextTable("autograd on 4-element tensors", "µs per iteration", "target", "verdict", "others' CPU")
        for (variant, timing) in results.smallOps {
            let verdict = results.smallOpVerdict(variant, timing)
            table.add(
                variant.title,
                Self.figures(timing, digits: 2) { $0 * 1e6 },
                verdict == nil ? "-" : "< \(String(format: "%g", BenchmarkResults.Target.smallOpMicroseconds)) µs",
                verdict?.description ?? "-",
                Self.share(timing.othersCPUShare))
        }
        return table
    }

    // MARK: Plots

    var plotTable: TextTable {
        var table = TextTable("plot rendering", "seconds per figure", "target", "verdict", "others' CPU")
        let target = "< \(String(format: "%g", BenchmarkResults.Target.plotRenderSeconds)) s"
        for (output, outcome) in results.plots {
            let verdict = results.plotVerdict(outcome)
            switch outcome {
            case .measured(let timing):
                table.add(
                    output.title, Self.figures(timing, digits: 3) { $0 }, target, verdict.description,
                    Self.share(timing.othersCPUShare))
            case .failed(let reason):
                table.add(output.title, "failed: \(reason)", target, verdict.description, "-")
            }
        }
        return table
    }

    // MARK: Training steps

    var trainingTable: TextTable {
        var table = TextTable(
            "training step, ms", "Torchlet", "PyTorch", "Torchlet / PyTorch", "target",
            "verdict", "others' CPU")
        for row in results.trainingSteps {
            let milliseconds = { (timing: Timing) in Self.figures(timing, digits: 3) { $0 * 1e3 } }
            table.add(
                row.network.title,
                milliseconds(row.ours),
                row.pytorch.map(milliseconds) ?? "-",
                row.ratioToPyTorch.map { String(format: "%.2f (%.2f)", $0.paired, $0.best) } ?? "-",
                "≤ " + String(format: "%.1f", row.network.targetRatio),
                row.verdict?.description ?? "no PyTorch",
                ([row.ours] + [row.pytorch].compactMap { $0 }).map { Self.share($0.othersCPUShare) }
                    .joined(separator: " / "))
        }
        return table
    }

    // MARK: Memory

    var memoryTable: TextTable {
        var table = TextTable("peak memory, MB", "Torchlet", "PyTorch", "target", "verdict")
        guard let memory = results.memory else { return table }
        let megabytes = { (result: Result<Int, MemoryRun.MeasurementFailure>) -> String in
            switch result {
            case .success(let bytes): String(format: "%.0f", Double(bytes) / 1e6)
            case .failure(let reason): "failed: \(reason)"
            }
        }
        table.add(
            "CNN training run, \(memory.steps) steps of batch 100", megabytes(memory.ours),
            memory.pytorch.map(megabytes) ?? "-",
            "≤ \(MemoryRun.targetBytes / 1_000_000)", results.memoryVerdict?.description ?? "-")
        return table
    }

    // MARK: Summary

    /// One line per target: what was required, what this run measured, and the verdict.
    var verdictSummary: String {
        var lines: [String] = []
        for product in results.products where product.hasRatioTarget {
            guard let verdict = product.verdict, let ratio = product.ratioToNumPy, let numpy = product.numpy else {
                lines.append("SGEMM \(product.shape) at least 0.95x NumPy's speed: not judged (no NumPy figures)")
                continue
            }
            let ours = product.shape.gigaflops(seconds: product.blas.median)
            let theirs = product.shape.gigaflops(seconds: numpy.median)
            lines.append(
                "SGEMM \(product.shape) at least 0.95x NumPy's speed: \(verdict.explained) (ours \(String(format: "%.2f", ratio.paired))x "
                    + "NumPy's speed, median over \(min(product.blas.secondsPerCall.count, numpy.secondsPerCall.count)) "
                    + "pairs of samples; medians \(String(format: "%.1f", ours)) and \(String(format: "%.1f", theirs)) GFLOP/s; "
                    + "needs ≥ \(String(format: "%.2f", BenchmarkResults.Target.slowestSGEMMRatio))x)")
        }
        for (variant, timing) in results.smallOps {
            guard let verdict = results.smallOpVerdict(variant, timing) else { continue }
            lines.append(
                "small op with backward under 5 µs: \(verdict.explained) "
                    + "(median \(String(format: "%.2f", timing.median * 1e6)) µs)")
        }
        for row in results.trainingSteps {
            guard let verdict = row.verdict, let ratio = row.ratioToPyTorch, let pytorch = row.pytorch else {
                lines.append("\(row.network.title): not judged (no PyTorch figures)")
                continue
            }
            lines.append(
                "\(row.network.title), at most \(String(format: "%.1f", row.network.targetRatio))x "
                    + "PyTorch's time: \(verdict.explained) (ours \(String(format: "%.2f", ratio.paired))x PyTorch's "
                    + "time, median over \(min(row.ours.secondsPerCall.count, pytorch.secondsPerCall.count)) pairs; "
                    + "medians \(String(format: "%.3f", row.ours.median * 1e3)) and "
                    + "\(String(format: "%.3f", pytorch.median * 1e3)) ms)")
        }
        if let verdict = results.memoryVerdict, let memory = results.memory {
            let figure: String =
                switch memory.ours {
                case .success(let bytes): String(format: "%.0f MB", Double(bytes) / 1e6)
                case .failure(let reason): "the run failed: \(reason)"
                }
            lines.append(
                "peak memory of a CNN training run at most \(MemoryRun.targetBytes / 1_000_000) MB: "
                    + "\(verdict.explained) (\(figure))")
        }
        for (output, outcome) in results.plots {
            let verdict = results.plotVerdict(outcome)
            let figure: String =
                switch outcome {
                case .measured(let timing): String(format: "median %.3f s", timing.median)
                case .failed(let reason): "gnuplot did not draw: \(reason)"
                }
            lines.append(
                "\(output.title) under \(String(format: "%g", BenchmarkResults.Target.plotRenderSeconds)) s: "
                    + "\(verdict.explained) (\(figure))")
        }
        return lines.joined(separator: "\n")
    }

    /// `1 thread`, `2 threads`.
    private static func threads(_ count: Int) -> String {
        count == 1 ? "1 thread" : "\(count) threads"
    }

    /// A share of the machine's CPU time as a percentage, e.g. `12%`.
    private static func share(_ share: Double?) -> String {
        share.map { String(format: "%.0f%%", $0 * 100) } ?? "?"
    }

    /// `median (best)` of `timing` in the unit `convert` turns seconds into, e.g. `85.3 (88.1)`,
    /// with a `*` when the samples spread widely.
    private static func figures(_ timing: Timing, digits: Int, _ convert: (Double) -> Double) -> String {
        String(format: "%.\(digits)f (%.\(digits)f)", convert(timing.median), convert(timing.best))
            + (timing.isNoisy ? "*" : "")
    }
}
