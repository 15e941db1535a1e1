@testable import check
@testable import ExerciseChecks
import Foundation
import Testing

/// The report a learner reads and the JSON a grading script reads, from made-up results.
@Suite("Exercise checks: the report")
struct CheckReportTests {
    static let wrongSoftmax = CheckResult.wrong(
        input: "stableSoftmax(tensor([[1000., 1001., 1002.]]), dim: 1)",
        expected: "tensor([[0.0900, 0.2447, 0.6652]])", got: "tensor([[nan, nan, nan]])",
        hint: "Subtract the row's largest score first.")

    static let sample = CheckReport(folder: "Exercises", entries: [
        .init(exercise: Exercise.named("2.1")!, result: .done),
        .init(exercise: Exercise.named("2.3")!, result: wrongSoftmax),
        .init(exercise: Exercise.named("3.1")!, result: .notStarted),
    ])

    @Test func textShowsEachVerdictAndWhereToWrite() {
        let lines = Self.sample.text().split(separator: "\n").map(String.init)
        #expect(lines.first == "Checking your answers in Exercises/ (3 exercises)")
        #expect(lines.contains("Lesson 02 · activation functions"))
        #expect(lines.contains("  ✓ 2.1 sigmoid        done"))
        #expect(lines.contains("  ✗ 2.3 stableSoftmax  wrong"))
        #expect(lines.contains("      for       stableSoftmax(tensor([[1000., 1001., 1002.]]), dim: 1)"))
        #expect(lines.contains("      expected  tensor([[0.0900, 0.2447, 0.6652]])"))
        #expect(lines.contains("      got       tensor([[nan, nan, nan]])"))
        #expect(lines.contains("      hint      Subtract the row's largest score first."))
        #expect(lines.contains("      fix it in Exercises/Lesson02.swift, func stableSoftmax(_:dim:)"))
        #expect(lines.contains("  · 3.1 mseLoss        not started"))
        #expect(lines.contains("      write it in Exercises/Lesson03.swift, func mseLoss(_:_:)"))
        #expect(lines.contains("[######--------------] 1/3 done"))
        #expect(lines.contains { $0.hasPrefix("Next: fix 2.3 stableSoftmax in Exercises/Lesson02.swift") })
        #expect(lines.allSatisfy { $0.count <= 100 })
    }

    @Test func multiLineTensorsStayAligned() {
        let lines = CheckReport.labelled("got", "tensor([[1., 2.],\n        [3., 4.]])", style: ReportStyle(isEnabled: false))
        #expect(lines == ["      got       tensor([[1., 2.],", "                        [3., 4.]])"])
    }

    @Test func longHintsWrapOutsideCode() {
        let text = CheckReport.wrapped("aaaa bbbb `swift run check 2.3` cccc", width: 12)
        #expect(text == "aaaa bbbb\n`swift run check 2.3`\ncccc")
    }

    @Test func nextStepStartsTheFirstUnstartedExerciseWhenNothingIsWrong() {
        let report = CheckReport(folder: "Exercises", entries: [
            .init(exercise: Exercise.named("1.1")!, result: .done),
            .init(exercise: Exercise.named("1.2")!, result: .notStarted),
        ])
        #expect(report.nextStep.hasPrefix("Next: 1.2 perceptronRuleStep. Open Exercises/Lesson01.swift"))
        #expect(report.nextStep.contains("`swift run check 1.2`"))
        #expect(report.exitStatus == 1)
    }

    @Test func allDoneExitsWithZero() {
        let report = CheckReport(folder: "Exercises", entries: Exercise.all.map { .init(exercise: $0, result: .done) })
        #expect(report.exitStatus == 0)
        #expect(report.nextStep.hasPrefix("All done!"))
        let count = Exercise.all.count
        #expect(report.text().contains("[####################] \(count)/\(count) done"))
    }

    @Test func colourOnlyWhenAsked() {
        #expect(!Self.sample.text().contains("\u{1B}["))
        let coloured = Self.sample.text(style: ReportStyle(isEnabled: true))
        #expect(coloured.contains("\u{1B}[32m✓\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[31mwrong\u{1B}[0m"))
    }

    @Test func colourOnATerminalWithoutNoColor() {
        #expect(ReportStyle.decide(isTerminal: true, environment: [:]).isEnabled)
        #expect(ReportStyle.decide(isTerminal: true, environment: ["NO_COLOR": ""]).isEnabled)
        #expect(!ReportStyle.decide(isTerminal: true, environment: ["NO_COLOR": "1"]).isEnabled)
        #expect(!ReportStyle.decide(isTerminal: false, environment: [:]).isEnabled)
    }

    @Test func jsonHasIdNameStatusAndMessage() throws {
        let document = try JSONDecoder().decode(CheckReport.JSONDocument.self, from: Data(Self.sample.json().utf8))
        #expect(document.folder == "Exercises")
        #expect(document.done == 1 && document.total == 3 && !document.allDone)
        #expect(document.exercises.map(\.id) == ["2.1", "2.3", "3.1"])
        #expect(document.exercises.map(\.status) == ["done", "wrong", "not_started"])
        #expect(document.exercises[1].name == "stableSoftmax")
        #expect(document.exercises[1].message.contains("expected tensor([[0.0900, 0.2447, 0.6652]]), got tensor([[nan, nan, nan]])"))
        #expect(document.exercises[2].message == "not started: write it in Exercises/Lesson03.swift, func mseLoss(_:_:)")
        // A child process's verdict travels as JSON: it comes back unchanged.
        #expect(document.exercises.compactMap(CheckResult.init) == Self.sample.entries.map(\.result))
    }

    @Test func selectionByNumberNameOrLesson() throws {
        #expect(try ExerciseSelection.resolve([]) == Exercise.all)
        #expect(try ExerciseSelection.resolve(["2"]).map(\.id) == ["2.1", "2.2", "2.3", "2.4"])
        #expect(try ExerciseSelection.resolve(["stableSoftmax"]).map(\.id) == ["2.3"])
        #expect(try ExerciseSelection.resolve(["3.1", "2", "2.1"]).map(\.id) == ["2.1", "2.2", "2.3", "2.4", "3.1"])
    }

    @Test func unknownExerciseListsTheValidOnes() {
        #expect {
            try ExerciseSelection.resolve(["9.9"])
        } throws: { error in
            let message = String(describing: error)
            return message.contains("there is no exercise '9.9'") && message.contains("  2.3  stableSoftmax")
                && message.contains("lessons: 1, 2, 3")
        }
    }

    @Test func aCrashIsReportedWithTheEnginesMessage() {
        let stderr = "Torchlet/Matmul.swift:33: Fatal error: matmul: mat1 and mat2 shapes cannot be multiplied (4x2 and 1x2)\n"
        let result = IsolatedCheck.crashed(errors: stderr, status: 132, exercise: Exercise.named("1.1")!)
        guard case let .wrong(_, _, got, hint) = result else {
            Issue.record("a crash should be a wrong answer, got \(result)")
            return
        }
        #expect(got == "it stopped the program: matmul: mat1 and mat2 shapes cannot be multiplied (4x2 and 1x2)")
        #expect(hint.contains("shapes"))
    }
}
