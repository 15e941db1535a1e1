/// The loops of 2-D max pooling on raw NCHW buffers: each output is the largest number in its
/// window, and remembers where that number was so the backward pass can send the gradient
/// there and nowhere else.
enum MaxPooling2D {
    /// The sizes of one pooling: input `[planes, H, W]` (planes = N·C), output `[planes, outH, outW]`.
    struct Geometry {
        let planes, height, width: Int
        let kernelHeight, kernelWidth, strideY, strideX, paddingY, paddingX: Int

        var outHeight: Int { (height + 2 * paddingY - kernelHeight) / strideY + 1 }
        var outWidth: Int { (width + 2 * paddingX - kernelWidth) / strideX + 1 }
        /// 2×2 windows, two apart, without padding: every window lies inside the plane.
        var isTwoByTwoInside: Bool {
            kernelHeight == 2 && kernelWidth == 2 && strideY == 2 && strideX == 2 && paddingY == 0 && paddingX == 0
        }
    }

    /// The maxima, and for each the index of its input within its plane (`h · W + w`). Padding
    /// counts as -∞: it is never chosen. A NaN in a window wins, as in PyTorch.
    static func forward(_ input: [Float], _ g: Geometry) -> (output: [Float], indices: [Int32]) {
        let outH = g.outHeight, outW = g.outWidth
        let planeIn = g.height * g.width, planeOut = outH * outW
        var indices = [Int32](repeating: 0, count: g.planes * planeOut)
        let output = input.withUnsafeBufferPointer { px in
            indices.withUnsafeMutableBufferPointer { pi in
                let pIndex = pi.baseAddress!
                return makeScalars(count: g.planes * planeOut) { po in
                    parallelChunks(g.planes, costPerItem: planeOut * g.kernelHeight * g.kernelWidth) { planes in
                        for p in planes {
                            let src = px.baseAddress! + p * planeIn
                            let dst = po + p * planeOut, where_ = pIndex + p * planeOut
                            if g.isTwoByTwoInside {
                                twoByTwo(src, g, into: dst, indices: where_)
                            } else {
                                anyWindow(src, g, into: dst, indices: where_)
                            }
                        }
                    }
                }
            }
        }
        return (output, indices)
    }

    /// One plane, any window: each output scans its window row by row, and the first largest
    /// number wins (the first NaN, if there is one).
    static func anyWindow(
        _ src: UnsafePointer<Float>, _ g: Geometry, into dst: UnsafeMutablePointer<Float>,
        indices where_: UnsafeMutablePointer<Int32>
    ) {
        for y in 0..<g.outHeight {
            let h0 = y * g.strideY - g.paddingY
            let hStart = Swift.max(h0, 0), hEnd = Swift.min(h0 + g.kernelHeight, g.height)
            for x in 0..<g.outWidth {
                let w0 = x * g.strideX - g.paddingX
                let wStart = Swift.max(w0, 0), wEnd = Swift.min(w0 + g.kernelWidth, g.width)
                var best = -Float.infinity
                var bestIndex = hStart * g.width + wStart
                for h in hStart..<hEnd {
                    let row = h * g.width
                    for w in wStart..<wEnd {
                        let v = src[row + w]
                        if v > best || v.isNaN {
                            best = v
                            bestIndex = row + w
                            if v.isNaN { break }
                        }
                    }
                    if best.isNaN { break }
                }
                dst[y * g.outWidth + x] = best
                where_[y * g.outWidth + x] = Int32(bestIndex)
            }
        }
    }

    /// One plane, 2×2 windows two apart with no padding (Lesson07's first two poolings): the
    /// same choice as `anyWindow`, with the four candidates written out.
    static func twoByTwo(
        _ src: UnsafePointer<Float>, _ g: Geometry, into dst: UnsafeMutablePointer<Float>,
        indices where_: UnsafeMutablePointer<Int32>
    ) {
        let width = g.width, outW = g.outWidth
        for y in 0..<g.outHeight {
            let top = src + 2 * y * width, bottom = top + width
            let out = dst + y * outW, at = where_ + y * outW
            let rowStart = Int32(2 * y * width)
            // Four windows at a time: eight numbers of each row hold their four pairs (even
            // lanes the left numbers, odd lanes the right ones).
            var x = 0
            while x + 4 <= outW {
                let upper = UnsafeRawPointer(top + 2 * x).loadUnaligned(as: SIMD8<Float>.self)
                let lower = UnsafeRawPointer(bottom + 2 * x).loadUnaligned(as: SIMD8<Float>.self)
                var best = upper.evenHalf, offset = SIMD4<Int32>(repeating: 0)
                @inline(__always) func consider(_ v: SIMD4<Float>, _ candidateOffset: Int32) {
                    let wins = (best .== best) .& ((v .> best) .| (v .!= v))
                    best.replace(with: v, where: wins)
                    offset.replace(with: SIMD4(repeating: candidateOffset), where: wins)
                }
                consider(upper.oddHalf, 1)
                consider(lower.evenHalf, Int32(width))
                consider(lower.oddHalf, Int32(width) &+ 1)
                UnsafeMutableRawPointer(out + x).storeBytes(of: best, as: SIMD4<Float>.self)
                let corners = SIMD4<Int32>(repeating: rowStart &+ Int32(2 * x)) &+ SIMD4(0, 2, 4, 6)
                UnsafeMutableRawPointer(at + x).storeBytes(of: corners &+ offset, as: SIMD4<Int32>.self)
                x += 4
            }
            for x in x..<outW {
                // The four candidates in scan order, and their offsets from the window's corner.
                var best = top[2 * x], offset: Int32 = 0
                @inline(__always) func consider(_ v: Float, _ candidateOffset: Int32) {
                    // Without branches: on real pictures any of the four wins as often.
                    let wins = !best.isNaN && (v > best || v.isNaN)
                    best = wins ? v : best
                    offset = wins ? candidateOffset : offset
                }
                consider(top[2 * x + 1], 1)
                consider(bottom[2 * x], Int32(width))
                consider(bottom[2 * x + 1], Int32(width) &+ 1)
                out[x] = best
                at[x] = rowStart &+ Int32(2 * x) &+ offset
            }
        }
    }

    /// Sends each output's gradient to the input its maximum came from (added up where
    /// overlapping windows chose the same input).
    static func backward(_ gradient: [Float], indices: [Int32], _ g: Geometry) -> [Float] {
        let planeIn = g.height * g.width, planeOut = g.outHeight * g.outWidth
        return gradient.withUnsafeBufferPointer { pg in
            indices.withUnsafeBufferPointer { pi in
                makeScalars(count: g.planes * planeIn) { dx in
                    dx.update(repeating: 0, count: g.planes * planeIn)
                    parallelChunks(g.planes, costPerItem: planeOut) { planes in
                        for p in planes {
                            let src = pg.baseAddress! + p * planeOut, at = pi.baseAddress! + p * planeOut
                            let dst = dx + p * planeIn
                            for i in 0..<planeOut { dst[Int(at[i])] += src[i] }
                        }
                    }
                }
            }
        }
    }
}
