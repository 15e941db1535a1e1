import Foundation

/// A Python process that measures the other side of a comparison: `numpy_sgemm.py --serve`
/// (NumPy's matrix products) or `pytorch_training_steps.py --serve` (PyTorch's training steps).
/// It stays up during our run and times one sample whenever we ask, so our samples and its
/// samples alternate (see `MeasurementPlan`): same machine, same moment, same method, same number
/// of threads.
///
/// The protocol is one JSON object per line: the worker first prints who it is (its greeting),
/// then answers each request with `{"seconds_per_call": [...], ...}` until its input closes.
final class PythonWorker {
    /// Why there is no column for the other side, in one line a person can act on.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// Which script, and what to tell a person who lacks its Python package.
    struct Script: Sendable {
        /// The file name in `Benchmarks/`, e.g. `numpy_sgemm.py`.
        let fileName: String
        /// The Python package it needs, e.g. `numpy`: what to `pip install` when it exits with 3.
        let package: String
        /// Extra arguments after `--serve`.
        var arguments: [String] = []

        static let numpy = Script(fileName: "numpy_sgemm.py", package: "numpy")
        static func pytorch(threads: Int) -> Script {
            Script(fileName: "pytorch_training_steps.py", package: "torch", arguments: ["--threads", String(threads)])
        }
    }

    /// The worker's first line, e.g. `{"numpy_version": "2.4.6", "blas": "..."}`.
    let greeting: Data

    private let script: Script
    private let process: Process
    private let requests: FileHandle
    private var answers: LineReader
    private let complaints: Pipe

    private init(
        script: Script, process: Process, requests: FileHandle, answers: LineReader, complaints: Pipe,
        greeting: Data
    ) {
        self.script = script
        self.process = process
        self.requests = requests
        self.answers = answers
        self.complaints = complaints
        self.greeting = greeting
    }

    /// Starts `python Benchmarks/<script> --serve` (`python` as given: a name looked up in the
    /// `PATH`, or a path) with its math libraries limited to `threads` threads, and waits until
    /// it has loaded them and said who it is.
    static func start(_ script: Script, python: String, threads: Int) -> Result<PythonWorker, Unavailable> {
        guard let location = scriptLocation(script.fileName) else {
            return .failure(
                Unavailable(
                    description: "Benchmarks/\(script.fileName) not found: run the benchmark "
                        + "from the repository root (swift run -c release Benchmark)"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, location.path, "--serve"] + script.arguments
        // OpenBLAS and OpenMP read these when they load, so they must be set before Python starts.
        var environment = ProcessInfo.processInfo.environment
        for variable in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"] {
            environment[variable] = String(threads)
        }
        process.environment = environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .failure(Unavailable(description: "could not start /usr/bin/env \(python) (\(error))"))
        }

        var answers = LineReader(output.fileHandleForReading)
        guard let greeting = answers.nextLine(), (try? JSONSerialization.jsonObject(with: greeting)) != nil else {
            return .failure(failure(of: process, script: script, python: python, complaints: errors))
        }
        return .success(
            PythonWorker(
                script: script, process: process, requests: input.fileHandleForWriting,
                answers: answers, complaints: errors, greeting: greeting))
    }

    /// What every answer holds: seconds per call, one figure per sample.
    private struct Answer: Decodable {
        let secondsPerCall: [Double]
    }

    /// Sends `request` and reads the timing the worker answers, with the share of the machine that
    /// other programs used meanwhile.
    func measure(_ request: some Encodable) -> Result<Timing, Unavailable> {
        let (line, othersShare) = CPUActivity.observing { () -> Data? in
            do {
                try requests.write(contentsOf: try Self.encoder.encode(request) + Data("\n".utf8))
            } catch {
                return nil  // the worker has gone (SIGPIPE is ignored, see Benchmark.main)
            }
            return answers.nextLine()
        }
        guard let line, let answer = try? Self.decoder.decode(Answer.self, from: line) else {
            return .failure(Self.failure(of: process, script: script, python: nil, complaints: complaints))
        }
        return .success(Timing(secondsPerCall: answer.secondsPerCall, othersCPUShare: othersShare))
    }

    /// Closes the worker's input, which ends it, and waits for it.
    func stop() {
        try? requests.close()
        process.waitUntilExit()
    }

    static let decoder: JSONDecoder = {
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
    private static func failure(
        of process: Process, script: Script, python: String?,
        complaints: Pipe
    ) -> Unavailable {
        process.waitUntilExit()
        let complaint =
            String(decoding: complaints.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").last.map(String.init) ?? "no message"
        let interpreter = python ?? "python"
        return switch process.terminationStatus {
        case 127:
            Unavailable(
                description: "\(interpreter) is not installed (install Python 3, then: "
                    + "pip install \(script.package); or pass --python PATH)")
        case 3:
            Unavailable(
                description: "\(script.package) is not installed for \(interpreter) (install it with: "
                    + "pip install \(script.package); or pass --python PATH to a Python that has it)")
        case let status: Unavailable(description: "\(script.fileName) stopped with status \(status): \(complaint)")
        }
    }

    /// The script in the current directory's `Benchmarks/` (the usual case: running from the
    /// repository root), or else next to this source file.
    static func scriptLocation(_ fileName: String) -> URL? {
        let fromWorkingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("Benchmarks/\(fileName)")
        let besideSources = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Benchmark/
            .deletingLastPathComponent()  // Benchmarks/
            .appendingPathComponent(fileName)
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
