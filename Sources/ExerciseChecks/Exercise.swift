/// One exercise: its number, its name, what it builds on, and where the learner writes it.
public struct Exercise: Sendable, Equatable, Hashable {
    /// "2.3": lesson 2, exercise 3.
    public let id: String
    /// The function's name, "stableSoftmax".
    public let name: String
    /// The lesson the exercise belongs to: the number before the dot of `id`.
    public let lesson: Int
    /// The exercises whose functions this one may call, as "4.1" for 4.2 (whose hint says to use
    /// `mseGradients`). When this one is wrong while one of those is not done, the report says
    /// "needs 4.1 first" instead of blaming this one.
    public let buildsOn: [String]
    /// A hint that says more than the `Hint:` in the exercise's comment, for a second request
    /// (`swift run check hint 2.3` twice); `nil` when the comment's hint is all there is.
    public let strongerHint: String?
    /// The function's full name with its argument labels, "stableSoftmax(_:dim:)", read from
    /// the exercise's source file (`ExerciseSource`); just the name until it has been read.
    public var function: String

    public init(
        id: String, name: String, buildsOn: [String] = [], strongerHint: String? = nil,
        function: String? = nil
    ) {
        self.id = id
        self.name = name
        self.lesson = Int(id.prefix { $0 != "." }) ?? 0
        self.buildsOn = buildsOn
        self.strongerHint = strongerHint
        self.function = function ?? name
    }

    /// "Lesson02.swift": the file of its lesson.
    public var fileName: String {
        "Lesson\(lesson < 10 ? "0" : "")\(lesson).swift"
    }

    /// The file that holds it, relative to the package: "Exercises/Lesson02.swift" for
    /// `folder` "Exercises", "Solutions/Lesson02.swift" for "Solutions".
    public func file(in folder: String) -> String {
        "\(folder)/\(fileName)"
    }

    /// "2.3 stableSoftmax": also what its stub throws, `NotImplemented("2.3 stableSoftmax")`.
    public var title: String { "\(id) \(name)" }
}

extension Exercise {
    /// The titles of the lessons that have exercises.
    public static let lessonTitles: [Int: String] = [
        1: "the perceptron",
        2: "activation functions",
        3: "loss functions",
        4: "linear regression",
        5: "XOR with BCEWithLogitsLoss",
        6: "an MLP on Fashion-MNIST",
        7: "a CNN on Fashion-MNIST",
        8: "optimizers compared",
    ]
}
