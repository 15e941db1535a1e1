import ExerciseChecks
import Foundation

/// What `--watch` shows, as text: one screen, redrawn from scratch after every build, check or
/// key. It is a value, so the tests can read a screen without a terminal.
struct WatchScreen {
    /// What the last build and check gave.
    enum Outcome {
        case building(waitingForLock: Bool)
        case buildFailed(BuildFailure)
        case checked(CheckReport)
        /// The checker ran but printed no report (its own output follows).
        case checkerFailed([String])
    }

    var outcome: Outcome = .building(waitingForLock: false)
    /// The exercise shown in full: the first unfinished one, or the one `n` moved to.
    var current: Exercise?
    /// `l`: every exercise on one line instead of the current one in full.
    var isListing = false
    /// Lines under the report: the hints asked for, a reset's result, a question.
    var note: [String] = []
    /// "all 23 exercises", "lesson 2", "2.3".
    var watching: String
    var checkedAt: Date?

    init(watching: String) {
        self.watching = watching
    }

    static let keys = "h hint · n next · l list · c check again · r reset · q quit"

    func text(style: ReportStyle) -> String {
        var lines = [
            style.heading("Torchlet exercises")
                + style.faint(
                    " · watching Exercises/ · \(watching)"
                        + (checkedAt.map { " · checked at \(Self.clock.string(from: $0))" } ?? ""))
        ]
        lines.append("")
        switch outcome {
        case let .building(waiting):
            lines.append(
                waiting
                    ? "Waiting for another build of this package to finish (a `swift build` or `swift run` elsewhere)…"
                    : "Building…")
        case let .buildFailed(failure):
            lines += failure.explanation.enumerated().map { index, line in index == 0 ? style.wrong(line) : line }
        case let .checkerFailed(output):
            lines += [style.wrong("The checker stopped without a report:"), ""] + output.map { "  " + $0 }
        case let .checked(report):
            lines += body(of: report, style: style)
        }
        if !note.isEmpty { lines += [""] + note }
        lines += ["", style.faint(Self.keys)]
        return lines.joined(separator: "\n")
    }

    private func body(of report: CheckReport, style: ReportStyle) -> [String] {
        var report = report
        report.checkAgainAdvice = "save the file (the watch checks it again)"
        if isListing { return [report.list(style: style)] }
        guard let current, let entry = report.entries.first(where: { $0.exercise == current }) else {
            return [report.footer(style: style)]
        }
        // The next step of the exercise shown, which `n` may have moved past the first unfinished.
        var shown = CheckReport(folder: report.folder, entries: [entry], course: report.course)
        shown.checkAgainAdvice = report.checkAgainAdvice
        return [CheckReport.lessonHeading(current.lesson, style: style)]
            + report.lines(for: entry, style: style, titleWidth: current.title.count + 2)
            + ["", report.progressBar(style: style), CheckReport.wrapped(shown.nextStep, width: 88)]
    }

    private static var clock: DateFormatter {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter
    }

    /// The exercise to show after a check: the first unfinished one whose result changed since
    /// `previous` (the one the learner just edited), else `keeping` while it is unfinished (the
    /// learner moved to it with `n`), else the first wrong one (or one that needs another), else
    /// the first not started; none when all are done.
    static func current(in report: CheckReport, previous: CheckReport?, keeping: Exercise?) -> Exercise? {
        let unfinished = report.entries.filter { !$0.result.isDone }
        if let previous {
            let before = Dictionary(previous.entries.map { ($0.exercise.id, $0.result) }) { first, _ in first }
            if let changed = unfinished.first(where: { before[$0.exercise.id] != $0.result }) {
                return changed.exercise
            }
        }
        if let keeping, unfinished.contains(where: { $0.exercise == keeping }) { return keeping }
        return (unfinished.first { !$0.result.isNotStarted } ?? unfinished.first)?.exercise
    }

    /// The unfinished exercise after `current`, going round to the first.
    static func next(in report: CheckReport, after current: Exercise?) -> Exercise? {
        let unfinished = report.entries.filter { !$0.result.isDone }.map(\.exercise)
        guard let current, let index = unfinished.firstIndex(of: current) else { return unfinished.first }
        return unfinished[(index + 1) % unfinished.count]
    }
}
