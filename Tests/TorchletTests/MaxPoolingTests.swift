import Testing

@testable import Torchlet

/// The 2×2 fast path of max pooling chooses exactly what the general window scan chooses:
/// the same maxima and the same indices, ties, -∞ and NaN included.
@Suite struct MaxPoolingTests {
    @Test("2×2 windows two apart: the fast path equals the general scan", arguments: [false, true])
    func twoByTwoEqualsAnyWindow(withSpecialValues: Bool) {
        let g = MaxPooling2D.Geometry(
            planes: 1, height: 12, width: 18, kernelHeight: 2, kernelWidth: 2, strideY: 2, strideX: 2,
            paddingY: 0, paddingX: 0)
        #expect(g.isTwoByTwoInside)
        var rng = Generator(seed: 3)
        // Few distinct values, so that many windows hold ties.
        var input = Tensor.randint(0, 4, [g.height * g.width], using: &rng).scalars
        if withSpecialValues {
            for (i, value) in [
                (0, Float.nan), (3, .nan), (6, .nan), (25, .nan), (13, -.infinity), (22, .infinity), (45, .nan),
            ] {
                input[i] = value
            }
            for i in [60, 61, 70, 71] { input[i] = -.infinity }  // a window of -∞ only
        }
        let count = g.outHeight * g.outWidth
        var fast = [Float](repeating: 0, count: count), general = fast
        var fastIndex = [Int32](repeating: -1, count: count), generalIndex = fastIndex
        input.withUnsafeBufferPointer { src in
            MaxPooling2D.twoByTwo(src.baseAddress!, g, into: &fast, indices: &fastIndex)
            MaxPooling2D.anyWindow(src.baseAddress!, g, into: &general, indices: &generalIndex)
        }
        #expect(fastIndex == generalIndex)
        #expect(fast.map(\.bitPattern) == general.map(\.bitPattern))
    }
}
