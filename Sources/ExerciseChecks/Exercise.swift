/// One exercise: its number, its name, and where the learner writes it.
public struct Exercise: Sendable, Equatable, Hashable {
    /// "2.3": lesson 2, exercise 3.
    public let id: String
    /// The function's name, "stableSoftmax".
    public let name: String
    /// The lesson the exercise belongs to.
    public let lesson: Int
    /// The function's full name with its argument labels, "stableSoftmax(_:dim:)".
    public let function: String

    public init(id: String, name: String, lesson: Int, function: String) {
        self.id = id
        self.name = name
        self.lesson = lesson
        self.function = function
    }

    /// The file that holds it, relative to `folder` ("Exercises" or "Solutions"):
    /// "Exercises/Lesson02.swift".
    public func file(in folder: String) -> String {
        "\(folder)/Lesson\(lesson < 10 ? "0" : "")\(lesson).swift"
    }

    /// "2.3 stableSoftmax".
    public var title: String { "\(id) \(name)" }
}

extension Exercise {
    /// Every exercise, in the order a learner meets them.
    public static let all: [Exercise] = [
        Exercise(id: "1.1", name: "perceptronForward", lesson: 1, function: "perceptronForward(x:weight:bias:)"),
        Exercise(id: "1.2", name: "perceptronRuleStep", lesson: 1,
                 function: "perceptronRuleStep(weight:bias:x:target:learningRate:)"),
        Exercise(id: "2.1", name: "sigmoid", lesson: 2, function: "sigmoid(_:)"),
        Exercise(id: "2.2", name: "sigmoidDerivative", lesson: 2, function: "sigmoidDerivative(_:)"),
        Exercise(id: "2.3", name: "stableSoftmax", lesson: 2, function: "stableSoftmax(_:dim:)"),
        Exercise(id: "2.4", name: "leakyRelu", lesson: 2, function: "leakyRelu(_:negativeSlope:)"),
        Exercise(id: "3.1", name: "mseLoss", lesson: 3, function: "mseLoss(_:_:)"),
        Exercise(id: "3.2", name: "binaryCrossEntropy", lesson: 3, function: "binaryCrossEntropy(probabilities:targets:)"),
        Exercise(id: "3.3", name: "crossEntropy", lesson: 3, function: "crossEntropy(logits:targets:)"),
        Exercise(id: "6.1", name: "multiclassAccuracy", lesson: 6, function: "multiclassAccuracy(logits:labels:)"),
        Exercise(id: "6.2", name: "batchesPerEpoch", lesson: 6, function: "batchesPerEpoch(samples:batchSize:dropLast:)"),
        Exercise(id: "6.3", name: "oneHot", lesson: 6, function: "oneHot(labels:classes:)"),
    ]

    /// The titles of the lessons that have exercises.
    public static let lessonTitles: [Int: String] = [
        1: "the perceptron",
        2: "activation functions",
        3: "loss functions",
        6: "a multilayer perceptron on MNIST",
    ]

    /// The exercise with this id ("2.3") or name ("stableSoftmax").
    public static func named(_ idOrName: String) -> Exercise? {
        all.first { $0.id == idOrName || $0.name == idOrName }
    }
}
