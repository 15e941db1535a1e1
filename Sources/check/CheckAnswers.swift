import ArgumentParser
import ExerciseChecks
import Foundation

/// `swift run check [exercise ...]`: the checks themselves, printed as they go (or as one JSON
/// document), or `--watch` to check again on every save.
struct CheckAnswers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answers",
        abstract: "Check exercises (the default: `swift run check 2.1` is `swift run check answers 2.1`).")

    @Argument(
        help: ArgumentHelp(
            "Exercises to check: a number (2.1), a name (stableSoftmax) or a lesson (2). All when none.",
            valueName: "exercise"))
    var selection: [String] = []

    @Flag(help: "Check the reference answers in Solutions/ instead of yours.")
    var solutions = false

    @Flag(
        help: ArgumentHelp(
            "Print one JSON document (for grading scripts): per exercise its id, name, status "
                + "(done, wrong, not_started, needs) and message. Exercises/README.md has the schema."))
    var json = false

    @Flag(
        help: ArgumentHelp(
            "Watch Exercises/: rebuild and check again on every save, showing the first unfinished "
                + "exercise. Keys: h hint, n next, l list, r reset, q quit."))
    var watch = false

    @Flag(
        help: ArgumentHelp(
            "Check every exercise in this process (a crashing answer stops the run).",
            visibility: .hidden))
    var inProcess = false

    @Flag(
        help: ArgumentHelp(
            "Check 1.1 with an answer that stops the program (the crash isolation's test).",
            visibility: .hidden))
    var trappingAnswer = false

    mutating func validate() throws {
        _ = try exercises(named: selection)
        if watch && (json || solutions) { throw ValidationError("--watch checks your answers, as text.") }
    }

    var answers: AnswerSource { trappingAnswer ? .trapping : solutions ? .reference : .learners }

    func run() throws {
        let chosen = try exercises(named: selection)
        if watch {
            try Watcher(selection: selection, exercises: chosen, folder: .current).run()
            return
        }
        var runner = CheckRunner(answers: answers, isolated: !inProcess)
        let folder = answers.folder
        var entries: [CheckReport.Entry] = []
        if json {
            entries = chosen.map { CheckReport.Entry(exercise: $0, result: runner.result($0)) }
            print(CheckReport(folder: folder, entries: entries, course: Exercise.all).json())
        } else {
            let style = ReportStyle.standardOutput()
            let width = CheckReport.titleWidth(chosen)
            let empty = CheckReport(folder: folder, entries: [], course: Exercise.all)
            say(
                CheckReport(folder: folder, entries: chosen.map { .init(exercise: $0, result: .done) })
                    .header(style: style))
            var lesson: Int?
            for exercise in chosen {
                if exercise.lesson != lesson {
                    lesson = exercise.lesson
                    say("\n" + CheckReport.lessonHeading(exercise.lesson, style: style))
                }
                let entry = CheckReport.Entry(exercise: exercise, result: runner.result(exercise))
                entries.append(entry)
                say(empty.lines(for: entry, style: style, titleWidth: width).joined(separator: "\n"))
            }
            say("\n" + CheckReport(folder: folder, entries: entries, course: Exercise.all).footer(style: style))
        }
        let status = CheckReport(folder: folder, entries: entries).exitStatus
        if status != 0 { throw ExitCode(status) }
    }
}
