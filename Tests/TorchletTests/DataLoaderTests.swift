import Testing
@testable import Torchlet

/// Datasets, the DataLoader and randomSplit: every sample once per epoch, seeded shuffles,
/// dropLast, dtypes, the fast batch path against the generic one, and no per-epoch copies.
@Suite("Data loading")
struct DataLoaderTests {
    /// `n` samples: input `i` is `[i, 10·i]` (float), label `i` is `i` (int64), so a batch shows
    /// which samples it holds and whether inputs and labels stayed paired.
    static func numbered(_ n: Int) -> TensorDataset {
        TensorDataset(
            Tensor(shape: [n, 2], scalars: (0..<n).flatMap { [Float($0), Float(10 * $0)] }),
            Tensor(shape: [n], scalars: (0..<n).map(Float.init), dtype: .int64))
    }

    /// The sample numbers of every batch of one pass, checking each batch's pairing on the way.
    static func pass(_ loader: DataLoader, sourceLocation: SourceLocation = #_sourceLocation) -> [[Int]] {
        loader.map { inputs, labels in
            let ids = labels.scalars.map { Int($0) }
            #expect(inputs.scalars == ids.flatMap { [Float($0), Float(10 * $0)] }, sourceLocation: sourceLocation)
            return ids
        }
    }

    // MARK: Datasets

    @Test func tensorDatasetSamples() {
        let data = Self.numbered(5)
        #expect(data.count == 5)
        let (x, y) = data[3]
        #expect(x.shape == [2] && x.scalars == [3, 30] && x.dtype == .float32)
        #expect(y.shape == [] && y.scalars == [3] && y.dtype == .int64)
        #expect(!x.requiresGrad)
    }

    @Test func orderedBatches() {
        let loader = DataLoader(Self.numbered(10), batchSize: 3)
        #expect(loader.count == 4)
        #expect(Self.pass(loader) == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]])
        #expect(Self.pass(loader) == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]])
        let (inputs, labels) = Array(loader)[0]
        #expect(inputs.shape == [3, 2] && inputs.dtype == .float32)
        #expect(labels.shape == [3] && labels.dtype == .int64)
    }

    @Test func batchCountsAndDropLast() {
        for (n, size, dropLast, expected) in [
            (10, 3, false, 4), (10, 3, true, 3), (9, 3, false, 3), (9, 3, true, 3),
            (2, 5, false, 1), (2, 5, true, 0), (0, 4, false, 0), (7, 1, false, 7),
        ] {
            let loader = DataLoader(Self.numbered(n), batchSize: size, shuffle: true, dropLast: dropLast, seed: 1)
            #expect(loader.count == expected, "n=\(n) batchSize=\(size) dropLast=\(dropLast)")
            let batches = Self.pass(loader)
            #expect(batches.count == expected)
            if dropLast { #expect(batches.allSatisfy { $0.count == size }) }
        }
        // PyTorch's default: one sample per batch.
        #expect(DataLoader(Self.numbered(4)).count == 4)
    }

    @Test func everySampleOncePerEpoch() {
        let loader = DataLoader(Self.numbered(23), batchSize: 4, shuffle: true, seed: 7)
        for _ in 0..<5 {
            let batches = Self.pass(loader)
            #expect(batches.map(\.count) == [4, 4, 4, 4, 4, 3])
            #expect(batches.joined().sorted() == Array(0..<23))
        }
    }

    @Test func dropLastLeavesOutOnlyTheRemainder() {
        let loader = DataLoader(Self.numbered(23), batchSize: 4, shuffle: true, dropLast: true, seed: 7)
        let samples = Self.pass(loader).joined()
        #expect(samples.count == 20 && Set(samples).count == 20)
    }

    @Test func shuffleDiffersBetweenEpochsAndRepeatsForTheSameSeed() {
        let a = DataLoader(Self.numbered(50), batchSize: 8, shuffle: true, seed: 42)
        let b = DataLoader(Self.numbered(50), batchSize: 8, shuffle: true, seed: 42)
        let c = DataLoader(Self.numbered(50), batchSize: 8, shuffle: true, seed: 43)
        let epochsA = (0..<3).map { _ in Self.pass(a) }
        let epochsB = (0..<3).map { _ in Self.pass(b) }
        let epochsC = (0..<3).map { _ in Self.pass(c) }
        #expect(epochsA == epochsB)
        #expect(epochsA != epochsC)
        #expect(epochsA[0] != epochsA[1] && epochsA[1] != epochsA[2])
        #expect(Array(epochsA[0].joined()) != Array(0..<50))
    }

    @Test func withoutASeedEveryPassDrawsFromTheDefaultGenerator() {
        let loader = DataLoader(Self.numbered(20), batchSize: 4, shuffle: true)
        #expect(loader.seed == nil)
        let first = withSeed(5) { Self.pass(loader) }
        #expect(withSeed(5) { Self.pass(loader) } == first)
        #expect(withSeed(6) { Self.pass(loader) } != first)
        // PyTorch: torch.manual_seed(5); DataLoader(range(20), batch_size=4, shuffle=True).
        #expect(first == [[8, 5, 12, 19], [1, 10, 2, 11], [13, 4, 3, 7], [14, 6, 18, 16], [17, 0, 9, 15]])
        // Two passes in a row differ, since the default generator moves on.
        let (one, two) = withSeed(5) { (Self.pass(loader), Self.pass(loader)) }
        #expect(one == first && two != first)
    }

    @Test func makingALoaderDrawsNothingAndAnOrderedPassDrawsItsBaseSeed() {
        let reference = withSeed(9) { Tensor.rand([2]).scalars }
        let afterMaking = withSeed(9) { () -> [Float] in
            _ = DataLoader(Self.numbered(20), batchSize: 4, shuffle: true)
            _ = DataLoader(Self.numbered(20), batchSize: 4)
            return Tensor.rand([2]).scalars
        }
        #expect(afterMaking == reference)
        // As in PyTorch, every pass draws a 64-bit "base seed" (for worker processes), even
        // an ordered one, so the numbers after it are PyTorch's.
        let afterPass = withSeed(9) { () -> [Float] in
            _ = Self.pass(DataLoader(Self.numbered(20), batchSize: 4))
            return Tensor.rand([2]).scalars
        }
        let afterOneDraw = withSeed(9) { () -> [Float] in
            _ = DefaultGenerator.withGenerator { $0.random64() }
            return Tensor.rand([2]).scalars
        }
        #expect(afterPass == afterOneDraw && afterPass != reference)
    }

    @Test func aGivenGeneratorIsUsedFromWhereItStands() {
        var generator = Generator(seed: 0)
        let fresh = DataLoader(Self.numbered(10), batchSize: 10, shuffle: true, generator: generator)
        #expect(fresh.seed == 0)
        #expect(Self.pass(fresh) == Self.pass(DataLoader(Self.numbered(10), batchSize: 10, shuffle: true, seed: 0)))
        _ = generator.random()
        let advanced = DataLoader(Self.numbered(10), batchSize: 10, shuffle: true, generator: generator)
        #expect(Self.pass(advanced) != [[3, 7, 5, 2, 0, 8, 1, 6, 9, 4]])
    }

    /// PyTorch's order: DataLoader(range(10), batch_size=10, shuffle=True,
    /// generator=torch.Generator().manual_seed(0)).
    @Test func shuffleIsPyTorchs() {
        let loader = DataLoader(Self.numbered(10), batchSize: 10, shuffle: true, seed: 0)
        #expect(Self.pass(loader) == [[3, 7, 5, 2, 0, 8, 1, 6, 9, 4]])
    }

    @Test func floatLabelsStayFloatAndBoolStaysBool() {
        let data = TensorDataset(Tensor([[1.0], [2], [3]]), Tensor([[0.5], [1.5], [2.5]]))
        let (_, labels) = Array(DataLoader(data, batchSize: 2))[0]
        #expect(labels.dtype == .float32 && labels.shape == [2, 1] && labels.scalars == [0.5, 1.5])
        let masks = TensorDataset(Tensor([1.0, 2, 3]), Tensor([true, false, true]))
        let (inputs, flags) = Array(DataLoader(masks, batchSize: 3))[0]
        #expect(inputs.shape == [3] && flags.dtype == .bool && flags.scalars == [1, 0, 1])
    }

    // MARK: Fast path against generic path

    @Test func fastPathEqualsGenericStacking() {
        var rng = Generator(seed: 3)
        let images = Tensor.randn([37, 2, 3, 3], using: &rng)
        let classes = Tensor.randint(0, 10, [37], using: &rng)
        let fast = TensorDataset(images, classes)
        let generic = SamplesOnly(base: fast)
        let a = DataLoader(fast, batchSize: 5, shuffle: true, seed: 11)
        let b = DataLoader(generic, batchSize: 5, shuffle: true, seed: 11)
        for _ in 0..<2 {
            let batchesA = Array(a), batchesB = Array(b)
            #expect(batchesA.count == 8 && batchesB.count == 8)
            for (x, y) in zip(batchesA, batchesB) {
                #expect(x.inputs.shape == y.inputs.shape && x.inputs.scalars == y.inputs.scalars)
                #expect(x.labels.shape == y.labels.shape && x.labels.scalars == y.labels.scalars)
                #expect(x.labels.dtype == .int64 && y.labels.dtype == .int64)
            }
        }
        #expect(Array(a)[0].inputs.shape == [5, 2, 3, 3])
    }

    @Test func genericStackingOfScalarSamples() {
        let squares = Squares(count: 7)
        let batches = Array(DataLoader(squares, batchSize: 3))
        #expect(batches.map(\.inputs.shape) == [[3], [3], [1]])
        #expect(batches.map(\.labels.shape) == [[3, 1], [3, 1], [1, 1]])
        #expect(batches[1].labels.scalars == [9, 16, 25])
    }

    // MARK: randomSplit and Subset

    @Test func randomSplitSizesDisjointAndReproducible() {
        let data = Self.numbered(20)
        let parts = randomSplit(data, lengths: [12, 5, 3], seed: 1)
        #expect(parts.map(\.count) == [12, 5, 3])
        let all = parts.flatMap(\.indices)
        #expect(all.sorted() == Array(0..<20))
        #expect(all != Array(0..<20))
        let again = randomSplit(data, lengths: [12, 5, 3], seed: 1)
        #expect(again.map(\.indices) == parts.map(\.indices))
        #expect(randomSplit(data, lengths: [12, 5, 3], seed: 2).map(\.indices) != parts.map(\.indices))
        // The subsets hand out the samples they name, singly and in batches.
        let subset = parts[1]
        #expect(subset[0].label.item() == Float(subset.indices[0]))
        #expect(
            Self.pass(DataLoader(subset, batchSize: 2)) == [
                Array(subset.indices[0..<2]),
                Array(subset.indices[2..<4]), [subset.indices[4]],
            ])
    }

    @Test func randomSplitByFractions() {
        let parts = randomSplit(Self.numbered(11), fractions: [0.5, 0.3, 0.2], seed: 4)
        #expect(parts.map(\.count) == [6, 3, 2])  // 5 + 3 + 2 = 10; the one left over goes to the first
        #expect(parts.flatMap(\.indices).sorted() == Array(0..<11))
        #expect(
            withSeed(8) { randomSplit(Self.numbered(11), fractions: [0.5, 0.5]) }.map(\.indices)
                == withSeed(8) { randomSplit(Self.numbered(11), fractions: [0.5, 0.5]) }.map(\.indices))
    }

    @Test func subsetOfSubset() {
        let inner = Subset(Self.numbered(10), indices: [9, 7, 5, 3, 1])
        let outer = Subset(inner, indices: [4, 0])
        #expect(Self.pass(DataLoader(outer, batchSize: 2)) == [[1, 9]])
    }

    // MARK: Memory

    @Test func loaderKeepsNoBatchesAndNoCopies() {
        let data = Self.numbered(1000)
        let storage = data.inputs.scalars.withUnsafeBufferPointer { $0.baseAddress }
        let loader = DataLoader(data, batchSize: 100, shuffle: true, seed: 1)
        var batches: [WeakTensor] = []
        for _ in 0..<3 {
            for (x, y) in loader { batches += [WeakTensor(x), WeakTensor(y)] }
        }
        #expect(batches.count == 60)
        #expect(batches.allSatisfy { $0.tensor == nil }, "a batch outlived its loop iteration")
        // The dataset's numbers were read in place, never copied or replaced.
        #expect(data.inputs.scalars.withUnsafeBufferPointer { $0.baseAddress } == storage)
    }

    @Test func eachEpochFetchesEachSampleOnce() {
        let counter = FetchCounter()
        let loader = DataLoader(CountingDataset(count: 30, counter: counter), batchSize: 4, shuffle: true, seed: 2)
        for epoch in 1...3 {
            var batches = 0
            for _ in loader { batches += 1 }
            #expect(batches == 8)
            #expect(counter.fetches == 30 * epoch)
        }
    }

    // MARK: Misuse

    @Test func zeroBatchSizeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = DataLoader(DataLoaderTests.numbered(4), batchSize: 0)
        }
        expectMessage(
            result, contains: "DataLoader: batch_size should be a positive integer value, but got batchSize=0")
    }

    @Test func splitLengthsMustAddUp() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = randomSplit(DataLoaderTests.numbered(10), lengths: [8, 3], seed: 1)
        }
        expectMessage(
            result,
            contains: "randomSplit: sum of input lengths does not equal the length of the input "
                + "dataset: the lengths [8, 3] add up to 11, but the dataset holds 10 samples")
    }

    @Test func fractionsMustAddUpToOne() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = randomSplit(DataLoaderTests.numbered(10), fractions: [0.5, 0.4], seed: 1)
        }
        expectMessage(result, contains: "randomSplit: the fractions [0.5, 0.4] add up to 0.9, not 1")
    }

    @Test func tensorDatasetSizesMustMatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = TensorDataset(Tensor.zeros([5, 3]), Tensor.zeros([4]))
        }
        expectMessage(
            result,
            contains: "TensorDataset: size mismatch between tensors: inputs of shape [5, 3] hold 5 "
                + "samples, labels of shape [4] hold 4; the first dimensions must be equal")
    }

    @Test func samplesOfDifferentShapesCannotBeStacked() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Array(DataLoader(Ragged(), batchSize: 2))
        }
        expectMessage(
            result,
            contains: "DataLoader: stack expects each tensor to be equal size, but got [1] at entry 0 "
                + "and [2] at entry 1")
    }

    @Test func indexOutOfRangeStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = DataLoaderTests.numbered(3)[3]
        }
        expectMessage(result, contains: "TensorDataset: index 3 is out of bounds for dimension 0 with size 3")
    }
}

// MARK: - Test datasets

/// Hands out another dataset's samples one by one, so batches go through the generic stacking.
private struct SamplesOnly: Dataset {
    let base: TensorDataset
    var count: Int { base.count }
    subscript(index: Int) -> (input: Tensor, label: Tensor) { base[index] }
}

/// Sample `i`: input `i` (a 0-dimensional tensor), label `[i²]`.
private struct Squares: Dataset {
    let count: Int
    subscript(index: Int) -> (input: Tensor, label: Tensor) {
        (Tensor(Float(index)), Tensor([Float(index * index)]))
    }
}

/// Sample `i` has `i + 1` numbers: these cannot be stacked.
private struct Ragged: Dataset {
    var count: Int { 3 }
    subscript(index: Int) -> (input: Tensor, label: Tensor) {
        (Tensor.zeros([index + 1]), Tensor([Float(index)]))
    }
}

private final class FetchCounter: @unchecked Sendable {
    var fetches = 0
}

/// Counts how often a sample is fetched.
private struct CountingDataset: Dataset {
    let count: Int
    let counter: FetchCounter
    subscript(index: Int) -> (input: Tensor, label: Tensor) {
        counter.fetches += 1
        return (Tensor([Float(index)]), Tensor(shape: [], scalars: [Float(index)], dtype: .int64))
    }
}

private struct WeakTensor {
    weak var tensor: Tensor?
    init(_ tensor: Tensor) { self.tensor = tensor }
}
