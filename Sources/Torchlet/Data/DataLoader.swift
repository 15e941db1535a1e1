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
/// - with `shuffle`, every pass visits the samples in a new random order;
/// - with `dropLast`, an incomplete last batch is left out, so every batch has `batchSize` samples.
///
/// Where the random numbers come from is PyTorch's, draw for draw (compared with PyTorch's
/// `DataLoader` over 3 epochs), so a seed gives PyTorch's order of the samples:
/// - every pass, shuffled or not, first draws a "base seed" (`random64()`) from the loader's
///   generator, as PyTorch's loader does for its worker processes (Torchlet has none, but the
///   draw keeps the numbers after it in step with PyTorch);
/// - without a generator (`seed: nil`), the shuffle then draws a seed from the default
///   generator (as `RandomSampler` does) and takes `randperm(count)` from a fresh generator
///   seeded with it; the default generator advances by two 64-bit draws per pass;
/// - with `seed:` (PyTorch's `generator=torch.Generator().manual_seed(seed)`), the loader's own
///   generator draws the base seed and `randperm(count)`, and, when a pass runs to its end,
///   one more `randperm(count)` that nobody uses (PyTorch's `RandomSampler` computes it to
///   hand out the "remaining" `count % count` = 0 samples).
/// The draws happen when a pass starts (`makeIterator()`), where PyTorch draws the base seed,
/// and PyTorch draws the rest when the first batch is asked for, which for a `for` loop is
/// the same moment.
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
    /// The seed of the loader's own generator, or `nil` for a loader that draws from the
    /// default generator.
    public let seed: UInt64?

    /// The loader's own generator (PyTorch's `generator=`), if it was given a seed.
    private var generator: Torchlet.Generator?

    /// Makes a loader over `dataset`. PyTorch's defaults: one sample per batch, in order, and
    /// random numbers from the default generator; with `seed`, from a generator of its own
    /// seeded like `torch.Generator().manual_seed(seed)`.
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
        self.seed = seed
        self.generator = seed.map { Torchlet.Generator(seed: $0) }
    }

    /// Makes a loader that draws from `generator`, PyTorch's `DataLoader(..., generator=g)`:
    /// the loader keeps its own copy, which advances pass by pass (`seed` is its `initialSeed`).
    public convenience init(
        _ dataset: any Dataset, batchSize: Int = 1, shuffle: Bool = false, dropLast: Bool = false,
        generator: Torchlet.Generator
    ) {
        self.init(dataset, batchSize: batchSize, shuffle: shuffle, dropLast: dropLast, seed: generator.initialSeed)
        self.generator = generator
    }

    /// The number of batches in one pass: `count / batchSize`, rounded up, or down with `dropLast`.
    public var count: Int {
        dropLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize
    }

    public var underestimatedCount: Int { count }

    /// Starts a pass over the data: draws the base seed and, with `shuffle`, this pass's order.
    public func makeIterator() -> Iterator {
        let n = dataset.count
        let order: [Int]?
        if var own = generator {
            _ = own.nextInt64Seed()
            order = shuffle ? own.permutation(n) : nil
            generator = own
        } else {
            order = DefaultGenerator.withGenerator { global -> [Int]? in
                _ = global.nextInt64Seed()
                guard shuffle else { return nil }
                var sampler = Torchlet.Generator(seed: global.nextInt64Seed())
                return sampler.permutation(n)
            }
        }
        return Iterator(
            dataset: dataset, order: order, batchSize: batchSize, batches: count,
            onEnd: shuffle && generator != nil ? { [self] in drawUnusedPermutation() } : nil)
    }

    /// PyTorch's `RandomSampler`, given a generator, draws a second permutation at the end of
    /// each pass (for the zero samples left over); draw it too, so the next pass is PyTorch's.
    private func drawUnusedPermutation() {
        _ = generator?.permutation(dataset.count)
    }

    /// One pass over the data, batch by batch.
    public struct Iterator: IteratorProtocol {
        let dataset: any Dataset
        /// The shuffled order of the sample indices, or `nil` for `0, 1, 2, ...`.
        let order: [Int]?
        let batchSize: Int
        let batches: Int
        private var batch = 0
        /// Called once, when `next()` first finds the pass over.
        private var onEnd: (() -> Void)?

        init(dataset: any Dataset, order: [Int]?, batchSize: Int, batches: Int, onEnd: (() -> Void)?) {
            self.dataset = dataset
            self.order = order
            self.batchSize = batchSize
            self.batches = batches
            self.onEnd = onEnd
        }

        /// The next batch: inputs `[b, ...]` and labels `[b, ...]`, `b` being `batchSize` or
        /// fewer for the last one; `nil` when the pass is over.
        public mutating func next() -> (inputs: Tensor, labels: Tensor)? {
            guard batch < batches else {
                onEnd?()
                onEnd = nil
                return nil
            }
            let start = batch * batchSize
            let end = Swift.min(start + batchSize, dataset.count)
            batch += 1
            let indices = order.map { Array($0[start..<end]) } ?? Array(start..<end)
            return dataset.batch(at: indices)
        }
    }
}
