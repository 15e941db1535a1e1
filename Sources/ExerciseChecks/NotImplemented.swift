/// What an exercise stub throws until the learner writes the answer: it names the exercise, so
/// the checks can report "not started" instead of "wrong".
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

    public var description: String { "exercise \(exercise) is not implemented yet" }
}
