/// The activation functions as layers, so they can sit in a `Sequential` between the layers
/// they bend (PyTorch's `nn.ReLU`, `nn.Sigmoid`, ...). Each calls the tensor operation of the
/// same name (see Ops/Activations.swift, where the maths and derivatives are) and has nothing
/// to learn.
///
///     let model = Sequential(Linear(784, 256), ReLU(), Linear(256, 10))

/// `max(0, x)`, PyTorch's `nn.ReLU`.
public final class ReLU: Module {
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.relu() }
}

/// `1 / (1 + e⁻ˣ)`, PyTorch's `nn.Sigmoid`.
public final class Sigmoid: Module {
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.sigmoid() }
}

/// The hyperbolic tangent, PyTorch's `nn.Tanh`.
public final class Tanh: Module {
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.tanh() }
}

/// `x` for x > 0, `negativeSlope · x` otherwise, PyTorch's `nn.LeakyReLU`: negative inputs
/// keep a small gradient, so a unit cannot "die" as a ReLU unit can.
public final class LeakyReLU: Module {
    public let negativeSlope: Float

    public init(negativeSlope: Float = 0.01) {
        self.negativeSlope = negativeSlope
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor { input.leakyRelu(negativeSlope: negativeSlope) }

    public override var extraDescription: String { "negative_slope=\(negativeSlope)" }
}

/// Softmax along `dim`, PyTorch's `nn.Softmax`: scores become probabilities that sum to 1.
public final class Softmax: Module {
    public let dim: Int

    public init(dim: Int) {
        self.dim = dim
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor { input.softmax(dim: dim) }

    public override var extraDescription: String { "dim=\(dim)" }
}

/// The logarithm of softmax along `dim`, PyTorch's `nn.LogSoftmax`; followed by `NLLLoss` it
/// makes `CrossEntropyLoss`.
public final class LogSoftmax: Module {
    public let dim: Int

    public init(dim: Int) {
        self.dim = dim
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor { input.logSoftmax(dim: dim) }

    public override var extraDescription: String { "dim=\(dim)" }
}
