import Foundation
import Synchronization

/// A small, fast, seedable random number generator: xoshiro256** seeded through SplitMix64.
///
/// Swift's `SystemRandomNumberGenerator` cannot be seeded, and a lesson must print the same
/// numbers on every machine, so Torchlet brings its own. The numbers differ from PyTorch's
/// (which uses a Mersenne Twister), but they are the same on every run with the same seed.
///
///     var rng = SeededGenerator(seed: 42)
///     let w = Tensor.randn([2, 3], using: &rng)
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    /// Creates a generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) {
        // SplitMix64 spreads the seed's bits over the 256-bit state, so seeds 0, 1, 2 ... give
        // unrelated sequences.
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    /// A uniform `Float` in [0, 1), from the top 24 bits (every value is exactly representable).
    public mutating func nextUniform() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A uniform `Double` in (0, 1], never 0, so that `log` of it is finite.
    mutating func nextOpenUniform() -> Double {
        (Double(next() >> 11) + 1) * 0x1p-53
    }

    /// Two independent standard normal samples (Box-Muller transform).
    public mutating func nextNormalPair() -> (Float, Float) {
        let u1 = nextOpenUniform()
        let u2 = nextOpenUniform()
        let radius = (-2 * log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        return (Float(radius * cos(angle)), Float(radius * sin(angle)))
    }

    private func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

// MARK: - The default generator

/// The generator that `Tensor.rand`, `Tensor.randn` and layer initialisers use when none is given.
///
/// There is one process-wide default generator (reseed it with `manualSeed(_:)`, as
/// `torch.manual_seed` does), and `withSeed(_:_:)` gives a block its own private generator,
/// which keeps concurrently running tests from disturbing each other's numbers.
public enum DefaultGenerator {
    final class Box: Sendable {
        let generator: Mutex<SeededGenerator>
        init(seed: UInt64) { generator = Mutex(SeededGenerator(seed: seed)) }
    }

    static let global = Box(seed: 0)
    @TaskLocal static var scoped: Box?

    static var current: Box { scoped ?? global }

    /// Runs `body` with exclusive use of the current default generator.
    public static func withGenerator<R>(_ body: (inout SeededGenerator) throws -> R) rethrows -> R {
        try current.generator.withLock { try body(&$0) }
    }
}

/// Reseeds the default generator, like `torch.manual_seed(seed)`: every random tensor and
/// every layer initialisation after this call is fixed by `seed`.
public func manualSeed(_ seed: UInt64) {
    DefaultGenerator.current.generator.withLock { $0 = SeededGenerator(seed: seed) }
}

/// Runs `body` with a private default generator seeded with `seed`; the generator in use
/// outside the block is neither used nor changed.
public func withSeed<R>(_ seed: UInt64, _ body: () throws -> R) rethrows -> R {
    try DefaultGenerator.$scoped.withValue(DefaultGenerator.Box(seed: seed)) { try body() }
}
