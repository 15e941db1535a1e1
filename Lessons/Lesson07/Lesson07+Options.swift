import ClassifierTraining
import Datasets
import Notebook

/// Lesson07's command line: what `--help` says, the flags and their checks.
extension Lesson07 {
    static let configuration = CommandConfiguration(
        commandName: "Lesson07",
        abstract: "A convolutional network on Fashion-MNIST (or MNIST): filters, feature maps, stride, padding, "
            + "pooling and flatten, then the seed's CNN trained.",
        discussion: """
            The words of CNNs, each shown on a real picture: a hand-made edge filter and its \
            feature map, channels, activation maps, padding and stride (the output-size \
            formula), max pooling, flatten and fully connected layers. Then the seed's network \
            (three Conv2d-ReLU-MaxPool2d blocks, Flatten, Linear(2048, 625) with Xavier weights, \
            ReLU, Dropout(0.5), Linear(625, 10)) with the shape after every layer, trained with \
            Adam; the filters it learned, the feature maps of one picture, a confusion matrix and \
            the misclassified pictures. With --study, the seed's experiments: stride 1 or 5, \
            filter size 3 or 10, in the first convolution (shapes and accuracy).

            The data: Fashion-MNIST (pictures of clothes) by default, because Debian's \
            dataset-fashion-mnist package installs it in /usr/share/datasets/fashion-mnist, where \
            it is found without a network; otherwise it is downloaded once into ~/.cache/torchlet. \
            --dataset mnist uses the handwritten digits of MNIST (downloaded the same way); \
            --data-dir FOLDER reads the four IDX files from a folder of your own.

            Time, measured on 2 cores (AMD EPYC, Benchmarks/RESULTS.md, 2026-12-08): about 80 s \
            for the default 4 epochs on the 60,000 training pictures, about 20 s per epoch, the \
            same in the debug build of `swift run Lesson07` as in a release build (the engine is \
            optimised in both), and 0.74x the time the same program takes in PyTorch 2.15 on the \
            same machine; peak memory about 340 MB. Seconds with --quick (2,000 training and 500 \
            test pictures, 2 epochs). A study trains one more network with the same settings: up \
            to twice as long.
            """)

    /// The flags: the common ones, then the lesson's own.
    struct Options: ParsableArguments {
        @OptionGroup var common: CommonOptions

        @Option(parsing: .unconditional, help: "Passes over the training set (default 4; 2 with --quick).")
        var epochs: Int?

        @Option(parsing: .unconditional, help: ArgumentHelp("Adam's learning rate.", valueName: "rate"))
        var lr: Float = 1e-3

        @Option(parsing: .unconditional, help: "Pictures per batch.")
        var batchSize = 100

        /// Which pictures, from where, how many: shared with Lesson06.
        @OptionGroup var data: DataOptions
        var dataset: MNIST.Variant { data.dataset }
        var dataDir: String? { data.dataDir }
        var trainLimit: Int? { data.trainLimit }
        var testLimit: Int? { data.testLimit }

        @Option(help: ArgumentHelp("Also run one of the seed's studies: stride (1 or 5) or filter-size (3 or 10), "
            + "in the first convolution.", valueName: "study"))
        var study: CNNStudy?

        func validate() throws {
            if let epochs, !(1...1000).contains(epochs) {
                throw ValidationError("--epochs must be between 1 and 1000, but got \(epochs)")
            }
            if !(lr.isFinite && lr > 0) {
                throw ValidationError("--lr must be a positive number such as 0.001, but got \(lr)")
            }
            if !(1...10_000).contains(batchSize) {
                throw ValidationError("--batch-size must be between 1 and 10000, but got \(batchSize)")
            }
        }

        /// The run's settings: the flags, on top of the defaults (fewer epochs with `--quick`).
        var settings: CNNSettings {
            var settings = CNNSettings.standard
            settings.epochs = epochs ?? (common.quick ? 2 : settings.epochs)
            settings.learningRate = lr
            settings.batchSize = batchSize
            return settings
        }
    }
}

extension CNNStudy: ExpressibleByArgument {}
