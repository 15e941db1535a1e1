import Torchlet

/// Where section 3's listing of the class below starts: `nb.code(file:line:)` prints the lines
/// after this one, up to the first blank line, so the class a learner reads is the class that
/// runs. (Keep the class free of blank lines.)
///
/// It is the perceptron written as PyTorch's tutorials write it:
///
///     class Perceptron(nn.Module):
///         def __init__(self, input_dim):
///             super().__init__()
///             self.fc1 = nn.Linear(input_dim, 1)
///         def forward(self, x_in):
///             return torch.sigmoid(self.fc1(x_in)).squeeze(1)
///
/// One affine map to a single score, `z = x · wᵀ + b`, squashed by the sigmoid into a
/// probability of class 1. The output is a vector `[batch]`: one probability per sample.
let perceptronListing = (file: #filePath, line: #line)
final class Perceptron: Module {
    let fc1: Linear
    init(inputDim: Int) {
        fc1 = Linear(inputDim, 1)
        super.init()
    }
    override func forward(_ x: Tensor) -> Tensor {
        fc1(x).sigmoid().squeeze(dim: 1)  // [N, 1] -> [N]
    }
}

extension Perceptron {
    /// The weights as plain numbers, `[w₁, w₂, ...]`, for tables and plots.
    var weights: [Float] { fc1.weight.scalars }

    /// The bias as a plain number.
    var biasValue: Float { fc1.bias!.item() }
}

/// The fraction of samples whose probability lands on the right side of 0.5
/// (probability ≥ 0.5 counts as a prediction of class 1).
func accuracy(probabilities: Tensor, labels: Tensor) -> Float {
    let right = zip(probabilities.scalars, labels.scalars).filter { ($0 >= 0.5 ? 1 : 0) == $1 }.count
    return Float(right) / Float(max(labels.count, 1))
}
