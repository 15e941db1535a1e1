import Notebook

/// Lesson01's command line: what `--help` says. The lesson takes only the common flags
/// (`--seed`, `--quick`, `--plot`, `--trace`, ...), which `CommonOptions` checks itself.
extension Lesson01 {
    static let configuration = CommandConfiguration(
        commandName: "Lesson01",
        abstract: "The perceptron: y = f(w·x + b), trained by gradient descent and by Rosenblatt's rule.",
        discussion: """
            The affine map on a batch, a Perceptron module (Linear, sigmoid, squeeze), one \
            training step with every gradient printed and checked against the formula, training \
            on a linearly separable set with the decision line drawn as it moves, Rosenblatt's \
            rule on the same data, and XOR, which no single line can separate. Runs in about a \
            second (--quick: less).
            """)
}
