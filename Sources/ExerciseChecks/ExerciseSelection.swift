import Foundation

/// Which exercises a learner asked for: `2.1` (one exercise), `stableSoftmax` (one, by name),
/// `2` (a whole lesson), nothing (all of them).
public enum ExerciseSelection {
    /// The exercises named by `arguments`, in course order and without repeats.
    /// Throws `UnknownExercise` for an argument that names none.
    public static func resolve(_ arguments: [String], from exercises: [Exercise]) throws -> [Exercise] {
        guard !arguments.isEmpty else { return exercises }
        var chosen = Set<Exercise>()
        for argument in arguments {
            let text = argument.trimmingCharacters(in: .whitespaces)
            let lesson = Int(text)
            let matches = exercises.filter { $0.id == text || $0.name == text || $0.lesson == lesson }
            if matches.isEmpty { throw UnknownExercise(argument: argument, exercises: exercises) }
            chosen.formUnion(matches)
        }
        return exercises.filter(chosen.contains)
    }
}

/// An argument that names no exercise; the message lists the valid ones.
public struct UnknownExercise: Error, CustomStringConvertible, Equatable {
    public let argument: String
    public let exercises: [Exercise]

    public var description: String {
        let lessons = Array(Set(exercises.map(\.lesson))).sorted().map(String.init).joined(separator: ", ")
        return "there is no exercise '\(argument)'. Give an exercise's number or name, or a lesson's number:\n"
            + exercises.map { "  \($0.id)  \($0.name)" }.joined(separator: "\n")
            + "\n  lessons: \(lessons)"
    }
}
