import Foundation

/// The peak memory of a CNN training run: Lesson 7's network trained on `steps` batches of 100
/// synthetic images, in a process of its own, so that nothing measured before counts.
struct MemoryRun: Sendable {
    /// Steps of a full run: 60 batches of 100, a tenth of an MNIST epoch. The peak is reached
    /// in the first steps; more steps would only show that it stays flat.
    static let steps = 60
    /// The most a CNN training run may hold at once.
    static let targetBytes = 200 * 1_000_000

    let steps: Int
    /// Our peak, or why it could not be measured.
    var ours: Result<Int, MeasurementFailure> = .failure(MeasurementFailure(description: "not measured"))
    /// PyTorch's peak, where it was measured.
    var pytorch: Result<Int, MeasurementFailure>?

    init(steps: Int) {
        self.steps = steps
    }

    struct MeasurementFailure: Error, CustomStringConvertible, Sendable {
        let description: String
    }

    /// Runs `program` with `arguments` and reads `{"peak_rss_bytes": N, ...}` from the last line it prints.
    static func peakBytes(of program: String, _ arguments: [String]) -> Result<Int, MeasurementFailure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .failure(MeasurementFailure(description: "could not start \(program): \(error)"))
        }
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        struct Report: Decodable { let peakRssBytes: Int }
        guard process.terminationStatus == 0,
            let line = printed.split(separator: UInt8(ascii: "\n")).last,
            let report = try? PythonWorker.decoder.decode(Report.self, from: Data(line))
        else {
            let reason = complaint.split(separator: "\n").last.map(String.init) ?? "no message"
            return .failure(
                MeasurementFailure(
                    description:
                        "\(arguments.first ?? program) stopped with status \(process.terminationStatus): \(reason)"))
        }
        return .success(report.peakRssBytes)
    }
}
