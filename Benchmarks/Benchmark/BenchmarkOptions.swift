/// The command-line flags, read by hand: the benchmark has only a few and no dependency on
/// swift-argument-parser.
struct BenchmarkOptions: Sendable {
    /// `--quick`: a smoke run with few, short samples. The figures are rough.
    var quick = false
    /// `--markdown`: also print the results as Markdown rows for `Benchmarks/RESULTS.md`.
    var markdown = false
    /// `--no-numpy`: skip the NumPy comparison.
    var compareWithNumPy = true
    /// `--threads N`: OpenBLAS threads, for our side and NumPy's (default 2, the machine's cores).
    var threads = 2

    var plan: MeasurementPlan { quick ? .quick : .full }

    static let usage = """
        Usage: swift run -c release Benchmark [--quick] [--markdown] [--no-numpy] [--threads N]

        Measures Torchlet's matrix products (GFLOP/s, next to NumPy's in the same run) and the
        cost of one small operation with autograd (microseconds). See Benchmarks/README.md.

          --quick       few, short samples: a smoke run, rough figures
          --markdown    also print Markdown table rows for Benchmarks/RESULTS.md
          --no-numpy    do not run python3 Benchmarks/numpy_sgemm.py
          --threads N   OpenBLAS threads for both sides (default 2)
          --help        show this text
        """

    /// Reads the flags in `arguments` (without the program name), or explains what is wrong.
    static func parse(_ arguments: [String]) -> Result<BenchmarkOptions, UsageError> {
        var options = BenchmarkOptions()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--quick": options.quick = true
            case "--markdown": options.markdown = true
            case "--no-numpy": options.compareWithNumPy = false
            case "--threads":
                guard let value = remaining.popFirst(), let threads = Int(value), threads > 0 else {
                    return .failure(UsageError(message: "--threads needs a positive whole number, e.g. --threads 2"))
                }
                options.threads = threads
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
