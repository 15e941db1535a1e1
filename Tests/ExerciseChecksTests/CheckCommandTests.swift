@testable import check
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
        let total = Exercise.all.count
        #expect(output.contains("Checking the reference answers in Solutions/ (\(total) exercises)"))
        // The name column is as wide as the longest exercise name, so match the line's two ends.
        #expect(
            output.split(separator: "\n").contains { $0.hasPrefix("  ✓ 2.3 stableSoftmax ") && $0.hasSuffix(" done") })
        #expect(output.contains("\(total)/\(total) done"))
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
        #expect(document.exercises.allSatisfy { $0.status != "wrong" && $0.needsIsWrong != true }, "\(output)")
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
        #expect(output.contains("--solutions") && output.contains("--json") && output.contains("--watch"))
        for subcommand in ["hint", "list", "reset", "solution"] { #expect(output.contains("  \(subcommand) ")) }
        #expect(!output.contains("--in-process") && !output.contains("--trapping-answer"))
    }

    /// An answer that really traps in the engine, through the real child process: reported as
    /// wrong, with the engine's message and the input it was given, and the run goes on.
    @Test func aTrappingAnswerIsWrongWithTheEnginesMessageAndTheInput() throws {
        let (status, output) = try run(["1", "--trapping-answer"])
        #expect(status == 1)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("  ✗ 1.1 perceptronForward ") && $0.hasSuffix(" wrong") }, "\(output)")
        #expect(output.contains("      for       perceptronForward(x: tensor([[0., 0.],"))
        #expect(output.contains("weight: tensor([[ 0.8000, -0.6000]]), bias: tensor([0.2500]))"))
        #expect(
            output.contains(
                "got       it stopped the program: matmul: mat1 and mat2 shapes cannot be "
                    + "multiplied (4x2 and 1x2)"))
        // 1.2 is still checked after 1.1 stopped its process.
        #expect(lines.contains { $0.hasPrefix("  · 1.2 perceptronRuleStep ") || $0.hasPrefix("  ✓ 1.2 ") })
    }

    /// An exercise still as shipped in this checkout, for commands whose answer depends on it.
    static var untouched: Exercise? {
        Exercise.all.first { PackageFolder.current.function(of: $0, in: "Exercises")?.isStub == true }
    }

    @Test func solutionWaitsUntilTheExerciseIsDoneAndResetLeavesAStubAlone() throws {
        let exercise = try #require(Self.untouched, "an exercise not started yet")
        let before = try String(contentsOf: PackageFolder.current.url(exercise.file(in: "Exercises")), encoding: .utf8)
        let (status, output) = try run(["solution", exercise.id])
        #expect(status == 1)
        #expect(
            output.contains("\(exercise.title) is not started yet: its reference answer is shown once yours passes."))
        let reset = try run(["reset", exercise.id])
        #expect(reset.status == 0 && reset.output.contains("is already its untouched stub: nothing to reset."))
        let after = try String(contentsOf: PackageFolder.current.url(exercise.file(in: "Exercises")), encoding: .utf8)
        #expect(after == before)
    }

    @Test func listShowsEveryExerciseOnOneLine() throws {
        let (_, output) = try run(["list"])
        let lines = output.split(separator: "\n")
        for exercise in Exercise.all {
            #expect(lines.contains { $0.hasPrefix("  ") && $0.contains(" \(exercise.title) ") }, "\(exercise.id)")
        }
        #expect(output.contains("/\(Exercise.all.count) done"))
    }
}
