@testable import check
import ExerciseChecks
import Foundation
import Testing
import Torchlet

/// A plausible wrong answer to one exercise, which its check must reject. The lists are in
/// `WrongAnswers/LessonNNWrongAnswers.swift`, one per lesson.
struct WrongAnswer {
    /// What the answer gets wrong, as a test name: "softmaxWithTheMaxOfTheWholeTensor".
    let name: String
    let exercise: Exercise
    /// Texts the report must contain (in the input, expected, got or hint), to show that the
    /// check names what is wrong.
    let mentions: [String]
    /// The check, run on this answer.
    let check: () -> CheckResult

    init<Answer>(
        _ name: String, _ definition: ExerciseDefinition<Answer>, mentioning mentions: [String] = [],
        _ answer: Answer
    ) {
        self.name = name
        exercise = definition.exercise
        self.mentions = mentions
        check = { definition(answer) }
    }

    /// Every wrong answer of the course.
    static var all: [WrongAnswer] {
        lesson01 + lesson02 + lesson03 + lesson04 + lesson05 + lesson06 + lesson07 + lesson08
    }

    static func named(_ name: String) -> WrongAnswer? { all.first { $0.name == name } }
}

/// Every wrong answer is rejected, with a report that names what is wrong; every exercise has at
/// least one (a check that cannot fail is a defect: DESIGN §6).
@Suite("Exercise checks: wrong answers are rejected")
struct WrongAnswerTests {
    @Test("a wrong answer is rejected", arguments: WrongAnswer.all.map(\.name))
    func isRejected(name: String) throws {
        let answer = try #require(WrongAnswer.named(name))
        expectWrong(answer.check(), mentioning: answer.mentions)
    }

    @Test("every exercise has a wrong answer its check rejects", arguments: Exercise.all.map(\.id))
    func everyExerciseRejectsAWrongAnswer(id: String) {
        let answers = WrongAnswer.all.filter { $0.exercise.id == id }
        #expect(!answers.isEmpty, "exercise \(id) has no wrong answer in WrongAnswers/: add one that its check rejects")
        #expect(answers.contains { $0.check().isWrong }, "no wrong answer to \(id) is rejected")
    }

    @Test func wrongAnswersHaveDistinctNames() {
        let names = WrongAnswer.all.map(\.name)
        #expect(Set(names).count == names.count)
    }

    /// Expects `result` to be wrong, and its texts to mention each of `mentions`.
    func expectWrong(
        _ result: CheckResult, mentioning mentions: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard case let .wrong(input, expected, got, hint) = result else {
            Issue.record("expected a wrong answer to be rejected, got \(result)", sourceLocation: sourceLocation)
            return
        }
        let text = [input, expected, got, hint].joined(separator: "\n")
        for mention in mentions {
            #expect(text.contains(mention), "'\(mention)' not in:\n\(text)", sourceLocation: sourceLocation)
        }
        #expect(!expected.isEmpty && !got.isEmpty && !hint.isEmpty, sourceLocation: sourceLocation)
    }

    // MARK: Errors

    struct Oops: Error {}

    @Test func anotherErrorIsWrongNotNotStarted() {
        expectWrong(Lesson02Checks.sigmoid { _ in throw Oops() }, mentioning: ["threw Oops"])
    }

    @Test func notImplementedAfterTheFirstCaseIsStillNotStarted() {
        var calls = 0
        let result = Lesson02Checks.sigmoid { x in
            calls += 1
            if calls > 1 { throw NotImplemented("2.1 sigmoid") }
            return x.sigmoid()
        }
        #expect(result == .notStarted)
    }

    @Test func anotherExercisesStubMeansItIsNeededFirst() {
        let result = Lesson04Checks.sgdStep { _, _, _, _, _ in throw NotImplemented("4.1 mseGradients") }
        #expect(result == .needs(id: "4.1", dependencyIsWrong: false))
    }
}
