/// One recorded operation in the computation graph: what made a tensor, from which inputs,
/// and how to turn the gradient of its output into gradients of its inputs.
///
/// PyTorch calls this the tensor's `grad_fn`; its `name` is PyTorch's (`MulBackward0`), so
/// printed tensors and graphs can be compared with PyTorch's. `rule` is the local backward
/// rule in maths, where `g` is the gradient arriving from above: for `out = a * b` it is
/// `da = g * b, db = g * a`. The backward trace prints it as it applies it.
public final class GradFn {
    /// PyTorch's name for this backward function, e.g. `"MulBackward0"`.
    public let name: String
    /// The local rule in maths, `g` being the incoming gradient.
    public let rule: String
    /// The tensors the operation read, in order (the edges of the graph).
    public internal(set) var inputs: [Tensor]
    /// Turns the incoming gradient into one gradient per input (`nil` where none is needed).
    /// Dropped after `backward()` unless the graph is retained, freeing what it saved.
    var backwardRule: ((Tensor) -> [Tensor?])?

    init(name: String, rule: String, inputs: [Tensor], backward: @escaping (Tensor) -> [Tensor?]) {
        self.name = name
        self.rule = rule
        self.inputs = inputs
        self.backwardRule = backward
    }
}

extension Tensor {
    /// Records that this freshly computed tensor came from `inputs` by an operation whose local
    /// backward rule is `backward`, when gradient tracking is on and some input requires a
    /// gradient. Returns `self`, so an operation ends with `return out.recorded(...)`.
    ///
    /// `backward` must not capture the output strongly (that would be a retain cycle: the
    /// output owns this record); capture it `unowned` when the rule needs the output.
    @inline(__always)
    func recorded(
        _ name: String, _ rule: String, from inputs: [Tensor],
        backward: @escaping (Tensor) -> [Tensor?]
    ) -> Tensor {
        guard GradMode.isEnabled, inputs.contains(where: \.requiresGrad) else { return self }
        requiresGrad = true
        gradFn = GradFn(name: name, rule: rule, inputs: inputs, backward: backward)
        return self
    }
}

extension Tensor {
    /// Frees the graph behind a dying tensor with a loop instead of recursion.
    ///
    /// Left to ARC, freeing the last tensor of a long chain frees its `GradFn`, which frees
    /// its input, which frees that input's `GradFn`, and so on: one nested call per operation,
    /// enough to overflow the stack for a chain of 100,000 operations. Here each record that
    /// nothing else uses is taken apart one at a time.
    func releaseGraphIteratively() {
        var pending: [GradFn] = []
        if let fn = gradFn { pending.append(fn) }
        gradFn = nil
        while var fn = pending.popLast() {
            guard isKnownUniquelyReferenced(&fn) else { continue }
            fn.backwardRule = nil  // its captures would keep the inputs alive
            for i in fn.inputs.indices where isKnownUniquelyReferenced(&fn.inputs[i]) {
                if let next = fn.inputs[i].gradFn {
                    fn.inputs[i].gradFn = nil
                    pending.append(next)
                }
            }
        }
    }
}
