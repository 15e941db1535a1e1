/// Ways to make a tensor: from Swift numbers and arrays, filled with a constant, counting,
/// or random (seeded).
extension Tensor {
    // MARK: From Swift values

    /// A 0-dimensional tensor holding one number: `Tensor(3.5)` prints as `tensor(3.5000)`.
    public convenience init(_ value: Float, requiresGrad: Bool = false) {
        self.init(shape: [], scalars: [value], requiresGrad: requiresGrad)
    }

    /// A vector of real numbers: `Tensor([1.5, 2, 3])`.
    public convenience init<T: BinaryFloatingPoint>(_ values: [T], requiresGrad: Bool = false) {
        self.init(shape: [values.count], scalars: values.map { Float($0) }, requiresGrad: requiresGrad)
    }

    /// A vector of whole numbers, stored as int64 (class labels, indices): `Tensor([1, 0, 3])`,
    /// as `torch.tensor([1, 0, 3])` gives an int64 tensor.
    public convenience init<T: BinaryInteger>(_ values: [T]) {
        self.init(shape: [values.count], scalars: values.map { Float($0) }, dtype: .int64)
    }

    /// A vector of truth values, stored as bool.
    public convenience init(_ values: [Bool]) {
        self.init(shape: [values.count], scalars: values.map { $0 ? 1 : 0 }, dtype: .bool)
    }

    /// A float32 matrix from its rows: `Tensor([[1.0, 2, 3], [4, 5, 6]])` has shape `[2, 3]`.
    ///
    /// One decimal point is enough to make every number a float. With only whole numbers,
    /// `Tensor([[1, 2, 3], [4, 5, 6]])`, Swift picks the integer initialiser instead and the
    /// tensor is int64, as `torch.tensor([[1, 2, 3], [4, 5, 6]])` is in PyTorch.
    public convenience init<T: BinaryFloatingPoint>(_ rows: [[T]], requiresGrad: Bool = false) {
        let width = rows.first?.count ?? 0
        for (i, row) in rows.enumerated() where row.count != width {
            failure("Tensor(_:): expected sequence of length \(width) at dim 1 (got \(row.count)) in row \(i)")
        }
        self.init(
            shape: [rows.count, width], scalars: rows.flatMap { $0.map { Float($0) } },
            requiresGrad: requiresGrad)
    }

    /// A matrix of whole numbers (int64).
    public convenience init<T: BinaryInteger>(_ rows: [[T]]) {
        let width = rows.first?.count ?? 0
        for (i, row) in rows.enumerated() where row.count != width {
            failure("Tensor(_:): expected sequence of length \(width) at dim 1 (got \(row.count)) in row \(i)")
        }
        self.init(shape: [rows.count, width], scalars: rows.flatMap { $0.map { Float($0) } }, dtype: .int64)
    }

    /// A 3-dimensional tensor from nested arrays: `[blocks][rows][columns]`.
    public convenience init<T: BinaryFloatingPoint>(_ blocks: [[[T]]], requiresGrad: Bool = false) {
        let inner = blocks.map { Tensor($0) }
        guard let first = inner.first else {
            self.init(shape: [0], scalars: [], requiresGrad: requiresGrad)
            return
        }
        for (i, block) in inner.enumerated() where block.shape != first.shape {
            failure(
                "Tensor(_:): expected every block to have shape \(first.shape.formatted), but block \(i) "
                    + "has shape \(block.shape.formatted)")
        }
        self.init(shape: [blocks.count] + first.shape, scalars: inner.flatMap(\.scalars), requiresGrad: requiresGrad)
    }

    // MARK: Filled

    /// A tensor of `shape` filled with zeros.
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 0, requiresGrad: requiresGrad)
    }

    /// A tensor of `shape` filled with ones.
    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 1, requiresGrad: requiresGrad)
    }

    /// A tensor of `shape` filled with `value`.
    public static func full(_ shape: [Int], _ value: Float, requiresGrad: Bool = false) -> Tensor {
        Tensor(shape: shape, scalars: [Float](repeating: value, count: shape.elementCount), requiresGrad: requiresGrad)
    }

    /// Zeros in the shape of `other`.
    public static func zeros(like other: Tensor) -> Tensor { zeros(other.shape) }

    /// Ones in the shape of `other`.
    public static func ones(like other: Tensor) -> Tensor { ones(other.shape) }

    /// The identity matrix: ones on the diagonal, zeros elsewhere (`n` rows, `m` columns).
    public static func eye(_ n: Int, _ m: Int? = nil) -> Tensor {
        let columns = m ?? n
        var values = [Float](repeating: 0, count: n * columns)
        for i in 0..<Swift.min(n, columns) { values[i * columns + i] = 1 }
        return Tensor(shape: [n, columns], scalars: values)
    }

    // MARK: Counting

    /// `0, 1, ..., end - 1`, like `torch.arange(end)`: whole numbers, so int64.
    public static func arange(_ end: Int) -> Tensor { arange(0, end) }

    /// `start, start + step, ...` up to but not including `end` (int64).
    public static func arange(_ start: Int, _ end: Int, step: Int = 1) -> Tensor {
        guard step != 0 else { failure("arange: step must be nonzero") }
        let values = Swift.stride(from: start, to: end, by: step).map { Float($0) }
        return Tensor(shape: [values.count], scalars: values, dtype: .int64)
    }

    /// `start, start + step, ...` up to but not including `end`, as real numbers.
    public static func arange(_ start: Float, _ end: Float, step: Float = 1) -> Tensor {
        guard step != 0 else { failure("arange: step must be nonzero") }
        let n = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        return Tensor(shape: [n], scalars: (0..<n).map { start + Float($0) * step })
    }

    /// `steps` evenly spaced numbers from `start` to `end`, both included.
    public static func linspace(_ start: Float, _ end: Float, steps: Int) -> Tensor {
        guard steps >= 0 else { failure("linspace: number of steps must be non-negative, got \(steps)") }
        if steps == 1 { return Tensor(shape: [1], scalars: [start]) }
        let step = (end - start) / Float(Swift.max(steps - 1, 1))
        // Like PyTorch: the first half counts up from start, the second half down from end.
        let values = (0..<steps).map { i in i < steps / 2 ? start + Float(i) * step : end - Float(steps - 1 - i) * step
        }
        return Tensor(shape: [steps], scalars: values)
    }

    // MARK: Random
    //
    // Each function draws from its generator exactly as PyTorch's CPU kernel of the same name
    // (see `Generator`), so after `manualSeed(s)` / `torch.manual_seed(s)` the same calls in the
    // same order give the same numbers.

    /// Uniform random numbers in [0, 1), drawn from `generator`: `torch.rand(shape, generator=g)`.
    /// Each number is `(random() & 0xFFFFFF) · 2^-24`, one 32-bit draw per number.
    public static func rand(_ shape: [Int], using generator: inout Generator, requiresGrad: Bool = false) -> Tensor {
        Tensor(shape: shape, scalars: generator.uniformFloats(shape.elementCount), requiresGrad: requiresGrad)
    }

    /// Uniform random numbers in [0, 1) from the default generator (see `manualSeed(_:)`).
    public static func rand(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        DefaultGenerator.withGenerator { rand(shape, using: &$0, requiresGrad: requiresGrad) }
    }

    /// Standard normal random numbers (mean 0, standard deviation 1), drawn from `generator`:
    /// `torch.randn(shape, generator=g)`. Fewer than 16 numbers come one by one from Box-Muller
    /// in `Double`; 16 or more from Box-Muller in `Float` on blocks of 16, as PyTorch does (see
    /// `Generator.normalFloats(_:mean:std:)`), so `randn([15])` and `randn([16])` start differently.
    public static func randn(_ shape: [Int], using generator: inout Generator, requiresGrad: Bool = false) -> Tensor {
        Tensor(shape: shape, scalars: generator.normalFloats(shape.elementCount), requiresGrad: requiresGrad)
    }

    /// Standard normal random numbers from the default generator (see `manualSeed(_:)`).
    public static func randn(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        DefaultGenerator.withGenerator { randn(shape, using: &$0, requiresGrad: requiresGrad) }
    }

    /// Random whole numbers in `low..<high` (int64), drawn from `generator`:
    /// `torch.randint(low, high, shape, generator=g)`, each `random() % (high - low) + low`
    /// (`random64()` for ranges of 2^28 or more).
    public static func randint(_ low: Int, _ high: Int, _ shape: [Int], using generator: inout Generator) -> Tensor {
        guard high > low else { failure("randint: expected low < high, but got low=\(low), high=\(high)") }
        let values = generator.integers(shape.elementCount, in: low..<high).map { Float($0) }
        return Tensor(shape: shape, scalars: values, dtype: .int64)
    }

    /// Random whole numbers in `low..<high` (int64) from the default generator.
    public static func randint(_ low: Int, _ high: Int, _ shape: [Int]) -> Tensor {
        DefaultGenerator.withGenerator { randint(low, high, shape, using: &$0) }
    }

    /// `0, 1, ..., n - 1` in random order (int64), drawn from `generator`:
    /// `torch.randperm(n, generator=g)` (see `Generator.permutation(_:)`).
    public static func randperm(_ n: Int, using generator: inout Generator) -> Tensor {
        guard n >= 0 else { failure("randperm: n must be non-negative, got \(n)") }
        return Tensor(shape: [n], scalars: generator.permutation(n).map { Float($0) }, dtype: .int64)
    }

    /// `0, 1, ..., n - 1` in random order (int64) from the default generator.
    public static func randperm(_ n: Int) -> Tensor {
        DefaultGenerator.withGenerator { randperm(n, using: &$0) }
    }

    // MARK: Conversions

    /// The same numbers as real numbers (`float32`); PyTorch's `.float()`.
    public func float() -> Tensor {
        dtype == .float32 ? self : Tensor(shape: shape, scalars: scalars, dtype: .float32)
    }

    /// The numbers rounded toward zero as whole numbers (int64); PyTorch's `.long()`.
    public func long() -> Tensor {
        Tensor(shape: shape, scalars: scalars.map { $0.rounded(.towardZero) }, dtype: .int64)
    }
}

extension Tensor {
    /// Uniform random numbers in `[low, high)` from the default generator, as
    /// `torch.empty(shape).uniform_(low, high)`: `u · (high - low) + low` in `Float`.
    public static func uniform(_ shape: [Int], _ low: Float, _ high: Float, requiresGrad: Bool = false) -> Tensor {
        let values = DefaultGenerator.withGenerator { $0.uniformFloats(shape.elementCount, from: low, to: high) }
        return Tensor(shape: shape, scalars: values, requiresGrad: requiresGrad)
    }
}
