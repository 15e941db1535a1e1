import Foundation
import Torchlet

/// `swift run -c release Benchmark`: how fast Torchlet is where it matters (DESIGN §8).
///
/// 1. Matrix products, in GFLOP/s: OpenBLAS through Torchlet, Torchlet's plain Swift loops,
///    and `Tensor.matmul`, at 100x784x256 (one MNIST layer) and 1024x1024x1024.
/// 2. NumPy on the same products, measured in the same run by `Benchmarks/numpy_sgemm.py`,
///    sample by sample alternating with ours.
/// 3. The cost of autograd on a tiny graph, in microseconds.
/// 4. Drawing a figure of 10,000 points through gnuplot, in seconds.
///
/// Speed is only ever checked here, never by the unit tests: timings on a shared machine are
/// too noisy to fail a build on. See `Benchmarks/README.md`.
@main
struct Benchmark {
    static func main() {
        let options: BenchmarkOptions
        switch BenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst())) {
        case .success(let parsed):
            options = parsed
        case .failure(let error):
            if let message = error.message {
                printProgress("error: \(message)\n")
                printProgress(BenchmarkOptions.usage)
                exit(2)
            }
            print(BenchmarkOptions.usage)
            return
        }

        // Writing to the NumPy worker after it died must fail with an error, not kill us.
        signal(SIGPIPE, SIG_IGN)

        // The engine's threads (OpenBLAS itself runs on one; see WorkerPool), read when the
        // engine first computes, which is after this line.
        setenv("TORCHLET_THREADS", String(options.threads), 1)
        if let steps = options.cnnTrainingRunSteps {
            // The child process of `measureMemory`: train, then say how much memory it took.
            print("{\"peak_rss_bytes\": \(TrainingStepBenchmark.cnnTrainingRun(steps: steps))}")
            return
        }
        let machine = MachineDescription.current()
        var results = BenchmarkResults()
        results.loadAverageAtStart = MachineDescription.loadAverage()
        let activityAtStart = CPUActivity.now()
        let parts = options.parts
        if parts.contains(.sgemm) { measureMatrixProducts(options, into: &results) }
        if parts.contains(.smallOps) { measureSmallOps(options, into: &results) }
        if parts.contains(.plots) { measurePlotRendering(options, into: &results) }
        if parts.contains(.training) { measureTrainingSteps(options, into: &results) }
        if parts.contains(.memory) { measureMemory(options, into: &results) }

        results.othersCPUShareDuringRun = activityAtStart.flatMap { CPUActivity.now()?.othersShare(since: $0) }
        Report(results: results, machine: machine, options: options).print()
    }

    /// SGEMM through OpenBLAS and `Tensor.matmul`, one sample at a time, alternating with
    /// NumPy's samples (see `MeasurementPlan`); then the reference algorithm, which has nothing to
    /// be compared with.
    static func measureMatrixProducts(_ options: BenchmarkOptions, into results: inout BenchmarkResults) {
        let plan = options.plan
        let shapes = [MatrixShape.mnistLayer, .square1024]
        let operands = shapes.map { MatrixOperands($0) }
        let tensors = TensorOperands(.mnistLayer)

        var worker: PythonWorker?
        if options.compareWithPython {
            printProgress("starting NumPy (\(options.python) Benchmarks/numpy_sgemm.py --serve)")
            switch PythonWorker.start(.numpy, python: options.python, threads: options.threads) {
            case .success(let started):
                worker = started
                let greeting = try? PythonWorker.decoder.decode(NumPyGreeting.self, from: started.greeting)
                results.numpy = .measured(numpyVersion: greeting?.numpyVersion ?? "?", blas: greeting?.blas ?? "?")
            case .failure(let reason):
                printProgress("NumPy comparison skipped: \(reason)")
                results.numpy = .unavailable(reason.description)
            }
        }

        var ours: [MatrixShape: [Timing]] = [:]
        var theirs: [MatrixShape: [Timing]] = [:]
        var tensorSamples: [Timing] = []
        for round in 0..<plan.samples {
            printProgress("SGEMM, Tensor.matmul and NumPy: sample \(round + 1) of \(plan.samples)")
            let samplePlan = plan.oneInterleavedSample(isFirst: round == 0)
            for operands in operands {
                let shape = operands.shape
                func measureOurs() {
                    settle()
                    ours[shape, default: []].append(measure(samplePlan) { operands.multiply(algorithm: .blas) })
                }
                func measureNumPy() {
                    guard let active = worker else { return }
                    settle()
                    switch active.measure(SGEMMRequest(shape, plan: samplePlan)) {
                    case .success(let timing):
                        theirs[shape, default: []].append(timing)
                    case .failure(let reason):
                        printProgress("NumPy comparison stopped: \(reason)")
                        results.numpy = .unavailable(reason.description)
                        worker = nil
                    }
                }
                takeTurns(round: round, measureOurs, measureNumPy)
            }
            settle()
            tensorSamples.append(measure(samplePlan) { tensors.multiply() })
        }
        worker?.stop()

        for operands in operands {
            // The reference algorithm is far slower: at 1024³ one call is already a long sample.
            let shape = operands.shape
            printProgress("SGEMM \(shape), reference algorithm")
            let referencePlan = shape == .square1024 ? plan.withSamples(atMost: options.quick ? 1 : 5) : plan
            results.products.append(
                .init(
                    title: "SGEMM", shape: shape, blas: Timing(pooling: ours[shape] ?? []),
                    reference: measure(referencePlan) { operands.multiply(algorithm: .reference) },
                    numpy: theirs[shape].map(Timing.init(pooling:)),
                    hasRatioTarget: shape == .mnistLayer))
        }
        results.products.append(
            .init(
                title: "Tensor.matmul", shape: .mnistLayer, blas: Timing(pooling: tensorSamples), reference: nil,
                numpy: theirs[.mnistLayer].map(Timing.init(pooling:)), hasRatioTarget: false))
    }

    /// One training step of each lesson network, ours and PyTorch's sample by sample alternating.
    static func measureTrainingSteps(_ options: BenchmarkOptions, into results: inout BenchmarkResults) {
        let plan = options.plan
        var worker: PythonWorker?
        if options.compareWithPython {
            printProgress("starting PyTorch (\(options.python) Benchmarks/pytorch_training_steps.py --serve)")
            switch PythonWorker.start(
                .pytorch(threads: options.threads), python: options.python,
                threads: options.threads)
            {
            case .success(let started):
                worker = started
                let greeting = try? PythonWorker.decoder.decode(
                    TrainingStepBenchmark.Greeting.self,
                    from: started.greeting)
                results.pytorch = .measured(version: greeting?.torchVersion ?? "?", threads: greeting?.threads ?? 0)
            case .failure(let reason):
                printProgress("PyTorch comparison skipped: \(reason)")
                results.pytorch = .unavailable(reason.description)
            }
        }
        let networks = options.networks
        let steps = networks.map(TrainingStepBenchmark.step)
        var ours: [TrainingStepBenchmark.Network: [Timing]] = [:]
        var theirs: [TrainingStepBenchmark.Network: [Timing]] = [:]
        for round in 0..<plan.samples {
            printProgress("training steps, ours and PyTorch's: sample \(round + 1) of \(plan.samples)")
            let samplePlan = plan.oneInterleavedSample(isFirst: round == 0)
            for (network, step) in zip(networks, steps) {
                takeTurns(
                    round: round,
                    {
                        settle()
                        ours[network, default: []].append(measure(samplePlan, step))
                    },
                    {
                        guard let active = worker else { return }
                        settle()
                        switch active.measure(TrainingStepBenchmark.Request(network, plan: samplePlan)) {
                        case .success(let timing):
                            theirs[network, default: []].append(timing)
                        case .failure(let reason):
                            printProgress("PyTorch comparison stopped: \(reason)")
                            results.pytorch = .unavailable(reason.description)
                            worker = nil
                        }
                    })
            }
        }
        worker?.stop()
        results.trainingSteps = networks.map { network in
            .init(
                network: network, ours: Timing(pooling: ours[network] ?? []),
                pytorch: theirs[network].map(Timing.init(pooling:)))
        }
    }

    /// The peak memory of a CNN training run: ours in a fresh process (this program, started
    /// again with `--cnn-training-run`), PyTorch's in another.
    static func measureMemory(_ options: BenchmarkOptions, into results: inout BenchmarkResults) {
        let steps = options.quick ? 5 : MemoryRun.steps
        printProgress("peak memory: training the CNN for \(steps) steps")
        var run = MemoryRun(steps: steps)
        run.ours = MemoryRun.peakBytes(
            of: Bundle.main.executablePath ?? CommandLine.arguments[0], ["--cnn-training-run", String(steps)])
        if options.compareWithPython, let script = PythonWorker.scriptLocation("pytorch_training_steps.py") {
            printProgress("peak memory: PyTorch training the CNN for \(steps) steps")
            run.pytorch = MemoryRun.peakBytes(
                of: "/usr/bin/env",
                [
                    options.python, script.path, "--peak-memory", "cnn", "--steps", String(steps),
                    "--threads", String(options.threads),
                ])
        }
        results.memory = run
    }

    /// Runs one sample of each side, taking turns at going first from round to round, so that
    /// neither side always follows the other.
    static func takeTurns(round: Int, _ ours: () -> Void, _ theirs: () -> Void) {
        if round.isMultiple(of: 2) {
            ours()
            theirs()
        } else {
            theirs()
            ours()
        }
    }

    /// Waits until the OpenBLAS threads of the side that just ran have stopped spinning.
    static func settle() {
        Thread.sleep(forTimeInterval: MeasurementPlan.settlingSeconds)
    }

    /// The cost of autograd on a tiny graph, in each variant.
    static func measureSmallOps(_ options: BenchmarkOptions, into results: inout BenchmarkResults) {
        for variant in SmallOpBenchmark.Variant.allCases {
            printProgress("small op: \(variant.title)")
            results.smallOps.append((variant, SmallOpBenchmark.run(variant, plan: options.plan)))
        }
    }

    /// Building and drawing a 10,000-point figure through gnuplot, to each output.
    static func measurePlotRendering(_ options: BenchmarkOptions, into results: inout BenchmarkResults) {
        for output in PlotRenderingBenchmark.Output.allCases {
            printProgress("plot rendering: \(output.title)")
            results.plots.append((output, PlotRenderingBenchmark.run(output, plan: options.plan)))
        }
    }

    /// Progress and notes go to standard error, so standard output holds only the report.
    static func printProgress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
