import Foundation

/// The activation functions of neural networks, each beside its derivative.
extension Tensor {
    /// The logistic function `σ(x) = 1 / (1 + e⁻ˣ)`, squashing any number into (0, 1).
    /// Backward: `dx = g * σ(x) * (1 - σ(x))`, at most g/4: the root of vanishing gradients.
    public func sigmoid() -> Tensor {
        let out = Tensor(
            shape: shape,
            scalars: mapScalars(scalars) { x in
                // Two forms, so that e^(-x) never overflows.
                x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
            })
        return out.recorded("SigmoidBackward0", "dx = g * σ(x) * (1 - σ(x))", from: [self]) { [unowned out] g in
            [Tensor(shape: g.shape, scalars: zipScalars(g.scalars, out.scalars) { gi, y in gi * y * (1 - y) })]
        }
    }

    /// The hyperbolic tangent, squashing any number into (-1, 1).  Backward: `dx = g * (1 - tanh²(x))`.
    public func tanh() -> Tensor {
        let out = Tensor(shape: shape, scalars: mapScalars(scalars) { Foundation.tanh($0) })
        return out.recorded("TanhBackward0", "dx = g * (1 - tanh(x)²)", from: [self]) { [unowned out] g in
            [Tensor(shape: g.shape, scalars: zipScalars(g.scalars, out.scalars) { gi, y in gi * (1 - y * y) })]
        }
    }

    /// The rectifier `max(0, x)`.  Backward: `dx = g` where x > 0, else 0.
    public func relu() -> Tensor {
        let out = Tensor(shape: shape, scalars: rectify(scalars))
        return out.recorded("ReluBackward0", "dx = g where x > 0, else 0", from: [self]) { [unowned out] g in
            [Tensor(shape: g.shape, scalars: rectifierGradient(g.scalars, output: out.scalars))]
        }
    }

    /// The leaky rectifier: `x` for x > 0, `negativeSlope * x` otherwise (PyTorch's default slope 0.01).
    /// Backward: `dx = g` where x > 0, else `negativeSlope * g`.
    public func leakyRelu(negativeSlope: Float = 0.01) -> Tensor {
        let x = self
        return Tensor(shape: shape, scalars: mapScalars(scalars) { $0 > 0 ? $0 : negativeSlope * $0 })
            .recorded("LeakyReluBackward0", "dx = g where x > 0, else \(negativeSlope) * g", from: [x]) { g in
                [
                    Tensor(
                        shape: g.shape,
                        scalars: zipScalars(g.scalars, x.scalars) { gi, xi in
                            xi > 0 ? gi : negativeSlope * gi
                        })
                ]
            }
    }

    /// Softmax along `dim`: `exp(xᵢ) / Σⱼ exp(xⱼ)`, turning scores into probabilities that sum
    /// to 1 along that dimension. Computed as `exp(xᵢ - max x)`, which never overflows.
    /// Backward: `dx = y * (g - Σ(g * y))`, the sum taken along `dim`.
    public func softmax(dim: Int) -> Tensor {
        let d = normalized(dim: dim, op: "softmax")
        let out = Tensor(shape: shape, scalars: alongDimension(d, softmaxLine))
        return out.recorded("SoftmaxBackward0", "dx = y * (g - Σ(g * y)) along dim \(d)", from: [self]) {
            [unowned out] g in
            [out * (g - (g * out).sum(dim: d, keepDim: true))]
        }
    }

    /// The logarithm of softmax along `dim`: `xᵢ - log Σⱼ exp(xⱼ)`, computed with the
    /// log-sum-exp trick (subtract the max first) so it stays finite for any scores.
    /// Backward: `dx = g - softmax(x) * Σ g`, the sum taken along `dim`.
    public func logSoftmax(dim: Int) -> Tensor {
        let d = normalized(dim: dim, op: "log_softmax")
        let out = Tensor(shape: shape, scalars: alongDimension(d, logSoftmaxLine))
        return out.recorded("LogSoftmaxBackward0", "dx = g - softmax(x) * Σ g along dim \(d)", from: [self]) {
            [unowned out] g in
            [g - out.exp() * g.sum(dim: d, keepDim: true)]
        }
    }
}
