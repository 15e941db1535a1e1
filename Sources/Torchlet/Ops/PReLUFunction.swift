extension Tensor {
    /// The parametric rectifier with slopes `weight` (one, or one per channel of dimension 1),
    /// PyTorch's `F.prelu`.
    ///
    ///     forward:   y = x             where x > 0
    ///                y = a[c] · x      elsewhere (c the channel of x)
    ///     backward:  dx = g where x > 0, else a[c] · g
    ///                da[c] = Σ g · x over the inputs of channel c with x <= 0
    public func prelu(weight: Tensor) -> Tensor {
        guard weight.rank == 1 else {
            failure("prelu: weight must be 1-D, but has shape \(weight.shape.formatted)")
        }
        let slopes = weight.count
        let channels = rank >= 2 ? shape[1] : 1
        guard slopes == 1 || slopes == channels else {
            failure("prelu: Mismatch of parameter numbers and input channel size. Found parameter numbers = "
                + "\(slopes) and channel size = \(channels) (input \(shape.formatted)).")
        }
        // The input as [outer, channels, inner]: the slope of an element depends on the middle index.
        let perChannel = slopes > 1
        let inner = perChannel ? shape.dropFirst(2).reduce(1, *) : count
        let outer = perChannel ? shape[0] : 1
        let groups = perChannel ? slopes : 1
        let x = self
        let output = scalars.withUnsafeBufferPointer { px in
            weight.scalars.withUnsafeBufferPointer { pa in
                makeScalars(count: count) { py in
                    for o in 0..<outer {
                        for c in 0..<groups {
                            let a = pa[c], start = (o * groups + c) * inner
                            for i in start..<(start + inner) { py[i] = px[i] > 0 ? px[i] : a * px[i] }
                        }
                    }
                }
            }
        }
        return Tensor(shape: shape, scalars: output)
            .recorded("PreluKernelBackward0", "dx = g where x > 0, else a · g; da = Σ g · x where x <= 0",
                      from: [x, weight]) { g in
                var dx = [Float](repeating: 0, count: x.count)
                var da = [Float](repeating: 0, count: slopes)
                g.scalars.withUnsafeBufferPointer { pg in
                    x.scalars.withUnsafeBufferPointer { px in
                        weight.scalars.withUnsafeBufferPointer { pa in
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
                return [x.requiresGrad ? Tensor(shape: x.shape, scalars: dx) : nil,
                        weight.requiresGrad ? Tensor(shape: weight.shape, scalars: da) : nil]
            }
    }
}
