import Notebook

/// Lesson08's command line: what `--help` says, the flags and their checks.
extension Lesson08 {
    static let configuration = CommandConfiguration(
        commandName: "Lesson08",
        abstract: "Optimizers compared: SGD, momentum, Nesterov, Adagrad, RMSprop and Adam.",
        discussion: """
            Gradient descent and the training step; each optimizer's update rule; their paths \
            down a narrow valley drawn over the loss surface; Adam's bias correction; learning \
            rates too small and too large (a diverging run is stopped); the six optimizers \
            training the same small network on two moons, loss curves side by side; and weight \
            decay. Runs in 1 to 2 seconds (--quick: under a second).
            """)

    /// The flags: the common ones, then the lesson's own (which optimizers train the network,
    /// with which learning rate, for how many epochs).
    struct Options: ParsableArguments {
        @OptionGroup var common: CommonOptions

        @Option(help: ArgumentHelp(
            "Optimizers to train the network with: all, or names separated by commas from "
                + "sgd, momentum, nesterov, adagrad, rmsprop, adam.",
            valueName: "names"))
        var optimizer = "all"

        @Option(parsing: .unconditional, help: ArgumentHelp(
            "Learning rate for every optimizer on the network (default: each one's own, 0.1 or 0.01).",
            valueName: "rate"))
        var lr: Float?

        @Option(parsing: .unconditional, help: "Epochs of training on the network (default 40; 8 with --quick).")
        var epochs: Int?

        func validate() throws {
            _ = try OptimizerChoice.parseList(optimizer)
            if let lr, !(lr.isFinite && lr > 0) {
                throw ValidationError("--lr: the learning rate must be a positive number such as 0.1, but got \(lr)")
            }
            if let epochs, !(1...1000).contains(epochs) {
                throw ValidationError("--epochs: give a number of epochs from 1 to 1000, but got \(epochs)")
            }
        }

        /// The optimizers `--optimizer` names (already checked by `validate()`).
        var optimizers: [OptimizerChoice] {
            (try? OptimizerChoice.parseList(optimizer)) ?? OptimizerChoice.allCases
        }
    }
}
