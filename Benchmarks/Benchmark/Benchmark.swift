import Foundation
import Torchlet

/// `swift run -c release Benchmark`: how fast Torchlet is where it matters (DESIGN §8).
///
/// 1. Matrix products, in GFLOP/s: OpenBLAS through Torchlet, Torchlet's plain Swift kernel,
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

        // OpenBLAS has already read OPENBLAS_NUM_THREADS when it was loaded, before `main`;
        // so we set the thread count through its API instead (see OpenBLASControls).
        if !OpenBLASControls.setThreadCount(options.threads) {
            printProgress("note: openblas_set_num_threads not found; OpenBLAS keeps its default thread count")
        }
        let machine = MachineDescription.current()
        var results = BenchmarkResults()
        results.loadAverageAtStart = MachineDescription.loadAverage()
        let activityAtStart = CPUActivity.now()
        measureMatrixProducts(options, into: &results)
        measureSmallOps(options, into: &results)

        measurePlotRendering(options, into: &results)

        results.othersCPUShareDuringRun = activityAtStart.flatMap { CPUActivity.now()?.othersShare(since: $0) }
        Report(results: results, machine: machine, options: options).print()
    }

    /// SGEMM through OpenBLAS and `Tensor.matmul`, one sample at a time, alternating with
    /// NumPy's samples (see `MeasurementPlan`); then the reference kernel, which has nothing to
    /// be compared with.
    static func measureMatrixProducts(_ options: BenchmarkOptions, into results: inout BenchmarkResults) {
        let plan = options.plan
        let shapes = [MatrixShape.mnistLayer, .square1024]
        let operands = shapes.map { MatrixOperands($0) }
        let tensors = TensorOperands(.mnistLayer)

        var worker: NumPyWorker?
        if options.compareWithNumPy {
            printProgress("starting NumPy (python3 Benchmarks/numpy_sgemm.py --serve)")
            switch NumPyWorker.start(threads: options.threads) {
            case .success(let started):
                worker = started
                results.numpy = .measured(numpyVersion: started.numpyVersion, blas: started.blas)
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
                    ours[shape, default: []].append(measure(samplePlan) { operands.multiply(kernel: .blas) })
                }
                func measureNumPy() {
                    guard let active = worker else { return }
                    settle()
                    switch active.measure(shape, plan: samplePlan) {
                    case .success(let timing):
                        theirs[shape, default: []].append(timing)
                    case .failure(let reason):
                        printProgress("NumPy comparison stopped: \(reason)")
                        results.numpy = .unavailable(reason.description)
                        worker = nil
                    }
                }
                // Take turns at going first, so that neither side always follows the other.
                if round.isMultiple(of: 2) {
                    measureOurs()
                    measureNumPy()
                } else {
                    measureNumPy()
                    measureOurs()
                }
            }
            settle()
            tensorSamples.append(measure(samplePlan) { tensors.multiply() })
        }
        worker?.stop()

        for operands in operands {
            // The reference kernel is far slower: at 1024³ one call is already a long sample.
            let shape = operands.shape
            printProgress("SGEMM \(shape), reference kernel")
            let referencePlan = shape == .square1024 ? plan.withSamples(atMost: options.quick ? 1 : 5) : plan
            results.products.append(.init(
                title: "SGEMM", shape: shape, blas: Timing(pooling: ours[shape] ?? []),
                reference: measure(referencePlan) { operands.multiply(kernel: .reference) },
                numpy: theirs[shape].map(Timing.init(pooling:)),
                hasRatioTarget: shape == .mnistLayer))
        }
        results.products.append(.init(
            title: "Tensor.matmul", shape: .mnistLayer, blas: Timing(pooling: tensorSamples), reference: nil,
            numpy: theirs[.mnistLayer].map(Timing.init(pooling:)), hasRatioTarget: false))
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
