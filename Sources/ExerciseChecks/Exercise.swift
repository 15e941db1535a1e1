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
        Exercise(id: "4.1", name: "mseGradients", lesson: 4, function: "mseGradients(weight:bias:x:y:)"),
        Exercise(id: "4.2", name: "sgdStep", lesson: 4, function: "sgdStep(weight:bias:x:y:learningRate:)"),
        Exercise(id: "4.3", name: "closedFormLeastSquares", lesson: 4, function: "closedFormLeastSquares(x:y:)"),
        Exercise(id: "5.1", name: "makeXORClassifier", lesson: 5, function: "makeXORClassifier(hidden:)"),
        Exercise(id: "5.2", name: "trainingStep", lesson: 5,
                 function: "trainingStep(model:lossFunction:optimizer:inputs:labels:)"),
        Exercise(id: "5.3", name: "accuracy", lesson: 5, function: "accuracy(logits:labels:)"),
        Exercise(id: "6.1", name: "multiclassAccuracy", lesson: 6, function: "multiclassAccuracy(logits:labels:)"),
        Exercise(id: "6.2", name: "batchesPerEpoch", lesson: 6, function: "batchesPerEpoch(samples:batchSize:dropLast:)"),
        Exercise(id: "6.3", name: "oneHot", lesson: 6, function: "oneHot(labels:classes:)"),
        Exercise(id: "7.1", name: "convOutputSize", lesson: 7,
                 function: "convOutputSize(inputSize:kernelSize:stride:padding:)"),
        Exercise(id: "7.2", name: "directConv2d", lesson: 7, function: "directConv2d(input:weight:bias:stride:padding:)"),
        Exercise(id: "7.3", name: "maxPool2d", lesson: 7, function: "maxPool2d(_:kernelSize:stride:)"),
        Exercise(id: "8.1", name: "momentumUpdate", lesson: 8,
                 function: "momentumUpdate(parameter:gradient:velocity:learningRate:momentum:)"),
        Exercise(id: "8.2", name: "adamUpdate", lesson: 8,
                 function: "adamUpdate(parameter:gradient:m:v:step:learningRate:beta1:beta2:eps:)"),
    ]

    /// The titles of the lessons that have exercises.
    public static let lessonTitles: [Int: String] = [
        1: "the perceptron",
        2: "activation functions",
        3: "loss functions",
        4: "linear regression",
        5: "XOR with BCEWithLogitsLoss",
        6: "a multilayer perceptron on MNIST",
        7: "a CNN on MNIST",
        8: "optimizers compared",
    ]

    /// The exercise with this id ("2.3") or name ("stableSoftmax").
    public static func named(_ idOrName: String) -> Exercise? {
        all.first { $0.id == idOrName || $0.name == idOrName }
    }
}
