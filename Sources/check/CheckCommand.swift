import ArgumentParser
import ExerciseChecks
import Foundation

/// `swift run check`: checks the learner's answers to the exercises and says, for each, done,
/// wrong (expected vs got, and a hint) or not started, then `n/N done` and what to do next.
@main
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check your answers to the exercises in Exercises/.",
        discussion: """
            Write an answer where its `// TODO` is (Exercises/LessonNN.swift), then run \
            `swift run check 2.1` for that exercise, `swift run check 2` for a lesson, or \
            `swift run check` for all of them. For each exercise you see ✓ done, ✗ wrong (with \
            the input, the expected and the actual result, and a hint) or · not started (with \
            the file and the function to write).

            Each exercise is checked in a child process, so an answer that stops the program \
            (say, a shape mismatch) is reported as wrong and the others are still checked.

            Exit status: 0 when every exercise checked is done, 1 when one is wrong or not \
            started, 64 for an unknown exercise or option.
            """)

    @Argument(help: ArgumentHelp(
        "Exercises to check: a number (2.1), a name (stableSoftmax) or a lesson (2). All when none.",
        valueName: "exercise"))
    var selection: [String] = []

    @Flag(help: "Check the reference answers in Solutions/ instead of yours.")
    var solutions = false

    @Flag(help: ArgumentHelp(
        "Print one JSON document (for grading scripts): per exercise its id, name, status "
            + "(done, wrong, not_started) and message."))
    var json = false

    @Flag(help: ArgumentHelp("Check every exercise in this process (a crashing answer stops the run).",
                             visibility: .hidden))
    var inProcess = false

    mutating func validate() throws {
        do {
            _ = try ExerciseSelection.resolve(selection)
        } catch let unknown as UnknownExercise {
            throw ValidationError(unknown.description)
        }
    }

    func run() throws {
        let exercises = try ExerciseSelection.resolve(selection)
        let answers = solutions ? AnswerSet.reference() : AnswerSet.learners()
        let checks = answers.checks.filter { exercises.contains($0.exercise) }
        let isolated = inProcess ? nil : IsolatedCheck.executable.map { IsolatedCheck(executable: $0, solutions: solutions) }
        func verdict(_ check: ExerciseCheck) -> CheckResult {
            isolated?.run(check.exercise) ?? check.run()
        }

        var entries: [CheckReport.Entry] = []
        if json {
            entries = checks.map { CheckReport.Entry(exercise: $0.exercise, result: verdict($0)) }
            print(CheckReport(folder: answers.folder, entries: entries).json())
        } else {
            // Print as the checks go, so a slow or stopped check is seen where it happens.
            let style = ReportStyle.standardOutput()
            let width = CheckReport.titleWidth(exercises)
            let empty = CheckReport(folder: answers.folder, entries: [])
            say(CheckReport(folder: answers.folder, entries: checks.map {
                CheckReport.Entry(exercise: $0.exercise, result: .done)
            }).header(style: style))
            var lesson: Int?
            for check in checks {
                if check.exercise.lesson != lesson {
                    lesson = check.exercise.lesson
                    say("\n" + CheckReport.lessonHeading(check.exercise.lesson, style: style))
                }
                let entry = CheckReport.Entry(exercise: check.exercise, result: verdict(check))
                entries.append(entry)
                say(empty.lines(for: entry, style: style, titleWidth: width).joined(separator: "\n"))
            }
            say("\n" + CheckReport(folder: answers.folder, entries: entries).footer(style: style))
        }
        let status = CheckReport(folder: answers.folder, entries: entries).exitStatus
        if status != 0 { throw ExitCode(status) }
    }

    private func say(_ text: String) {
        print(text)
        fflush(nil)
    }
}
