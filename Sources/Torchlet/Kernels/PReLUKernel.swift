/// The loops of `prelu` on the input seen as `[outer, groups, inner]`: the slope of an element
/// is `slopes[c]`, c its middle index (one group when a single slope is shared).
enum PReLUKernel {
    /// `y = x` where x > 0, `a[c] · x` elsewhere.
    static func forward(_ x: [Float], slopes: [Float], outer: Int, groups: Int, inner: Int) -> [Float] {
        x.withUnsafeBufferPointer { px in
            slopes.withUnsafeBufferPointer { pa in
                makeScalars(count: x.count) { py in
                    for o in 0..<outer {
                        for c in 0..<groups {
                            let a = pa[c], start = (o * groups + c) * inner
                            for i in start..<(start + inner) { py[i] = px[i] > 0 ? px[i] : a * px[i] }
                        }
                    }
                }
            }
        }
    }

    /// `dx = g` where x > 0, else `a[c] · g`; `da[c] = Σ g · x` over channel c's inputs with x <= 0.
    static func backward(
        _ g: [Float], input x: [Float], slopes: [Float], outer: Int, groups: Int, inner: Int
    ) -> (input: [Float], slopes: [Float]) {
        var dx = [Float](repeating: 0, count: x.count)
        var da = [Float](repeating: 0, count: slopes.count)
        g.withUnsafeBufferPointer { pg in
            x.withUnsafeBufferPointer { px in
                slopes.withUnsafeBufferPointer { pa in
                    dx.withUnsafeMutableBufferPointer { pdx in
                        for o in 0..<outer {
                            for c in 0..<groups {
                                let a = pa[c], start = (o * groups + c) * inner
                                var total: Float = 0
                                for i in start..<(start + inner) {
                                    if px[i] > 0 {
                                        pdx[i] = pg[i]
                                    } else {
                                        pdx[i] = a * pg[i]
                                        total += pg[i] * px[i]
                                    }
                                }
                                da[c] += total
                            }
                        }
                    }
                }
            }
        }
        return (dx, da)
    }
}
