extension Tensor {
    /// The parametric rectifier with slopes `weight` (one, or one per channel of dimension 1),
    /// PyTorch's `F.prelu`.
    ///
    ///     forward:   y = x             where x > 0
    ///                y = a[c] · x      elsewhere (c the channel of x)
    ///     backward:  dx = g where x > 0, else a[c] · g
    ///                da[c] = Σ g · x over the inputs of channel c with x <= 0
    public func prelu(weight: Tensor) -> Tensor {
        checkPReLUWeight(weight, for: self)
        let slopes = weight.count
        // The input as [outer, channels, inner]: the slope of an element depends on the middle index.
        let perChannel = slopes > 1
        let inner = perChannel ? shape.dropFirst(2).reduce(1, *) : count
        let outer = perChannel ? shape[0] : 1
        let groups = perChannel ? slopes : 1
        let x = self
        let output = PReLUKernel.forward(scalars, slopes: weight.scalars, outer: outer, groups: groups, inner: inner)
        return Tensor(shape: shape, scalars: output)
            .recorded(
                "PreluKernelBackward0", "dx = g where x > 0, else a · g; da = Σ g · x where x <= 0",
                from: [x, weight]
            ) { g in
                let (dx, da) = PReLUKernel.backward(
                    g.scalars, input: x.scalars, slopes: weight.scalars, outer: outer,
                    groups: groups, inner: inner)
                return [
                    x.requiresGrad ? Tensor(shape: x.shape, scalars: dx) : nil,
                    weight.requiresGrad ? Tensor(shape: weight.shape, scalars: da) : nil,
                ]
            }
    }
}

/// Stops, in PyTorch's words, unless `weight` is a vector of one slope, or of one per channel
/// (dimension 1) of `input`.
private func checkPReLUWeight(_ weight: Tensor, for input: Tensor) {
    guard weight.rank == 1 else {
        failure("prelu: weight must be 1-D, but has shape \(weight.shape.formatted)")
    }
    let channels = input.rank >= 2 ? input.shape[1] : 1
    guard weight.count == 1 || weight.count == channels else {
        failure(
            "prelu: Mismatch of parameter numbers and input channel size. Found parameter numbers = "
                + "\(weight.count) and channel size = \(channels) (input \(input.shape.formatted)).")
    }
}
