@testable import check
import ExerciseChecks
import Foundation
import Testing

/// The parts of `check --watch` that need no terminal: reading a failed build, choosing the
/// exercise to show, the screen, and noticing a save.
@Suite("Exercise checks: watch")
struct WatchTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func aMovedCheckoutIsRecognisedFromSwiftPMsRealMessage() throws {
        // Captured by copying a built checkout from /work/wt-ex to /tmp/movetest and building there.
        let output = try String(
            contentsOf: Self.fixtures.appendingPathComponent("moved-checkout-build.txt"),
            encoding: .utf8)
        let failure = BuildFailure(output: output, root: "/tmp/movetest")
        #expect(failure.kind == .movedCheckout)
        #expect(failure.explanation.contains("  rm -rf .build && swift run check --watch"))
    }

    @Test func theCompilersFirstErrorIsShownWithItsFileAndLine() {
        let output = """
            Building for debugging...
            [3/9] Compiling Exercises Lesson02.swift
            /work/course/Exercises/Lesson02.swift:24:35: error: cannot find 'm' in scope
            22 | public func sigmoid(_ x: Tensor) throws -> Tensor {
            24 |     return 1 / (1 + (-x).exp()) + m
               |                                   `- error: cannot find 'm' in scope
            25 | }

            /work/course/Exercises/Lesson02.swift:60:5: error: a second error
            error: emit-module command failed with exit code 1 (use -v to see invocation)
            """
        let failure = BuildFailure(output: output, root: "/work/course")
        guard case let .compilerError(headline, context) = failure.kind else {
            Issue.record("expected a compiler error, got \(failure.kind)")
            return
        }
        #expect(headline == "Exercises/Lesson02.swift:24:35: error: cannot find 'm' in scope")
        #expect(context.count == 4 && context[2].contains("`- error"))
        #expect(!failure.explanation.joined().contains("a second error"))
    }

    static func report(_ results: [(String, CheckResult)]) -> CheckReport {
        CheckReport(
            folder: "Exercises", entries: results.map { .init(exercise: Exercise.named($0.0)!, result: $0.1) },
            course: Exercise.all)
    }

    static let wrong = CheckResult.wrong(input: "x", expected: "1", got: "2", hint: "h")

    @Test func theExerciseShownIsTheOneJustEditedElseTheOneMovedToElseTheFirstWrong() {
        let before = Self.report([("1.1", .notStarted), ("2.1", .notStarted), ("2.3", .notStarted)])
        let after = Self.report([("1.1", .notStarted), ("2.1", .done), ("2.3", Self.wrong)])
        #expect(WatchScreen.current(in: after, previous: before, keeping: nil)?.id == "2.3")
        #expect(WatchScreen.current(in: after, previous: after, keeping: Exercise.named("1.1"))?.id == "1.1")
        #expect(WatchScreen.current(in: after, previous: nil, keeping: nil)?.id == "2.3")
        #expect(WatchScreen.current(in: before, previous: nil, keeping: nil)?.id == "1.1")
        #expect(WatchScreen.next(in: after, after: Exercise.named("2.3"))?.id == "1.1")
        #expect(WatchScreen.current(in: Self.report([("2.1", .done)]), previous: nil, keeping: nil) == nil)
    }

    @Test func theScreenShowsTheExerciseInFullTheProgressAndTheKeys() {
        var screen = WatchScreen(watching: "all 3 exercises")
        let report = Self.report([("1.1", .done), ("2.1", .notStarted), ("2.3", Self.wrong)])
        screen.outcome = .checked(report)
        screen.current = Exercise.named("2.3")
        let text = screen.text(style: ReportStyle(isEnabled: false))
        #expect(text.contains("  ✗ 2.3 stableSoftmax  wrong"))
        #expect(text.contains("      expected  1"))
        #expect(!text.contains("2.1 sigmoid"), "only the exercise shown")
        #expect(text.contains("[######--------------] 1/3 done"))
        #expect(text.contains("Next: fix 2.3 stableSoftmax"))
        #expect(text.contains("save the file (the watch checks it again)"))
        #expect(text.hasSuffix(WatchScreen.keys))
        screen.isListing = true
        #expect(screen.text(style: ReportStyle(isEnabled: false)).contains("  · 2.1 sigmoid"))
    }

    @Test func aSaveChangesTheSnapshot() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("Lesson02.swift")
        try Data("a".utf8).write(to: file)
        let first = FolderSnapshot(of: folder)
        #expect(FolderSnapshot(of: folder) == first)
        try Data("ab".utf8).write(to: file)
        #expect(FolderSnapshot(of: folder) != first)
    }
}
