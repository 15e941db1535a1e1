import Torchlet

/// A loss drawn against one number: the loss at every point, and its derivative there, both
/// computed by the engine. Each point is its own sample (`reduction: .none`), so after
/// `backward()` on the sum, `x.grad` holds every point's derivative at once.
struct LossCurve {
    let x: [Float]
    let loss: [Float]
    let gradient: [Float]

    static let initListing = (file: #filePath, line: #line)
    /// `loss(x)` per point, then `x.grad` from `backward()` on its sum.
    init(_ x: Tensor, loss: (Tensor) -> Tensor) {
        let leaf = x.detach()
        leaf.requiresGrad = true
        let losses = loss(leaf)
        losses.sum().backward()
        self.x = x.scalars
        self.loss = losses.scalars
        self.gradient = leaf.grad!.scalars
    }
}

/// The curves of the lesson's figures; `samples` points each.
enum LossCurves {
    static let regressionListing = (file: #filePath, line: #line)
    /// MSE and L1 against the prediction ŷ in [-3, 3], target 0.
    static func regression(samples: Int) -> (mse: LossCurve, l1: LossCurve) {
        let y = Tensor.linspace(-3, 3, steps: samples)
        let zero = Tensor.zeros([samples])
        return (LossCurve(y) { MSELoss(reduction: .none)($0, zero) },
                LossCurve(y) { L1Loss(reduction: .none)($0, zero) })
    }

    /// BCE against the predicted probability p in [0.005, 0.995], for target 1 and target 0.
    static func binary(samples: Int) -> (targetOne: LossCurve, targetZero: LossCurve) {
        let p = Tensor.linspace(0.005, 0.995, steps: samples)
        return (LossCurve(p) { BCELoss(reduction: .none)($0, Tensor.ones([samples])) },
                LossCurve(p) { BCELoss(reduction: .none)($0, Tensor.zeros([samples])) })
    }

    /// Against the raw score x in [0, 120] with target 0: `sigmoid` + `BCELoss`, and
    /// `BCEWithLogitsLoss`.
    static func largeScores(samples: Int) -> (twoStep: LossCurve, fused: LossCurve) {
        let x = Tensor.linspace(0, 120, steps: samples)
        let zero = Tensor.zeros([samples])
        return (LossCurve(x) { BCELoss(reduction: .none)($0.sigmoid(), zero) },
                LossCurve(x) { BCEWithLogitsLoss(reduction: .none)($0, zero) })
    }

    /// The other classes' scores in the cross-entropy figure: class 0's score z varies.
    static let otherScores: [Float] = [1, 0, -1]

    /// Cross-entropy of the scores [z, 1, 0, -1] against z in [-6, 6], when class 0 (z's own)
    /// is the right class and when class 1 is; the gradient is the one with respect to z.
    static func crossEntropy(samples: Int) -> (rightClass: LossCurve, wrongClass: LossCurve) {
        let z = Tensor.linspace(-6, 6, steps: samples)
        let classes = otherScores.count + 1
        func curve(label: Int) -> LossCurve {
            let targets = Tensor([Int](repeating: label, count: samples))
            // Each row is [z, 1, 0, -1]; z's gradient is column 0 of the rows' gradient.
            let full = LossCurve(z) { z in
                let rows = Tensor.cat([z.reshape(samples, 1),
                                       Tensor(shape: [samples, classes - 1],
                                              scalars: Array([[Float]](repeating: otherScores, count: samples).joined()))],
                                      dim: 1)
                return CrossEntropyLoss(reduction: .none)(rows, targets)
            }
            return full
        }
        return (curve(label: 0), curve(label: 1))
    }
}
