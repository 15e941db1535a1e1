/// The parametric rectifier, PyTorch's `nn.PReLU`: `x` for x > 0, `a · x` otherwise, where the
/// slope `a` is learned. With `numParameters: 1` one slope is shared by every input; with one
/// per channel (`numParameters` = the size of dimension 1) each channel learns its own.
public final class PReLU: Module {
    /// The slopes, `[numParameters]`, initially all `initial` (PyTorch: 0.25).
    public let weight: Tensor
    public let numParameters: Int

    public init(numParameters: Int = 1, initial: Float = 0.25) {
        guard numParameters > 0 else {
            failure("PReLU(num_parameters=\(numParameters)): the number of parameters must be positive")
        }
        self.numParameters = numParameters
        weight = Tensor.full([numParameters], initial, requiresGrad: true)
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor { input.prelu(weight: weight) }

    public override var extraDescription: String { "num_parameters=\(numParameters)" }
}
