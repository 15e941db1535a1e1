import ClassifierTraining
import Datasets
import Notebook

/// Lesson06's command line: what `--help` says, the flags and their checks.
extension Lesson06 {
    static let configuration = CommandConfiguration(
        commandName: "Lesson06",
        abstract: "A multilayer perceptron on Fashion-MNIST (or MNIST): softmax, cross-entropy, a training loop "
            + "and what the errors look like.",
        discussion: """
            Softmax and cross-entropy recalled, a 784-256-256-10 network with normal_ weights, \
            a training loop with a progress bar per epoch, loss and accuracy curves, a confusion \
            matrix and a grid of misclassified pictures. With --study, one of four \
            hyperparameter studies: the learning rate (0.1, 0.01, 0.001, 0.0001), the number of \
            epochs (5, 30, 50, 100), the batch size (10, 30, 100, 1000, with the time per epoch) \
            and sigmoid or ReLU in each hidden layer.

            The data: Fashion-MNIST (pictures of clothes) by default, because Debian's \
            dataset-fashion-mnist package installs it in /usr/share/datasets/fashion-mnist, where \
            it is found without a network; otherwise it is downloaded once into ~/.cache/torchlet. \
            --dataset mnist uses the handwritten digits of MNIST (downloaded the same way); \
            --data-dir FOLDER reads the four IDX files from a folder of your own.

            Time: about a minute for the default 15 epochs on the 60,000 training pictures \
            (2 cores); seconds with --quick (2,000 training and 500 test pictures, 3 epochs). A \
            study trains 4 networks (the epochs study one, for 100 epochs), so it takes 4 times \
            as long or more; cut it with --train-limit or --epochs.
            """)

    /// The flags: the common ones, then the lesson's own.
    struct Options: ParsableArguments {
        @OptionGroup var common: CommonOptions

        @Option(parsing: .unconditional, help: "Passes over the training set (default 15; 3 with --quick).")
        var epochs: Int?

        @Option(parsing: .unconditional, help: ArgumentHelp("The learning rate (default 0.001 for adam, 0.01 for sgd).", valueName: "rate"))
        var lr: Float?

        @Option(parsing: .unconditional, help: "Pictures per batch.")
        var batchSize = 100

        @Option(help: "adam, or sgd (with momentum 0.9).")
        var optimizer: OptimizerChoice = .adam

        /// Which pictures, from where, how many: shared with Lesson07.
        @OptionGroup var data: DataOptions
        var dataset: MNIST.Variant { data.dataset }
        var dataDir: String? { data.dataDir }
        var trainLimit: Int? { data.trainLimit }
        var testLimit: Int? { data.testLimit }

        @Option(help: ArgumentHelp("Also run a hyperparameter study: lr, epochs, batch-size or activation.",
                                   valueName: "study"))
        var study: Study?

        func validate() throws {
            if let epochs, epochs < 1 || epochs > 1000 {
                throw ValidationError("--epochs must be between 1 and 1000, but got \(epochs)")
            }
            if let lr, !(lr.isFinite && lr > 0) {
                throw ValidationError("--lr must be a positive number such as 0.001, but got \(lr)")
            }
            if batchSize < 1 {
                throw ValidationError("--batch-size must be 1 or more, but got \(batchSize)")
            }
        }

        /// The run's settings: the flags, on top of the defaults (fewer epochs with `--quick`).
        var settings: MLPSettings {
            var settings = MLPSettings.standard
            settings.epochs = epochs ?? (common.quick ? 3 : settings.epochs)
            settings.optimizer = optimizer
            settings.learningRate = lr ?? (optimizer == .adam ? 1e-3 : 1e-2)
            settings.batchSize = batchSize
            return settings
        }
    }
}

extension Study: ExpressibleByArgument {}
extension OptimizerChoice: ExpressibleByArgument {}
