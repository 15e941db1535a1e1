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
        /// Stride 1 and an output as large as the input ("same" padding).
        var keepsSize: Bool { strideY == 1 && strideX == 1 && outHeight == height && outWidth == width }
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
        if g.keepsSize {
            return im2colKeepingSize(image, g, into: cols, rowStride: rowStride)
        }
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

    /// `im2col` for a convolution that keeps the picture's size (stride 1, padding (k - 1) / 2,
    /// as all of Lesson07's): the output is as wide as the input, so kernel tap (i, j) sees the
    /// whole plane shifted by `(i - p)·W + (j - p)` numbers. Its row of the column matrix is then
    /// one long copy of the plane, and zeros where the shift runs off the picture: the rows
    /// above or below it, and the columns that wrapped around from the other side.
    static func im2colKeepingSize(
        _ image: UnsafePointer<Float>, _ g: Geometry, into cols: UnsafeMutablePointer<Float>, rowStride: Int
    ) {
        let planeSize = g.height * g.width
        forEachShiftedTap(g, cols, rowStride: rowStride) { channel, row, dx, shift, stretch in
            let plane = image + channel * planeSize
            row.update(repeating: 0, count: stretch.lowerBound)
            (row + stretch.lowerBound).update(from: plane + stretch.lowerBound + shift, count: stretch.count)
            (row + stretch.upperBound).update(repeating: 0, count: planeSize - stretch.upperBound)
            zeroWrappedColumns(of: row, g, dx: dx)
        }
    }

    /// Calls `body(channel, row, dx, shift, stretch)` for every kernel tap (i, j) of a
    /// size-keeping convolution: the tap's row of the column matrix, its horizontal offset
    /// `dx = j - p`, how far the plane is shifted under it (`(i - p)·W + dx`), and the output
    /// positions whose input lies in the plane.
    @inline(__always)
    static func forEachShiftedTap(
        _ g: Geometry, _ cols: UnsafeMutablePointer<Float>, rowStride: Int,
        _ body: (
            _ channel: Int, _ row: UnsafeMutablePointer<Float>, _ dx: Int, _ shift: Int, _ stretch: Range<Int>
        ) -> Void
    ) {
        let planeSize = g.height * g.width
        for c in 0..<g.channels {
            for i in 0..<g.kernelHeight {
                for j in 0..<g.kernelWidth {
                    let row = cols + ((c * g.kernelHeight + i) * g.kernelWidth + j) * rowStride
                    let dx = j - g.paddingX, shift = (i - g.paddingY) * g.width + dx
                    let start = Swift.min(planeSize, Swift.max(0, -shift))
                    let end = Swift.max(start, Swift.min(planeSize, planeSize - shift))
                    body(c, row, dx, shift, start..<end)
                }
            }
        }
    }

    /// Zeroes the entries of a tap's row whose input column wrapped around a row's end: the
    /// first `-dx` or last `dx` columns of every row, for a horizontal offset `dx`.
    @inline(__always)
    static func zeroWrappedColumns(of row: UnsafeMutablePointer<Float>, _ g: Geometry, dx: Int) {
        let width = g.width
        guard dx != 0 else { return }
        let wrapped = dx < 0 ? 0..<(-dx) : (width - dx)..<width
        for y in 0..<g.height {
            for x in wrapped { row[y * width + x] = 0 }
        }
    }

    /// The adjoint of `im2col`: adds every column entry back onto the input position it was
    /// copied from (positions seen by several fields receive several contributions).
    ///
    /// The columns are scratch memory and may be overwritten (the size-keeping path zeroes the
    /// entries that fell on the padding, so that it can add each row in one stretch).
    static func col2im(
        _ cols: UnsafeMutablePointer<Float>, _ geometry: Geometry, rowStride: Int,
        into image: UnsafeMutablePointer<Float>
    ) {
        let g = geometry
        let outH = g.outHeight, outW = g.outWidth
        image.update(repeating: 0, count: g.channels * g.height * g.width)
        if g.keepsSize {
            return col2imKeepingSize(cols, g, rowStride: rowStride, into: image)
        }
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

    /// `col2im` for a convolution that keeps the picture's size: the adjoint of
    /// `im2colKeepingSize`. Tap (i, j)'s row is added onto the plane shifted by `(i - p)·W + (j - p)`
    /// in one stretch, once the entries that wrapped around a row's end (which came from the
    /// padding, and go nowhere) are zeroed.
    static func col2imKeepingSize(
        _ cols: UnsafeMutablePointer<Float>, _ g: Geometry, rowStride: Int, into image: UnsafeMutablePointer<Float>
    ) {
        let planeSize = g.height * g.width
        forEachShiftedTap(g, cols, rowStride: rowStride) { channel, row, dx, shift, stretch in
            zeroWrappedColumns(of: row, g, dx: dx)
            let target = image + channel * planeSize + shift
            for p in stretch { target[p] += row[p] }
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

    /// How many numbers the column matrix of one block of images may hold: 256 K (1 MB), so
    /// that a block's columns are made, multiplied and used while they are still in the core's
    /// own cache.
    static let blockBudget = 1 << 18

    /// The images processed together: enough for one large matrix product, few enough that
    /// their columns stay in the cache, and at least eight blocks to a batch, so that the
    /// threads get nearly equal shares.
    static func imagesPerBlock(_ g: Geometry) -> Int {
        let fitting = blockBudget / Swift.max(1, g.fieldSize * g.positions)
        return Swift.max(1, Swift.min(fitting, (g.batch + 7) / 8))
    }

    /// The blocks of a batch: images `block·B ..< (block+1)·B`, the last one shorter. They are
    /// the same whatever the number of threads, and so are the numbers computed from them.
    static func blocks(_ g: Geometry) -> (count: Int, images: (Int) -> Range<Int>) {
        let size = imagesPerBlock(g)
        return ((g.batch + size - 1) / size, { block in block * size..<Swift.min(g.batch, (block + 1) * size) })
    }

    /// The output `[N, O, outH, outW]`.
    ///
    /// `.im2col` goes through the batch a block of B images at a time, the blocks shared out
    /// among the engine's threads, each with its own scratch memory: the columns of the block,
    /// `cols[C·kH·kW, B·L]`, then one product `W · cols` for the whole block, whose `[O, B·L]`
    /// result is reordered into the block's `[B, O, L]` slice of the output, adding the bias.
    static func forward(input: [Float], weight: [Float], bias: [Float]?, _ g: Geometry, algorithm: Algorithm) -> [Float]
    {
        if algorithm == .reference { return referenceForward(input: input, weight: weight, bias: bias, g) }
        let positions = g.positions, field = g.fieldSize, imageSize = g.channels * g.height * g.width
        let (blockCount, imagesOf) = blocks(g)
        let perBlock = imagesPerBlock(g) * g.outChannels * field * positions
        return input.withUnsafeBufferPointer { px in
            weight.withUnsafeBufferPointer { pw in
                makeScalars(count: g.outputCount) { po in
                    parallelChunks(blockCount, costPerItem: perBlock) { blocks in
                        let size = imagesPerBlock(g) * positions
                        let cols = UnsafeMutablePointer<Float>.allocate(capacity: field * size)
                        let product = UnsafeMutablePointer<Float>.allocate(capacity: g.outChannels * size)
                        defer { cols.deallocate(); product.deallocate() }
                        for block in blocks {
                            let images = imagesOf(block), width = images.count * positions
                            for (b, image) in images.enumerated() {
                                im2col(
                                    px.baseAddress! + image * imageSize, g, into: cols + b * positions, rowStride: width
                                )
                            }
                            // out[O, B·L] = W[O, C·kH·kW] · cols[C·kH·kW, B·L]
                            MatrixMultiply.multiply(
                                pw.baseAddress!, cols, into: product, m: g.outChannels, n: width, k: field)
                            for (b, image) in images.enumerated() {
                                for o in 0..<g.outChannels {
                                    let src = product + o * width + b * positions
                                    let dst = po + (image * g.outChannels + o) * positions
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
    /// (each only when asked for). `.im2col` goes through the same blocks as the forward pass,
    /// shared out among the threads the same way, and redoes their columns (cheaper than
    /// keeping the whole batch's):
    ///
    ///     gT[O, B·L]          the block's gradient in the layout of the forward product
    ///     dW_block = gT · colsᵀ    [O, B·L] · [B·L, C·kH·kW]
    ///     dcols = Wᵀ · gT     [C·kH·kW, O] · [O, B·L], added back onto the images by col2im
    ///     db_block = Σ gT along each row
    ///
    /// Each block keeps its own dW and db; they are added up at the end, block after block,
    /// so the gradient is the same number whatever the number of threads.
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
        let (blockCount, imagesOf) = blocks(g)
        let perBlock = imagesPerBlock(g) * g.outChannels * field * positions
        // One row of partial sums per block: its dW, then its db.
        let weightCount = g.outChannels * field, partialCount = weightCount + g.outChannels
        let partials = UnsafeMutablePointer<Float>.allocate(capacity: blockCount * partialCount)
        defer { partials.deallocate() }
        var dx = needInput ? [Float](unsafeUninitializedCapacity: g.inputCount) { _, n in n = g.inputCount } : []
        gradient.withUnsafeBufferPointer { pg in
            input.withUnsafeBufferPointer { px in
                weight.withUnsafeBufferPointer { pw in
                    dx.withUnsafeMutableBufferPointer { pdx in
                        parallelChunks(blockCount, costPerItem: perBlock) { blocks in
                            let size = imagesPerBlock(g) * positions
                            let cols = UnsafeMutablePointer<Float>.allocate(capacity: field * size)
                            let gT = UnsafeMutablePointer<Float>.allocate(capacity: g.outChannels * size)
                            defer { cols.deallocate(); gT.deallocate() }
                            for block in blocks {
                                let images = imagesOf(block), width = images.count * positions
                                let dw = partials + block * partialCount, db = dw + weightCount
                                for (b, image) in images.enumerated() {
                                    for o in 0..<g.outChannels {
                                        (gT + o * width + b * positions).update(
                                            from: pg.baseAddress! + (image * g.outChannels + o) * positions,
                                            count: positions)
                                    }
                                }
                                for o in 0..<g.outChannels { db[o] = needBias ? sum(gT + o * width, count: width) : 0 }
                                if needWeight {
                                    for (b, image) in images.enumerated() {
                                        im2col(
                                            px.baseAddress! + image * imageSize, g, into: cols + b * positions,
                                            rowStride: width)
                                    }
                                    MatrixMultiply.multiply(
                                        gT, cols, into: dw, m: g.outChannels, n: field, k: width, transposeB: true)
                                } else {
                                    dw.update(repeating: 0, count: weightCount)
                                }
                                if needInput {
                                    MatrixMultiply.multiply(
                                        pw.baseAddress!, gT, into: cols, m: field, n: width, k: g.outChannels,
                                        transposeA: true)
                                    for (b, image) in images.enumerated() {
                                        col2im(
                                            cols + b * positions, g, rowStride: width,
                                            into: pdx.baseAddress! + image * imageSize)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var totals = [Float](repeating: 0, count: partialCount)
        for block in 0..<blockCount {
            for i in 0..<partialCount { totals[i] += partials[block * partialCount + i] }
        }
        return (
            needInput ? dx : nil, needWeight ? Array(totals[..<weightCount]) : nil,
            needBias ? Array(totals[weightCount...]) : nil
        )
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
