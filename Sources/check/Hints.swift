import ExerciseChecks
import Foundation

/// The hints of an exercise, weakest first, and how many of them the learner has asked for.
///
/// The first hint is the `Hint:` paragraph of the exercise's comment (read from `Solutions/`,
/// whose comments are the same as `Exercises/`'s and which the learner does not edit); the
/// second, where the exercise has one, is its check's stronger hint, which says almost how to
/// write it. Each request shows one more, and the count is remembered in
/// `.build/check/hints.json`, so `swift run check hint 2.3` a second time, or `h` twice in
/// `--watch`, gives the stronger one.
struct Hints {
    let folder: PackageFolder

    /// The hints of `exercise`, weakest first.
    func levels(of exercise: Exercise) -> [String] {
        let comment =
            (folder.function(of: exercise, in: "Solutions") ?? folder.function(of: exercise, in: "Exercises"))?
            .hint.map { String($0.dropFirst("Hint:".count)).trimmingCharacters(in: .whitespaces) }
        return [comment, exercise.strongerHint].compactMap { $0 }
    }

    var stateFile: URL { folder.stateFile("hints.json") }

    /// How many hints of each exercise were shown, by id.
    func shownCounts() -> [String: Int] {
        guard let data = try? Data(contentsOf: stateFile) else { return [:] }
        return (try? JSONDecoder().decode([String: Int].self, from: data)) ?? [:]
    }

    /// One more hint of `exercise` than last time (or all of them, for `more`), remembered.
    /// Returns the hints to show and whether a stronger one is left.
    func request(_ exercise: Exercise, more: Bool = false) -> (hints: [String], strongerLeft: Bool) {
        let levels = levels(of: exercise)
        var counts = shownCounts()
        let shown = more ? levels.count : min(levels.count, (counts[exercise.id] ?? 0) + 1)
        counts[exercise.id] = shown
        try? FileManager.default.createDirectory(
            at: stateFile.deletingLastPathComponent(),
            withIntermediateDirectories: true)
        try? JSONEncoder().encode(counts).write(to: stateFile)
        return (Array(levels.prefix(shown)), shown < levels.count)
    }

    /// The text for `request`'s answer: the hints, numbered when there are several, and what
    /// asking again gives.
    func text(for exercise: Exercise, hints: [String], strongerLeft: Bool, again: String) -> [String] {
        guard !hints.isEmpty else { return ["\(exercise.title) has no hint beyond its comment."] }
        var lines = ["Hint\(hints.count > 1 ? "s" : "") for \(exercise.title):"]
        for (index, hint) in hints.enumerated() {
            let label = hints.count > 1 ? "\(index + 1). " : ""
            let indent = String(repeating: " ", count: label.count)
            for (line, text) in CheckReport.wrapped(hint, width: 86).split(separator: "\n").enumerated() {
                lines.append("  " + (line == 0 ? label : indent) + String(text))
            }
        }
        let last =
            strongerLeft
            ? "Not enough? \(again) again for a stronger hint."
            : "That is the strongest hint. Once your answer passes, `swift run check solution \(exercise.id)` "
                + "shows the reference answer."
        lines += CheckReport.wrapped(last, width: 88).split(separator: "\n").map(String.init)
        return lines
    }
}
