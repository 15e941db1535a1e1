import Torchlet

/// The random numbers the lesson works on, drawn in one place and one order, so that the tests
/// can draw exactly the numbers the lesson prints (`withSeed(42) { LessonInputs.draw() }`).
///
/// The shapes follow the PyTorch examples the lesson retells: a batch of 3 samples with 5
/// outputs each for regression, 4 scores for a yes/no question, and 3 rows of 5 class scores.
struct LessonInputs {
    /// The model's outputs for regression, `randn(3, 5)`, a leaf that wants its gradient.
    let outputs: Tensor
    /// The regression targets, `randn(3, 5)`.
    let targets: Tensor
    /// Raw scores of a yes/no model, `randn(4, 1)`, a leaf that wants its gradient.
    let scores: Tensor
    /// The yes/no answers: 1, 0, 1, 0, as a column like the scores.
    let answers: Tensor
    /// Class scores (logits) of 3 samples over 5 classes, `randn(3, 5)`, a leaf.
    let logits: Tensor
    /// The right class of each of the 3 samples, int64.
    let classes: Tensor

    static let drawListing = (file: #filePath, line: #line)
    /// Draws every input from the default generator, which the notebook seeds with `--seed`.
    static func draw() -> LessonInputs {
        let outputs = Tensor.randn([3, 5], requiresGrad: true).labeled("outputs")
        let targets = Tensor.randn([3, 5]).labeled("targets")
        let scores = Tensor.randn([4, 1], requiresGrad: true).labeled("scores")
        let answers = Tensor([1.0, 0, 1, 0]).view(4, 1).labeled("answers")
        let logits = Tensor.randn([3, 5], requiresGrad: true).labeled("logits")
        let classes = Tensor([1, 0, 3]).labeled("classes")
        return LessonInputs(outputs: outputs, targets: targets,
                            scores: scores, answers: answers,
                            logits: logits, classes: classes)
    }
}
