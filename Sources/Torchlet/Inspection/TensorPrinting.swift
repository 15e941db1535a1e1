import Foundation

/// Printing tensors exactly as PyTorch does, so a learner can hold Torchlet's output next to
/// any PyTorch tutorial's:
///
///     tensor([[0.4334, 0.3806, 0.1860]], grad_fn=<SoftmaxBackward0>)
///
/// The rules are PyTorch's defaults: 4 decimals; whole numbers as `1.`; scientific notation
/// when the numbers span more than 3 orders of magnitude or are very large or small; columns
/// right-aligned to a common width; lines of at most 80 characters; tensors of more than 1000
/// elements summarised with `...` (3 items at each edge).
extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { TensorPrinter(self).text }
    public var debugDescription: String { description }
}

struct TensorPrinter {
    static let lineWidth = 80
    static let threshold = 1000
    static let edgeItems = 3

    let tensor: Tensor
    let summarize: Bool
    let format: ScalarFormat

    init(_ tensor: Tensor) {
        self.tensor = tensor
        summarize = tensor.count > Self.threshold
        let visible = summarize ? Self.visibleScalars(tensor.scalars, shape: tensor.shape) : tensor.scalars
        format = ScalarFormat(visible, dtype: tensor.dtype)
    }

    var text: String {
        let prefix = "tensor("
        var body: String
        var suffixes: [String] = []
        if tensor.count == 0 {
            body = "[]"
            if tensor.shape != [0] {
                suffixes.append(
                    "size=(" + tensor.shape.map(String.init).joined(separator: ", ")
                        + (tensor.rank == 1 ? ",)" : ")"))
            }
        } else {
            body = block(offset: 0, dims: tensor.shape[...], indent: prefix.count)
        }
        if let fn = tensor.gradFn {
            suffixes.append("grad_fn=<\(fn.name)>")
        } else if tensor.requiresGrad {
            suffixes.append("requires_grad=True")
        }
        return Self.addingSuffixes(prefix + body, suffixes, indent: prefix.count)
    }

    /// The nested brackets of the elements from `offset`, for the dimensions `dims`.
    private func block(offset: Int, dims: ArraySlice<Int>, indent: Int) -> String {
        guard let size = dims.first else { return format.string(tensor.scalars[offset]) }
        let stride = dims.dropFirst().reduce(1, *)
        if dims.count == 1 { return vector(offset: offset, size: size, indent: indent) }
        let summarized = summarize && size > 2 * Self.edgeItems
        let picked =
            summarized
            ? Array(0..<Self.edgeItems) + [-1] + Array((size - Self.edgeItems)..<size)
            : Array(0..<size)
        let rows = picked.map { i in
            i < 0 ? "..." : block(offset: offset + i * stride, dims: dims.dropFirst(), indent: indent + 1)
        }
        let separator = "," + String(repeating: "\n", count: dims.count - 1) + String(repeating: " ", count: indent + 1)
        return "[" + rows.joined(separator: separator) + "]"
    }

    private func vector(offset: Int, size: Int, indent: Int) -> String {
        let elementWidth = format.width + 2
        let perLine = Swift.max(1, (Self.lineWidth - indent) / elementWidth)
        var items: [String]
        if summarize && size > 2 * Self.edgeItems {
            items = (0..<Self.edgeItems).map { format.string(tensor.scalars[offset + $0]) }
            items.append(" ...")
            items += ((size - Self.edgeItems)..<size).map { format.string(tensor.scalars[offset + $0]) }
        } else {
            items = (0..<size).map { format.string(tensor.scalars[offset + $0]) }
        }
        let lines = stride(from: 0, to: items.count, by: perLine).map {
            items[$0..<Swift.min($0 + perLine, items.count)].joined(separator: ", ")
        }
        return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
    }

    /// PyTorch's `_add_suffixes`: `, grad_fn=<...>` on the last line, or on a new one if it
    /// would make that line longer than 80 characters.
    static func addingSuffixes(_ text: String, _ suffixes: [String], indent: Int) -> String {
        var result = text
        var lastLineLength =
            text.count - (text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) } ?? -1)
        for suffix in suffixes {
            if lastLineLength + suffix.count + 2 > lineWidth {
                result += ",\n" + String(repeating: " ", count: indent) + suffix
                lastLineLength = indent + suffix.count
            } else {
                result += ", " + suffix
                lastLineLength += suffix.count + 2
            }
        }
        return result + ")"
    }

    /// The elements that a summarised print shows (the edges of every dimension); the number
    /// format is chosen from these alone, as PyTorch does.
    static func visibleScalars(_ scalars: [Float], shape: [Int]) -> [Float] {
        func visit(_ offset: Int, _ dims: ArraySlice<Int>, into out: inout [Float]) {
            guard let size = dims.first else {
                out.append(scalars[offset])
                return
            }
            let stride = dims.dropFirst().reduce(1, *)
            let picked =
                size > 2 * edgeItems ? Array(0..<edgeItems) + Array((size - edgeItems)..<size) : Array(0..<size)
            for i in picked { visit(offset + i * stride, dims.dropFirst(), into: &out) }
        }
        var out: [Float] = []
        visit(0, shape[...], into: &out)
        return out
    }
}

/// How to write each number of one tensor: PyTorch's `_Formatter`.
struct ScalarFormat {
    enum Mode { case fixed, whole, scientific, integer, boolean }
    let mode: Mode
    let width: Int

    init(_ values: [Float], dtype: DType) {
        switch dtype {
        case .bool:
            mode = .boolean
            width = values.contains(0) ? 5 : 4
            return
        case .int64:
            mode = .integer
            width = values.map { String(Int($0)).count }.max() ?? 1
            return
        case .float32:
            break
        }
        let finite = values.filter(\.isFinite).map { Double(Swift.abs($0)) }.filter { $0 != 0 }
        var chosen: Mode = .fixed
        if !finite.isEmpty {
            let largest = finite.max()!, smallest = finite.min()!
            let allWhole = values.filter(\.isFinite).allSatisfy { $0.rounded() == $0 }
            if allWhole {
                chosen = largest / smallest > 1000 || largest > 1e8 ? .scientific : .whole
            } else {
                chosen = largest / smallest > 1000 || largest > 1e8 || smallest < 1e-4 ? .scientific : .fixed
            }
        } else if values.filter(\.isFinite).allSatisfy({ $0 == 0 }) {
            chosen = .whole
        }
        mode = chosen
        // As in PyTorch, the column width comes from the finite nonzero numbers only.
        let probe = ScalarFormat(mode: chosen, width: 0)
        width = values.filter { $0.isFinite && $0 != 0 }.map { probe.bare($0).count }.max() ?? 1
    }

    private init(mode: Mode, width: Int) {
        self.mode = mode
        self.width = width
    }

    /// The number written in this format and padded on the left to the common width.
    func string(_ value: Float) -> String {
        let text = bare(value)
        return String(repeating: " ", count: Swift.max(0, width - text.count)) + text
    }

    func bare(_ value: Float) -> String {
        switch mode {
        case .boolean: return value != 0 ? "True" : "False"
        case .integer: return String(Int(value))
        default: break
        }
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        switch mode {
        case .whole: return String(format: "%.0f.", Double(value))
        case .scientific: return String(format: "%.4e", Double(value))
        default: return String(format: "%.4f", Double(value))
        }
    }
}
