import ExerciseChecks
import Foundation
import Testing

/// The learner's command, run as a learner runs it: the built `check` executable in a child
/// process, its output read from a pipe (so never coloured).
@Suite("Exercise checks: the check command")
struct CheckCommandTests {
    /// The built `check` executable, next to the test bundle.
    static var executable: String? {
        var folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        if let bundle = Bundle.main.executableURL { folder = bundle.deletingLastPathComponent() }
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("check").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let path = try #require(Self.executable, "the check executable is built next to the tests")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test func solutionsAreAllDoneAndExitZero() throws {
        let (status, output) = try run(["--solutions"])
        #expect(status == 0, "\(output)")
        let count = Exercise.all.count
        #expect(output.contains("Checking the reference answers in Solutions/ (\(count) exercises)"))
        #expect(output.contains("  ✓ 2.3 stableSoftmax       done"))
        #expect(output.contains("\(count)/\(count) done"))
        #expect(!output.contains("\u{1B}["), "no colour in a pipe")
    }

    @Test func oneLessonAsJSON() throws {
        let (status, output) = try run(["2", "--solutions", "--json"])
        #expect(status == 0)
        let document = try JSONDecoder().decode(CheckReport.JSONDocument.self, from: Data(output.utf8))
        #expect(document.exercises.map(\.id) == ["2.1", "2.2", "2.3", "2.4"])
        #expect(document.exercises.allSatisfy { $0.status == "done" })
        #expect(document.allDone && document.done == 4 && document.total == 4)
    }

    @Test func learnersAnswersAreDoneOrNotStartedAndTheStatusSaysSo() throws {
        let (status, output) = try run(["--json"])
        let document = try JSONDecoder().decode(CheckReport.JSONDocument.self, from: Data(output.utf8))
        #expect(document.folder == "Exercises" && document.total == Exercise.all.count)
        #expect(document.exercises.allSatisfy { $0.status != "wrong" }, "\(output)")
        #expect(status == (document.allDone ? 0 : 1))
    }

    @Test func unknownExerciseIsAUsageError() throws {
        let (status, output) = try run(["9.9"])
        #expect(status == 64)
        #expect(output.contains("there is no exercise '9.9'"))
        #expect(output.contains("2.3  stableSoftmax"))
    }

    @Test func helpExplainsTheExitStatus() throws {
        let (status, output) = try run(["--help"])
        #expect(status == 0)
        #expect(output.contains("Exit status: 0 when every exercise checked is done"))
        #expect(output.contains("--solutions") && output.contains("--json"))
        #expect(!output.contains("--in-process"))
    }
}
