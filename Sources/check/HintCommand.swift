import ArgumentParser
import ExerciseChecks

/// `swift run check hint 2.3`: the exercise's hint; asked again, a stronger one.
struct HintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hint",
        abstract: "Show an exercise's hint; ask again for a stronger one.",
        discussion: """
            The first request shows the Hint: of the exercise's comment, the second adds a \
            stronger hint that says almost how to write it. The requests are remembered in \
            .build/check/hints.json (`rm -rf .build` forgets them).
            """)

    @Argument(help: ArgumentHelp("The exercise: a number (2.3) or a name (stableSoftmax).", valueName: "exercise"))
    var name: String

    @Flag(help: "Show every hint at once, the strongest too.")
    var more = false

    mutating func validate() throws { _ = try exercise(named: name) }

    func run() throws {
        let exercise = try exercise(named: name)
        let hints = Hints(folder: .current)
        let (shown, strongerLeft) = hints.request(exercise, more: more)
        say(
            hints.text(
                for: exercise, hints: shown, strongerLeft: strongerLeft,
                again: "`swift run check hint \(exercise.id)`"
            ).joined(separator: "\n"))
    }
}
