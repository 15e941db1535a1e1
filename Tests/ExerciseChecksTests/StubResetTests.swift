@testable import check
import ExerciseChecks
import Foundation
import Testing

/// `check reset` on a copy of the course's files, so the real `Exercises/` stays untouched.
@Suite("Exercise checks: reset")
struct StubResetTests {
    /// A folder with copies of `Exercises/Lesson02.swift` and `Solutions/Lesson02.swift`.
    static func copy() throws -> PackageFolder {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("reset-\(UUID().uuidString)")
        for folder in ["Exercises", "Solutions"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(folder),
                withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: PackageFolder.current.url("\(folder)/Lesson02.swift"),
                to: root.appendingPathComponent("\(folder)/Lesson02.swift"))
        }
        return PackageFolder(root: root)
    }

    @Test func resetPutsBackTheShippedStubOfThatExerciseOnly() throws {
        let folder = try Self.copy()
        defer { try? FileManager.default.removeItem(at: folder.root) }
        let path = folder.url("Exercises/Lesson02.swift")
        let softmax = Exercise.named("2.3")!
        // The learner answers 2.1 and 2.3 (2.3 wrongly) and commits; the reset must not care.
        var text = try String(contentsOf: path, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "    throw NotImplemented(\"2.1 sigmoid\")", with: "    return 1 / (1 + (-x).exp())")
        text = text.replacingOccurrences(
            of: "    throw NotImplemented(\"2.3 stableSoftmax\")",
            with: "    let e = (x - x.max()).exp()\n    return e / e.sum(dim: dim, keepDim: true)")
        try Data(text.utf8).write(to: path)

        let outcome = try StubReset(folder: folder).reset(softmax)
        guard case let .reset(previous, backup) = outcome else {
            Issue.record("expected a reset, got \(outcome)")
            return
        }
        #expect(previous.body.contains("    let e = (x - x.max()).exp()"))
        let after = ExerciseSource(try String(contentsOf: path, encoding: .utf8))
        #expect(after.function(named: "stableSoftmax")?.isStub == true)
        #expect(after.function(named: "sigmoid")?.body.last == "    return 1 / (1 + (-x).exp())", "2.1 is kept")
        let shipped = try String(contentsOf: PackageFolder.current.url("Solutions/Lesson02.swift"), encoding: .utf8)
        #expect(
            after.function(named: "stableSoftmax")?.text
                == ExerciseSource(shipped).function(named: "stableSoftmax")?.stub(for: softmax))
        #expect(backup == ".build/check/reset/2.3-stableSoftmax.swift")
        let lines = StubReset.describe(outcome, of: softmax)
        #expect(lines.contains("  -     let e = (x - x.max()).exp()"))
        #expect(lines.last == "Nothing else changed: the other exercises keep your answers.")
        #expect(try StubReset(folder: folder).reset(softmax) == .alreadyTheStub)
    }

    @Test func aSecondHintRequestGivesTheStrongerOne() throws {
        let folder = try Self.copy()
        defer { try? FileManager.default.removeItem(at: folder.root) }
        let hints = Hints(folder: folder), softmax = Exercise.named("2.3")!
        let first = hints.request(softmax)
        #expect(first.hints.count == 1 && first.strongerLeft)
        #expect(first.hints[0].hasPrefix("`x.max(dim: dim, keepDim: true).values`"))
        let second = hints.request(softmax)
        #expect(second.hints.count == 2 && !second.strongerLeft)
        #expect(second.hints[1] == softmax.strongerHint)
        #expect(hints.request(Exercise.named("2.1")!, more: true).hints.count == 2)
    }

    @Test func everyExerciseHasACommentHintAndAStrongerOne() {
        for exercise in Exercise.all {
            #expect(Hints(folder: .current).levels(of: exercise).count == 2, "\(exercise.id)")
        }
    }
}
