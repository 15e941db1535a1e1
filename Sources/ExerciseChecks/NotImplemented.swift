/// What an exercise stub throws until the learner writes the answer: it names the exercise, so
/// the checks can report "not started" instead of "wrong", and, when another exercise's answer
/// calls this stub, "needs 4.1 first" for that one.
///
///     public func sigmoid(_ x: Tensor) throws -> Tensor {
///         // TODO: 2.1 ...
///         throw NotImplemented("2.1 sigmoid")
///     }
///
/// A stub throws rather than calling `fatalError`, which would stop the whole test run.
public struct NotImplemented: Error, CustomStringConvertible, Sendable, Equatable {
    /// The exercise, as "2.1 sigmoid".
    public let exercise: String

    public init(_ exercise: String) {
        self.exercise = exercise
    }

    /// The exercise's number, "2.1": the first word of `exercise`.
    public var id: String { String(exercise.prefix { $0 != " " }) }

    public var description: String { "exercise \(exercise) is not implemented yet" }
}
