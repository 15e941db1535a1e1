import Torchlet

/// Where section 7's listing of the function below starts: `nb.code(file:line:)` prints the
/// lines after this one, up to the first blank line, so the function a learner reads is the one
/// that computes the table. (Keep the function free of blank lines.)
///
/// It is d/dx of f(f(…f(x)…)) with `depth` copies of `activation`, at the point `x`, by
/// autograd. The chain rule multiplies one local slope per layer, f'(x) · f'(f(x)) · …; for the
/// sigmoid every factor is at most 1/4, so the product shrinks at least fourfold per layer.
let chainGradientListing = (file: #filePath, line: #line)
func chainGradient(of activation: Module, depth: Int, at x: Float) -> Float {
    let input = Tensor(x, requiresGrad: true)
    var h = input
    for _ in 0..<depth { h = activation(h) }  // h = f(f(…f(x)…)), depth times
    h.backward()
    return input.grad!.item()  // d/dx of the whole chain
}
