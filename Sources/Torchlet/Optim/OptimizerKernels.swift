/// The pieces every optimizer's `step()` is built from: memory that lives next to a parameter
/// (`StateBuffer`) and raw access to a parameter's numbers for an update in place
/// (`updateParameter`).
///
/// An optimizer step touches every number of every parameter once per batch (about 1.4 million
/// numbers for Lesson 7's CNN), so it is written as plain loops over contiguous `Float`
/// buffers: no temporary tensors, no closure called per element, and no autograd recording (a
/// step writes numbers directly; it never builds a graph).
///
/// The loops are written so the compiler can turn them into vector instructions (4 floats at a
/// time): no branch inside them that decides whether to read memory. Weight decay, for one, is
/// always added (`g + λθ` adds nothing when λ = 0) rather than added under `if λ != 0`. The
/// loops with a square root (Adam, Adagrad, RMSprop) stay scalar on Linux, where Swift's
/// `squareRoot()` calls the C library's `sqrtf`.

/// A run of `Float`s an optimizer keeps for one parameter, with the parameter's element count:
/// a momentum buffer, a running average of gradients or of their squares.
///
/// It owns its memory, allocated once when the state is created, so the update loops can read
/// and write it through `pointer` without copies. `stateDict()` copies it out to a `Tensor`.
final class StateBuffer {
    /// The numbers, `count` of them, valid while this buffer lives.
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    /// A buffer of `count` numbers, all equal to `value` (PyTorch's `torch.full_like(p, value)`).
    init(count: Int, repeating value: Float = 0) {
        self.count = count
        pointer = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(count, 1))
        pointer.initialize(repeating: value, count: count)
    }

    /// A buffer holding a copy of `scalars` (PyTorch's `torch.clone(grad)`).
    convenience init(copying scalars: [Float]) {
        self.init(count: scalars.count)
        scalars.withUnsafeBufferPointer { source in
            for i in 0..<count { pointer[i] = source[i] }
        }
    }

    /// A buffer holding a copy of `pointer[0..<count]`.
    convenience init(copying source: UnsafePointer<Float>, count: Int) {
        self.init(count: count)
        pointer.update(from: source, count: count)
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }

    /// A copy of the numbers as a tensor of `shape` (the parameter's), for `stateDict()`.
    func tensor(shape: [Int]) -> Tensor {
        Tensor(shape: shape, scalars: Array(UnsafeBufferPointer(start: pointer, count: count)))
    }
}

/// Gives `update` the numbers of `parameter` to change in place and those of its `gradient` to
/// read, as raw pointers over `count` floats. One call per parameter tensor, not per element.
///
/// The parameter stays the same `Tensor` object and, when nothing else shares its storage, the
/// same buffer: `withUnsafeMutableBufferPointer` copies only if another array still refers to
/// the numbers (copy-on-write), and then that other array keeps the old values, as it should.
@inline(__always)
func updateParameter(
    _ parameter: Tensor, gradient: Tensor, optimizer: String,
    _ update: (_ θ: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ count: Int) -> Void
) {
    guard gradient.count == parameter.count else {
        failure(
            "\(optimizer).step(): a parameter of shape \(parameter.shape.formatted) has a gradient of shape "
                + "\(gradient.shape.formatted); a gradient must have its parameter's shape. Was .grad set by hand?")
    }
    guard parameter.count > 0 else { return }
    gradient.scalars.withUnsafeBufferPointer { g in
        parameter.scalars.withUnsafeMutableBufferPointer { θ in
            update(θ.baseAddress!, g.baseAddress!, θ.count)
        }
    }
}
