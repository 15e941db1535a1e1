import Foundation
import Torchlet

/// Tests/TorchletTests/Fixtures/layers.json (made by Tests/Reference/make_layer_reference.py),
/// or `nil` if it cannot be read.
let layerReference: LayerReferenceFile? = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/layers.json")
    guard let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(LayerReferenceFile.self, from: data)
}()

struct LayerReferenceFile: Decodable, Sendable {
    struct Case: Decodable, Sendable {
        let name: String
        let layer: String
        let options: Options
        let input: LossReferenceTensor
        let upstream: LossReferenceTensor
        let output: LossReferenceTensor
        let inputGrad: LossReferenceTensor
        let weight: LossReferenceTensor?
        let bias: LossReferenceTensor?
        let weightGrad: LossReferenceTensor?
        let biasGrad: LossReferenceTensor?
    }

    /// The union of every layer's options; each case fills the ones its layer has.
    struct Options: Decodable, Sendable {
        let `in`: Int?
        let out: Int?
        let kernel: Size?
        let stride: Size?
        let padding: Size?
        let bias: Bool?
        let numParameters: Int?
        let negativeSlope: Float?
        let dim: Int?
        let startDim: Int?
        let endDim: Int?
    }

    /// One number or a pair, as PyTorch accepts both.
    struct Size: Decodable, Sendable {
        let pair: (Int, Int)
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let single = try? container.decode(Int.self) {
                pair = (single, single)
            } else {
                let both = try container.decode([Int].self)
                pair = (both[0], both[1])
            }
        }
    }

    struct Repr: Decodable, Sendable {
        let name: String
        let repr: String
    }

    struct ParameterCount: Decodable, Sendable {
        let name: String
        let count: Int
    }

    struct Gain: Decodable, Sendable {
        let nonlinearity: String
        let param: Double?
        let gain: Double
    }

    struct InitScale: Decodable, Sendable {
        struct Options: Decodable, Sendable {
            let gain: Double?
            let a: Double?
            let mode: String?
            let nonlinearity: String?
        }
        let function: String
        let shape: [Int]
        let options: Options
        let fanIn: Int
        let fanOut: Int
        let bound: Double?
        let std: Double?
    }

    let torch: String
    let cases: [Case]
    let reprs: [Repr]
    let parameterCounts: [ParameterCount]
    let gains: [Gain]
    let initScales: [InitScale]
}

extension LayerReferenceFile.Case {
    /// The layer this case describes, with the fixture's weights loaded.
    func makeModule() -> Module {
        let o = options
        let module: Module
        switch layer {
        case "conv2d":
            module = Conv2d(
                o.in!, o.out!, kernelSize: o.kernel!.pair, stride: o.stride!.pair,
                padding: o.padding!.pair, bias: o.bias!)
        case "maxpool2d":
            module = MaxPool2d(kernelSize: o.kernel!.pair, stride: o.stride!.pair, padding: o.padding!.pair)
        case "prelu": module = PReLU(numParameters: o.numParameters!)
        case "relu": module = ReLU()
        case "leakyRelu": module = LeakyReLU(negativeSlope: o.negativeSlope!)
        case "sigmoid": module = Sigmoid()
        case "tanh": module = Tanh()
        case "softmax": module = Softmax(dim: o.dim!)
        case "logSoftmax": module = LogSoftmax(dim: o.dim!)
        case "flatten": module = Flatten(startDim: o.startDim!, endDim: o.endDim!)
        default: fatalError("unknown layer \(layer) in the fixture")
        }
        let tensors = Dictionary(uniqueKeysWithValues: module.namedParameters().map { ($0.name, $0.tensor) })
        noGrad {
            if let weight { tensors["weight"]!.copy(from: weight.tensor()) }
            if let bias { tensors["bias"]!.copy(from: bias.tensor()) }
        }
        return module
    }
}

/// The CNN of the MNIST lesson, as in the fixture's "cnn".
func lessonCNN() -> Sequential {
    Sequential(
        Conv2d(1, 32, kernelSize: 3, padding: 1), ReLU(), MaxPool2d(kernelSize: 2),
        Conv2d(32, 64, kernelSize: 3, padding: 1), ReLU(), MaxPool2d(kernelSize: 2),
        Conv2d(64, 128, kernelSize: 3, padding: 1), ReLU(), MaxPool2d(kernelSize: 2, stride: 2, padding: 1),
        Flatten(), Linear(2048, 625), ReLU(), Dropout(p: 0.5), Linear(625, 10))
}
