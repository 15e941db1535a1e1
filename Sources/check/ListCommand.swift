import ArgumentParser
import ExerciseChecks

/// `swift run check list`: every exercise with its status on one line, and the progress bar.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the exercises with their status, one line each.")

    func run() throws {
        var runner = CheckRunner(answers: .learners, isolated: true)
        let report = CheckReport(
            folder: "Exercises",
            entries: Exercise.all.map {
                .init(exercise: $0, result: runner.result($0))
            }, course: Exercise.all)
        say(report.list(style: ReportStyle.standardOutput()))
    }
}

extension CheckReport {
    /// The entries' status lines under their lessons' headings, then the footer.
    func list(style: ReportStyle) -> String {
        var text: [String] = []
        var lesson: Int?
        for entry in entries {
            if entry.exercise.lesson != lesson {
                lesson = entry.exercise.lesson
                text.append(Self.lessonHeading(entry.exercise.lesson, style: style))
            }
            text.append(lines(for: entry, style: style)[0])
        }
        return (text + ["", footer(style: style)]).joined(separator: "\n")
    }
}
