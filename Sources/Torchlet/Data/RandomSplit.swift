/// Splits a dataset at random into non-overlapping subsets of the given sizes: PyTorch's
/// `torch.utils.data.random_split`.
///
///     let parts = randomSplit(data, lengths: [50_000, 10_000], seed: 42)
///     let train = parts[0], validation = parts[1]
///     let halves = randomSplit(data, fractions: [0.5, 0.5], seed: 42)
///
/// The samples are shuffled once, `randperm(count)`, and the shuffled order is cut into pieces
/// of `lengths[0]`, `lengths[1]`, ... samples. The permutation comes from a generator seeded
/// with `seed` (PyTorch's `generator=torch.Generator().manual_seed(seed)`) or, without one,
/// straight from the default generator, as PyTorch's default `generator=default_generator`;
/// either way the split is the one PyTorch makes for the same seed.
public func randomSplit(_ dataset: any Dataset, lengths: [Int], seed: UInt64? = nil) -> [Subset] {
    for length in lengths where length < 0 {
        failure("randomSplit: lengths must not be negative, but got \(lengths.formatted)")
    }
    let total = lengths.reduce(0, +)
    guard total == dataset.count else {
        failure(
            "randomSplit: sum of input lengths does not equal the length of the input dataset: the lengths "
                + "\(lengths.formatted) add up to \(total), but the dataset holds \(dataset.count) samples")
    }
    let order: [Int]
    if let seed {
        var generator = Generator(seed: seed)
        order = generator.permutation(total)
    } else {
        order = DefaultGenerator.withGenerator { $0.permutation(total) }
    }
    var start = 0
    return lengths.map { length in
        defer { start += length }
        return Subset(dataset, indices: Array(order[start..<(start + length)]))
    }
}

/// Splits a dataset at random into subsets holding the given fractions of its samples, which
/// must add up to 1. As in PyTorch, each subset gets `floor(fraction × count)` samples and the
/// few left over are handed out one each to the first subsets.
public func randomSplit(_ dataset: any Dataset, fractions: [Double], seed: UInt64? = nil) -> [Subset] {
    for (i, fraction) in fractions.enumerated() where !(fraction >= 0 && fraction <= 1) {
        failure("randomSplit: fraction at index \(i) is not between 0 and 1 (fractions \(fractions))")
    }
    let sum = fractions.reduce(0, +)
    guard abs(sum - 1) <= 1e-9 else {
        failure("randomSplit: the fractions \(fractions) add up to \(sum), not 1")
    }
    var lengths = fractions.map { Int((Double(dataset.count) * $0).rounded(.down)) }
    let remainder = dataset.count - lengths.reduce(0, +)
    for i in 0..<remainder { lengths[i % lengths.count] += 1 }
    return randomSplit(dataset, lengths: lengths, seed: seed)
}
