import Foundation
import Testing

/// Lesson00 as a program: what it prints against what PyTorch prints for the same calls.
@Suite("Lesson00: tensors and autograd")
struct Lesson00Tests {
    /// PyTorch 2.15's output for
    /// `torch.manual_seed(42); print(torch.randn(3)); print(torch.rand(3)); print(torch.nn.Linear(2, 4).weight)`.
    static let pytorchPrints = [
        "tensor([0.3367, 0.1288, 0.2345])",
        "tensor([0.9408, 0.1332, 0.9346])",
        """
        tensor([[ 0.1323,  0.5224],
                [ 0.0958,  0.3410],
                [-0.0998,  0.5451],
                [ 0.1045, -0.3301]], requires_grad=True)
        """,
    ]

    @Test("the cell after manualSeed(42) prints PyTorch's numbers, whatever --seed says", arguments: ["42", "7"])
    func seededLikePyTorch(seed: String) throws {
        let run = try LessonRun("Lesson00", ["--quick", "--plot", "none", "--transcript", "--seed", seed])
        try run.expectFinished()
        #expect(run.output.contains("│ manualSeed(42)  // torch.manual_seed(42)"))
        let labels = ["r = ", "u = ", "layer.weight = "]
        for (label, printed) in zip(labels, Self.pytorchPrints) {
            // A multi-line value's rows line up under the first, past its label.
            let indented = printed.replacingOccurrences(
                of: "\n", with: "\n" + String(repeating: " ", count: label.count))
            #expect(run.output.contains(label + indented), "\(label)")
        }
    }
}
