import Notebook

/// Lesson02's command line: what `--help` says. The lesson takes only the common flags
/// (`--seed`, `--quick`, `--plot`, `--trace`, ...), which `CommonOptions` checks itself.
extension Lesson02 {
    static let configuration = CommandConfiguration(
        commandName: "Lesson02",
        abstract: "Activation functions: sigmoid, tanh, ReLU, LeakyReLU, PReLU and softmax, with their derivatives.",
        discussion: """
            Why a network needs a bend between its layers; each activation with its derivative \
            computed by autograd next to the formula; output ranges; softmax and why it subtracts \
            the largest score; vanishing gradients through a chain of sigmoids; dying ReLU units \
            and how LeakyReLU keeps them alive. Ends with exercises 2.1-2.4 (`swift run check 2`). \
            Runs in about a second.
            """)
}
