import Foundation

/// NumPy's speed on the same products, measured by `Benchmarks/numpy_sgemm.py --serve`, a
/// Python process that stays up during our run and times one sample whenever we ask. Our samples
/// and NumPy's alternate (see `MeasurementPlan`): same machine, same moment, same method, same
/// number of OpenBLAS threads.
///
/// NumPy's `matmul` on float32 calls OpenBLAS's `sgemm` too (its own bundled copy), so the ratio
/// "ours / NumPy" says how much of the library's speed Torchlet keeps, and whether the OpenBLAS
/// that Torchlet links is as good as the one NumPy ships.
final class NumPyWorker {
    /// Why there is no NumPy column, in one line a person can act on.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// The NumPy version, e.g. `2.4.6`.
    let numpyVersion: String
    /// The BLAS NumPy was built with, e.g. `scipy-openblas 0.3.31.188.0`.
    let blas: String

    private let process: Process
    private let requests: FileHandle
    private var answers: LineReader
    private let complaints: Pipe

    /// The worker's first line: who it is.
    private struct Greeting: Decodable {
        let numpyVersion: String
        let blas: String
    }

    /// What the worker is asked: `samples` samples of the product of `shape`.
    private struct Request: Encodable {
        let m: Int, k: Int, n: Int
        let samples: Int
        let sampleSeconds: Double
        let warmupSeconds: Double
    }

    /// What it answers: seconds per product, one figure per sample.
    private struct Answer: Decodable {
        let secondsPerCall: [Double]
    }

    private init(process: Process, requests: FileHandle, answers: LineReader, complaints: Pipe, greeting: Greeting) {
        self.process = process
        self.requests = requests
        self.answers = answers
        self.complaints = complaints
        numpyVersion = greeting.numpyVersion
        blas = greeting.blas
    }

    /// Starts `python3 numpy_sgemm.py --serve` (python3 as found on the `PATH`) with OpenBLAS
    /// limited to `threads` threads, and waits until NumPy is loaded.
    static func start(threads: Int) -> Result<NumPyWorker, Unavailable> {
        guard let script = scriptLocation() else {
            return .failure(Unavailable(description: "Benchmarks/numpy_sgemm.py not found: run the benchmark from the "
                + "repository root (swift run -c release Benchmark)"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--serve"]
        // OpenBLAS reads these when NumPy loads it, so they must be set before Python starts.
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = String(threads)
        environment["OMP_NUM_THREADS"] = String(threads)
        process.environment = environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .failure(Unavailable(description: "could not start /usr/bin/env python3 (\(error))"))
        }

        var answers = LineReader(output.fileHandleForReading)
        guard let line = answers.nextLine(), let greeting = try? decoder.decode(Greeting.self, from: line) else {
            return .failure(failure(of: process, complaints: errors))
        }
        return .success(NumPyWorker(process: process, requests: input.fileHandleForWriting, answers: answers,
                                    complaints: errors, greeting: greeting))
    }

    /// Times the product of `shape` following `plan`, with the share of the machine that other
    /// programs used meanwhile.
    func measure(_ shape: MatrixShape, plan: MeasurementPlan) -> Result<Timing, Unavailable> {
        let request = Request(m: shape.m, k: shape.k, n: shape.n, samples: plan.samples,
                              sampleSeconds: plan.sampleSeconds, warmupSeconds: plan.warmUpSeconds)
        let (line, othersShare) = CPUActivity.observing { () -> Data? in
            do {
                try requests.write(contentsOf: try Self.encoder.encode(request) + Data("\n".utf8))
            } catch {
                return nil   // the worker has gone (SIGPIPE is ignored, see Benchmark.main)
            }
            return answers.nextLine()
        }
        guard let line, let answer = try? Self.decoder.decode(Answer.self, from: line) else {
            return .failure(Self.failure(of: process, complaints: complaints))
        }
        return .success(Timing(secondsPerCall: answer.secondsPerCall, othersCPUShare: othersShare))
    }

    /// Closes the worker's input, which ends it, and waits for it.
    func stop() {
        try? requests.close()
        process.waitUntilExit()
    }

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }()

    /// Why the worker stopped answering: waits for it to end and turns its exit status (and
    /// the last line it wrote to standard error) into advice.
    private static func failure(of process: Process, complaints: Pipe) -> Unavailable {
        process.waitUntilExit()
        let complaint = String(decoding: complaints.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").last.map(String.init) ?? "no message"
        return switch process.terminationStatus {
        case 127: Unavailable(description: "python3 is not installed (install Python 3, then: pip install numpy)")
        case 3: Unavailable(description: "NumPy is not installed for python3 (install it with: pip install numpy)")
        case let status: Unavailable(description: "numpy_sgemm.py stopped with status \(status): \(complaint)")
        }
    }

    /// The script, next to the current directory's `Benchmarks/` (the usual case: running from
    /// the repository root), or else next to this source file.
    private static func scriptLocation() -> URL? {
        let fromWorkingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("Benchmarks/numpy_sgemm.py")
        let besideSources = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()   // Benchmark/
            .deletingLastPathComponent()   // Benchmarks/
            .appendingPathComponent("numpy_sgemm.py")
        return [fromWorkingDirectory, besideSources].first { FileManager.default.fileExists(atPath: $0.path) }
    }
}

/// Reads a pipe line by line (the worker answers with one JSON object per line).
struct LineReader {
    private let handle: FileHandle
    private var buffered = Data()

    init(_ handle: FileHandle) {
        self.handle = handle
    }

    /// The next line without its newline, or `nil` once the other end has closed the pipe.
    mutating func nextLine() -> Data? {
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffered[buffered.startIndex..<newline]
                buffered = Data(buffered[buffered.index(after: newline)...])
                return Data(line)
            }
            let more = handle.availableData
            if more.isEmpty { return nil }
            buffered.append(more)
        }
    }
}
