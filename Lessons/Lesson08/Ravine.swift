import Notebook
import Torchlet

/// The 2-D loss surface of the lesson: a long, narrow valley (a ravine),
///
///     f(x, y) = 0.01·x² + y²        gradient (0.02·x, 2·y), minimum f(0, 0) = 0,
///
/// a hundred times steeper across (y) than along (x): the shape that makes plain gradient
/// descent zig-zag across the valley while it crawls along its floor.
enum Ravine {
    /// The weight of each coordinate's square: 0.01 for x, 1 for y.
    static let coefficients: [Float] = [0.01, 1]
    /// Where every optimizer starts.
    static let start: [Float] = [-8, 2.5]
    /// How many steps every optimizer takes on it.
    static let steps = 60

    /// f at the point `p` (a tensor of 2 numbers), built from Tensor operations so that
    /// `backward()` gives the gradient.
    static func loss(_ p: Tensor) -> Tensor {
        (Tensor(coefficients) * p.pow(2)).sum()
    }

    /// f at (x, y), in plain numbers, for drawing the surface.
    static func value(_ x: Double, _ y: Double) -> Double {
        Double(coefficients[0]) * x * x + Double(coefficients[1]) * y * y
    }
}

/// One optimizer's walk on the ravine: every point it visited and the loss there.
struct Descent {
    let optimizer: OptimizerChoice
    let learningRate: Float
    /// The points, from the start (index 0) to after the last step.
    var path: [[Float]]
    /// f at each point of `path`.
    var losses: [Float]
    /// The step at which the loss stopped being a finite number, if it did; the walk stops there.
    var divergedAtStep: Int?

    /// The last point's distance to the minimum (0, 0).
    var distanceToMinimum: Float {
        let last = path.last!
        return (last[0] * last[0] + last[1] * last[1]).squareRoot()
    }

    var finalLoss: Float { losses.last! }
}

/// Runs `steps` steps of the optimizer that `makeOptimizer` builds over the point, from
/// `Ravine.start`: the training loop in miniature, zeroGrad, loss, backward, step. Stops early,
/// noting the step, when the loss turns infinite or NaN (a diverging run must not go on
/// computing garbage). `name` names the run in tables and figures; with `nb`, the loop is
/// listed first.
///
///     let run = descend(.momentum) { SGD($0, lr: 0.65, momentum: 0.9) }
func descend(_ name: OptimizerChoice, steps: Int = Ravine.steps, listingIn nb: Notebook? = nil,
             _ makeOptimizer: (_ parameters: [Tensor]) -> any Optimizer) -> Descent {
    nb?.code()
    let p = Tensor(Ravine.start, requiresGrad: true)  // (−8, 2.5)
    let optimizer = makeOptimizer([p])  // the closure's optimizer, over p
    var path = [p.scalars], losses = [noGrad { Ravine.loss(p) }.item()]
    var divergedAtStep: Int?
    for step in 1...steps {
        optimizer.zeroGrad()
        let loss = Ravine.loss(p)  // f(p) = 0.01·x² + y²
        loss.backward()
        optimizer.step()
        let after = noGrad { Ravine.loss(p) }.item()
        guard after.isFinite else {  // stop a run that has diverged
            divergedAtStep = step
            break
        }
        path.append(p.scalars)
        losses.append(after)
    }

    return Descent(optimizer: name, learningRate: optimizer.learningRate, path: path, losses: losses,
                   divergedAtStep: divergedAtStep)
}

/// The surface sampled on a grid for the heatmap: `rows` values of y from `y.lowerBound` (row 0)
/// up, `columns` values of x.
func ravineGrid(x: ClosedRange<Double>, y: ClosedRange<Double>, columns: Int = 181, rows: Int = 61) -> [[Double]] {
    (0..<rows).map { row in
        let yValue = y.lowerBound + (y.upperBound - y.lowerBound) * Double(row) / Double(rows - 1)
        return (0..<columns).map { column in
            let xValue = x.lowerBound + (x.upperBound - x.lowerBound) * Double(column) / Double(columns - 1)
            return Ravine.value(xValue, yValue)
        }
    }
}
