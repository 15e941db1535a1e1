import Notebook
import Foundation
import Torchlet

/// The six optimizers the lesson compares, as the learner names them on the command line
/// (`--optimizer adam`), each with the learning rates it uses on the ravine and on the network.
enum OptimizerChoice: String, CaseIterable, Sendable {
    case sgd, momentum, nesterov, adagrad, rmsprop, adam

    /// The name in tables and legends.
    var title: String {
        switch self {
        case .sgd: "SGD"
        case .momentum: "SGD + momentum 0.9"
        case .nesterov: "SGD + Nesterov 0.9"
        case .adagrad: "Adagrad"
        case .rmsprop: "RMSprop"
        case .adam: "Adam"
        }
    }

    /// The learning rate on the network: the usual starting points (0.1 for SGD, 0.01 for
    /// RMSprop and Adam, whose steps do not grow with the gradient).
    var networkLearningRate: Float {
        switch self {
        case .sgd, .momentum, .nesterov, .adagrad: 0.1
        case .rmsprop, .adam: 0.01
        }
    }

    /// A fresh optimizer of this kind over `parameters`.
    func make(_ parameters: [Tensor], lr: Float) -> any Optimizer {
        switch self {
        case .sgd: SGD(parameters, lr: lr)
        case .momentum: SGD(parameters, lr: lr, momentum: 0.9)
        case .nesterov: SGD(parameters, lr: lr, momentum: 0.9, nesterov: true)
        case .adagrad: Adagrad(parameters, lr: lr)
        case .rmsprop: RMSprop(parameters, lr: lr)
        case .adam: Adam(parameters, lr: lr)
        }
    }

    /// `--optimizer`: "all", one name, or names separated by commas ("sgd,adam").
    static func parseList(_ text: String) throws -> [OptimizerChoice] {
        let names = text.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if names == ["all"] { return allCases }
        let known = allCases.map(\.rawValue).joined(separator: ", ")
        guard !names.isEmpty else {
            throw ValidationError("--optimizer: no name given; use all, or one or more of \(known) (e.g. sgd,adam)")
        }
        var choices: [OptimizerChoice] = []
        for name in names {
            guard let choice = OptimizerChoice(rawValue: name) else {
                throw ValidationError("--optimizer: unknown optimizer '\(name)'; use all, or one or more of "
                    + "\(known), separated by commas (e.g. --optimizer sgd,adam)")
            }
            if !choices.contains(choice) { choices.append(choice) }
        }
        return choices
    }
}
