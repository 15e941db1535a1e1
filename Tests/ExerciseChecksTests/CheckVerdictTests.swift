@testable import check
import ExerciseChecks
import Foundation
import Testing
import Torchlet

/// DESIGN §6, on the shipped files: every check passes on the reference answer in `Solutions/`,
/// reads "not started" on the untouched stub in `Exercises/` (the real target, not a copy), and
/// rejects a plausible wrong answer (`WrongAnswerTests`).
@Suite("Exercise checks: verdicts")
struct CheckVerdictTests {
    static let ids = Exercise.all.map(\.id)

    @Test("the reference answer passes", arguments: ids)
    func solutionPasses(id: String) {
        let result = check(id, in: .reference)
        #expect(result == .done, "\(id): \(result)")
    }

    /// On a fresh clone every exercise is its stub; a learner's answers are left to
    /// `learnersExercisesAreDoneOrNotStarted`.
    @Test("a shipped stub in Exercises/ is not started", arguments: ids)
    func shippedStubIsNotStarted(id: String) throws {
        let exercise = try #require(Exercise.named(id))
        let function = try #require(
            PackageFolder.current.function(of: exercise, in: "Exercises"),
            "func \(exercise.name) in \(exercise.file(in: "Exercises"))")
        guard function.isStub else { return }  // the learner has written it
        #expect(check(id, in: .learners) == .notStarted)
    }

    @Test func everyExerciseIsRegisteredOnceInCourseOrder() {
        let ids = Course.registered.map(\.exercise.id)
        #expect(Set(ids).count == ids.count)
        let order = ids.map { $0.split(separator: ".").map { Int($0)! } }
        #expect(order == order.sorted { $0.lexicographicallyPrecedes($1) })
        for exercise in Exercise.all {
            #expect(exercise.buildsOn.allSatisfy { Exercise.named($0) != nil }, "\(exercise.id)")
        }
    }

    /// On a fresh clone every exercise is a stub (not started); a learner's answer is done or,
    /// when it is wrong, this test fails naming it, so `swift test` reports it too. It runs in a
    /// child process: an answer that traps in the engine (a shape mismatch) fails this test
    /// instead of stopping the whole test run.
    @Test func learnersExercisesAreDoneOrNotStarted() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            let wrong = Course.registered.compactMap { registered -> String? in
                let result = registered.checkLearners()
                guard result.isWrong else { return nil }
                let report = CheckReport(
                    folder: "Exercises", entries: [.init(exercise: registered.exercise, result: result)])
                return report.lines(for: report.entries[0], style: ReportStyle(isEnabled: false)).joined(
                    separator: "\n")
            }
            // The child exits normally either way: an exit test that does not exit as expected
            // gives no output back, and the output is what names the wrong exercise.
            if !wrong.isEmpty {
                FileHandle.standardError.write(Data((wrong.joined(separator: "\n") + "\n").utf8))
            }
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.isEmpty, "your answers in Exercises/ (run `swift run check` for the full report):\n\(stderr)")
    }
}
