import Foundation
import Synchronization

// MARK: - The Mersenne Twister

/// MT19937, the 32-bit Mersenne Twister (Matsumoto and Nishimura, 1998): the random bit source
/// behind PyTorch's CPU generator, and so behind Torchlet's.
///
/// Its state is 624 words of 32 bits. Seeding fills them from the seed with the recurrence
/// `state[i] = 1812433253 · (state[i-1] ⊕ (state[i-1] >> 30)) + i`. Every 624 outputs the
/// whole state is "twisted" (each word mixed with its neighbour and with the word 397 places
/// on), and each output is one state word "tempered" by a few shifts and masks so that all 32
/// bits are well mixed. The sequence only repeats after 2^19937 - 1 numbers, hence the name.
/// It is fast and statistically good, but not for cryptography: 624 outputs reveal the state.
public struct MT19937: Sendable {
    private static let n = 624
    private var state: [UInt32]
    private var index: Int

    /// The standard initialisation (as C++'s `std::mt19937(seed)` and PyTorch's `at::mt19937`).
    public init(seed: UInt32) {
        var state = [UInt32](repeating: 0, count: Self.n)
        state[0] = seed
        for i in 1..<Self.n {
            state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
        }
        self.state = state
        index = Self.n
    }

    /// The next 32 random bits.
    public mutating func next() -> UInt32 {
        if index == Self.n { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    private mutating func twist() {
        state.withUnsafeMutableBufferPointer { s in
            for i in 0..<Self.n {
                let y = (s[i] & 0x8000_0000) | (s[(i + 1) % Self.n] & 0x7FFF_FFFF)
                var v = s[(i + 397) % Self.n] ^ (y >> 1)
                if y & 1 != 0 { v ^= 0x9908_B0DF }
                s[i] = v
            }
        }
        index = 0
    }
}

// MARK: - The generator

/// A seedable random number generator that draws exactly as PyTorch's CPU generator
/// (`torch.Generator`, and the global one behind `torch.manual_seed`), so the same seed and the
/// same calls in the same order give the same numbers as PyTorch.
///
///     var generator = Generator(seed: 42)       // torch.Generator().manual_seed(42)
///     let x = Tensor.rand([3], using: &generator)
///     // [0.8823, 0.9150, 0.3829], as torch.rand(3, generator=g)
///
/// Underneath is an `MT19937` seeded with the low 32 bits of the seed (PyTorch keeps the full
/// 64-bit seed for `initialSeed` but feeds only its low half to the Mersenne Twister, so seeds
/// 5 and 2^32 + 5 give the same numbers). On top of its 32-bit outputs PyTorch builds:
/// - `random()`: one output; `random64()`: two outputs, the first as the high half;
/// - a uniform `Float` in [0, 1): the low 24 bits of one output times 2^-24 (24 bits, because a
///   `Float` has a 24-bit significand, so every such number is exact);
/// - a uniform `Double` in [0, 1): the low 53 bits of `random64()` times 2^-53;
/// - a standard normal `Double` (Box-Muller): two uniform doubles u1, u2 give
///   `r = √(-2 ln(1 - u2))` and `θ = 2π u1`; the call returns `r cos θ` and keeps `r sin θ` for
///   the next call, so normals come in pairs and the second one costs no draws.
///
/// `Generator` is a value: a copy continues the same sequence independently of the original.
/// The default generator (`manualSeed(_:)`) is the one shared, process-wide instance.
public struct Generator: RandomNumberGenerator, Sendable {
    /// PyTorch's seed for a generator nobody seeded (`default_rng_seed_val`).
    public static let defaultSeed: UInt64 = 67_280_421_310_721

    /// The seed this generator was last seeded with (PyTorch's `initial_seed()`).
    public private(set) var initialSeed: UInt64
    private var engine: MT19937
    /// The second number of the last Box-Muller pair, not yet handed out.
    private var cachedNormal: Double?

    /// A generator seeded like `torch.Generator().manual_seed(seed)`.
    public init(seed: UInt64 = Generator.defaultSeed) {
        initialSeed = seed
        engine = MT19937(seed: UInt32(truncatingIfNeeded: seed))
        cachedNormal = nil
    }

    /// Reseeds in place, like `generator.manual_seed(seed)`: also forgets a cached normal.
    public mutating func manualSeed(_ seed: UInt64) {
        self = Generator(seed: seed)
    }

    /// 32 random bits, one Mersenne Twister output (PyTorch's `random()`).
    public mutating func random() -> UInt32 {
        engine.next()
    }

    /// 64 random bits from two outputs, the first one high (PyTorch's `random64()`).
    public mutating func random64() -> UInt64 {
        let high = UInt64(engine.next())
        let low = UInt64(engine.next())
        return high << 32 | low
    }

    /// 64 random bits (`random64()`), for Swift's `RandomNumberGenerator` methods. Swift's own
    /// `Int.random(in:using:)` and `shuffle(using:)` have no PyTorch counterpart: use
    /// `Tensor.randint` and `Tensor.randperm` to draw as PyTorch does.
    public mutating func next() -> UInt64 {
        random64()
    }

    /// A uniform `Float` in [0, 1): `(random() & 0xFFFFFF) · 2^-24`.
    public mutating func nextUniform() -> Float {
        Float(random() & 0xFF_FFFF) * 0x1p-24
    }

    /// A uniform `Float` in [from, to), computed in `Float` as PyTorch's `uniform_` does for a
    /// float tensor: `u · (to - from) + from` with `u = nextUniform()`, the multiplication and
    /// addition fused into one rounding (PyTorch's compiler fuses them; unfused, about half of
    /// the numbers would differ in the last bit).
    public mutating func nextUniform(from: Float, to: Float) -> Float {
        from.addingProduct(nextUniform(), to - from)
    }

    /// A uniform `Double` in [0, 1): `(random64() & (2^53 - 1)) · 2^-53`.
    public mutating func nextUniformDouble() -> Double {
        Double(random64() & (1 << 53 - 1)) * 0x1p-53
    }

    /// A normal `Double` with the given mean and standard deviation: PyTorch's scalar
    /// `normal_distribution<double>`, Box-Muller with the second number of each pair cached.
    public mutating func nextNormal(mean: Double = 0, std: Double = 1) -> Double {
        if let z = cachedNormal {
            cachedNormal = nil
            return mean.addingProduct(z, std)
        }
        let u1 = nextUniformDouble()
        let u2 = nextUniformDouble()
        let r = (-2 * Foundation.log1p(-u2)).squareRoot()
        let theta = 2 * Double.pi * u1
        cachedNormal = r * Foundation.sin(theta)
        return mean.addingProduct(r * Foundation.cos(theta), std)
    }

    /// A whole number in `low..<high` as PyTorch's `random_(from, to)` draws it: `random() %
    /// range + low`, or `random64() % range + low` when the range is 2^28 or more. (The modulo
    /// favours small numbers a little when the range does not divide 2^32; PyTorch accepts up
    /// to about 5% of such skew before it switches to 64 bits, and Torchlet follows it.)
    public mutating func nextInt(in range: Range<Int>) -> Int {
        let width = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound))
        let bits = width >= 1 << 28 ? random64() : UInt64(random())
        return range.lowerBound &+ Int(truncatingIfNeeded: bits % width)
    }

    /// A random whole number in 0 ..< 2^63, as `torch.empty((), dtype=torch.int64).random_()`
    /// draws it (the DataLoader and RandomSampler draw their seeds this way).
    public mutating func nextInt64Seed() -> UInt64 {
        random64() % (1 << 63)
    }

    // MARK: Whole tensors, drawn as PyTorch's CPU kernels draw them

    /// `count` uniform floats in [from, to), PyTorch's `uniform_` on a float tensor.
    public mutating func uniformFloats(_ count: Int, from: Float = 0, to: Float = 1) -> [Float] {
        (0..<count).map { _ in nextUniform(from: from, to: to) }
    }

    /// `count` normal floats, PyTorch's `normal_` on a float tensor, which has two recipes:
    ///
    /// - fewer than 16 numbers: one `nextNormal(mean:std:)` per number, in `Double` (so it uses
    ///   and refills the cached second number of a pair), rounded to `Float`;
    /// - 16 or more: first `count` uniform floats, then Box-Muller in `Float` on blocks of 16
    ///   (the numbers at i and i + 8 of a block are one pair: u1 = 1 - data[i], u2 = data[i + 8]);
    ///   when `count` is not a multiple of 16, 16 fresh uniforms are drawn for the last 16 places
    ///   (overwriting the end of the previous block) and turned into normals the same way. This
    ///   path neither reads nor clears the cached normal.
    ///
    /// On x86-64, PyTorch runs the second recipe with AVX2 vector code whose `log`, `sin` and
    /// `cos` are the polynomial approximations of `avx_mathfun.h` (from the Cephes library), not
    /// the C library's functions; Torchlet evaluates the same polynomials in the same order, so
    /// its numbers agree with PyTorch on x86-64 to the last bit. (PyTorch without AVX2, as on
    /// ARM, runs the same recipe with the C library's `logf`, `cosf` and `sinf` and θ rounded from
    /// `Double`: forced onto that path on x86-64 with `ATEN_CPU_CAPABILITY=default`, PyTorch's own
    /// `randn(100_000)` after seed 42 differs from its AVX2 one in 38% of the numbers, by at
    /// most 2.2e-6. Torchlet follows the AVX2 path everywhere.)
    public mutating func normalFloats(_ count: Int, mean: Double = 0, std: Double = 1) -> [Float] {
        guard count >= 16 else { return (0..<count).map { _ in Float(nextNormal(mean: mean, std: std)) } }
        var data = uniformFloats(count)
        let mean = Float(mean), std = Float(std)
        data.withUnsafeMutableBufferPointer { data in
            var i = 0
            while i + 16 <= count {
                VectorMath.normalFill16(data, at: i, mean: mean, std: std)
                i += 16
            }
            if count % 16 != 0 {
                for j in (count - 16)..<count { data[j] = nextUniform() }
                VectorMath.normalFill16(data, at: count - 16, mean: mean, std: std)
            }
        }
        return data
    }

    /// `count` whole numbers in `low..<high`, PyTorch's `random_(low, high)` (as in `randint`).
    public mutating func integers(_ count: Int, in range: Range<Int>) -> [Int] {
        (0..<count).map { _ in nextInt(in: range) }
    }

    /// `0..<n` in random order, drawn as PyTorch's CPU `randperm`: a Fisher-Yates shuffle that
    /// walks forward, swapping place `i` with place `i + random() % (n - i)`. (For n of 2^32 / 20
    /// or more PyTorch switches to an "inside-out" shuffle with `random64()`; Torchlet does the
    /// same. That path was compared with PyTorch once, for n = 214,748,364 after seed 0: first
    /// and last 8 numbers, every 10-millionth and the draw after it; too large for the tests.)
    public mutating func permutation(_ n: Int) -> [Int] {
        guard n > 0 else { return [] }
        if n < Int(UInt32.max / 20) {
            var order = Array(0..<n)
            order.withUnsafeMutableBufferPointer { order in
                for i in 0..<(n - 1) {
                    let z = Int(UInt64(random()) % UInt64(n - i))
                    order.swapAt(i, z + i)
                }
            }
            return order
        }
        var order = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let z = Int(random64() % UInt64(i + 1))
            order[i] = order[z]
            order[z] = i
        }
        return order
    }
}

// MARK: - PyTorch's vectorised Box-Muller

/// The arithmetic of PyTorch's `normal_fill_16_AVX2`, one lane at a time: `log256_ps` and
/// `sincos256_ps` from `avx_mathfun.h` (Julien Pommier's SIMD port of Cephes' `logf`, `sinf`
/// and `cosf`), with the same constants and the same order of `Float` operations.
///
/// One detail is not in the source but in the compiler: PyTorch's x86-64 builds let GCC fuse a
/// multiplication and the addition that uses it into one fused multiply-add (rounded once),
/// and GCC fuses the product computed first when both operands of an addition are products.
/// The `fma` calls below are exactly those fusions; written as separate `*` and `+`, about one
/// number in a hundred differs from PyTorch's in the last bit.
enum VectorMath {
    /// `a · b + c`, rounded once.
    @inline(__always) private static func fma(_ a: Float, _ b: Float, _ c: Float) -> Float {
        c.addingProduct(a, b)
    }

    /// Turns the 16 uniforms at `data[start...]` into 8 normal pairs (see `normalFloats`).
    static func normalFill16(_ data: UnsafeMutableBufferPointer<Float>, at start: Int, mean: Float, std: Float) {
        let twoPi = Float(2 * Double.pi)
        for j in start..<(start + 8) {
            let u1 = 1 - data[j]
            let u2 = data[j + 8]
            let radius = (-2 * log(u1)).squareRoot()
            let (s, c) = sincos(twoPi * u2)
            data[j] = fma(radius * c, std, mean)
            data[j + 8] = fma(radius * s, std, mean)
        }
    }

    /// Cephes' single-precision natural logarithm, for x > 0: x = m · 2^e with m in
    /// [√½, √2), then log x = e · ln 2 + log m, log m from a degree-9 polynomial in m - 1.
    static func log(_ input: Float) -> Float {
        var x = Swift.max(input, Float(bitPattern: 0x0080_0000))
        var e = Float(Int32(bitPattern: x.bitPattern >> 23) - 0x7F)
        // Keep the significand, as a number in [0.5, 1).
        x = Float(bitPattern: (x.bitPattern & ~0x7F80_0000) | Float(0.5).bitPattern)
        e += 1
        let small = x < Float(0.707106781186547524 as Double)
        let tmp: Float = small ? x : 0
        x -= 1
        e -= small ? 1 : 0
        x += tmp
        let z = x * x
        var y = Float(7.0376836292E-2 as Double)
        y = fma(y, x, Float(-1.1514610310E-1 as Double))
        y = fma(y, x, Float(1.1676998740E-1 as Double))
        y = fma(y, x, Float(-1.2420140846E-1 as Double))
        y = fma(y, x, Float(1.4249322787E-1 as Double))
        y = fma(y, x, Float(-1.6668057665E-1 as Double))
        y = fma(y, x, Float(2.0000714765E-1 as Double))
        y = fma(y, x, Float(-2.4999993993E-1 as Double))
        y = fma(y, x, Float(3.3333331174E-1 as Double))
        y = y * x
        // ln 2 in two parts, q2 + q1, so that e · ln 2 loses nothing.
        y = fma(y, z, e * Float(-2.12194440e-4 as Double))
        y = fma(z, -0.5, y)
        x += y
        x = fma(e, 0.693359375, x)
        return input <= 0 ? .nan : x
    }

    /// Cephes' single-precision sine and cosine together, for |x| < 8192: x is reduced by the
    /// nearest even multiple j of π/4 (π/4 in three parts for precision), then one polynomial
    /// gives the sine and another the cosine on [-π/4, π/4], swapped and signed by j's octant.
    static func sincos(_ input: Float) -> (sin: Float, cos: Float) {
        var x = Swift.abs(input)
        var negativeSine = input.sign == .minus
        var j = Int32(x * Float(1.27323954473516 as Double))  // 4/π
        j = (j + 1) & ~1
        let y = Float(j)
        if j & 4 != 0 { negativeSine.toggle() }
        let sineFromSinePolynomial = j & 2 == 0
        let negativeCosine = (j - 2) & 4 == 0
        x = fma(y, -0.78515625, x)
        x = fma(y, Float(-2.4187564849853515625e-4 as Double), x)
        x = fma(y, Float(-3.77489497744594108e-8 as Double), x)
        let z = x * x
        var c = Float(2.443315711809948E-005 as Double)
        c = fma(c, z, Float(-1.388731625493765E-003 as Double))
        c = fma(c, z, Float(4.166664568298827E-002 as Double))
        c = c * z
        c = fma(c, z, -(z * 0.5))
        c += 1
        var s = Float(-1.9515295891E-4 as Double)
        s = fma(s, z, Float(8.3321608736E-3 as Double))
        s = fma(s, z, Float(-1.6666654611E-1 as Double))
        s = s * z
        s = fma(s, x, x)
        let sine = sineFromSinePolynomial ? s : c
        let cosine = sineFromSinePolynomial ? c : s
        return (negativeSine ? -sine : sine, negativeCosine ? -cosine : cosine)
    }
}

// MARK: - The default generator

/// The generator that `Tensor.rand`, `Tensor.randn`, layer initialisers, `Dropout` and
/// shuffling `DataLoader`s use when none is given: PyTorch's global CPU generator.
///
/// There is one process-wide default generator, seeded with `Generator.defaultSeed` at start
/// as PyTorch's is (reseed it with `manualSeed(_:)`, as `torch.manual_seed` does), and
/// `withSeed(_:_:)` gives a block its own private one, which keeps concurrently running tests
/// from disturbing each other's numbers.
public enum DefaultGenerator {
    final class Box: Sendable {
        let generator: Mutex<Generator>
        init(seed: UInt64) { generator = Mutex(Generator(seed: seed)) }
    }

    static let global = Box(seed: Generator.defaultSeed)
    @TaskLocal static var scoped: Box?

    static var current: Box { scoped ?? global }

    /// Runs `body` with exclusive use of the current default generator.
    public static func withGenerator<R>(_ body: (inout Generator) throws -> R) rethrows -> R {
        try current.generator.withLock { try body(&$0) }
    }
}

/// Reseeds the default generator, like `torch.manual_seed(seed)`: every random tensor and
/// every layer initialisation after this call is fixed by `seed`, and is the same as PyTorch's
/// after `torch.manual_seed(seed)` when the same calls come in the same order.
public func manualSeed(_ seed: UInt64) {
    DefaultGenerator.current.generator.withLock { $0.manualSeed(seed) }
}

/// A seed for another generator (a `DataLoader`'s, say), drawn from the default generator as
/// PyTorch's `torch.randint(0, 2**62, ()).item()` draws it: `random64() % 2^62`. A loader given
/// `seed: randomSeed()` follows `--seed` and can be replayed with its `seed`.
public func randomSeed() -> UInt64 {
    DefaultGenerator.withGenerator { UInt64($0.nextInt(in: 0..<(1 << 62))) }
}

/// Runs `body` with a private default generator seeded like `torch.manual_seed(seed)`; the
/// generator in use outside the block is neither used nor changed.
public func withSeed<R>(_ seed: UInt64, _ body: () throws -> R) rethrows -> R {
    try DefaultGenerator.$scoped.withValue(DefaultGenerator.Box(seed: seed)) { try body() }
}
