import ExerciseChecks
import Foundation
import Testing
import Torchlet

/// DESIGN §6: every check passes on the solutions and rejects both the untouched stub and a
/// plausible wrong answer (a check that cannot fail is a defect).
@Suite("Exercise checks: verdicts")
struct CheckVerdictTests {
    static let ids = Exercise.all.map(\.id)

    @Test("the reference answer passes", arguments: ids)
    func solutionPasses(id: String) {
        let result = check(id, in: referenceAnswers())
        #expect(result == .done, "\(id): \(result)")
    }

    @Test("an untouched stub is not started", arguments: ids)
    func stubIsNotStarted(id: String) {
        #expect(check(id, in: stubAnswers()) == .notStarted)
    }

    @Test func everyExerciseHasOneCheck() {
        #expect(referenceAnswers().checks.map(\.exercise) == Exercise.all)
        #expect(Set(Exercise.all.map(\.id)).count == Exercise.all.count)
    }

    /// On a fresh clone every exercise is a stub (not started); a learner's answer is done or,
    /// when it is wrong, this test fails naming it, so `swift test` reports it too. It runs in a
    /// child process: an answer that traps in the engine (a shape mismatch) fails this test
    /// instead of stopping the whole test run.
    @Test func learnersExercisesAreDoneOrNotStarted() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            let wrong = learnersAnswers().checks.compactMap { check -> String? in
                let result = check.run()
                guard result.isWrong else { return nil }
                let report = CheckReport(folder: "Exercises", entries: [.init(exercise: check.exercise, result: result)])
                return report.lines(for: report.entries[0], style: ReportStyle(isEnabled: false)).joined(separator: "\n")
            }
            if !wrong.isEmpty {
                FileHandle.standardError.write(Data((wrong.joined(separator: "\n") + "\n").utf8))
                exit(1)
            }
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.isEmpty, "your answers in Exercises/ (run `swift run check` for the full report):\n\(stderr)")
    }
}
