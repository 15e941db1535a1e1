import Foundation

/// The loops of softmax and log-softmax over one line of `n` numbers `stride` apart (a row, or
/// a column): shared by `softmax(dim:)`, `logSoftmax(dim:)` and `crossEntropy`. Both subtract
/// the line's largest number first, so `exp` never overflows whatever the scores.

/// `dst[i] = exp(src[i] - max) / Σⱼ exp(src[j] - max)`.
func softmaxLine(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ n: Int, _ stride: Int) {
    var largest = -Float.infinity
    for i in 0..<n { largest = Swift.max(largest, src[i * stride]) }
    var total: Float = 0
    for i in 0..<n {
        let e = Foundation.exp(src[i * stride] - largest)
        dst[i * stride] = e
        total += e
    }
    for i in 0..<n { dst[i * stride] /= total }
}

/// `dst[i] = src[i] - max - log Σⱼ exp(src[j] - max)`: the log-sum-exp trick.
func logSoftmaxLine(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ n: Int, _ stride: Int) {
    var largest = -Float.infinity
    for i in 0..<n { largest = Swift.max(largest, src[i * stride]) }
    var total: Float = 0
    for i in 0..<n { total += Foundation.exp(src[i * stride] - largest) }
    let logTotal = largest + Foundation.log(total)
    for i in 0..<n { dst[i * stride] = src[i * stride] - logTotal }
}

/// Log-softmax's backward pass, in place, over the `rows` chosen of rows of `classes` numbers:
/// `a ← a - softmax · Σ a`, with softmax read back as `exp(logp)`.
func logSoftmaxBackwardRows(
    _ a: inout [Float], logProbabilities logp: [Float], classes c: Int, rows: some Sequence<Int>
) {
    logp.withUnsafeBufferPointer { lp in
        a.withUnsafeMutableBufferPointer { d in
            for n in rows {
                let row = n * c
                var total: Float = 0
                for k in 0..<c { total += d[row + k] }
                for k in 0..<c { d[row + k] -= Foundation.exp(lp[row + k]) * total }
            }
        }
    }
}
