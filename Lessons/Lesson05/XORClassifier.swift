import Torchlet

// The tutorial's `SimpleClassifier`: two inputs, one hidden layer of 4 tanh units, one output
// score (a logit: positive means "class 1", negative "class 0").
//
//     x [b, 2] → linear1 → [b, 4] → tanh → [b, 4] → linear2 → [b, 1]
//
// The layers are stored properties, so `parameters()`, `stateDict()` and printing find them by
// name, as PyTorch finds the attributes of an `nn.Module`. Lesson05 lists the class from this
// file, from the line after `xorClassifierSource` to the first blank line, so the class must
// stay without blank lines inside it.

/// Where the listing of `XORClassifier` starts: the lesson passes it to `nb.code(file:line:)`.
let xorClassifierSource = (file: #filePath, line: #line)
final class XORClassifier: Module {
    let linear1 = Linear(2, 4)
    let activation = Tanh()
    let linear2 = Linear(4, 1)
    override func forward(_ x: Tensor) -> Tensor {
        linear2(activation(linear1(x)))
    }
}

extension XORClassifier {
    /// A second model with a copy of this one's weights: training it leaves this one as it is.
    /// (Its own random initialisation, immediately overwritten, is drawn from a private
    /// generator, so the default generator's numbers are not used up.)
    func copy() -> XORClassifier {
        let twin = withSeed(0) { XORClassifier() }
        let state = Dictionary(uniqueKeysWithValues: stateDict().map { ($0.name, $0.tensor) })
        try! twin.loadStateDict(state)   // same class, same sizes: the names and shapes match
        return twin
    }
}

/// The largest |number| among a model's parameters.
func largestWeight(_ model: Module) -> Float {
    model.parameters().flatMap(\.scalars).map(abs).max() ?? 0
}
