/// The command-line flags, read by hand: the benchmark has only a few and no dependency on
/// swift-argument-parser.
struct BenchmarkOptions: Sendable {
    /// The groups of measurements, each selectable with `--only`.
    enum Part: String, CaseIterable, Sendable {
        /// Matrix products next to NumPy's.
        case sgemm
        /// Autograd on a tiny graph.
        case smallOps = "small-ops"
        /// A 10,000-point figure through gnuplot.
        case plots
        /// Training steps of the lessons' networks next to PyTorch's.
        case training
        /// Peak memory of a CNN training run, ours and PyTorch's.
        case memory
    }

    /// `--quick`: a smoke run with few, short samples. The figures are rough.
    var quick = false
    /// `--markdown`: also print the results as Markdown rows for `Benchmarks/RESULTS.md`.
    var markdown = false
    /// `--no-python`: skip the NumPy and PyTorch comparisons.
    var compareWithPython = true
    /// `--python PATH`: the Python that runs NumPy's and PyTorch's side.
    var python = "python3"
    /// `--threads N`: math-library threads, for our side and Python's (default 2, the machine's cores).
    var threads = 2
    /// `--only LIST`: the parts to run (all by default).
    var parts = Set(Part.allCases)
    /// `--networks LIST`: the training steps to measure (all by default).
    var networks = TrainingStepBenchmark.Network.allCases
    /// `--cnn-training-run STEPS`: instead of benchmarking, train the CNN for STEPS batches and
    /// print the peak memory. The benchmark starts itself this way to measure memory in a
    /// process of its own.
    var cnnTrainingRunSteps: Int?

    var plan: MeasurementPlan { quick ? .quick : .full }

    static let usage = """
        Usage: swift run -c release Benchmark [--quick] [--markdown] [--only LIST] [--python PATH]
                                              [--no-python] [--threads N]

        Measures Torchlet next to NumPy and PyTorch on this machine, in the same run: matrix
        products (GFLOP/s), one small operation with autograd (microseconds), drawing a figure
        (seconds), training steps of the lessons' networks (milliseconds) and the peak memory of
        a CNN training run. See Benchmarks/README.md.

          --quick          few, short samples: a smoke run, rough figures
          --markdown       also print Markdown tables for Benchmarks/RESULTS.md
          --only LIST      comma-separated parts to run: \(Part.allCases.map(\.rawValue).joined(separator: ", "))
          --networks LIST  comma-separated steps to measure: smallop, xor, mlp, cnn (default all)
          --python PATH    the Python with NumPy and PyTorch (default python3)
          --no-python      measure Torchlet alone: no NumPy, no PyTorch
          --threads N      math-library threads for both sides (default 2)
          --help           show this text
        """

    /// Reads the flags in `arguments` (without the program name), or explains what is wrong.
    static func parse(_ arguments: [String]) -> Result<BenchmarkOptions, UsageError> {
        var options = BenchmarkOptions()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--quick": options.quick = true
            case "--markdown": options.markdown = true
            case "--no-python", "--no-numpy": options.compareWithPython = false
            case "--python":
                guard let value = remaining.popFirst(), !value.isEmpty else {
                    return .failure(
                        UsageError(message: "--python needs a program, e.g. --python /opt/torch-venv/bin/python"))
                }
                options.python = value
            case "--threads":
                guard let value = remaining.popFirst(), let threads = Int(value), threads > 0 else {
                    return .failure(UsageError(message: "--threads needs a positive whole number, e.g. --threads 2"))
                }
                options.threads = threads
            case "--only":
                let valid = Part.allCases.map(\.rawValue).joined(separator: ", ")
                guard let value = remaining.popFirst() else {
                    return .failure(
                        UsageError(
                            message: "--only needs a list of parts, e.g. --only training,memory (parts: \(valid))"))
                }
                var parts = Set<Part>()
                for name in value.split(separator: ",") {
                    guard let part = Part(rawValue: String(name)) else {
                        return .failure(UsageError(message: "--only: unknown part '\(name)'; the parts are \(valid)"))
                    }
                    parts.insert(part)
                }
                options.parts = parts
            case "--networks":
                let valid = TrainingStepBenchmark.Network.allCases.map(\.rawValue).joined(separator: ", ")
                guard let value = remaining.popFirst() else {
                    return .failure(
                        UsageError(message: "--networks needs a list, e.g. --networks mlp,cnn (networks: \(valid))"))
                }
                var networks: [TrainingStepBenchmark.Network] = []
                for name in value.split(separator: ",") {
                    guard let network = TrainingStepBenchmark.Network(rawValue: String(name)) else {
                        return .failure(
                            UsageError(message: "--networks: unknown network '\(name)'; the networks are \(valid)"))
                    }
                    networks.append(network)
                }
                options.networks = networks
            case "--cnn-training-run":
                guard let value = remaining.popFirst(), let steps = Int(value), steps > 0 else {
                    return .failure(UsageError(message: "--cnn-training-run needs a positive number of steps"))
                }
                options.cnnTrainingRunSteps = steps
            case "--help", "-h": return .failure(UsageError(message: nil))
            default: return .failure(UsageError(message: "unknown argument '\(argument)'"))
            }
        }
        return .success(options)
    }

    /// A bad command line (`message`), or a request for help (`message == nil`).
    struct UsageError: Error {
        let message: String?
    }
}
