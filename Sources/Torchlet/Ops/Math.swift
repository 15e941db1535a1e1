import Foundation

/// Elementwise functions of one tensor, each with its derivative beside it.
extension Tensor {
    /// `xᵖ`, elementwise.  Backward: `dx = g * p * xᵖ⁻¹`.
    public func pow(_ p: Float) -> Tensor {
        let x = self
        let out: [Float] = p == 2 ? mapScalars(x.scalars) { $0 * $0 } : mapScalars(x.scalars) { Foundation.pow($0, p) }
        return Tensor(shape: shape, scalars: out)
            .recorded(
                "PowBackward0",
                p == 2 ? "dx = g * 2 * x" : "dx = g * \(p.shortDescription) * x^\((p - 1).shortDescription)",
                from: [x]
            ) { g in
                [g * (p == 2 ? x * 2 : x.pow(p - 1) * p)]
            }
    }

    /// `eˣ`, elementwise.  Backward: `dx = g * eˣ` (the output itself).
    public func exp() -> Tensor {
        let out = Tensor(shape: shape, scalars: mapScalars(scalars) { Foundation.exp($0) })
        return out.recorded("ExpBackward0", "dx = g * exp(x)", from: [self]) { [unowned out] g in [g * out] }
    }

    /// The natural logarithm, elementwise.  Backward: `dx = g / x`.
    public func log() -> Tensor {
        let x = self
        return Tensor(shape: shape, scalars: mapScalars(scalars) { Foundation.log($0) })
            .recorded("LogBackward0", "dx = g / x", from: [x]) { g in [g / x] }
    }

    /// The square root, elementwise.  Backward: `dx = g / (2 * sqrt(x))`.
    public func sqrt() -> Tensor {
        let out = Tensor(shape: shape, scalars: mapScalars(scalars) { $0.squareRoot() })
        return out.recorded("SqrtBackward0", "dx = g / (2 * sqrt(x))", from: [self]) { [unowned out] g in
            [g / (out * 2)]
        }
    }

    /// `|x|`, elementwise.  Backward: `dx = g * sign(x)` (0 at x = 0, as in PyTorch).
    public func abs() -> Tensor {
        let x = self
        return Tensor(shape: shape, scalars: mapScalars(scalars) { Swift.abs($0) }, dtype: dtype)
            .recorded("AbsBackward0", "dx = g * sign(x)", from: [x]) { g in
                [g * Tensor(shape: x.shape, scalars: mapScalars(x.scalars) { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) })]
            }
    }

    /// Limits every number to `[min, max]` (either bound may be left out).
    /// Backward: `dx = g` where `x` was inside the bounds, 0 where it was clamped.
    public func clamp(min lower: Float? = nil, max upper: Float? = nil) -> Tensor {
        guard lower != nil || upper != nil else {
            failure("clamp: at least one of 'min' or 'max' must not be nil")
        }
        let lo = lower ?? -.infinity, hi = upper ?? .infinity
        let x = self
        return Tensor(shape: shape, scalars: mapScalars(scalars) { Swift.min(Swift.max($0, lo), hi) }, dtype: dtype)
            .recorded("ClampBackward1", "dx = g where min <= x <= max, else 0", from: [x]) { g in
                [g * Tensor(shape: x.shape, scalars: mapScalars(x.scalars) { $0 >= lo && $0 <= hi ? 1 : 0 })]
            }
    }
}
