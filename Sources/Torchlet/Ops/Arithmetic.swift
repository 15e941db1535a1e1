/// Elementwise arithmetic with broadcasting: `+ - * /`, negation, and the in-place updates
/// `+= -= *= /=` that optimizers and hand-written gradient descent use.
///
/// Broadcasting follows NumPy and PyTorch: shapes are aligned at their last dimension, and a
/// dimension of size 1 (or a missing one) is repeated to match the other operand. In the
/// backward pass the repeated dimensions are summed back (`sumToShape`), because an element
/// that was used many times receives the sum of the gradients of all its uses.
extension Tensor {
    /// `a + b`.  Backward: `da = g`, `db = g`.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = broadcastScalars(a, b, op: "add") { $0 + $1 }
        return Tensor(shape: shape, scalars: out, dtype: arithmeticType(a, b))
            .recorded("AddBackward0", "da = g, db = g", from: [a, b]) { g in
                [
                    a.requiresGrad ? sumToShape(g, a.shape) : nil,
                    b.requiresGrad ? sumToShape(g, b.shape) : nil,
                ]
            }
    }

    /// `a - b`.  Backward: `da = g`, `db = -g`.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = broadcastScalars(a, b, op: "sub") { $0 - $1 }
        return Tensor(shape: shape, scalars: out, dtype: arithmeticType(a, b))
            .recorded("SubBackward0", "da = g, db = -g", from: [a, b]) { g in
                [
                    a.requiresGrad ? sumToShape(g, a.shape) : nil,
                    b.requiresGrad ? sumToShape(-g, b.shape) : nil,
                ]
            }
    }

    /// `a * b`, elementwise (for the matrix product use `matmul`).  Backward: `da = g * b`, `db = g * a`.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = broadcastScalars(a, b, op: "mul") { $0 * $1 }
        return Tensor(shape: shape, scalars: out, dtype: arithmeticType(a, b))
            .recorded("MulBackward0", "da = g * b, db = g * a", from: [a, b]) { g in
                [
                    a.requiresGrad ? sumToShape(g * b, a.shape) : nil,
                    b.requiresGrad ? sumToShape(g * a, b.shape) : nil,
                ]
            }
    }

    /// `a / b`, elementwise.  Backward: `da = g / b`, `db = -g * a / b²`.
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = broadcastScalars(a, b, op: "div") { $0 / $1 }
        return Tensor(shape: shape, scalars: out)
            .recorded("DivBackward0", "da = g / b, db = -g * a / b²", from: [a, b]) { g in
                [
                    a.requiresGrad ? sumToShape(g / b, a.shape) : nil,
                    b.requiresGrad ? sumToShape(-g * a / (b * b), b.shape) : nil,
                ]
            }
    }

    /// `-x`.  Backward: `dx = -g`.
    public static prefix func - (x: Tensor) -> Tensor {
        Tensor(shape: x.shape, scalars: mapScalars(x.scalars) { -$0 }, dtype: x.dtype)
            .recorded("NegBackward0", "dx = -g", from: [x]) { g in [-g] }
    }

    // MARK: With a number on one side

    /// `x + s`.  Backward: `dx = g`.
    public static func + (x: Tensor, s: Float) -> Tensor {
        Tensor(shape: x.shape, scalars: mapScalars(x.scalars) { $0 + s }, dtype: arithmeticType(x, s))
            .recorded("AddBackward0", "dx = g", from: [x]) { g in [g] }
    }

    /// `s + x`.  Backward: `dx = g`.
    public static func + (s: Float, x: Tensor) -> Tensor { x + s }

    /// `x - s`.  Backward: `dx = g`.
    public static func - (x: Tensor, s: Float) -> Tensor {
        Tensor(shape: x.shape, scalars: mapScalars(x.scalars) { $0 - s }, dtype: arithmeticType(x, s))
            .recorded("SubBackward0", "dx = g", from: [x]) { g in [g] }
    }

    /// `s - x`.  Backward: `dx = -g`.
    public static func - (s: Float, x: Tensor) -> Tensor {
        Tensor(shape: x.shape, scalars: mapScalars(x.scalars) { s - $0 }, dtype: arithmeticType(x, s))
            .recorded("RsubBackward1", "dx = -g", from: [x]) { g in [-g] }
    }

    /// `x * s`.  Backward: `dx = g * s`.
    public static func * (x: Tensor, s: Float) -> Tensor {
        Tensor(shape: x.shape, scalars: mapScalars(x.scalars) { $0 * s }, dtype: arithmeticType(x, s))
            .recorded("MulBackward0", "dx = g * \(s.shortDescription)", from: [x]) { g in [g * s] }
    }

    /// `s * x`.  Backward: `dx = s * g`.
    public static func * (s: Float, x: Tensor) -> Tensor { x * s }

    /// `x / s`.  Backward: `dx = g / s`.
    public static func / (x: Tensor, s: Float) -> Tensor {
        Tensor(shape: x.shape, scalars: mapScalars(x.scalars) { $0 / s })
            .recorded("DivBackward0", "dx = g / \(s.shortDescription)", from: [x]) { g in [g / s] }
    }

    /// `s / x`.  Backward: `dx = -g * s / x²`.
    public static func / (s: Float, x: Tensor) -> Tensor {
        Tensor(shape: x.shape, scalars: mapScalars(x.scalars) { s / $0 })
            .recorded("DivBackward0", "dx = -g * \(s.shortDescription) / x²", from: [x]) { g in [-g * s / (x * x)] }
    }

    // MARK: In place

    /// Adds `other` into this tensor's numbers, in place (PyTorch's `x += y`).
    public static func += (x: Tensor, other: Tensor) { x.updateInPlace(other, op: "add_") { $0 + $1 } }
    /// Subtracts `other` from this tensor's numbers, in place (`x -= y`).
    public static func -= (x: Tensor, other: Tensor) { x.updateInPlace(other, op: "sub_") { $0 - $1 } }
    /// Multiplies this tensor's numbers by `other`, in place (`x *= y`).
    public static func *= (x: Tensor, other: Tensor) { x.updateInPlace(other, op: "mul_") { $0 * $1 } }
    /// Divides this tensor's numbers by `other`, in place (`x /= y`).
    public static func /= (x: Tensor, other: Tensor) { x.updateInPlace(other, op: "div_") { $0 / $1 } }
    /// Adds `s` to every number, in place.
    public static func += (x: Tensor, s: Float) { x += Tensor(s) }
    /// Subtracts `s` from every number, in place.
    public static func -= (x: Tensor, s: Float) { x -= Tensor(s) }
    /// Multiplies every number by `s`, in place.
    public static func *= (x: Tensor, s: Float) { x *= Tensor(s) }
    /// Divides every number by `s`, in place.
    public static func /= (x: Tensor, s: Float) { x /= Tensor(s) }

    /// Replaces this tensor's numbers by those of `source` (same shape), in place, like
    /// PyTorch's `copy_`. Used to load saved weights.
    public func copy(from source: Tensor) {
        guard source.shape == shape else {
            failure(
                "copy(from:): cannot copy a tensor of shape \(source.shape.formatted) into one of shape "
                    + "\(shape.formatted)")
        }
        checkInPlaceAllowed(op: "copy_")
        scalars = source.scalars
    }

    /// Sets every number to zero, in place (PyTorch's `zero_()`).
    public func zero() {
        checkInPlaceAllowed(op: "zero_")
        scalars = [Float](repeating: 0, count: count)
    }

    private func updateInPlace(_ other: Tensor, op: String, _ f: (Float, Float) -> Float) {
        checkInPlaceAllowed(op: op)
        let (resultShape, result) = broadcastScalars(self, other, op: op, f)
        guard resultShape == shape else {
            failure(
                "\(op): output with shape \(shape.formatted) doesn't match the broadcast shape "
                    + "\(resultShape.formatted)")
        }
        scalars = result
    }

    func checkInPlaceAllowed(op: String) {
        if requiresGrad && GradMode.isEnabled {
            failure(
                "\(op): a leaf Variable that requires grad is being used in an in-place operation. "
                    + "Update weights inside noGrad { ... }, as PyTorch does inside torch.no_grad().")
        }
    }
}

/// The dtype of an arithmetic result: whole numbers stay whole, anything else is `float32`.
func arithmeticType(_ a: Tensor, _ b: Tensor) -> DType {
    a.dtype != .float32 && b.dtype != .float32 ? .int64 : .float32
}

func arithmeticType(_ a: Tensor, _ s: Float) -> DType {
    a.dtype != .float32 && s == s.rounded() ? .int64 : .float32
}

extension Float {
    /// `2` for 2.0, `0.5` for 0.5: numbers as a person writes them in a formula.
    var shortDescription: String {
        self == rounded() && abs(self) < 1e9 ? String(Int(self)) : "\(self)"
    }
}
