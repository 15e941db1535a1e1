import Torchlet

/// d/dx of f(f(…f(x)…)) with `depth` copies of `layer`, at the point `x`, by autograd.
///
/// The chain rule multiplies one local slope per layer: f'(x) · f'(f(x)) · f'(f(f(x))) · …
/// For the sigmoid every factor is at most 1/4, so the product shrinks at least fourfold per layer.
func chainGradient(of layer: Module, depth: Int, at x: Float) -> Float {
    let input = Tensor(x, requiresGrad: true)
    chain(of: layer, depth: depth, from: input).backward()
    return input.grad!.item()
}

/// The chain itself: `layer` applied `depth` times to `input`.
func chain(of layer: Module, depth: Int, from input: Tensor) -> Tensor {
    var h = input
    for _ in 0..<depth { h = layer(h) }
    return h
}

/// The gradient through chains of depth 1, 2, …, `maxDepth` of each layer, at `x`.
struct ChainGradients {
    let depths: [Int]
    let sigmoid: [Float]
    let tanh: [Float]
    let relu: [Float]

    init(maxDepth: Int, at x: Float) {
        depths = Array(1...maxDepth)
        sigmoid = depths.map { chainGradient(of: Sigmoid(), depth: $0, at: x) }
        tanh = depths.map { chainGradient(of: Tanh(), depth: $0, at: x) }
        relu = depths.map { chainGradient(of: ReLU(), depth: $0, at: x) }
    }

    /// How many times smaller the sigmoid chain's gradient gets from each depth to the next.
    var sigmoidShrinkFactors: [Float] {
        zip(sigmoid, sigmoid.dropFirst()).map { $0 / $1 }
    }
}
