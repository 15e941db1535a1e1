import ExerciseChecks
import Foundation

/// Checks one exercise in a child process (this same program, with `--in-process --json`), so
/// that an answer which stops the program (a shape mismatch traps in the engine, as an array
/// index out of range does in Swift) is reported as a wrong answer with the engine's message and
/// the input it was given, and the other exercises are still checked.
struct IsolatedCheck {
    /// This program's own path, or `nil` when it cannot be found (then checks run in-process).
    static var executable: String? {
        if let path = Bundle.main.executablePath, FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        let procSelf = "/proc/self/exe"
        return FileManager.default.isExecutableFile(atPath: procSelf) ? procSelf : nil
    }

    let executable: String
    let answers: AnswerSource

    /// The verdict on `exercise`, from a child process.
    func run(_ exercise: Exercise) -> CheckResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [exercise.id, "--in-process", "--json"] + answers.flags
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"  // a crash report takes seconds; the message is enough
        environment[CheckedInput.environmentKey] = "1"  // so that a crash can be traced to its input
        process.environment = environment
        let errorFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("torchlet-check-\(ProcessInfo.processInfo.processIdentifier)-\(exercise.id).txt")
        let output = Pipe()
        process.standardOutput = output
        defer { try? FileManager.default.removeItem(at: errorFile) }
        do {
            _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: errorFile)
            try process.run()
        } catch {
            return .wrong(
                input: "", expected: "a check process", got: "it could not start: \(error)",
                hint: "Run the check again; if this persists, please report it.")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if let document = try? JSONDecoder().decode(CheckReport.JSONDocument.self, from: data),
            let entry = document.exercises.first, let result = CheckResult(entry)
        {
            return result
        }
        let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return Self.crashed(errors: errors, status: process.terminationStatus)
    }

    /// The verdict on an answer that stopped the program, quoting the engine's message and the
    /// last input the child announced before it stopped.
    static func crashed(errors: String, status: Int32) -> CheckResult {
        let lines = errors.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.hasPrefix("torchlet-check-input: ") }
        // The engine reports "error: <message>" then "at <file:line>"; a trap, "...: Fatal error: <message>".
        var message =
            lines.first { $0.hasPrefix("error: ") || $0.contains("Fatal error: ") }
            ?? lines.last ?? "exit status \(status)"
        if message.hasPrefix("error: ") { message = String(message.dropFirst("error: ".count)) }
        if let range = message.range(of: "Fatal error: ") { message = String(message[range.upperBound...]) }
        return .wrong(
            input: CheckedInput.last(in: errors) ?? "", expected: "your function to return a result",
            got: "it stopped the program: \(message)",
            hint: "An engine operation refused its arguments, often two shapes that do not fit: the message "
                + "names the operation and the shapes. Print your tensors' shapes (print(x.shape)) to find "
                + "the step, and compare them with the shapes in the exercise's comment.")
    }
}
