/// A loss function: how far a model's output is from the target, as one number to minimise.
/// `MSELoss`, `L1Loss`, `BCELoss`, `BCEWithLogitsLoss`, `NLLLoss` and `CrossEntropyLoss` are
/// losses, called as in PyTorch with the prediction first and the target second:
///
///     let lossFunction = CrossEntropyLoss()
///     let loss = lossFunction(model(images), labels)   // tensor(2.3026, grad_fn=<NllLossBackward0>)
///     loss.backward()
///
/// In PyTorch losses are `nn.Module`s without parameters. Here they are a protocol of their own:
/// a `Module` takes one input (`model(x)`), a loss takes two, and a loss that inherited `model(x)`
/// would accept a call that could only fail at run time. Losses learn nothing and behave the same
/// in training and evaluation, so they need nothing else `Module` offers. Each loss also exists
/// as a method on `Tensor` (`logits.crossEntropy(labels)`, PyTorch's `F.cross_entropy`), which
/// is where its forward and backward pass are written; the classes only hold the options.
public protocol Loss: AnyObject, CustomStringConvertible {
    /// How the per-element losses are combined: `.mean` (the default), `.sum` or `.none`.
    var reduction: Reduction { get }

    /// The loss of `input` (the prediction) against `target` (PyTorch's `forward(input, target)`).
    func forward(_ input: Tensor, _ target: Tensor) -> Tensor
}

extension Loss {
    /// Computes the loss: `lossFunction(prediction, target)`, as in PyTorch.
    /// A misuse (a target of the wrong shape) stops with a message naming this call's line.
    public func callAsFunction(_ input: Tensor, _ target: Tensor, file: StaticString = #filePath, line: UInt = #line)
        -> Tensor
    {
        calledFrom(file, line) { forward(input, target) }
    }

    /// The loss as PyTorch prints it: `CrossEntropyLoss()` (PyTorch shows no options).
    public var description: String { "\(type(of: self))()" }
}
