/// A record of one `backward()` call, step by step: which tensor's gradient was passed back,
/// through which rule, and what each input received. Print it to watch the chain rule work.
///
///     let trace = y.backwardTrace()     // or y.backward(trace: true), which prints it
///     print(trace)
///
///     backward from y: dy/dy = 1.
///     (g: the gradient arriving from above; a, b or x: the operation's inputs)
///     [1] y = MeanBackward0          rule: dx = g / 3 (for every element)
///           g = 1.
///           → (AddBackward0) receives [0.3333, 0.3333, 0.3333]
///     ...
///     [4] x (leaf): x.grad += [1.3333, 2.0000, 2.6667]
public struct BackwardTrace: CustomStringConvertible {
    /// One visited tensor.
    public struct Step {
        /// The tensor whose gradient was complete at this step.
        public let node: Tensor
        /// Its gradient: d(output)/d(node).
        public let incoming: Tensor
        /// What its backward rule sent to each input that requires a gradient.
        public let outgoing: [(input: Tensor, gradient: Tensor)]
    }

    /// The tensor `backward()` was called on.
    public let root: Tensor
    /// The steps, in the order backpropagation took them (outputs before inputs).
    public let steps: [Step]

    public var description: String {
        let rootName = root.displayName
        var lines = [
            "backward from \(rootName): d\(rootName)/d\(rootName) = \(steps.first?.incoming.compactValues ?? "1.")",
            "(g: the gradient arriving from above; a, b or x: the operation's inputs)",
        ]
        for (number, step) in steps.enumerated() {
            let tag = "[\(number + 1)]"
            let name = step.node.displayName
            guard let fn = step.node.gradFn else {
                lines.append("\(tag) \(name) (leaf): \(name).grad += \(step.incoming.compactValues)")
                continue
            }
            let head = step.node.label.map { "\(tag) \($0) = \(fn.name)" } ?? "\(tag) \(fn.name)"
            let pad = String(repeating: " ", count: tag.count + 3)
            let beside =
                head.padding(toLength: Swift.max(head.count + 2, 34), withPad: " ", startingAt: 0)
                + "rule: \(fn.rule)"
            // A long rule goes on a line of its own, so the trace fits an 80-column terminal.
            lines += beside.count <= 80 ? [beside] : [head, "\(pad)rule: \(fn.rule)"]
            lines.append("\(pad)g = \(step.incoming.compactValues)")
            for (input, gradient) in step.outgoing {
                lines.append("\(pad)→ \(input.displayName) receives \(gradient.compactValues)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
