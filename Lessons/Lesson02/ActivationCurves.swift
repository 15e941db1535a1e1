import Foundation
import Torchlet

/// An activation function as the lesson presents it: the layer, its formula, its derivative
/// written out by hand, and the range of its outputs.
struct Activation {
    /// How it is created, e.g. `Sigmoid()`.
    let name: String
    let layer: Module
    let formula: String
    let derivativeFormula: String
    /// The outputs it can produce, e.g. `(0, 1)`.
    let range: String
    /// The derivative by hand, for one number.
    let closedForm: (Float) -> Float
}

/// The five elementwise activations of the lesson, as layers. PReLU's slope starts at
/// PyTorch's 0.25; LeakyReLU's is fixed at 0.01.
func elementwiseActivations() -> [Activation] {
    func sigma(_ x: Float) -> Float { 1 / (1 + Foundation.exp(-x)) }
    return [
        Activation(name: "Sigmoid()", layer: Sigmoid(), formula: "1 / (1 + e^-x)",
                   derivativeFormula: "σ(x) · (1 - σ(x))", range: "(0, 1)",
                   closedForm: { sigma($0) * (1 - sigma($0)) }),
        Activation(name: "Tanh()", layer: Tanh(), formula: "(eˣ - e⁻ˣ) / (eˣ + e⁻ˣ)",
                   derivativeFormula: "1 - tanh²(x)", range: "(-1, 1)",
                   closedForm: { 1 - Foundation.tanh($0) * Foundation.tanh($0) }),
        Activation(name: "ReLU()", layer: ReLU(), formula: "max(0, x)",
                   derivativeFormula: "1 if x > 0, else 0", range: "[0, ∞)",
                   closedForm: { $0 > 0 ? 1 : 0 }),
        Activation(name: "LeakyReLU(negativeSlope: 0.01)", layer: LeakyReLU(negativeSlope: 0.01),
                   formula: "x if x > 0, else 0.01 x",
                   derivativeFormula: "1 if x > 0, else 0.01", range: "(-∞, ∞)",
                   closedForm: { $0 > 0 ? 1 : 0.01 }),
        Activation(name: "PReLU()", layer: PReLU(), formula: "x if x > 0, else a x (a learned, 0.25 at first)",
                   derivativeFormula: "1 if x > 0, else a", range: "(-∞, ∞)",
                   closedForm: { $0 > 0 ? 1 : 0.25 }),
    ]
}

/// One activation sampled on a grid: its values, and its slope twice, from autograd and from
/// the closed form.
struct ActivationCurve {
    let x: [Float]
    let y: [Float]
    /// dy/dx at every x, from one `backward()`.
    let slope: [Float]
    /// dy/dx at every x, from the derivative written by hand.
    let closedForm: [Float]

    /// The largest |autograd - closed form| over the grid.
    var largestDifference: Float {
        zip(slope, closedForm).map { Swift.abs($0 - $1) }.max() ?? 0
    }

    /// The largest slope on the grid, and the first x where it occurs.
    var steepest: (slope: Float, at: Float) {
        let index = slope.indices.max { slope[$0] < slope[$1] } ?? 0
        return (slope[index], x[index])
    }
}

/// `steps` evenly spaced points from -5 to 5, as a list of numbers.
func grid(steps: Int) -> [Float] {
    Tensor.linspace(-5, 5, steps: steps).scalars
}

/// The derivative of an elementwise function at every point at once: because yᵢ depends on xᵢ
/// alone, the gradient of y.sum() with respect to x is dyᵢ/dxᵢ at every i.
func derivativeByAutograd(_ points: [Float], _ f: (Tensor) -> Tensor) -> (y: [Float], slope: [Float]) {
    let x = Tensor(points, requiresGrad: true)
    let y = f(x)
    y.sum().backward()
    return (y.scalars, x.grad!.scalars)
}

/// `activation` on `points`, with its slope from autograd and from the closed form.
func curve(of activation: Activation, on points: [Float]) -> ActivationCurve {
    let (y, slope) = derivativeByAutograd(points) { activation.layer($0) }
    return ActivationCurve(x: points, y: y, slope: slope, closedForm: points.map(activation.closedForm))
}

/// Softmax over two scores [x, 0], read at its first entry: p = eˣ / (eˣ + 1) = σ(x). Its
/// derivative dp/dx comes from autograd through `Softmax(dim: 1)`; the closed form is σ'(x).
func softmaxOfTwoCurve(on points: [Float]) -> ActivationCurve {
    let scores = Tensor.stack([Tensor(points), Tensor.zeros([points.count])], dim: 1)
    scores.requiresGrad = true
    let first = Softmax(dim: 1)(scores).select(dim: 1, index: 0)
    first.sum().backward()
    let slope = scores.grad!.select(dim: 1, index: 0)
    let closed = points.map { x -> Float in
        let s = 1 / (1 + Foundation.exp(-x))
        return s * (1 - s)
    }
    return ActivationCurve(x: points, y: first.scalars, slope: slope.scalars, closedForm: closed)
}

extension Activation {
    /// The five elementwise activations, fresh layers each time (PReLU's slope at 0.25).
    static var elementwise: [Activation] { elementwiseActivations() }
    static var sigmoid: Activation { elementwise[0] }
    static var tanh: Activation { elementwise[1] }
    static var relu: Activation { elementwise[2] }
    static var leakyReLU: Activation { elementwise[3] }
    static var prelu: Activation { elementwise[4] }
}
