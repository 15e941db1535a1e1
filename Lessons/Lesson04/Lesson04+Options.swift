import Notebook

/// Lesson04's command line: what `--help` says, the flags and their checks.
extension Lesson04 {
    static let configuration = CommandConfiguration(
        commandName: "Lesson04",
        abstract: "Linear regression: gradient descent by hand, with autograd, and with Linear + MSELoss.",
        discussion: """
            Fits a line to 30 points: the gradients of the mean squared error derived and \
            computed by hand, the same training with requiresGrad, backward() and SGD (printing \
            the very numbers PyTorch prints), then Linear(1, 1) with MSELoss, and the exact \
            least-squares answer. Ends with why the bias learns so slowly: the long, narrow \
            valley of the cost, drawn with the path gradient descent took. Runs in about \
            3 seconds (under a second with --quick).
            """)

    /// The flags: the common ones, then the lesson's own (the epochs and the learning rate of
    /// the gradient-descent runs).
    struct Options: ParsableArguments {
        @OptionGroup var common: CommonOptions

        @Option(parsing: .unconditional, help: "Epochs of gradient descent (default 10000, or 2000 with --quick).")
        var epochs: Int?

        @Option(parsing: .unconditional, help: "Learning rate of SGD. Above 2 / λ_max ≈ 0.003165 this problem diverges.")
        var lr: Float = 0.001

        func validate() throws {
            if let epochs, epochs < 1 {
                throw ValidationError("--epochs must be at least 1 (got \(epochs))")
            }
            guard lr > 0, lr.isFinite else {
                throw ValidationError("--lr must be a positive number (got \(lr)); the seed uses 0.001")
            }
        }
    }
}
