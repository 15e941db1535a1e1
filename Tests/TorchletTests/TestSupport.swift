import Testing
import Torchlet

/// Checks that two lists of numbers agree elementwise within `tolerance`.
func expectClose(
    _ actual: [Float], _ expected: [Float], tolerance: Float = 1e-4,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        actual.count == expected.count, "counts differ: \(actual.count) vs \(expected.count)",
        sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        #expect(
            Swift.abs(a - e) <= tolerance * Swift.max(1, Swift.abs(e)),
            "element \(i): got \(a), expected \(e)", sourceLocation: sourceLocation)
    }
}

/// Checks autograd's gradients of `function` against central differences. The output is
/// multiplied by fixed random weights before summing, so that every output element matters
/// (a plain sum would hide mistakes, e.g. in softmax, whose rows always sum to 1).
func expectGradientsMatch(
    _ inputs: [Tensor], epsilon: Float = 1e-3, sourceLocation: SourceLocation = #_sourceLocation,
    _ function: () -> Tensor
) {
    let probe = noGrad { function() }
    var rng = Generator(seed: 99)
    let weights = Tensor.randn(probe.shape, using: &rng)
    let check = gradcheck(inputs, epsilon: epsilon) { (function() * weights).sum() }
    #expect(check.passed, "\n\(check)", sourceLocation: sourceLocation)
}

/// A leaf tensor of random numbers that requires a gradient, from a fixed seed.
func parameter(_ shape: [Int], seed: UInt64, label: String = "x", offset: Float = 0, scale: Float = 1) -> Tensor {
    var rng = Generator(seed: seed)
    let values = Tensor.randn(shape, using: &rng).scalars.map { $0 * scale + offset }
    return Tensor(shape: shape, scalars: values, requiresGrad: true).labeled(label)
}
