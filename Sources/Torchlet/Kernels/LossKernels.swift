/// The loops of the losses: products in place (weights, and the chain rule through a
/// reduction), the three-input map of `BCEWithLogitsLoss` with `posWeight`, and the per-sample
/// loops of the class-index losses (`NLLLoss`, `CrossEntropyLoss`). The formulas they compute
/// are written beside the losses, in `Losses/`.

/// `values[i] *= factors[i]` for every element, in place (two buffers of one size).
func multiplyInPlace(_ values: inout [Float], by factors: [Float]) {
    factors.withUnsafeBufferPointer { f in
        values.withUnsafeMutableBufferPointer { v in
            for i in 0..<v.count { v[i] *= f[i] }
        }
    }
}

/// `values[i] *= factor` for every element, in place.
func multiplyInPlace(_ values: inout [Float], by factor: Float) {
    values.withUnsafeMutableBufferPointer { v in
        for i in 0..<v.count { v[i] *= factor }
    }
}

/// `f` applied to matching elements of three same-sized buffers.
@inline(__always)
func zipScalars(_ a: [Float], _ b: [Float], _ c: [Float], _ f: (Float, Float, Float) -> Float) -> [Float] {
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeBufferPointer { pc in
                makeScalars(count: pa.count) { out in
                    for i in 0..<pa.count { out[i] = f(pa[i], pb[i], pc[i]) }
                }
            }
        }
    }
}

/// Each sample's class-index loss from its row of `classes` log-probabilities (`logp` is
/// `[N, C]`, row-major), with class weights `w` and label smoothing ε:
/// `(1 - ε) · w[y] · (-logp[n, y]) + (ε / C) · Σ_c w[c] · (-logp[n, c])`, and 0 for a sample
/// whose label is -1 (ignored).
func classIndexLosses(
    logProbabilities logp: [Float], labels: [Int], classWeights: [Float], classes c: Int, labelSmoothing epsilon: Float
) -> [Float] {
    let spread = epsilon / Float(c)
    return logp.withUnsafeBufferPointer { logp in
        labels.withUnsafeBufferPointer { y in
            classWeights.withUnsafeBufferPointer { w in
                makeScalars(count: y.count) { out in
                    for n in 0..<y.count {
                        let label = y[n]
                        guard label >= 0 else { out[n] = 0; continue }
                        let row = n * c
                        var loss = (1 - epsilon) * w[label] * -logp[row + label]
                        if epsilon > 0 {
                            var smooth: Float = 0
                            for k in 0..<c { smooth += w[k] * -logp[row + k] }
                            loss += spread * smooth
                        }
                        out[n] = loss
                    }
                }
            }
        }
    }
}

/// The gradient of class-index losses with respect to the log-probabilities, `[N, C]`, given
/// `incoming[n]`, the gradient arriving at sample n's loss:
/// `-incoming[n] · ((1 - ε) · w[y] · [c = y] + (ε / C) · w[c])`, and 0 for an ignored sample.
func classIndexLossGradient(
    incoming: [Float], labels: [Int], classWeights: [Float], classes c: Int, labelSmoothing epsilon: Float
) -> [Float] {
    let spread = epsilon / Float(c)
    return labels.withUnsafeBufferPointer { y in
        classWeights.withUnsafeBufferPointer { w in
            incoming.withUnsafeBufferPointer { s in
                makeScalars(count: y.count * c) { out in
                    for n in 0..<y.count {
                        let row = out + n * c
                        let label = y[n]
                        guard label >= 0 else {
                            for k in 0..<c { row[k] = 0 }
                            continue
                        }
                        for k in 0..<c { row[k] = -s[n] * spread * w[k] }
                        row[label] -= s[n] * (1 - epsilon) * w[label]
                    }
                }
            }
        }
    }
}
