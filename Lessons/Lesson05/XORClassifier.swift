import Torchlet

/// The tutorial's `SimpleClassifier`: two inputs, one hidden layer of `hidden` tanh units, one
/// output score (a logit: positive means "class 1", negative "class 0").
///
///     x [b, 2] → linear1 → [b, 4] → tanh → [b, 4] → linear2 → [b, 1]
///
/// The layers are stored properties, so `parameters()`, `stateDict()` and printing find them by
/// name, as PyTorch finds the attributes of an `nn.Module`.
final class XORClassifier: Module {
    let linear1: Linear
    let activation = Tanh()
    let linear2: Linear

    init(inputs: Int = 2, hidden: Int = 4, outputs: Int = 1) {
        linear1 = Linear(inputs, hidden)
        linear2 = Linear(hidden, outputs)
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        linear2(activation(linear1(x)))
    }
}

extension XORClassifier {
    /// A second model with the same sizes and a copy of this one's weights: training it leaves
    /// this one as it is. (Its own random initialisation, immediately overwritten, is drawn from
    /// a private generator, so the default generator's numbers are not used up.)
    func copy() -> XORClassifier {
        let twin = withSeed(0) {
            XORClassifier(inputs: linear1.inFeatures, hidden: linear1.outFeatures, outputs: linear2.outFeatures)
        }
        let state = Dictionary(uniqueKeysWithValues: stateDict().map { ($0.name, $0.tensor) })
        try! twin.loadStateDict(state)   // same class, same sizes: the names and shapes match
        return twin
    }
}
