/// Hands out a dataset in batches, one pass (an epoch) per `for` loop: PyTorch's
/// `torch.utils.data.DataLoader`.
///
///     let loader = DataLoader(TensorDataset(images, labels), batchSize: 64, shuffle: true, seed: 1)
///     for epoch in 1...5 {
///         for (x, y) in loader {              // x: [64, 784], y: [64] (int64)
///             optimizer.zeroGrad()
///             let loss = lossFunction(model(x), y)
///             loss.backward()
///             optimizer.step()
///         }
///     }
///
/// - `batchSize` samples go into each batch (the last one may be smaller);
/// - with `shuffle`, every pass visits the samples in a new random order, drawn from the
///   loader's own generator, seeded by `seed` (by default a seed drawn from the default
///   generator when the loader is made, as PyTorch draws from its global generator), so the
///   same seed gives the same sequence of epochs on every run;
/// - with `dropLast`, an incomplete last batch is left out, so every batch has `batchSize` samples.
///
/// `count` is the number of batches in one pass (PyTorch's `len(loader)`). A pass keeps only
/// the order of the indices (one `Int` per sample); each batch is copied out of the dataset
/// when it is reached and belongs to the loop body alone.
public final class DataLoader: Sequence {
    /// The samples.
    public let dataset: any Dataset
    /// The number of samples per batch.
    public let batchSize: Int
    /// Whether every pass visits the samples in a new random order.
    public let shuffle: Bool
    /// Whether an incomplete last batch is left out.
    public let dropLast: Bool
    /// The seed of the generator that shuffles, so a run can be repeated (0 for a loader that
    /// does not shuffle and was given no seed).
    public let seed: UInt64

    private var generator: SeededGenerator

    /// Makes a loader over `dataset`. PyTorch's defaults: one sample per batch, in order.
    public init(
        _ dataset: any Dataset, batchSize: Int = 1, shuffle: Bool = false, dropLast: Bool = false,
        seed: UInt64? = nil
    ) {
        guard batchSize >= 1 else {
            failure("DataLoader: batch_size should be a positive integer value, but got batchSize=\(batchSize)")
        }
        self.dataset = dataset
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        // Only a shuffling loader takes a number from the default generator: an ordered loader
        // leaves the numbers of whatever comes after it unchanged.
        self.seed = seed ?? (shuffle ? DefaultGenerator.withGenerator { $0.next() } : 0)
        self.generator = SeededGenerator(seed: self.seed)
    }

    /// The number of batches in one pass: `count / batchSize`, rounded up, or down with `dropLast`.
    public var count: Int {
        dropLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize
    }

    public var underestimatedCount: Int { count }

    /// Starts a pass over the data: with `shuffle`, draws this pass's order of the samples.
    public func makeIterator() -> Iterator {
        let order = shuffle ? randomPermutation(dataset.count, using: &generator) : nil
        return Iterator(dataset: dataset, order: order, batchSize: batchSize, batches: count)
    }

    /// One pass over the data, batch by batch.
    public struct Iterator: IteratorProtocol {
        let dataset: any Dataset
        /// The shuffled order of the sample indices, or `nil` for `0, 1, 2, ...`.
        let order: [Int]?
        let batchSize: Int
        let batches: Int
        private var batch = 0

        init(dataset: any Dataset, order: [Int]?, batchSize: Int, batches: Int) {
            self.dataset = dataset
            self.order = order
            self.batchSize = batchSize
            self.batches = batches
        }

        /// The next batch: inputs `[b, ...]` and labels `[b, ...]`, `b` being `batchSize` or
        /// fewer for the last one; `nil` when the pass is over.
        public mutating func next() -> (inputs: Tensor, labels: Tensor)? {
            guard batch < batches else { return nil }
            let start = batch * batchSize
            let end = Swift.min(start + batchSize, dataset.count)
            batch += 1
            let indices = order.map { Array($0[start..<end]) } ?? Array(start..<end)
            return dataset.batch(at: indices)
        }
    }
}
