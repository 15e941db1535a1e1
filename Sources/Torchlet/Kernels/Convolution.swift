/// The arithmetic of a 2-D convolution on raw NCHW buffers. Two algorithms compute the same thing:
///
/// - `.reference` is the definition written as nested loops, slow and easy to check:
///
///       out[n, o, y, x] = b[o] + Σ_c Σ_i Σ_j W[o, c, i, j] · in[n, c, y·s - p + i, x·s - p + j]
///
///   where positions outside the image read as 0 (zero padding).
/// - `.im2col` copies every receptive field of a block of B images into one column of a matrix
///   ("image to columns"), so that the convolution becomes one matrix product through BLAS:
///
///       cols[C·kH·kW, B·L]      one column per output position (L = outH·outW) of every image
///       out[O, B·L] = W[O, C·kH·kW] · cols
///
///   and the backward pass is two more products, `dW = g · colsᵀ` and `dcols = Wᵀ · g`, whose
///   columns are added back onto the image (`col2im`).
///
/// The tests hold the two equal. (The *algorithm* is chosen here; the *kernel* of a CNN is its
/// filter, `kernelSize`.)
public enum Convolution2D {
    /// Which implementation computes the convolution.
    public enum Algorithm: Sendable, CaseIterable {
        /// Plain nested loops.
        case reference
        /// im2col + one BLAS `sgemm` over the whole batch.
        case im2col
    }

    /// The sizes of one convolution: input `[N, C, H, W]`, weight `[O, C, kH, kW]`, output
    /// `[N, O, outH, outW]`.
    struct Geometry {
        let batch, channels, height, width: Int
        let outChannels, kernelHeight, kernelWidth: Int
        let strideY, strideX, paddingY, paddingX: Int

        var outHeight: Int { (height + 2 * paddingY - kernelHeight) / strideY + 1 }
        var outWidth: Int { (width + 2 * paddingX - kernelWidth) / strideX + 1 }
        /// Output positions per image and channel.
        var positions: Int { outHeight * outWidth }
        /// Numbers in one receptive field: the rows of the column matrix.
        var fieldSize: Int { channels * kernelHeight * kernelWidth }
        var inputCount: Int { batch * channels * height * width }
        var outputCount: Int { batch * outChannels * positions }
    }

    // MARK: Reference: the definition as nested loops

    /// `out[n, o, y, x] = b[o] + Σ_c Σ_i Σ_j W[o, c, i, j] · in[n, c, y·s - p + i, x·s - p + j]`,
    /// one output number at a time.
    static func referenceForward(input: [Float], weight: [Float], bias: [Float]?, _ g: Geometry) -> [Float] {
        var out = [Float](repeating: 0, count: g.outputCount)
        for n in 0..<g.batch {
            for o in 0..<g.outChannels {
                for y in 0..<g.outHeight {
                    for x in 0..<g.outWidth {
                        var total = bias?[o] ?? 0
                        for c in 0..<g.channels {
                            for i in 0..<g.kernelHeight {
                                for j in 0..<g.kernelWidth {
                                    let h = y * g.strideY - g.paddingY + i, w = x * g.strideX - g.paddingX + j
                                    guard h >= 0, h < g.height, w >= 0, w < g.width else { continue }
                                    total +=
                                        weight[((o * g.channels + c) * g.kernelHeight + i) * g.kernelWidth + j]
                                        * input[((n * g.channels + c) * g.height + h) * g.width + w]
                                }
                            }
                        }
                        out[((n * g.outChannels + o) * g.outHeight + y) * g.outWidth + x] = total
                    }
                }
            }
        }
        return out
    }

    /// Every output `out[n, o, y, x]` received `W[o, c, i, j] · in[n, c, h, w]`, so its gradient
    /// `g` sends `g · W` to the input, `g · in` to the weight and `g` to the bias.
    static func referenceBackward(
        gradient: [Float], input: [Float], weight: [Float], _ g: Geometry,
        needInput: Bool, needWeight: Bool, needBias: Bool
    ) -> (input: [Float]?, weight: [Float]?, bias: [Float]?) {
        var dx = [Float](repeating: 0, count: g.inputCount)
        var dw = [Float](repeating: 0, count: weight.count)
        var db = [Float](repeating: 0, count: g.outChannels)
        for n in 0..<g.batch {
            for o in 0..<g.outChannels {
                for y in 0..<g.outHeight {
                    for x in 0..<g.outWidth {
                        let go = gradient[((n * g.outChannels + o) * g.outHeight + y) * g.outWidth + x]
                        db[o] += go
                        for c in 0..<g.channels {
                            for i in 0..<g.kernelHeight {
                                for j in 0..<g.kernelWidth {
                                    let h = y * g.strideY - g.paddingY + i, w = x * g.strideX - g.paddingX + j
                                    guard h >= 0, h < g.height, w >= 0, w < g.width else { continue }
                                    let wi = ((o * g.channels + c) * g.kernelHeight + i) * g.kernelWidth + j
                                    let xi = ((n * g.channels + c) * g.height + h) * g.width + w
                                    dx[xi] += go * weight[wi]
                                    dw[wi] += go * input[xi]
                                }
                            }
                        }
                    }
                }
            }
        }
        return (needInput ? dx : nil, needWeight ? dw : nil, needBias ? db : nil)
    }

    // MARK: im2col

    /// Copies the receptive fields of one image `[C, H, W]` into the columns
    /// `image·L ..< (image+1)·L` of the column matrix, whose rows are `rowStride` numbers long.
    /// Row `(c, i, j)` holds, for every output position, the input seen through kernel tap (i, j).
    static func im2col(
        _ image: UnsafePointer<Float>, _ geometry: Geometry, into cols: UnsafeMutablePointer<Float>,
        rowStride: Int
    ) {
        let g = geometry
        let outH = g.outHeight, outW = g.outWidth
        for c in 0..<g.channels {
            let plane = image + c * g.height * g.width
            for i in 0..<g.kernelHeight {
                for j in 0..<g.kernelWidth {
                    let row = cols + ((c * g.kernelHeight + i) * g.kernelWidth + j) * rowStride
                    // Output columns whose input column x·s - p + j falls inside the image.
                    let first = Swift.min(outW, Swift.max(0, (g.paddingX - j + g.strideX - 1) / g.strideX))
                    let last = lastColumn(g, tap: j, first: first)
                    for y in 0..<outH {
                        let dst = row + y * outW
                        let h = y * g.strideY - g.paddingY + i
                        guard h >= 0 && h < g.height else {
                            dst.update(repeating: 0, count: outW)
                            continue
                        }
                        let src = plane + h * g.width - g.paddingX + j
                        for x in 0..<first { dst[x] = 0 }
                        if g.strideX == 1 {
                            (dst + first).update(from: src + first, count: last - first)
                        } else {
                            for x in first..<last { dst[x] = src[x * g.strideX] }
                        }
                        for x in last..<outW { dst[x] = 0 }
                    }
                }
            }
        }
    }

    /// The adjoint of `im2col`: adds every column entry back onto the input position it was
    /// copied from (positions seen by several fields receive several contributions).
    static func col2im(
        _ cols: UnsafePointer<Float>, _ geometry: Geometry, rowStride: Int, into image: UnsafeMutablePointer<Float>
    ) {
        let g = geometry
        let outH = g.outHeight, outW = g.outWidth
        image.update(repeating: 0, count: g.channels * g.height * g.width)
        for c in 0..<g.channels {
            let plane = image + c * g.height * g.width
            for i in 0..<g.kernelHeight {
                for j in 0..<g.kernelWidth {
                    let row = cols + ((c * g.kernelHeight + i) * g.kernelWidth + j) * rowStride
                    let first = Swift.min(outW, Swift.max(0, (g.paddingX - j + g.strideX - 1) / g.strideX))
                    let last = lastColumn(g, tap: j, first: first)
                    for y in 0..<outH {
                        let h = y * g.strideY - g.paddingY + i
                        guard h >= 0 && h < g.height else { continue }
                        let src = row + y * outW
                        let dst = plane + h * g.width - g.paddingX + j
                        if g.strideX == 1 {
                            for x in first..<last { dst[x] += src[x] }
                        } else {
                            for x in first..<last { dst[x * g.strideX] += src[x] }
                        }
                    }
                }
            }
        }
    }

    /// One past the last output column whose input column `x·s - p + j` is inside the image
    /// (floor division: the numerator may be negative).
    @inline(__always)
    static func lastColumn(_ g: Geometry, tap j: Int, first: Int) -> Int {
        let limit = g.width - 1 + g.paddingX - j
        let count = limit < 0 ? 0 : limit / g.strideX + 1
        return Swift.max(first, Swift.min(g.outWidth, count))
    }

    // MARK: Forward

    /// How many numbers the column matrix of one block of images may hold: about 4 MB. Larger
    /// blocks make larger matrix products, which BLAS runs faster (measured on the CNN step:
    /// 1 MB blocks 100 ms, 4 MB 88 ms, the whole batch at once 93 ms); the columns of a block
    /// are made, multiplied and added back while most of them are still in the caches.
    static let blockBudget = 1 << 20

    /// The images processed together: enough for one large matrix product, few enough that
    /// their columns stay in the cache.
    static func imagesPerBlock(_ g: Geometry) -> Int {
        Swift.max(1, Swift.min(g.batch, blockBudget / Swift.max(1, g.fieldSize * g.positions)))
    }

    /// The output `[N, O, outH, outW]`.
    ///
    /// `.im2col` goes through the batch a block of B images at a time: the columns of the block,
    /// `cols[C·kH·kW, B·L]`, then one product `W · cols` for the whole block, whose `[O, B·L]`
    /// result is reordered into the block's `[B, O, L]` slice of the output, adding the bias.
    static func forward(input: [Float], weight: [Float], bias: [Float]?, _ g: Geometry, algorithm: Algorithm) -> [Float]
    {
        if algorithm == .reference { return referenceForward(input: input, weight: weight, bias: bias, g) }
        let positions = g.positions, field = g.fieldSize, imageSize = g.channels * g.height * g.width
        let block = imagesPerBlock(g)
        let cols = UnsafeMutablePointer<Float>.allocate(capacity: field * block * positions)
        let product = UnsafeMutablePointer<Float>.allocate(capacity: g.outChannels * block * positions)
        defer { cols.deallocate(); product.deallocate() }
        return input.withUnsafeBufferPointer { px in
            weight.withUnsafeBufferPointer { pw in
                makeScalars(count: g.outputCount) { po in
                    for first in stride(from: 0, to: g.batch, by: block) {
                        let count = Swift.min(block, g.batch - first), width = count * positions
                        parallelChunks(count, costPerItem: field * positions) { images in
                            for b in images {
                                im2col(
                                    px.baseAddress! + (first + b) * imageSize, g, into: cols + b * positions,
                                    rowStride: width)
                            }
                        }
                        // out[O, B·L] = W[O, C·kH·kW] · cols[C·kH·kW, B·L]
                        MatrixMultiply.multiply(
                            pw.baseAddress!, cols, into: product, m: g.outChannels, n: width,
                            k: field)
                        parallelChunks(count, costPerItem: g.outChannels * positions) { images in
                            for b in images {
                                for o in 0..<g.outChannels {
                                    let src = product + o * width + b * positions
                                    let dst = po + ((first + b) * g.outChannels + o) * positions
                                    let bias = bias?[o] ?? 0
                                    for l in 0..<positions { dst[l] = src[l] + bias }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: Backward

    /// The gradients of the input, weight and bias from the output's gradient `[N, O, outH, outW]`
    /// (each only when asked for). `.im2col` goes through the same blocks as the forward pass
    /// and redoes their columns (cheaper than keeping the whole batch's):
    ///
    ///     gT[O, B·L]          the block's gradient in the layout of the forward product
    ///     dW += gT · colsᵀ    [O, B·L] · [B·L, C·kH·kW]
    ///     dcols = Wᵀ · gT     [C·kH·kW, O] · [O, B·L], added back onto the images by col2im
    ///     db += Σ gT along each row
    static func backward(
        gradient: [Float], input: [Float], weight: [Float], _ g: Geometry, algorithm: Algorithm,
        needInput: Bool, needWeight: Bool, needBias: Bool
    ) -> (input: [Float]?, weight: [Float]?, bias: [Float]?) {
        if algorithm == .reference {
            return referenceBackward(
                gradient: gradient, input: input, weight: weight, g,
                needInput: needInput, needWeight: needWeight, needBias: needBias)
        }
        let positions = g.positions, field = g.fieldSize, imageSize = g.channels * g.height * g.width
        let block = imagesPerBlock(g)
        let cols = UnsafeMutablePointer<Float>.allocate(capacity: field * block * positions)
        let gT = UnsafeMutablePointer<Float>.allocate(capacity: g.outChannels * block * positions)
        defer { cols.deallocate(); gT.deallocate() }
        var dw = [Float](repeating: 0, count: needWeight ? g.outChannels * field : 0)
        var db = [Float](repeating: 0, count: needBias ? g.outChannels : 0)
        var dx = needInput ? [Float](unsafeUninitializedCapacity: g.inputCount) { _, n in n = g.inputCount } : []
        gradient.withUnsafeBufferPointer { pg in
            input.withUnsafeBufferPointer { px in
                weight.withUnsafeBufferPointer { pw in
                    dx.withUnsafeMutableBufferPointer { pdx in
                        for first in stride(from: 0, to: g.batch, by: block) {
                            let count = Swift.min(block, g.batch - first), width = count * positions
                            parallelChunks(count, costPerItem: g.outChannels * positions) { images in
                                for b in images {
                                    for o in 0..<g.outChannels {
                                        (gT + o * width + b * positions).update(
                                            from: pg.baseAddress! + ((first + b) * g.outChannels + o) * positions,
                                            count: positions)
                                    }
                                }
                            }
                            if needBias {
                                for o in 0..<g.outChannels { db[o] += sum(gT + o * width, count: width) }
                            }
                            if needWeight {
                                parallelChunks(count, costPerItem: field * positions) { images in
                                    for b in images {
                                        im2col(
                                            px.baseAddress! + (first + b) * imageSize, g, into: cols + b * positions,
                                            rowStride: width)
                                    }
                                }
                                dw.withUnsafeMutableBufferPointer { pdw in
                                    MatrixMultiply.multiply(
                                        gT, cols, into: pdw.baseAddress!, m: g.outChannels,
                                        n: field, k: width, transposeB: true, accumulate: true)
                                }
                            }
                            if needInput {
                                MatrixMultiply.multiply(
                                    pw.baseAddress!, gT, into: cols, m: field, n: width,
                                    k: g.outChannels, transposeA: true)
                                parallelChunks(count, costPerItem: field * positions) { images in
                                    for b in images {
                                        col2im(
                                            cols + b * positions, g, rowStride: width,
                                            into: pdx.baseAddress! + (first + b) * imageSize)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (needInput ? dx : nil, needWeight ? dw : nil, needBias ? db : nil)
    }

    /// The sum of `count` numbers, in sixteen running totals at once: a single total would
    /// make every addition wait for the previous one (the compiler may not reorder Float sums).
    static func sum(_ values: UnsafePointer<Float>, count: Int) -> Float {
        var totals = SIMD16<Float>()
        var i = 0
        while i + 16 <= count {
            totals += UnsafeRawPointer(values + i).loadUnaligned(as: SIMD16<Float>.self)
            i += 16
        }
        var total = totals.sum()
        while i < count {
            total += values[i]
            i += 1
        }
        return total
    }
}
