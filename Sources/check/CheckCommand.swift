import ArgumentParser
import ExerciseChecks
import Foundation

/// `swift run check`: checks the learner's answers to the exercises and says, for each, done,
/// wrong (expected vs got, and a hint), not started, or which exercise it needs first, then
/// `n/N done` and what to do next. Its subcommands give hints, list, reset and show solutions.
@main
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check your answers to the exercises in Exercises/.",
        usage: """
            check [<exercise> ...] [--watch] [--solutions] [--json]
            check hint <exercise>
            check list
            check reset <exercise>
            check solution <exercise>
            """,
        discussion: """
            Write an answer where its `// TODO` is (Exercises/LessonNN.swift), then run \
            `swift run check 2.1` for that exercise, `swift run check 2` for a lesson, or \
            `swift run check` for all of them. For each exercise you see ✓ done, ✗ wrong (with \
            the input, the expected and the actual result, and a hint), · not started (with \
            the file and the function to write), or → needs 4.1 first (when it builds on an \
            exercise that is not done). `swift run check --watch` checks again every time you \
            save a file in Exercises/.

            Each exercise is checked in a child process, so an answer that stops the program \
            (say, a shape mismatch) is reported as wrong, with the input it was given, and the \
            others are still checked.

            Options of `check [<exercise> ...]`:
              --watch      check again on every save in Exercises/
                           (keys: h hint, n next, l list, r reset, q quit)
              --solutions  check the reference answers in Solutions/
              --json       one JSON document, for grading scripts (Exercises/README.md)

            Exit status: 0 when every exercise checked is done, 1 when one is wrong, not \
            started or needs another first, 64 for an unknown exercise or option.
            """,
        subcommands: [
            CheckAnswers.self, HintCommand.self, ListCommand.self, ResetCommand.self,
            SolutionCommand.self,
        ],
        defaultSubcommand: CheckAnswers.self)
}

/// The exercises named on the command line, or a usage error that lists the valid ones.
func exercises(named selection: [String]) throws -> [Exercise] {
    do {
        return try ExerciseSelection.resolve(selection, from: Exercise.all)
    } catch let unknown as UnknownExercise {
        throw ValidationError(unknown.description)
    }
}

/// The one exercise named by `argument` (a number or a name).
func exercise(named argument: String) throws -> Exercise {
    let chosen = try exercises(named: [argument])
    guard chosen.count == 1, let exercise = chosen.first else {
        throw ValidationError(
            "'\(argument)' names \(chosen.count) exercises; give one exercise, as 2.3 or stableSoftmax.")
    }
    return exercise
}

/// Prints `text` at once, so a slow or stopped check is seen where it happens.
func say(_ text: String) {
    print(text)
    fflush(nil)
}
