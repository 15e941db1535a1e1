import Torchlet

/// Points in the plane with a class, 0 or 1, each: what a perceptron learns to separate.
struct TwoClassData {
    /// `[count, 2]`: one point (x₁, x₂) per row.
    let inputs: Tensor
    /// `[count]`: the class of each point as a float, 0 or 1, the target of `BCELoss`.
    let labels: Tensor

    var count: Int { labels.count }
    /// The first coordinates, for plots.
    var x1: [Float] { stride(from: 0, to: inputs.count, by: 2).map { inputs.scalars[$0] } }
    /// The second coordinates, for plots.
    var x2: [Float] { stride(from: 1, to: inputs.count, by: 2).map { inputs.scalars[$0] } }
    /// The classes as integers, for a scatter plot with one style per class.
    var classes: [Int] { labels.scalars.map { Int($0) } }

    /// The first `perClass` samples of each class, in the order they have in the set: a small
    /// batch that shows both classes.
    func balancedBatch(perClass: Int) -> TwoClassData {
        let ones = labels.scalars.indices.filter { labels.scalars[$0] == 1 }.prefix(perClass)
        let zeros = labels.scalars.indices.filter { labels.scalars[$0] == 0 }.prefix(perClass)
        let indices = (Array(ones) + Array(zeros)).sorted()
        return TwoClassData(inputs: inputs.indexSelect(dim: 0, indices),
                            labels: labels.indexSelect(dim: 0, indices))
    }
}

/// The hidden rule behind the separable set: class 1 where `x₁ + 2·x₂ - 0.5 > 0`.
enum TeacherLine {
    static let weight: [Float] = [1, 2]
    static let bias: Float = -0.5

    /// The signed distance of (x₁, x₂) from the line.
    static func distance(_ x1: Float, _ x2: Float) -> Float {
        (weight[0] * x1 + weight[1] * x2 + bias) / (weight[0] * weight[0] + weight[1] * weight[1]).squareRoot()
    }
}

/// `count` points drawn uniformly from the square [-2, 2]², labelled by `TeacherLine`, keeping
/// only points at least `margin` away from that line: a set that one line separates perfectly,
/// with a gap around it. The points come from the default generator, so `--seed` decides them.
func makeSeparableData(count: Int, margin: Float = 0.25) -> TwoClassData {
    var points: [[Float]] = []
    var labels: [Float] = []
    while points.count < count {
        let candidates = Tensor.uniform([count, 2], -2, 2).scalars
        for i in stride(from: 0, to: candidates.count, by: 2) where points.count < count {
            let (x1, x2) = (candidates[i], candidates[i + 1])
            let distance = TeacherLine.distance(x1, x2)
            guard abs(distance) >= margin else { continue }
            points.append([x1, x2])
            labels.append(distance > 0 ? 1 : 0)
        }
    }
    return TwoClassData(inputs: Tensor(points), labels: Tensor(labels))
}

/// The four corners of the unit square with XOR's labels: class 1 where exactly one
/// coordinate is 1.
func makeXORData() -> TwoClassData {
    TwoClassData(inputs: Tensor([[0.0, 0], [0, 1], [1, 0], [1, 1]]), labels: Tensor([0.0, 1, 1, 0]))
}
