/// An exercise and its check, written once in `LessonNNChecks` and run against any answer of
/// the right type: the learner's, the reference, or a wrong one in the tests.
///
///     extension Lesson02Checks {
///         public static var stableSoftmax: ExerciseDefinition<(Tensor, Int) throws -> Tensor> {
///             ExerciseDefinition("2.3") { answer in
///                 let got = try attempt("stableSoftmax(...)") { try answer(x, 1) }
///                 try expectValues(got, x.softmax(dim: 1), for: "...", hint: "...")
///             }
///         }
///     }
///
/// The exercise's name is the property's name (`#function`), which is also the name of the
/// function the learner writes; a test makes sure the two agree. Calling the definition with
/// an answer runs the steps and gives the verdict: `Lesson02Checks.stableSoftmax(mySoftmax)`.
public struct ExerciseDefinition<Answer> {
    public let exercise: Exercise
    /// The check: each step either returns or throws (a `Verdict`, or the learner's
    /// `NotImplemented`).
    let steps: (Answer) throws -> Void

    public init(
        _ id: String, name: String = #function, buildsOn: [String] = [], strongerHint: String? = nil,
        steps: @escaping (Answer) throws -> Void
    ) {
        self.exercise = Exercise(id: id, name: name, buildsOn: buildsOn, strongerHint: strongerHint)
        self.steps = steps
    }

    /// The verdict on `answer`.
    public func callAsFunction(_ answer: Answer) -> CheckResult {
        evaluate(exercise) { try steps(answer) }
    }
}
