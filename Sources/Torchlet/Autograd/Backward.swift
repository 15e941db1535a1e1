/// Backpropagation: the chain rule, applied to the recorded graph from the output back to the
/// leaves.
///
/// 1. Sort the graph so every tensor comes before the tensors it was computed from
///    (a topological order, found with an explicit stack: deep graphs cannot overflow it).
/// 2. Start with the gradient of the output with respect to itself: 1 for a scalar.
/// 3. Visit the tensors in that order. Each one's gradient is complete when it is reached
///    (everything that used it came earlier); its `GradFn` turns it into gradients for its
///    inputs, which are added to what those inputs already received.
/// 4. Leaves that require a gradient add theirs into `grad`: gradients accumulate across
///    `backward()` calls until `zeroGrad()`, as in PyTorch.
extension Tensor {
    /// Computes the gradient of this tensor with respect to every leaf that requires one, and
    /// adds it to that leaf's `grad`.
    ///
    /// - Parameters:
    ///   - gradient: the gradient of some final scalar with respect to this tensor. Leave it
    ///     out for a one-element tensor (it is then 1); give one of this tensor's shape otherwise.
    ///   - retainGraph: keep the graph so you can call `backward()` through it again. By
    ///     default, as in PyTorch, the graph's saved values are freed once it has been used.
    ///   - trace: print every step: the rule applied and the gradients passed on.
    public func backward(
        _ gradient: Tensor? = nil, retainGraph: Bool = false, trace: Bool = false, file: StaticString = #filePath,
        line: UInt = #line
    ) {
        calledFrom(file, line) {
            if trace {
                print(backwardTrace(gradient, retainGraph: retainGraph))
            } else {
                runBackward(gradient, retainGraph: retainGraph, observer: nil)
            }
        }
    }

    /// Runs `backward()` and returns the trace of every step instead of printing it.
    public func backwardTrace(
        _ gradient: Tensor? = nil, retainGraph: Bool = false, file: StaticString = #filePath, line: UInt = #line
    ) -> BackwardTrace {
        var steps: [BackwardTrace.Step] = []
        calledFrom(file, line) { runBackward(gradient, retainGraph: retainGraph) { steps.append($0) } }
        return BackwardTrace(root: self, steps: steps)
    }

    func runBackward(_ gradient: Tensor?, retainGraph: Bool, observer: ((BackwardTrace.Step) -> Void)?) {
        guard requiresGrad else {
            failure(
                "backward(): element 0 of tensors does not require grad and does not have a grad_fn. "
                    + "Set requiresGrad = true on the leaves you want gradients for, before computing this tensor "
                    + "(and not inside noGrad { }).")
        }
        let seed: Tensor
        if let gradient {
            guard gradient.shape == shape else {
                failure(
                    "backward(): the gradient has shape \(gradient.shape.formatted), but the tensor has shape "
                        + "\(shape.formatted); they must be the same")
            }
            seed = gradient
        } else {
            guard count == 1 else {
                failure(
                    "backward(): grad can be implicitly created only for scalar outputs, but this tensor has "
                        + "shape \(shape.formatted). Reduce it to one number (e.g. .sum() or .mean()), or pass the "
                        + "upstream gradient: y.backward(Tensor.ones(\(shape.formatted)))")
            }
            seed = Tensor(shape: shape, scalars: [1])
        }

        let order = topologicalOrder()
        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): seed]
        noGrad {
            for node in order {
                guard let g = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
                guard let fn = node.gradFn else {
                    node.accumulate(g)
                    observer?(.init(node: node, incoming: g, outgoing: []))
                    continue
                }
                if node.retainsGrad { node.accumulate(g) }
                guard let rule = fn.backwardRule else {
                    failure(
                        "backward(): trying to backward through the graph a second time (or directly access "
                            + "saved tensors after they have already been freed). Saved intermediate values of the "
                            + "graph are freed when you call backward(). Specify retainGraph: true if you need to "
                            + "backward through the graph a second time.")
                }
                let inputGradients = rule(g)
                if !retainGraph { fn.backwardRule = nil }
                var outgoing: [(Tensor, Tensor)] = []
                for (input, inputGradient) in zip(fn.inputs, inputGradients) {
                    guard input.requiresGrad, let inputGradient else { continue }
                    if inputGradient.shape != input.shape {
                        failure(
                            "internal error in \(fn.name): gradient of shape \(inputGradient.shape.formatted) "
                                + "for an input of shape \(input.shape.formatted)")
                    }
                    let key = ObjectIdentifier(input)
                    pending[key] = pending[key].map { $0 + inputGradient } ?? inputGradient
                    if observer != nil { outgoing.append((input, inputGradient)) }
                }
                observer?(.init(node: node, incoming: g, outgoing: outgoing))
            }
        }
    }

    /// Every tensor that requires a gradient and leads to this one, outputs before inputs.
    func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        // Depth-first, post-order, with an explicit stack: (tensor, its inputs are done).
        var stack: [(Tensor, Bool)] = [(self, false)]
        while let (tensor, inputsDone) = stack.popLast() {
            if inputsDone {
                order.append(tensor)
                continue
            }
            guard visited.insert(ObjectIdentifier(tensor)).inserted else { continue }
            stack.append((tensor, true))
            for input in tensor.gradFn?.inputs ?? [] where input.requiresGrad {
                if !visited.contains(ObjectIdentifier(input)) { stack.append((input, false)) }
            }
        }
        return order.reversed()
    }

    /// Adds `g` to `grad` in place (or makes it the gradient if there is none yet).
    func accumulate(_ g: Tensor) {
        if let existing = grad {
            existing.scalars.withUnsafeMutableBufferPointer { acc in
                g.scalars.withUnsafeBufferPointer { add in
                    for i in 0..<acc.count { acc[i] += add[i] }
                }
            }
        } else {
            grad = Tensor(shape: shape, scalars: g.scalars)
        }
    }
}
