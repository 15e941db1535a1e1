/// The computation graph behind a tensor, printed as an indented tree or as Graphviz DOT.
///
/// Draw it after `backward()` to see every gradient where it was computed:
///
///     let graph = ComputationGraph(of: L)
///     graph.retainGrads()        // every tensor in the graph keeps its gradient
///     L.backward()
///     print(graph)               // the tree, with values and gradients
///     try graph.dot.write(toFile: "L.dot", ...)   // dot -Tpng L.dot -o L.png
public struct ComputationGraph: CustomStringConvertible {
    /// The tensor whose history this is.
    public let root: Tensor

    public init(of root: Tensor) {
        self.root = root
    }

    /// Every tensor in the graph, the root first, each once (inputs that need no gradient included).
    public var nodes: [Tensor] {
        var seen = Set<ObjectIdentifier>()
        var order: [Tensor] = []
        var queue = [root]
        while let tensor = queue.popLast() {
            guard seen.insert(ObjectIdentifier(tensor)).inserted else { continue }
            order.append(tensor)
            queue.append(contentsOf: (tensor.gradFn?.inputs ?? []).reversed())
        }
        return order
    }

    /// Asks every non-leaf tensor of the graph to keep its gradient (`retainGrad()`), so the
    /// printed graph shows the gradient of every node after `backward()`.
    public func retainGrads() {
        for node in nodes where node.gradFn != nil { node.retainGrad() }
    }

    /// The graph as an indented tree, the root at the top and each tensor's inputs below it.
    /// A tensor used twice is written out once; later uses say "(see above)".
    public var description: String {
        var lines: [String] = []
        var printed = Set<ObjectIdentifier>()
        // (tensor, prefix for its own line, prefix for its children's lines)
        var stack: [(Tensor, String, String)] = [(root, "", "")]
        while let (tensor, prefix, childPrefix) = stack.popLast() {
            let first = printed.insert(ObjectIdentifier(tensor)).inserted
            lines.append(prefix + Self.describe(tensor) + (first ? "" : "  (see above)"))
            guard first, let inputs = tensor.gradFn?.inputs else { continue }
            for (i, input) in inputs.enumerated().reversed() {
                let last = i == inputs.count - 1
                stack.append((input, childPrefix + (last ? "└─ " : "├─ "), childPrefix + (last ? "   " : "│  ")))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The graph in Graphviz's DOT language, drawn like micrograd's: a box per tensor (name,
    /// value, gradient) and an oval per operation. Render with `dot -Tpng graph.dot -o graph.png`.
    public var dot: String {
        let all = nodes
        var ids: [ObjectIdentifier: String] = [:]
        for (i, node) in all.enumerated() { ids[ObjectIdentifier(node)] = "t\(i)" }
        var lines = ["digraph computation {", "  rankdir=LR;", "  node [fontname=\"Helvetica\", fontsize=11];"]
        for node in all {
            let id = ids[ObjectIdentifier(node)]!
            let grad = node.grad.map { " | grad \(Self.escaped($0.compactValues))" } ?? ""
            let name = Self.escaped(node.label ?? (node.isLeaf ? (node.requiresGrad ? "leaf" : "constant") : "·"))
            lines.append(
                "  \(id) [shape=record, label=\"{ \(name) | data \(Self.escaped(node.compactValues))\(grad) }\"];")
            if let fn = node.gradFn {
                lines.append("  \(id)_op [shape=ellipse, label=\"\(fn.name)\"];")
                lines.append("  \(id)_op -> \(id);")
                for input in fn.inputs { lines.append("  \(ids[ObjectIdentifier(input)]!) -> \(id)_op;") }
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    static func describe(_ tensor: Tensor) -> String {
        var text = tensor.label ?? (tensor.isLeaf ? (tensor.requiresGrad ? "leaf" : "constant") : "·")
        if let fn = tensor.gradFn { text += " <\(fn.name)>" }
        text += " = \(tensor.compactValues)"
        if let grad = tensor.grad { text += "   grad \(grad.compactValues)" }
        return text
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for c in text {
            if "{}|<>\"\\".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
