/// Short forms of tensors for the trace, gradient-check and graph printers, where a whole
/// PyTorch-style print would drown the line.
extension Tensor {
    /// The name the printers use: the label if there is one, else what made the tensor.
    var displayName: String {
        if let label { return label }
        if let fn = gradFn { return "(\(fn.name))" }
        return requiresGrad ? "(leaf \(shape.formatted))" : "(constant \(shape.formatted))"
    }

    /// The tensor's values on one line: every number when there are few, else a summary.
    var compactValues: String { Tensor.compact(scalars, shape: shape, dtype: dtype) }

    static func compact(_ scalars: [Float], shape: [Int], dtype: DType = .float32, limit: Int = 6) -> String {
        let format = ScalarFormat(scalars, dtype: dtype)
        if scalars.count == 1 && shape.isEmpty { return format.bare(scalars[0]) }
        if scalars.count <= limit {
            let items = scalars.map(format.bare).joined(separator: ", ")
            return shape.count <= 1 ? "[\(items)]" : "[\(items)] (shape \(shape.formatted))"
        }
        let mean = scalars.reduce(0.0) { $0 + Double($1) } / Double(scalars.count)
        let largest = scalars.map { Swift.abs($0) }.max() ?? 0
        return "shape \(shape.formatted), mean \(Float(mean).formatted4), max |x| \(largest.formatted4)"
    }
}

extension Float {
    /// Four decimals, PyTorch's default precision: `2.6667`.
    var formatted4: String { ScalarFormat([self], dtype: .float32).bare(self) }
}

extension Double {
    /// Two significant digits in scientific notation, for small differences: `1.2e-05`.
    var scientific2: String { String(format: "%.1e", self) }
}
