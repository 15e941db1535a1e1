/// The arithmetic of a 2-D convolution on raw NCHW buffers. Two kernels compute the same thing:
///
/// - `.im2col` copies every receptive field of the batch into one column of a matrix ("image to
///   columns"), so that the whole convolution becomes one matrix product through BLAS:
///
///       cols[C·kH·kW, N·L]      one column per output position (L = outH·outW) of every image
///       out[O, N·L] = W[O, C·kH·kW] · cols
///
///   and the backward pass is two more products, `dW = g · colsᵀ` and `dcols = Wᵀ · g`, whose
///   columns are added back onto the image (`col2im`).
/// - `.reference` is the definition written as nested loops, slow and easy to check:
///
///       out[n, o, y, x] = b[o] + Σ_c Σ_i Σ_j W[o, c, i, j] · in[n, c, y·s - p + i, x·s - p + j]
///
///   where positions outside the image read as 0 (zero padding). The tests hold the two equal.
public enum Convolution2D {
    /// Which implementation computes the convolution.
    public enum Kernel: Sendable, CaseIterable {
        /// im2col + one BLAS `sgemm` over the whole batch.
        case im2col
        /// Plain nested loops.
        case reference
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

    /// The output `[N, O, outH, outW]` and, for `.im2col`, the column matrix the backward pass
    /// reuses (empty for `.reference`).
    static func forward(
        input: [Float], weight: [Float], bias: [Float]?, _ g: Geometry, kernel: Kernel
    ) -> (output: [Float], columns: [Float]) {
        switch kernel {
        case .reference:
            return (referenceForward(input: input, weight: weight, bias: bias, g), [])
        case .im2col:
            let positions = g.positions, width = g.batch * positions
            let cols = input.withUnsafeBufferPointer { px in
                makeScalars(count: g.fieldSize * width) { pc in
                    parallelChunks(g.batch, costPerItem: g.fieldSize * positions) { images in
                        for n in images {
                            im2col(px.baseAddress! + n * g.channels * g.height * g.width, g,
                                   into: pc + n * positions, rowStride: width)
                        }
                    }
                }
            }
            // out[O, N·L] = W[O, C·kH·kW] · cols[C·kH·kW, N·L]
            let product = product(weight, cols, m: g.outChannels, n: width, k: g.fieldSize)
            // Reorder to [N, O, L] and add the bias on the way.
            let output = product.withUnsafeBufferPointer { pp in
                makeScalars(count: g.outputCount) { po in
                    parallelChunks(g.batch, costPerItem: g.outChannels * positions) { images in
                        for n in images {
                            for o in 0..<g.outChannels {
                                let src = pp.baseAddress! + o * width + n * positions
                                let dst = po + (n * g.outChannels + o) * positions
                                let b = bias?[o] ?? 0
                                for l in 0..<positions { dst[l] = src[l] + b }
                            }
                        }
                    }
                }
            }
            return (output, cols)
        }
    }

    // MARK: Backward

    /// The gradients of the input, weight and bias from the output's gradient `[N, O, outH, outW]`
    /// (each only when asked for).
    static func backward(
        gradient: [Float], input: [Float], weight: [Float], columns: [Float], _ g: Geometry, kernel: Kernel,
        needInput: Bool, needWeight: Bool, needBias: Bool
    ) -> (input: [Float]?, weight: [Float]?, bias: [Float]?) {
        if kernel == .reference {
            return referenceBackward(gradient: gradient, input: input, weight: weight, g,
                                     needInput: needInput, needWeight: needWeight, needBias: needBias)
        }
        let positions = g.positions, width = g.batch * positions
        // gT[O, N·L]: the gradient in the layout of the forward product.
        let gT = gradient.withUnsafeBufferPointer { pg in
            makeScalars(count: g.outputCount) { pt in
                parallelChunks(g.batch, costPerItem: g.outChannels * positions) { images in
                    for n in images {
                        for o in 0..<g.outChannels {
                            (pt + o * width + n * positions).update(
                                from: pg.baseAddress! + (n * g.outChannels + o) * positions, count: positions)
                        }
                    }
                }
            }
        }
        // db[o] = Σ over the batch and positions of g[n, o, ·]
        let db: [Float]? = needBias ? gT.withUnsafeBufferPointer { pt in
            (0..<g.outChannels).map { o in
                var total: Float = 0
                let row = pt.baseAddress! + o * width
                for l in 0..<width { total += row[l] }
                return total
            }
        } : nil
        // dW[O, C·kH·kW] = gT[O, N·L] · colsᵀ
        let dw: [Float]? = needWeight
            ? product(gT, columns, m: g.outChannels, n: g.fieldSize, k: width, transposeB: true) : nil
        // dcols[C·kH·kW, N·L] = Wᵀ · gT, then col2im per image.
        var dx: [Float]?
        if needInput {
            let dcols = product(weight, gT, m: g.fieldSize, n: width, k: g.outChannels, transposeA: true)
            dx = dcols.withUnsafeBufferPointer { pc in
                makeScalars(count: g.inputCount) { px in
                    let imageSize = g.channels * g.height * g.width
                    parallelChunks(g.batch, costPerItem: g.fieldSize * positions) { images in
                        for n in images {
                            col2im(pc.baseAddress! + n * positions, g, rowStride: width, into: px + n * imageSize)
                        }
                    }
                }
            }
        }
        return (dx, dw, db)
    }

    // MARK: Reference loops

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
                                    total += weight[((o * g.channels + c) * g.kernelHeight + i) * g.kernelWidth + j]
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
}
