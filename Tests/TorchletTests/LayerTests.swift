import Testing
import Torchlet

/// The layers against PyTorch's numbers (Fixtures/layers.json, made by
/// Tests/Reference/make_layer_reference.py): outputs, gradients of inputs and parameters,
/// printed forms and parameter counts.
@Suite("Layers")
struct LayerTests {
    static let caseNames = layerReference?.cases.map(\.name) ?? []

    @Test("outputs and gradients equal PyTorch's", arguments: caseNames)
    func matchesPyTorch(name: String) throws {
        let reference = try #require(layerReference?.cases.first { $0.name == name })
        let module = reference.makeModule()
        let x = reference.input.tensor(requiresGrad: true)
        let y = module(x)
        #expect(y.shape == reference.output.shape)
        expectClose(y.scalars, reference.output.values, tolerance: 1e-4)
        (y * reference.upstream.tensor()).sum().backward()
        expectClose(x.grad?.scalars ?? [], reference.inputGrad.values, tolerance: 1e-4)
        let parameters = Dictionary(uniqueKeysWithValues: module.namedParameters().map { ($0.name, $0.tensor) })
        if let expected = reference.weightGrad {
            expectClose(parameters["weight"]?.grad?.scalars ?? [], expected.values, tolerance: 1e-4)
        }
        if let expected = reference.biasGrad {
            expectClose(parameters["bias"]?.grad?.scalars ?? [], expected.values, tolerance: 1e-4)
        }
        #expect(
            Set(parameters.keys)
                == Set(
                    ["weight", "bias"].filter {
                        ($0 == "weight" ? reference.weight : reference.bias) != nil
                    }))
    }

    @Test("the fixture covers every layer")
    func fixtureCoversLayers() throws {
        let layers = Set(try #require(layerReference).cases.map(\.layer))
        #expect(
            layers == [
                "conv2d", "maxpool2d", "prelu", "relu", "leakyRelu", "sigmoid", "tanh", "softmax",
                "logSoftmax", "flatten",
            ])
    }

    static var printedModules: [(String, () -> Module)] {
        [
            ("cnn", lessonCNN),
            ("conv", { Conv2d(1, 32, kernelSize: 3, padding: 1) }),
            ("conv no padding", { Conv2d(3, 8, kernelSize: 5) }),
            (
                "conv rectangular no bias",
                {
                    Conv2d(2, 4, kernelSize: (3, 2), stride: (2, 1), padding: (1, 0), bias: false)
                }
            ),
            ("maxpool", { MaxPool2d(kernelSize: 2) }),
            ("maxpool pairs", { MaxPool2d(kernelSize: (2, 2), stride: (1, 1), padding: (1, 1)) }),
            ("maxpool stride padding", { MaxPool2d(kernelSize: 3, stride: 2, padding: 1) }),
            ("relu", { ReLU() }), ("sigmoid", { Sigmoid() }), ("tanh", { Tanh() }),
            ("leaky relu", { LeakyReLU() }), ("leaky relu 0.2", { LeakyReLU(negativeSlope: 0.2) }),
            ("prelu", { PReLU() }), ("prelu 3", { PReLU(numParameters: 3) }),
            ("softmax", { Softmax(dim: 1) }), ("log softmax", { LogSoftmax(dim: -1) }),
            ("flatten", { Flatten() }), ("dropout", { Dropout() }), ("dropout 0.25", { Dropout(p: 0.25) }),
        ]
    }

    @Test("modules print as PyTorch prints them, and have as many parameters")
    func printedForms() throws {
        let reference = try #require(layerReference)
        #expect(Set(reference.reprs.map(\.name)) == Set(Self.printedModules.map(\.0)))
        for (name, make) in Self.printedModules {
            let module = make()
            let expected = try #require(reference.reprs.first { $0.name == name })
            #expect(module.description == expected.repr, "\(name)")
            let count = try #require(reference.parameterCounts.first { $0.name == name })
            #expect(module.parameterCount == count.count, "\(name)")
        }
    }

    @Test("the CNN maps a [2, 1, 28, 28] batch to [2, 10] and names its parameters as PyTorch does")
    func lessonNetwork() {
        let model = withSeed(1) { lessonCNN() }
        #expect(model(Tensor.zeros([2, 1, 28, 28])).shape == [2, 10])
        #expect(
            model.namedParameters().map(\.name) == [
                "0.weight", "0.bias", "3.weight", "3.bias", "6.weight",
                "6.bias", "10.weight", "10.bias", "13.weight", "13.bias",
            ])
        #expect(model.parameterCount == 1_379_557)
    }

    @Test("Conv2d initialises weight and bias in ±1/√fanIn, reproducibly")
    func convolutionInitialisation() {
        let conv = withSeed(3) { Conv2d(4, 8, kernelSize: 3) }
        let again = withSeed(3) { Conv2d(4, 8, kernelSize: 3) }
        #expect(conv.weight.scalars == again.weight.scalars)
        let bound = Float(1 / (36.0).squareRoot())
        #expect(conv.weight.scalars.allSatisfy { Swift.abs($0) <= bound })
        #expect(conv.bias!.scalars.allSatisfy { Swift.abs($0) <= bound })
        // The extremes come near the bound: the spread is right, not only the limit.
        #expect(conv.weight.scalars.map { Swift.abs($0) }.max()! > 0.9 * bound)
        #expect(conv.weight.requiresGrad && conv.bias!.requiresGrad)
    }

    @Test("PReLU starts at 0.25 and learns one slope per channel")
    func preluParameters() {
        let prelu = PReLU(numParameters: 3, initial: 0.1)
        #expect(prelu.weight.scalars == [0.1, 0.1, 0.1])
        #expect(prelu.namedParameters().map(\.name) == ["weight"])
        #expect(PReLU().weight.scalars == [0.25])
        let y = prelu(Tensor([[-1.0, 2, -3]]))
        expectClose(y.scalars, [-0.1, 2, -0.3])
        #expect(y.description.contains("grad_fn=<PreluKernelBackward0>"))
    }

    // MARK: Dropout

    @Test("Dropout zeroes about p of the inputs, scales the rest by 1/(1-p), and is the identity in eval()")
    func dropoutTrainingAndEvaluation() {
        let dropout = Dropout(p: 0.25)
        let x = Tensor.ones([100, 100])
        let y = withSeed(5) { dropout(x) }
        let zeros = y.scalars.filter { $0 == 0 }.count
        #expect(abs(Double(zeros) / 10_000 - 0.25) < 0.02, "\(zeros) zeros")
        #expect(y.scalars.allSatisfy { $0 == 0 || Swift.abs($0 - 4.0 / 3) < 1e-6 })
        // The same seed gives the same mask.
        #expect(withSeed(5) { dropout(x) }.scalars == y.scalars)
        dropout.eval()
        #expect(!dropout.isTraining)
        #expect(dropout(x) === x)
        dropout.train()
        #expect(withSeed(6) { dropout(x) }.scalars != y.scalars)
        // p = 0 keeps everything; p = 1 drops everything.
        #expect(Dropout(p: 0)(x).scalars == x.scalars)
        #expect(Dropout(p: 1)(x).scalars.allSatisfy { $0 == 0 })
    }

    @Test("Dropout's backward uses the forward mask")
    func dropoutBackward() {
        let x = parameter([4, 6], seed: 11)
        let y = withSeed(8) { x.dropout(p: 0.5) }
        #expect(y.description.contains("grad_fn=<MulBackward0>"))
        y.sum().backward()
        let expected = zip(y.scalars, x.scalars).map { out, input in out == 0 ? Float(0) : 2 }
        #expect(x.grad!.scalars == expected)
    }

    @Test("eval() switches the Dropout inside a Sequential")
    func dropoutInSequential() {
        let model = Sequential(Linear(3, 3), Dropout(p: 0.9))
        let x = Tensor.ones([2, 3])
        model.eval()
        let a = model(x), b = model(x)
        #expect(a.scalars == b.scalars)
    }

    // MARK: Flatten and activations

    @Test("Flatten keeps the batch dimension by default")
    func flattenShapes() {
        #expect(Flatten()(Tensor.zeros([2, 3, 4, 5])).shape == [2, 60])
        #expect(Flatten(startDim: 0, endDim: -1)(Tensor.zeros([2, 3, 4])).shape == [24])
        #expect(Flatten(startDim: 2)(Tensor.zeros([2, 3, 4, 5])).shape == [2, 3, 20])
    }

    @Test("activation modules equal their tensor operations")
    func activationModulesCallOps() {
        let x = parameter([3, 4], seed: 12)
        #expect(ReLU()(x).scalars == x.relu().scalars)
        #expect(Sigmoid()(x).scalars == x.sigmoid().scalars)
        #expect(Tanh()(x).scalars == x.tanh().scalars)
        #expect(LeakyReLU(negativeSlope: 0.1)(x).scalars == x.leakyRelu(negativeSlope: 0.1).scalars)
        #expect(Softmax(dim: 0)(x).scalars == x.softmax(dim: 0).scalars)
        #expect(LogSoftmax(dim: 1)(x).scalars == x.logSoftmax(dim: 1).scalars)
        #expect(Sequential(Linear(4, 2), ReLU()).parameterCount == 10)
    }
}
