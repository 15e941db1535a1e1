/// An n-dimensional array of numbers that remembers how it was made, so it can pass
/// gradients back to the tensors it came from.
///
/// A `Tensor` is Torchlet's version of `torch.Tensor`: its numbers live in one contiguous
/// buffer of `Float`s in row-major order (the last index moves fastest), and `shape` says how
/// to read them. `[2, 3]` is a matrix of 2 rows and 3 columns; `[]` is a single number.
///
///     let x = Tensor([[1, 2, 3], [4, 5, 6]])     // shape [2, 3]
///     let w = Tensor([0.5, -1, 2], requiresGrad: true)
///     let y = (x * w).sum()                       // y remembers: SumBackward0 <- MulBackward0
///     y.backward()
///     print(w.grad!)                              // tensor([5., 7., 9.])
///
/// Tensors are reference types, like PyTorch's: `w.grad` is filled in place by `backward()`,
/// and an optimizer updates `w` in place. Operations never change their inputs; they return
/// new tensors. (Unlike PyTorch, `reshape` and `view` return a new tensor that shares nothing
/// you can observe: writing to one never changes the other.)
public final class Tensor {
    /// The numbers, in row-major order. `scalars.count == shape.reduce(1, *)`.
    public internal(set) var scalars: [Float]

    /// The size of each dimension, outermost first.
    public let shape: [Int]

    /// What the numbers mean: real numbers, integer indices or truth values. The storage is
    /// `Float` either way; the type decides how the tensor prints and which ops accept it.
    public internal(set) var dtype: DType

    /// Whether autograd should compute a gradient for this tensor.
    ///
    /// Set it on the leaves you want to learn (weights, biases, inputs you study); every tensor
    /// computed from one of them requires a gradient too.
    public var requiresGrad: Bool {
        didSet {
            if requiresGrad && !dtype.isFloatingPoint {
                failure(
                    "requiresGrad: only tensors of floating point dtype can require gradients, "
                        + "but this one is \(dtype). Convert it first with .float().")
            }
            if !requiresGrad && gradFn != nil {
                failure(
                    "requiresGrad: you can only change requiresGrad of leaf tensors; this one was made by "
                        + "\(gradFn!.name). Use .detach() to get a tensor that does not require a gradient.")
            }
        }
    }

    /// The gradient of the last `backward()` with respect to this tensor, accumulated over calls
    /// until it is cleared with `zeroGrad()`. Filled for leaves that require a gradient, and for
    /// other tensors only after `retainGrad()`.
    public var grad: Tensor?

    /// The backward function of the operation that made this tensor, or `nil` for a leaf
    /// (a tensor you created yourself). PyTorch calls it `grad_fn`.
    public internal(set) var gradFn: GradFn?

    /// A name shown by the backward trace and the graph printers, such as `"w"` or `"loss"`.
    public var label: String?

    /// Whether `backward()` stores this non-leaf tensor's gradient in `grad` (see `retainGrad()`).
    public internal(set) var retainsGrad = false

    /// Creates a tensor from its numbers and shape. The numbers must be in row-major order.
    public init(shape: [Int], scalars: [Float], dtype: DType = .float32, requiresGrad: Bool = false) {
        for size in shape where size < 0 {
            failure("Tensor(shape:scalars:): negative dimension \(size) in shape \(shape)")
        }
        let count = shape.reduce(1, *)
        if count != scalars.count {
            failure(
                "Tensor(shape:scalars:): shape \(shape) holds \(count) elements, "
                    + "but \(scalars.count) numbers were given")
        }
        self.shape = shape
        self.scalars = scalars
        self.dtype = dtype
        self.requiresGrad = false
        if requiresGrad { self.requiresGrad = true }
    }

    deinit {
        if gradFn != nil { releaseGraphIteratively() }
    }

    /// The number of dimensions (`0` for a single number).
    public var rank: Int { shape.count }

    /// The number of elements (PyTorch's `numel()`).
    public var count: Int { scalars.count }

    /// Whether this tensor was created by you rather than computed by an operation.
    public var isLeaf: Bool { gradFn == nil }

    /// The size of one dimension; negative dimensions count from the end (`size(-1)` is the last).
    public func size(_ dim: Int) -> Int { shape[normalized(dim: dim, op: "size")] }

    /// The single number of a one-element tensor, like PyTorch's `item()`.
    public func item() -> Float {
        guard count == 1 else {
            failure(
                "item(): a Tensor with \(count) elements (shape \(shape.formatted)) cannot be converted "
                    + "to a Scalar. Reduce it first (e.g. .sum() or .mean()), or read .scalars.")
        }
        return scalars[0]
    }

    /// Gives this tensor a name for the backward trace and the graph printers, and returns it.
    @discardableResult
    public func labeled(_ label: String) -> Tensor {
        self.label = label
        return self
    }

    /// Asks `backward()` to keep this non-leaf tensor's gradient in `grad`, like PyTorch's
    /// `retain_grad()`. Leaves that require a gradient always keep theirs.
    public func retainGrad() {
        retainsGrad = true
    }

    /// Clears the gradient (sets `grad` to `nil`), as PyTorch's `zero_grad()` does by default.
    public func zeroGrad() {
        grad = nil
    }
}

/// What the numbers of a tensor mean. Torchlet stores every tensor as `Float`s; the dtype
/// decides how it prints (`1.` or `1` or `True`) and what it may be used for.
public enum DType: String, Sendable, CustomStringConvertible {
    /// Real numbers: everything that has a gradient. PyTorch's default, `torch.float32`.
    case float32
    /// Whole numbers such as class labels and indices (`torch.int64`). Exact up to 2^24.
    case int64
    /// Truth values, the result of comparisons (`torch.bool`).
    case bool

    public var description: String { "torch.\(rawValue)" }

    var isFloatingPoint: Bool { self == .float32 }
}
