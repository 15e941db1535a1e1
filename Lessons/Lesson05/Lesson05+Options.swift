import Notebook

/// Lesson05's command line: what `--help` says, the flags and their checks.
extension Lesson05 {
    static let configuration = CommandConfiguration(
        commandName: "Lesson05",
        abstract: "XOR with BCEWithLogitsLoss: a small network trained by the full PyTorch loop.",
        discussion: """
            A Dataset of 2,500 noisy XOR points, a DataLoader, a Linear(2,4)-Tanh-Linear(4,1) \
            classifier, BCEWithLogitsLoss and why it takes logits, the five steps of a training \
            step, what goes wrong without zeroGrad(), 100 epochs of SGD with a progress bar, \
            train() and eval(), accuracy on a test set, saving and loading the model, the decision \
            boundary, and a start that stalls. Runs in 1 to 2 seconds (under a second with --quick).
            """)

    /// The flags: the common ones, then the lesson's own (the training run's epochs, learning rate
    /// and batch size).
    struct Options: ParsableArguments {
        @OptionGroup var common: CommonOptions

        @Option(parsing: .unconditional, help: ArgumentHelp("Passes over the training set (default 100; 50 with --quick).", valueName: "n"))
        var epochs: Int?

        @Option(parsing: .unconditional, help: ArgumentHelp("SGD's learning rate.", valueName: "rate"))
        var lr: Float = 0.1

        @Option(parsing: .unconditional, help: ArgumentHelp("Points per batch.", valueName: "n"))
        var batchSize: Int = 128

        func validate() throws {
            let trainSize = XORSettings.standard.trainSize
            if let epochs, !(1...10_000).contains(epochs) {
                throw ValidationError(
                    "--epochs must be between 1 and 10000, but got \(epochs). It counts the passes over the "
                        + "training set; the lesson's default is 100.")
            }
            guard lr.isFinite, lr > 0 else {
                throw ValidationError(
                    "--lr must be a positive number, but got \(lr). It scales every step of SGD: "
                        + "the default is 0.1; try 0.01 (slow) to 10 (wild).")
            }
            guard (1...trainSize).contains(batchSize) else {
                throw ValidationError(
                    "--batch-size must be between 1 and \(trainSize) (the number of training points), but got "
                        + "\(batchSize). The default is 128; \(trainSize) makes one batch per epoch.")
            }
        }

        /// The run's sizes and hyperparameters: the tutorial's (half the epochs with `--quick`), with
        /// the flags applied.
        func settings(quick: Bool) -> XORSettings {
            var settings = quick ? XORSettings.quick : XORSettings.standard
            if let epochs { settings.epochs = epochs }
            settings.learningRate = lr
            settings.batchSize = batchSize
            return settings
        }
    }
}
