import ArgumentParser
import ExerciseChecks

/// `swift run check solution 2.3`: the reference answer, once the learner's passes.
struct SolutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solution",
        abstract: "Show the reference answer of an exercise you have done.",
        discussion: "It is shown only once your own answer passes its check: try first, compare after.")

    @Argument(help: ArgumentHelp("The exercise: a number (2.3) or a name (stableSoftmax).", valueName: "exercise"))
    var name: String

    mutating func validate() throws { _ = try exercise(named: name) }

    func run() throws {
        let exercise = try exercise(named: name)
        var runner = CheckRunner(answers: .learners, isolated: true)
        let result = runner.result(exercise)
        guard result.isDone else {
            let state = result.isNotStarted ? "not started" : result.isWrong ? "wrong" : "not done"
            say(
                "\(exercise.title) is \(state) yet: its reference answer is shown once yours passes.\n"
                    + "`swift run check \(exercise.id)` says what is missing, `swift run check hint \(exercise.id)` helps."
            )
            throw ExitCode(1)
        }
        guard let solution = PackageFolder.current.function(of: exercise, in: "Solutions") else {
            say("Could not find func \(exercise.name) in \(exercise.file(in: "Solutions")).")
            throw ExitCode(1)
        }
        say(
            "\(exercise.title) is done. The reference answer, from \(exercise.file(in: "Solutions")) "
                + "(yours can be just as right):\n\n" + solution.withoutDocumentation)
    }
}
