import Foundation
import Testing
import Torchlet

/// Tests/TorchletTests/Fixtures/random.json (made by Tests/Reference/make_random_reference.py),
/// or `nil` if it cannot be read.
let randomReference: RandomReferenceFile? = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/random.json")
    guard let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(RandomReferenceFile.self, from: data)
}()

struct RandomReferenceFile: Decodable, Sendable {
    let torch: String
    let cpuCapability: String
    let cases: [Case]

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let seed: UInt64
        let ops: [Op]
        var testDescription: String { name }
    }

    /// One operation: the union of every operation's arguments, and what PyTorch returned.
    struct Op: Decodable, Sendable {
        let op: String
        let shape: [Int]?
        let low: Int?
        let high: Int?
        let n: Int?
        let a: Double?
        let b: Double?
        let mean: Double?
        let std: Double?
        let `in`: Int?
        let out: Int?
        let kernel: Int?
        let bias: Bool?
        let function: String?
        let mode: String?
        let nonlinearity: String?
        let gain: Double?
        let p: Double?
        let count: Int?
        let batchSize: Int?
        let shuffle: Bool?
        let dropLast: Bool?
        let generatorSeed: UInt64?
        let epochs: Int?
        let lengths: [Double]?
        let outputs: [Output]
    }

    /// A tensor: float32 bit patterns (all, or the first 16 of a long one) or whole numbers,
    /// with the count and the sum of all bit patterns (or numbers) modulo 2^64.
    struct Output: Decodable, Sendable, Equatable {
        let count: Int
        let bitsum: UInt64
        let bits: [UInt32]?
        let ints: [Int]?
    }
}

extension RandomReferenceFile.Output {
    /// The record of `values` in the fixture's form.
    init(floats values: [Float]) {
        let bits = values.map(\.bitPattern)
        count = bits.count
        bitsum = bits.reduce(0) { $0 &+ UInt64($1) }
        self.bits = bits.count <= 64 ? bits : Array(bits.prefix(16))
        ints = nil
    }

    init(ints values: [Int]) {
        count = values.count
        bitsum = values.reduce(0) { $0 &+ UInt64(bitPattern: Int64($1)) }
        bits = nil
        ints = values
    }
}

/// Torchlet's random numbers against PyTorch's: each case seeds a private default generator
/// as `torch.manual_seed` did, runs the same operations in the same order through Torchlet's
/// public API, and expects every bit of every number PyTorch returned.
@Suite struct RandomReferenceTests {
    @Test func theFixtureRecordsItsPyTorchVersion() throws {
        let reference = try #require(randomReference, "Fixtures/random.json is missing or unreadable")
        #expect(reference.torch.hasPrefix("2."))
        #expect(!reference.cpuCapability.isEmpty)
        #expect(reference.cases.count >= 30)
    }

    @Test(arguments: randomReference?.cases ?? [])
    func sameNumbersAsPyTorch(_ testCase: RandomReferenceFile.Case) {
        withSeed(testCase.seed) {
            for (index, op) in testCase.ops.enumerated() {
                let outputs = Self.perform(op)
                #expect(outputs.count == op.outputs.count, "op \(index) (\(op.op))")
                for (k, (mine, theirs)) in zip(outputs, op.outputs).enumerated() {
                    #expect(mine == theirs, "op \(index) (\(op.op)), output \(k)")
                }
            }
        }
    }

    /// Runs `op` on the default generator through the public API, as the script ran it in PyTorch.
    static func perform(_ op: RandomReferenceFile.Op) -> [RandomReferenceFile.Output] {
        typealias Output = RandomReferenceFile.Output
        let shape = op.shape ?? []
        switch op.op {
        case "rand":
            return [Output(floats: Tensor.rand(shape).scalars)]
        case "randn":
            return [Output(floats: Tensor.randn(shape).scalars)]
        case "randint":
            let low = op.low!, high = op.high!
            // A Tensor keeps its numbers as Float, exact only up to 2^24: draw wide ranges as Ints.
            if low >= -(1 << 24), high <= 1 << 24 {
                return [Output(ints: Tensor.randint(low, high, shape).scalars.map { Int($0) })]
            }
            return [Output(ints: DefaultGenerator.withGenerator { $0.integers(shape.reduce(1, *), in: low..<high) })]
        case "randperm":
            return [Output(ints: Tensor.randperm(op.n!).scalars.map { Int($0) })]
        case "uniform":
            return [Output(floats: Init.uniform_(Tensor.zeros(shape), a: op.a!, b: op.b!).scalars)]
        case "normal":
            return [Output(floats: Init.normal_(Tensor.zeros(shape), mean: op.mean!, std: op.std!).scalars)]
        case "linear":
            let layer = Linear(op.in!, op.out!, bias: op.bias!)
            return [Output(floats: layer.weight.scalars)] + (layer.bias.map { [Output(floats: $0.scalars)] } ?? [])
        case "conv2d":
            let layer = Conv2d(op.in!, op.out!, kernelSize: op.kernel!, bias: op.bias!)
            return [Output(floats: layer.weight.scalars)] + (layer.bias.map { [Output(floats: $0.scalars)] } ?? [])
        case "init":
            let t = Tensor.zeros(shape)
            let mode = Init.FanMode(rawValue: op.mode!)!, nonlinearity = Init.Nonlinearity(rawValue: op.nonlinearity!)!
            switch op.function! {
            case "kaiming_uniform_": Init.kaimingUniform_(t, a: op.a!, mode: mode, nonlinearity: nonlinearity)
            case "kaiming_normal_": Init.kaimingNormal_(t, a: op.a!, mode: mode, nonlinearity: nonlinearity)
            case "xavier_uniform_": Init.xavierUniform_(t, gain: op.gain!)
            case "xavier_normal_": Init.xavierNormal_(t, gain: op.gain!)
            default: Issue.record("unknown init function \(op.function!)")
            }
            return [Output(floats: t.scalars)]
        case "dropout":
            return [Output(floats: Tensor.ones(shape).dropout(p: Float(op.p!)).scalars)]
        case "dataloader":
            let n = op.count!
            let numbers = Tensor(shape: [n], scalars: (0..<n).map(Float.init), dtype: .int64)
            let loader = DataLoader(
                TensorDataset(numbers, numbers), batchSize: op.batchSize!, shuffle: op.shuffle!,
                dropLast: op.dropLast!, seed: op.generatorSeed)
            return (0..<op.epochs!).map { _ in Output(ints: loader.flatMap { $0.inputs.scalars.map { Int($0) } }) }
        case "random_split":
            let n = op.count!
            let data = TensorDataset(Tensor(shape: [n], scalars: (0..<n).map(Float.init)), Tensor.zeros([n]))
            let lengths = op.lengths!
            let parts =
                lengths.reduce(0, +) == Double(n)
                ? randomSplit(data, lengths: lengths.map { Int($0) }, seed: op.generatorSeed)
                : randomSplit(data, fractions: lengths, seed: op.generatorSeed)
            return parts.map { Output(ints: $0.indices) }
        default:
            Issue.record("unknown op \(op.op)")
            return []
        }
    }
}
