import Torchlet

/// One exercise with the check that judges it, ready to run.
public struct ExerciseCheck {
    public let exercise: Exercise
    /// Runs the check (calling the learner's code).
    public let run: () -> CheckResult

    /// The check of the exercise numbered `id` (one of `Exercise.all`).
    public init(_ id: String, run: @escaping () -> CheckResult) {
        guard let exercise = Exercise.named(id) else {
            preconditionFailure("ExerciseCheck: no exercise \(id) in Exercise.all")
        }
        self.exercise = exercise
        self.run = run
    }
}

/// The answers to every exercise from one target: the learner's (`Exercises`) or the reference
/// (`Solutions`). The `check` command and the tests fill it with module-qualified names.
public struct AnswerSet {
    /// "Exercises" or "Solutions": the folder the answers live in, used to say where to write.
    public let folder: String
    public let lesson01: Lesson01Answers
    public let lesson02: Lesson02Answers
    public let lesson03: Lesson03Answers
    public let lesson04: Lesson04Answers
    public let lesson05: Lesson05Answers
    public let lesson06: Lesson06Answers
    public let lesson07: Lesson07Answers
    public let lesson08: Lesson08Answers

    public init(
        folder: String,
        lesson01: Lesson01Answers,
        lesson02: Lesson02Answers,
        lesson03: Lesson03Answers,
        lesson04: Lesson04Answers,
        lesson05: Lesson05Answers,
        lesson06: Lesson06Answers,
        lesson07: Lesson07Answers,
        lesson08: Lesson08Answers
    ) {
        self.folder = folder
        self.lesson01 = lesson01
        self.lesson02 = lesson02
        self.lesson03 = lesson03
        self.lesson04 = lesson04
        self.lesson05 = lesson05
        self.lesson06 = lesson06
        self.lesson07 = lesson07
        self.lesson08 = lesson08
    }

    /// Every check, in the order of `Exercise.all`.
    public var checks: [ExerciseCheck] {
        lesson01.checks + lesson02.checks + lesson03.checks + lesson04.checks + lesson05.checks + lesson06.checks + lesson07.checks + lesson08.checks
    }
}
