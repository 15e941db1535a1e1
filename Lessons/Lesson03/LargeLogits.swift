import Torchlet

/// What `sigmoid` + `BCELoss` and `BCEWithLogitsLoss` make of one raw score whose right answer
/// is 0 (a confident wrong answer when the score is large), with the gradient each sends back to
/// the score.
struct LargeLogitComparison {
    /// The raw score x.
    let logit: Float
    /// σ(x) as a Float: from about x = 16.6 on, exactly 1.
    let probability: Float
    /// `BCELoss()(x.sigmoid(), 0)`: clamped at 100 once σ(x) is 1.
    let twoStepLoss: Float
    /// The gradient of the two-step loss with respect to x: 0 once σ(x) is 1.
    let twoStepGradient: Float
    /// `BCEWithLogitsLoss()(x, 0)`: log(1 + eˣ), which is x for large x.
    let fusedLoss: Float
    /// The gradient of the fused loss with respect to x: σ(x) - 0.
    let fusedGradient: Float
    /// The loss in Double, from the formula: log(1 + eˣ).
    let exactLoss: Double

    static let initListing = (file: #filePath, line: #line)
    /// Both losses for one score, each computed on a fresh leaf so the gradients stay apart.
    init(logit: Float) {
        let target = Tensor([0.0])
        let x1 = Tensor([logit], requiresGrad: true)
        let probability = x1.sigmoid()
        let twoStep = BCELoss()(probability, target)
        twoStep.backward()
        let x2 = Tensor([logit], requiresGrad: true)
        let fused = BCEWithLogitsLoss()(x2, target)
        fused.backward()
        self.logit = logit
        self.probability = probability.item()
        self.twoStepLoss = twoStep.item()
        self.twoStepGradient = x1.grad!.item()
        self.fusedLoss = fused.item()
        self.fusedGradient = x2.grad!.item()
        self.exactLoss = ByHand.bceOfScoreForTargetZero(Double(logit))
    }

    /// The scores the lesson tabulates: small enough to agree, then too large for a Float σ.
    static let lessonLogits: [Float] = [2, 10, 15, 20, 50, 100]
}
