import ArgumentParser
import ExerciseChecks

/// `swift run check reset 2.3`: puts the exercise's stub back, saying what it overwrites.
struct ResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Put an exercise's stub back in Exercises/, to start it again.",
        discussion: """
            Only that exercise's function is replaced, by the stub as shipped (made from the \
            reference's comment and declaration, not from git, so it works after you commit). \
            It prints the code it overwrites and saves the function as it was in .build/check/reset/.
            """)

    @Argument(help: ArgumentHelp("The exercise: a number (2.3) or a name (stableSoftmax).", valueName: "exercise"))
    var name: String

    mutating func validate() throws { _ = try exercise(named: name) }

    func run() throws {
        let exercise = try exercise(named: name)
        do {
            let outcome = try StubReset(folder: .current).reset(exercise)
            say(StubReset.describe(outcome, of: exercise).joined(separator: "\n"))
        } catch let failure as StubReset.Failure {
            say(failure.description)
            throw ExitCode(1)
        }
    }
}
