import Torchlet

/// The size of a matrix product `C[m×n] = A[m×k] · B[k×n]`, written `m x k x n` as in
/// "a [100, 784] matrix times a [784, 256] one" (a batch of 100 MNIST images through a
/// 784 → 256 layer).
struct MatrixShape: Sendable, Hashable, CustomStringConvertible {
    let m: Int
    let k: Int
    let n: Int

    /// The work in a product: every one of the m·n results is a dot product of length k, which
    /// is k multiplications and k additions. (Counting an addition of the first term too keeps
    /// the formula simple; every library counts it this way.)
    var floatingPointOperations: Double { 2 * Double(m) * Double(n) * Double(k) }

    /// How many billions of those operations per second a product taking `seconds` performs.
    func gigaflops(seconds: Double) -> Double { floatingPointOperations / seconds / 1e9 }

    var description: String { "\(m)x\(k)x\(n)" }

    /// The small product of a training step, the one the 0.95x target is about.
    static let mnistLayer = MatrixShape(m: 100, k: 784, n: 256)
    /// A big square product: the upper end of what BLAS libraries are tuned for.
    static let square1024 = MatrixShape(m: 1024, k: 1024, n: 1024)
}

/// The three buffers of a product, filled with standard normal numbers (A and B) and owned by
/// this object: allocated once, freed when it goes away, so only the product itself is timed.
final class MatrixOperands {
    let shape: MatrixShape
    let a: UnsafeMutablePointer<Float>
    let b: UnsafeMutablePointer<Float>
    let c: UnsafeMutablePointer<Float>

    init(_ shape: MatrixShape, seed: UInt64 = 0) {
        self.shape = shape
        var generator = Generator(seed: seed)
        a = Self.allocate(Tensor.randn([shape.m, shape.k], using: &generator).scalars)
        b = Self.allocate(Tensor.randn([shape.k, shape.n], using: &generator).scalars)
        c = .allocate(capacity: shape.m * shape.n)
        c.initialize(repeating: 0, count: shape.m * shape.n)
    }

    deinit {
        a.deallocate()
        b.deallocate()
        c.deallocate()
    }

    /// `C = A · B` with the chosen algorithm, through Torchlet's raw-buffer API.
    func multiply(algorithm: MatrixMultiply.Algorithm) {
        MatrixMultiply.multiply(a, b, into: c, m: shape.m, n: shape.n, k: shape.k, algorithm: algorithm)
    }

    private static func allocate(_ values: [Float]) -> UnsafeMutablePointer<Float> {
        let pointer = UnsafeMutablePointer<Float>.allocate(capacity: values.count)
        pointer.initialize(from: values, count: values.count)
        return pointer
    }
}

/// Two tensors to multiply with `a.matmul(b)`: the same BLAS call as `MatrixOperands.multiply`
/// plus what a tensor adds (shape checks, allocating the result, wrapping it in a `Tensor`).
/// Neither requires a gradient, so no graph is recorded.
struct TensorOperands {
    let a: Tensor
    let b: Tensor

    init(_ shape: MatrixShape, seed: UInt64 = 0) {
        var generator = Generator(seed: seed)
        a = Tensor.randn([shape.m, shape.k], using: &generator)
        b = Tensor.randn([shape.k, shape.n], using: &generator)
    }

    func multiply() {
        keepAlive(a.matmul(b))
    }
}

/// What `numpy_sgemm.py --serve` says first: who it is.
struct NumPyGreeting: Decodable {
    /// The NumPy version, e.g. `2.4.6`.
    let numpyVersion: String
    /// The BLAS NumPy was built with, e.g. `scipy-openblas 0.3.31.188.0`.
    let blas: String
}

/// What `numpy_sgemm.py` is asked: `samples` samples of the product of one shape.
struct SGEMMRequest: Encodable {
    let m: Int, k: Int, n: Int
    let samples: Int
    let sampleSeconds: Double
    let warmupSeconds: Double

    init(_ shape: MatrixShape, plan: MeasurementPlan) {
        (m, k, n) = (shape.m, shape.k, shape.n)
        samples = plan.samples
        sampleSeconds = plan.sampleSeconds
        warmupSeconds = plan.warmUpSeconds
    }
}
