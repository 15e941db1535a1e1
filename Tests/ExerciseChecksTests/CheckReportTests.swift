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

    static let sample = CheckReport(
        folder: "Exercises",
        entries: [
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
        let lines = CheckReport.labelled(
            "got", "tensor([[1., 2.],\n        [3., 4.]])", style: ReportStyle(isEnabled: false))
        #expect(lines == ["      got       tensor([[1., 2.],", "                        [3., 4.]])"])
    }

    @Test func longHintsWrapOutsideCode() {
        let text = CheckReport.wrapped("aaaa bbbb `swift run check 2.3` cccc", width: 12)
        #expect(text == "aaaa bbbb\n`swift run check 2.3`\ncccc")
    }

    @Test func nextStepStartsTheFirstUnstartedExerciseWhenNothingIsWrong() {
        let report = CheckReport(
            folder: "Exercises",
            entries: [
                .init(exercise: Exercise.named("1.1")!, result: .done),
                .init(exercise: Exercise.named("1.2")!, result: .notStarted),
            ])
        #expect(report.nextStep.hasPrefix("Next: 1.2 perceptronRuleStep. Open Exercises/Lesson01.swift"))
        #expect(report.nextStep.contains("`swift run check 1.2`"))
        #expect(report.exitStatus == 1)
    }

    @Test func allDoneExitsWithZero() {
        let report = CheckReport(
            folder: "Exercises", entries: Exercise.all.map { .init(exercise: $0, result: .done) },
            course: Exercise.all)
        #expect(report.exitStatus == 0)
        #expect(report.nextStep.hasPrefix("All done!"))
        let total = Exercise.all.count
        #expect(report.text().contains("[####################] \(total)/\(total) done"))
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
        #expect(
            document.exercises[1].message.contains(
                "expected tensor([[0.0900, 0.2447, 0.6652]]), got tensor([[nan, nan, nan]])"))
        #expect(
            document.exercises[2].message == "not started: write it in Exercises/Lesson03.swift, func mseLoss(_:_:)")
        // A child process's verdict travels as JSON: it comes back unchanged.
        #expect(document.exercises.compactMap(CheckResult.init) == Self.sample.entries.map(\.result))
    }

    @Test func selectionByNumberNameOrLesson() throws {
        let all = Exercise.all
        #expect(try ExerciseSelection.resolve([], from: all) == all)
        #expect(try ExerciseSelection.resolve(["2"], from: all).map(\.id) == ["2.1", "2.2", "2.3", "2.4"])
        #expect(try ExerciseSelection.resolve(["stableSoftmax"], from: all).map(\.id) == ["2.3"])
        #expect(
            try ExerciseSelection.resolve(["3.1", "2", "2.1"], from: all).map(\.id)
                == ["2.1", "2.2", "2.3", "2.4", "3.1"])
    }

    @Test func unknownExerciseListsTheValidOnes() {
        #expect {
            try ExerciseSelection.resolve(["9.9"], from: Exercise.all)
        } throws: { error in
            let message = String(describing: error)
            return message.contains("there is no exercise '9.9'") && message.contains("  2.3  stableSoftmax")
                && message.contains("lessons: 1, 2, 3")
        }
    }

    @Test func aCrashIsReportedWithTheEnginesMessageAndTheLastInput() {
        let stderr =
            CheckedInput.line(for: "sigmoid(tensor([1.]))") + "\n"
            + CheckedInput.line(for: "perceptronForward(x: tensor([[0., 0.],\n        [0., 1.]]))") + "\n"
            + "Torchlet/Matmul.swift:33: Fatal error: matmul: mat1 and mat2 shapes cannot be multiplied (4x2 and 1x2)\n"
        let result = IsolatedCheck.crashed(errors: stderr, status: 132)
        guard case let .wrong(input, _, got, hint) = result else {
            Issue.record("a crash should be a wrong answer, got \(result)")
            return
        }
        #expect(input == "perceptronForward(x: tensor([[0., 0.],\n        [0., 1.]]))")
        #expect(got == "it stopped the program: matmul: mat1 and mat2 shapes cannot be multiplied (4x2 and 1x2)")
        #expect(hint.contains("shapes"))
    }

    @Test func theEnginesReportIsQuotedWithoutItsLine() {
        let stderr =
            CheckedInput.line(for: "sigmoid(tensor([1.]))") + "\n"
            + "error: matmul: mat1 and mat2 shapes cannot be multiplied (4x2 and 1x2)\n"
            + "  at Exercises/Lesson01.swift:12\n"
        let result = IsolatedCheck.crashed(errors: stderr, status: 1)
        guard case let .wrong(_, _, got, _) = result else {
            Issue.record("a stopped program should be a wrong answer, got \(result)")
            return
        }
        #expect(got == "it stopped the program: matmul: mat1 and mat2 shapes cannot be multiplied (4x2 and 1x2)")
    }

    @Test func needsNamesTheExerciseToDoFirstAndWhere() {
        let exercises = [Exercise.named("4.1")!, Exercise.named("4.2")!]
        let report = CheckReport(
            folder: "Exercises",
            entries: [
                .init(exercise: exercises[1], result: .needs(id: "4.1", dependencyIsWrong: false))
            ], course: Exercise.all)
        let text = report.text()
        #expect(text.contains("  → 4.2 sgdStep  needs 4.1 first"), "\(text)")
        #expect(text.contains("Your sgdStep calls 4.1 mseGradients, which is not started yet: write 4.1 first"))
        #expect(text.contains("Exercises/Lesson04.swift, func mseGradients(weight:bias:x:y:)"))
        #expect(report.nextStep.hasPrefix("Next: 4.1 mseGradients first, which 4.2 sgdStep needs. Write it"))
        let wrong = CheckReport(
            folder: "Exercises",
            entries: [
                .init(exercise: exercises[1], result: .needs(id: "4.1", dependencyIsWrong: true))
            ], course: Exercise.all)
        #expect(wrong.text().contains("4.2 builds on 4.1 mseGradients, which is wrong: its report is under 4.1."))
        let json = try? JSONDecoder().decode(CheckReport.JSONDocument.self, from: Data(wrong.json().utf8))
        #expect(json?.exercises.first?.status == "needs" && json?.exercises.first?.needs == "4.1")
        #expect(json?.exercises.compactMap(CheckResult.init) == [.needs(id: "4.1", dependencyIsWrong: true)])
    }

    @Test func aWrongAnswerOnTopOfAWrongDependencyNeedsTheDependencyFirst() {
        let wrong = CheckResult.wrong(input: "x", expected: "1", got: "2", hint: "h")
        #expect(wrong.settled(dependencies: [("4.1", wrong)]) == .needs(id: "4.1", dependencyIsWrong: true))
        #expect(wrong.settled(dependencies: [("4.1", .done)]) == wrong)
        // A dependency that is only not started cannot be to blame: calling it would have thrown.
        #expect(wrong.settled(dependencies: [("4.1", .notStarted)]) == wrong)
        #expect(CheckResult.done.settled(dependencies: [("4.1", wrong)]) == .done)
    }
}
