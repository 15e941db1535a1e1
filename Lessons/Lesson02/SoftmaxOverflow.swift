import Torchlet

/// Softmax straight from its definition, exp(xᵢ) / Σⱼ exp(xⱼ) along `dim`, with no care for
/// large scores: exp(89) is already beyond the largest Float, so scores of 1000 give inf / inf.
func naiveSoftmax(_ x: Tensor, dim: Int) -> Tensor {
    let exponentials = x.exp()
    return exponentials / exponentials.sum(dim: dim, keepDim: true)
}

/// The row sums of softmax over a random batch of scores: each should be 1.
func softmaxRowSums(rows: Int, columns: Int, seed: UInt64) -> (scores: Tensor, probabilities: Tensor, sums: Tensor) {
    let scores = withSeed(seed) { Tensor.randn([rows, columns]) }
    let probabilities = Softmax(dim: 1)(scores)
    return (scores, probabilities, probabilities.sum(dim: 1))
}
