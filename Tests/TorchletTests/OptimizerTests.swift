import Foundation
import Testing
import Torchlet

/// The optimizers against PyTorch's trajectories (Fixtures/optimizers.json, made by
/// Tests/Reference/make_optimizer_reference.py): every optimizer and option, step by step, and
/// the final state under PyTorch's names. Then what a training loop relies on: gradients cleared
/// by `zeroGrad()`, parameters without a gradient left alone, state that survives a checkpoint,
/// bad state rejected without harm, and parameters updated in place.
@Suite("Optimizers")
struct OptimizerTests {
    static let caseNames = optimizerReference?.cases.map(\.name) ?? []

    @Test("every step equals PyTorch's", arguments: caseNames)
    func matchesPyTorch(name: String) throws {
        let reference = try #require(optimizerReference)
        let testCase = try #require(reference.cases.first { $0.name == name })
        let problem = RegressionProblem(reference)
        let optimizer = makeOptimizer(testCase, problem.parameters)
        for step in 0..<reference.steps {
            let loss = problem.trainingStep(optimizer)
            expectClose([loss], [testCase.losses[step]], tolerance: 1e-5)
            expectClose(problem.weight.scalars, testCase.weights[step], tolerance: 1e-5)
            expectClose(problem.bias.scalars, testCase.biases[step], tolerance: 1e-5)
        }
        let state = Dictionary(uniqueKeysWithValues: optimizer.stateDict().map { ($0.name, $0.tensor) })
        #expect(state.keys.sorted() == testCase.finalState.keys.sorted())
        for (key, expected) in testCase.finalState {
            guard let tensor = state[key] else { continue }
            #expect(tensor.shape == expected.shape, "\(key)")
            expectClose(tensor.scalars, expected.values, tolerance: 1e-5)
        }
    }

    @Test("the fixture covers every optimizer and the options that change the rule")
    func fixtureCoversEveryOptimizer() throws {
        let cases = try #require(optimizerReference).cases
        #expect(Set(cases.map(\.optimizer)) == ["SGD", "Adam", "AdamW", "Adagrad", "RMSprop"])
        let options = cases.map(\.options)
        #expect(options.contains { $0.nesterov == true && ($0.weightDecay ?? 0) > 0 })
        #expect(options.contains { ($0.dampening ?? 0) > 0 })
        #expect(options.contains { $0.amsgrad == true && ($0.weightDecay ?? 0) > 0 })
        #expect(options.contains { ($0.lrDecay ?? 0) > 0 && ($0.initialAccumulatorValue ?? 0) > 0 })
        #expect(options.contains { $0.centered == true && ($0.momentum ?? 0) > 0 })
        // With these betas amsgrad's running maximum differs from v, so amsgrad is really tested.
        let amsgrad = try #require(cases.first { $0.name == "Adam amsgrad+weightDecay+betas" })
        let plain = try #require(cases.first { $0.name == "Adam betas (v falls)" })
        #expect(
            amsgrad.finalState["state.0.max_exp_avg_sq"]?.values != amsgrad.finalState["state.0.exp_avg_sq"]?.values)
        #expect(amsgrad.weights.last != plain.weights.last)
    }

    // MARK: Gradients

    @Test func zeroGradClearsEveryGradientAndGradientsAccumulateUntilThen() throws {
        let problem = try RegressionProblem(#require(optimizerReference))
        let optimizer = SGD(problem.parameters, lr: 0.1)
        problem.loss().backward()
        let once = try #require(problem.weight.grad).scalars
        problem.loss().backward()
        expectClose(try #require(problem.weight.grad).scalars, once.map { 2 * $0 }, tolerance: 1e-6)

        optimizer.zeroGrad()
        #expect(problem.weight.grad == nil)
        #expect(problem.bias.grad == nil)
        // Without gradients a step changes nothing.
        let before = problem.parameters.map(\.scalars)
        optimizer.step()
        #expect(problem.parameters.map(\.scalars) == before)
    }

    @Test("a parameter without a gradient is neither updated nor given state", arguments: optimizerKinds)
    func parametersWithoutGradientAreSkipped(kind: String) {
        let used = Tensor([1.0, -2, 3], requiresGrad: true)
        let unused = Tensor([4.0, 5], requiresGrad: true)
        let frozen = Tensor([6.0])  // does not even require a gradient
        let optimizer = makeOptimizer(kind: kind, [used, unused, frozen])
        for _ in 0..<3 {
            optimizer.zeroGrad()
            (used * used).sum().backward()
            optimizer.step()
        }
        #expect(used.scalars != [1, -2, 3])
        #expect(unused.scalars == [4, 5])
        #expect(frozen.scalars == [6])
        let names = optimizer.stateDict().map(\.name)
        if kind == "Adagrad" {
            // Adagrad's state exists from the start, as in PyTorch; the unused step count stays 0.
            let state = Dictionary(uniqueKeysWithValues: optimizer.stateDict().map { ($0.name, $0.tensor) })
            #expect(state["state.0.step"]?.scalars == [3])
            #expect(state["state.1.step"]?.scalars == [0])
            #expect(state["state.1.sum"]?.scalars == [0.1, 0.1])  // initialAccumulatorValue
        } else {
            #expect(!names.contains { $0.hasPrefix("state.1.") || $0.hasPrefix("state.2.") }, "\(names)")
            #expect(names.isEmpty == (kind == "SGD"), "\(names)")  // plain SGD keeps no state at all
        }
    }

    @Test func aGradientOfTheWrongSizeIsAClearError() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let w = Tensor([1.0, 2], requiresGrad: true)
            w.grad = Tensor([1.0, 2, 3])
            Adam([w]).step()
        }
        expectMessage(result, contains: "Adam.step(): a parameter of shape [2] has a gradient of shape [3]")
    }

    // MARK: Memory

    @Test("parameters are updated in place: same tensors, same storage", arguments: optimizerKinds)
    func parametersAreUpdatedInPlace(kind: String) throws {
        let problem = try RegressionProblem(#require(optimizerReference))
        let optimizer = makeOptimizer(kind: kind, problem.parameters)
        let tensors = problem.parameters
        // The first step copies the numbers once: they came from the fixture, which still holds
        // them (copy on write). From then on each step writes into the same buffer, even while
        // the loss and its graph are alive.
        _ = problem.trainingStep(optimizer)
        let addresses = tensors.map(storageAddress)
        for _ in 0..<3 { _ = problem.trainingStep(optimizer) }
        #expect(zip(optimizer.parameters, tensors).allSatisfy { $0 === $1 })
        #expect(zip(problem.parameters, tensors).allSatisfy { $0 === $1 })
        #expect(tensors.map(storageAddress) == addresses)
        #expect(tensors.allSatisfy { $0.isLeaf && $0.requiresGrad })
    }

    @Test func numbersSharedElsewhereKeepTheirValues() {
        let w = Tensor([1.0, 2], requiresGrad: true)
        let snapshot = w.detach()  // shares the numbers until one side changes (copy on write)
        w.grad = Tensor([1.0, 1])
        SGD([w], lr: 0.5).step()
        #expect(w.scalars == [0.5, 1.5])
        #expect(snapshot.scalars == [1, 2])
    }

    // MARK: State

    @Test(
        "state saved after 3 steps and loaded into a fresh optimizer continues the same trajectory",
        arguments: optimizerKinds)
    func stateDictRoundTrip(kind: String) throws {
        let reference = try #require(optimizerReference)
        let uninterrupted = RegressionProblem(reference)
        let optimizer = makeOptimizer(kind: kind, uninterrupted.parameters)
        for _ in 0..<3 { _ = uninterrupted.trainingStep(optimizer) }
        let saved = optimizer.stateDict().map { ($0.name, $0.tensor.detach()) }
        let savedValues = Dictionary(uniqueKeysWithValues: saved)

        let resumed = RegressionProblem(reference, startingAt: uninterrupted)
        let fresh = makeOptimizer(kind: kind, resumed.parameters)
        try fresh.loadStateDict(savedValues)
        #expect(fresh.stateDict().map(\.name) == saved.map(\.0))
        for _ in 0..<5 {
            _ = uninterrupted.trainingStep(optimizer)
            _ = resumed.trainingStep(fresh)
        }
        #expect(resumed.weight.scalars == uninterrupted.weight.scalars)
        #expect(resumed.bias.scalars == uninterrupted.bias.scalars)
        // The saved tensors are copies: training on did not change them.
        let later = Dictionary(uniqueKeysWithValues: optimizer.stateDict().map { ($0.name, $0.tensor) })
        for (name, tensor) in saved where name.hasSuffix("step") {
            #expect(tensor.scalars == [3], "\(name)")
            #expect(later[name]?.scalars == [8], "\(name)")
        }
    }

    @Test("bad state is rejected, named, and changes nothing", arguments: optimizerKinds.filter { $0 != "SGD" })
    func loadStateDictRejectsBadState(kind: String) throws {
        let reference = try #require(optimizerReference)
        let problem = RegressionProblem(reference)
        let optimizer = makeOptimizer(kind: kind, problem.parameters)
        for _ in 0..<2 { _ = problem.trainingStep(optimizer) }
        let good = Dictionary(uniqueKeysWithValues: optimizer.stateDict().map { ($0.name, $0.tensor.detach()) })
        let before = optimizer.stateDict().map { "\($0.name)=\($0.tensor.scalars)" }
        let bufferName = try #require(good.keys.filter { !$0.hasSuffix(".step") }.sorted().first)

        if good["state.1.step"] != nil {
            // The other entries of parameter 1 are there, its step count is not.
            var missing = good
            missing["state.1.step"] = nil
            #expect(throws: CheckpointError.missingKey("state.1.step")) { try optimizer.loadStateDict(missing) }

            var wrongStep = good
            wrongStep["state.0.step"] = Tensor([2.0])
            #expect(throws: CheckpointError.shapeMismatch(key: "state.0.step", saved: [1], expected: [])) {
                try optimizer.loadStateDict(wrongStep)
            }
        }

        var unexpected = good
        unexpected["state.0.nonsense"] = Tensor([1.0])
        unexpected["state.7.exp_avg"] = Tensor([1.0])
        #expect(throws: CheckpointError.unexpectedKey("state.0.nonsense")) { try optimizer.loadStateDict(unexpected) }
        #expect(throws: CheckpointError.unexpectedKey("step")) {
            try optimizer.loadStateDict(good.merging(["step": Tensor(3)]) { a, _ in a })
        }

        var wrongShape = good
        wrongShape[bufferName] = Tensor.zeros([2, 3])
        #expect(throws: CheckpointError.shapeMismatch(key: bufferName, saved: [2, 3], expected: [3, 2])) {
            try optimizer.loadStateDict(wrongShape)
        }

        #expect(optimizer.stateDict().map { "\($0.name)=\($0.tensor.scalars)" } == before)
    }

    @Test func stateNamesArePyTorchs() throws {
        let problem = try RegressionProblem(#require(optimizerReference))
        let expected: [String: [String]] = [
            "SGD": [],
            "SGD momentum": ["momentum_buffer"],
            "Adam": ["step", "exp_avg", "exp_avg_sq"],
            "Adam amsgrad": ["step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq"],
            "AdamW": ["step", "exp_avg", "exp_avg_sq"],
            "Adagrad": ["step", "sum"],
            "RMSprop": ["step", "square_avg"],
            "RMSprop centered momentum": ["step", "square_avg", "momentum_buffer", "grad_avg"],
        ]
        for (kind, names) in expected {
            let optimizer = makeOptimizer(kind: kind, problem.parameters)
            problem.loss().backward()
            optimizer.step()
            optimizer.zeroGrad()
            #expect(
                optimizer.stateDict().map(\.name) == names.map { "state.0.\($0)" } + names.map { "state.1.\($0)" },
                "\(kind)")
        }
    }

    @Test func checkpointWithAdamResumesTraining() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("torchlet-optimizer-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/run.safetensors"
        let x = withSeed(3) { Tensor.randn([5, 3]) }, y = withSeed(4) { Tensor.randn([5, 2]) }
        func train(_ model: Sequential, _ optimizer: some Optimizer, steps: Int) {
            for _ in 0..<steps {
                optimizer.zeroGrad()
                MSELoss()(model(x), y).backward()
                optimizer.step()
            }
        }
        let model = withSeed(1) { Sequential(Linear(3, 4), Linear(4, 2)) }
        let optimizer = Adam(model.parameters(), lr: 0.01, amsgrad: true)
        train(model, optimizer, steps: 3)
        try model.save(to: path, optimizer: optimizer)
        #expect(try SafeTensors.read(from: path).keys.contains("optimizer.state.3.max_exp_avg_sq"))

        let restored = withSeed(2) { Sequential(Linear(3, 4), Linear(4, 2)) }
        let restoredOptimizer = Adam(restored.parameters(), lr: 0.01, amsgrad: true)
        try restored.load(from: path, optimizer: restoredOptimizer)
        train(model, optimizer, steps: 4)
        train(restored, restoredOptimizer, steps: 4)
        #expect(restored.parameters().map(\.scalars) == model.parameters().map(\.scalars))

        // A plain Adam does not know amsgrad's buffers: the file's extra state is named.
        let plain = Adam(withSeed(2) { Sequential(Linear(3, 4), Linear(4, 2)) }.parameters())
        #expect(throws: CheckpointError.unexpectedKey("optimizer.state.0.max_exp_avg_sq")) {
            try Sequential(Linear(3, 4), Linear(4, 2)).load(from: path, optimizer: plain)
        }
    }
}

// MARK: - The problem the fixture was made with

/// mean((x · W + b − y)²) with the fixture's x, y and starting W, b.
final class RegressionProblem {
    let x: Tensor, y: Tensor, weight: Tensor, bias: Tensor
    var parameters: [Tensor] { [weight, bias] }

    init(_ reference: OptimizerReferenceFile) {
        x = reference.x.tensor()
        y = reference.y.tensor()
        weight = reference.weight.tensor(requiresGrad: true)
        bias = reference.bias.tensor(requiresGrad: true)
    }

    /// The same problem, with W and b copied from `other` (as if loaded from a checkpoint).
    init(_ reference: OptimizerReferenceFile, startingAt other: RegressionProblem) {
        x = reference.x.tensor()
        y = reference.y.tensor()
        weight = Tensor(shape: other.weight.shape, scalars: other.weight.scalars, requiresGrad: true)
        bias = Tensor(shape: other.bias.shape, scalars: other.bias.scalars, requiresGrad: true)
    }

    func loss() -> Tensor { MSELoss()(x.matmul(weight) + bias, y) }

    /// zeroGrad, loss, backward, step, as PyTorch's loop does; returns the loss before the step.
    func trainingStep(_ optimizer: any Optimizer) -> Float {
        optimizer.zeroGrad()
        let loss = loss()
        loss.backward()
        optimizer.step()
        return loss.item()
    }
}

/// One optimizer of each kind with options that exercise its state.
let optimizerKinds = [
    "SGD", "SGD momentum", "SGD nesterov", "Adam", "Adam amsgrad", "AdamW", "Adagrad",
    "RMSprop", "RMSprop centered momentum",
]

func makeOptimizer(kind: String, _ parameters: [Tensor]) -> any Optimizer {
    switch kind {
    case "SGD": return SGD(parameters, lr: 0.1)
    case "SGD momentum": return SGD(parameters, lr: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 0.01)
    case "SGD nesterov": return SGD(parameters, lr: 0.1, momentum: 0.9, nesterov: true)
    case "Adam": return Adam(parameters, lr: 0.05)
    case "Adam amsgrad": return Adam(parameters, lr: 0.05, betas: (0.9, 0.5), weightDecay: 0.1, amsgrad: true)
    case "AdamW": return AdamW(parameters, lr: 0.05)
    case "Adagrad": return Adagrad(parameters, lr: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.1)
    case "RMSprop": return RMSprop(parameters, lr: 0.01)
    case "RMSprop centered momentum": return RMSprop(parameters, lr: 0.01, momentum: 0.9, centered: true)
    default: fatalError("unknown optimizer kind \(kind)")
    }
}

/// The optimizer a fixture case describes, with PyTorch's defaults for the options it leaves out.
func makeOptimizer(_ testCase: OptimizerReferenceCase, _ parameters: [Tensor]) -> any Optimizer {
    let o = testCase.options
    let betas = o.betas.map { ($0[0], $0[1]) } ?? (0.9, 0.999)
    switch testCase.optimizer {
    case "SGD":
        return SGD(
            parameters, lr: o.lr, momentum: o.momentum ?? 0, dampening: o.dampening ?? 0,
            weightDecay: o.weightDecay ?? 0, nesterov: o.nesterov ?? false)
    case "Adam":
        return Adam(
            parameters, lr: o.lr, betas: betas, eps: o.eps ?? 1e-8, weightDecay: o.weightDecay ?? 0,
            amsgrad: o.amsgrad ?? false)
    case "AdamW":
        return AdamW(
            parameters, lr: o.lr, betas: betas, eps: o.eps ?? 1e-8, weightDecay: o.weightDecay ?? 1e-2,
            amsgrad: o.amsgrad ?? false)
    case "Adagrad":
        return Adagrad(
            parameters, lr: o.lr, lrDecay: o.lrDecay ?? 0, weightDecay: o.weightDecay ?? 0,
            initialAccumulatorValue: o.initialAccumulatorValue ?? 0, eps: o.eps ?? 1e-10)
    case "RMSprop":
        return RMSprop(
            parameters, lr: o.lr, alpha: o.alpha ?? 0.99, eps: o.eps ?? 1e-8,
            weightDecay: o.weightDecay ?? 0, momentum: o.momentum ?? 0, centered: o.centered ?? false)
    default:
        fatalError("unknown optimizer \(testCase.optimizer) in the fixture")
    }
}

/// Where a tensor's numbers live, to tell an update in place from a copy.
func storageAddress(_ tensor: Tensor) -> Int {
    tensor.scalars.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) }
}

// MARK: - The fixture

/// Tests/TorchletTests/Fixtures/optimizers.json, or `nil` if it cannot be read.
let optimizerReference: OptimizerReferenceFile? = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/optimizers.json")
    guard let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(OptimizerReferenceFile.self, from: data)
}()

struct OptimizerReferenceFile: Decodable, Sendable {
    let torch: String
    let steps: Int
    let x: OptimizerReferenceTensor
    let y: OptimizerReferenceTensor
    let weight: OptimizerReferenceTensor
    let bias: OptimizerReferenceTensor
    let cases: [OptimizerReferenceCase]
    let schedulers: [SchedulerReferenceCase]
}

struct OptimizerReferenceCase: Decodable, Sendable {
    let name: String
    let optimizer: String
    let options: OptimizerReferenceOptions
    let losses: [Float]
    let weights: [[Float]]
    let biases: [[Float]]
    let finalState: [String: OptimizerReferenceTensor]
}

/// The arguments of a case, under Torchlet's names; missing ones take PyTorch's defaults.
struct OptimizerReferenceOptions: Decodable, Sendable {
    let lr: Float
    let momentum: Float?
    let dampening: Float?
    let weightDecay: Float?
    let nesterov: Bool?
    let betas: [Float]?
    let eps: Float?
    let amsgrad: Bool?
    let lrDecay: Float?
    let initialAccumulatorValue: Float?
    let alpha: Float?
    let centered: Bool?
}

struct SchedulerReferenceCase: Decodable, Sendable {
    let name: String
    let scheduler: String
    let lr: Float
    let options: SchedulerReferenceOptions
    let learningRates: [Double]
}

struct SchedulerReferenceOptions: Decodable, Sendable {
    let stepSize: Int?
    let gamma: Float?
    let tMax: Int?
    let etaMin: Float?
}

struct OptimizerReferenceTensor: Decodable, Sendable {
    let shape: [Int]
    let values: [Float]

    func tensor(requiresGrad: Bool = false) -> Tensor {
        Tensor(shape: shape, scalars: values, requiresGrad: requiresGrad)
    }
}
