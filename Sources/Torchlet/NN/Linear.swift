/// A fully connected layer: `y = x · Wᵀ + b`, PyTorch's `nn.Linear`.
///
/// Each of the `outFeatures` outputs is a weighted sum of all `inFeatures` inputs plus a bias.
/// The weight has shape `[outFeatures, inFeatures]` (one row per output), as in PyTorch, and
/// both are initialised as PyTorch does, uniformly in ±1/√inFeatures, with the same numbers as
/// PyTorch after the same seed.
public final class Linear: Module {
    /// `[outFeatures, inFeatures]`.
    public let weight: Tensor
    /// `[outFeatures]`, or `nil` without bias.
    public let bias: Tensor?
    public let inFeatures: Int
    public let outFeatures: Int

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true) {
        guard inFeatures > 0, outFeatures > 0 else {
            failure("Linear(\(inFeatures), \(outFeatures)): the numbers of features must be positive")
        }
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        // PyTorch's reset_parameters, draw for draw: kaiming_uniform_(a=√5) for the weight, which
        // is U(-1/√in, 1/√in), then the bias uniform_(-1/√in, 1/√in), both bounds in Double.
        weight = Tensor.zeros([outFeatures, inFeatures])
        weight.requiresGrad = true
        Init.kaimingUniform_(weight, a: 5.0.squareRoot())
        if bias {
            let bound = 1 / Double(inFeatures).squareRoot()
            self.bias = Init.uniform_(Tensor.zeros([outFeatures], requiresGrad: true), a: -bound, b: bound)
        } else {
            self.bias = nil
        }
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        input.linear(weight: weight, bias: bias)
    }

    public override var extraDescription: String {
        "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(bias != nil ? "True" : "False")"
    }
}

/// Runs modules one after another, each on the output of the previous: PyTorch's `nn.Sequential`.
///
///     let model = Sequential(Linear(2, 4), Tanh(), Linear(4, 1))
public final class Sequential: Module {
    /// The modules, in order; printed and named `0`, `1`, ...
    public let layers: [Module]

    public init(_ layers: Module...) {
        self.layers = layers
        super.init()
    }

    public init(_ layers: [Module]) {
        self.layers = layers
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        layers.reduce(input) { x, layer in layer(x) }
    }

    /// The module at `index`.
    public subscript(index: Int) -> Module { layers[index] }
}
