import ExerciseChecks
import Foundation

/// Whose answers the checks run against.
enum AnswerSource: Sendable {
    /// The learner's, in `Exercises/`.
    case learners
    /// The reference, in `Solutions/`.
    case reference
    /// The learner's, but 1.1 replaced by an answer that stops the program: the crash
    /// isolation's own test (`--trapping-answer`).
    case trapping

    /// The folder the report names: where to write, or where the answers were read.
    var folder: String { self == .reference ? "Solutions" : "Exercises" }

    /// The flags that make a child process check the same answers.
    var flags: [String] {
        switch self {
        case .learners: []
        case .reference: ["--solutions"]
        case .trapping: ["--trapping-answer"]
        }
    }

    /// The check of `exercise`, run in this process.
    func check(_ exercise: Exercise) -> CheckResult {
        if self == .trapping, exercise.id == Course.trappingAnswer.exercise.id {
            return Course.trappingAnswer.checkLearners()
        }
        guard let registered = Course.registered.first(where: { $0.exercise.id == exercise.id }) else {
            preconditionFailure("no check for exercise \(exercise.id)")
        }
        return self == .reference ? registered.checkReference() : registered.checkLearners()
    }
}

/// Checks exercises one by one, each in a child process unless told otherwise, and settles what
/// depends on what: an exercise that is wrong while one it builds on is wrong too "needs" that
/// one first (the dependency's check runs even when it was not asked for).
struct CheckRunner {
    let answers: AnswerSource
    /// `nil` to check in this process.
    let isolation: IsolatedCheck?
    private var results: [String: CheckResult] = [:]

    init(answers: AnswerSource, isolated: Bool) {
        self.answers = answers
        isolation = isolated ? IsolatedCheck.executable.map { IsolatedCheck(executable: $0, answers: answers) } : nil
    }

    /// The settled verdict on `exercise`.
    mutating func result(_ exercise: Exercise) -> CheckResult {
        if let known = results[exercise.id] { return known }
        var result = isolation?.run(exercise) ?? answers.check(exercise)
        if result.isWrong {
            let dependencies = exercise.buildsOn.compactMap(Exercise.named).map { ($0.id, self.result($0)) }
            result = result.settled(dependencies: dependencies)
        }
        results[exercise.id] = result
        return result
    }
}
