import Foundation
import Testing
import Torchlet

/// `Init` against torch.nn.init: the gains and the bounds / standard deviations PyTorch
/// computes (from Fixtures/layers.json), and the statistics of what is drawn.
@Suite("Init")
struct InitTests {
    @Test("calculateGain equals torch.nn.init.calculate_gain")
    func gains() throws {
        let reference = try #require(layerReference).gains
        #expect(reference.count >= Init.Nonlinearity.allCases.count)
        for entry in reference {
            let nonlinearity = try #require(Init.Nonlinearity(rawValue: entry.nonlinearity))
            let gain = Init.calculateGain(nonlinearity: nonlinearity, param: entry.param)
            #expect(Swift.abs(gain - entry.gain) < 1e-12, "\(entry.nonlinearity) \(entry.param ?? .nan)")
        }
    }

    @Test("fans as torch's _calculate_fan_in_and_fan_out")
    func fans() throws {
        for entry in try #require(layerReference).initScales {
            let fans = Init.fans(Tensor.zeros(entry.shape))
            #expect(fans.fanIn == entry.fanIn && fans.fanOut == entry.fanOut, "\(entry.shape)")
        }
    }

    @Test("uniform variants stay within torch's bound and reach it; normal variants have torch's std")
    func scales() throws {
        for (index, entry) in try #require(layerReference).initScales.enumerated() {
            let o = entry.options
            let tensor = Tensor.zeros(entry.shape, requiresGrad: true)
            let mode: Init.FanMode = o.mode == "fan_out" ? .fanOut : .fanIn
            let nonlinearity = o.nonlinearity.flatMap(Init.Nonlinearity.init(rawValue:)) ?? .leakyRelu
            withSeed(UInt64(index)) {
                switch entry.function {
                case "xavier_uniform_": Init.xavierUniform_(tensor, gain: o.gain ?? 1)
                case "xavier_normal_": Init.xavierNormal_(tensor, gain: o.gain ?? 1)
                case "kaiming_uniform_":
                    Init.kaimingUniform_(tensor, a: o.a ?? 0, mode: mode, nonlinearity: nonlinearity)
                case "kaiming_normal_": Init.kaimingNormal_(tensor, a: o.a ?? 0, mode: mode, nonlinearity: nonlinearity)
                default: Issue.record("unknown init function \(entry.function)")
                }
            }
            #expect(tensor.requiresGrad && tensor.isLeaf && tensor.gradFn == nil)
            let values = tensor.scalars.map(Double.init)
            let mean = values.reduce(0, +) / Double(values.count)
            let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
            let label = "\(entry.function) \(entry.shape)"
            if let bound = entry.bound {
                let largest = values.map(Swift.abs).max()!
                #expect(largest <= Double(Float(bound)), "\(label): \(largest) > \(bound)")
                #expect(largest > 0.99 * bound, "\(label): the largest |value| \(largest) is far below \(bound)")
                // U(-a, a) has standard deviation a/√3.
                #expect(Swift.abs(std - bound / 3.0.squareRoot()) < 0.03 * bound, "\(label)")
            } else {
                let expected = try #require(entry.std)
                #expect(Swift.abs(std - expected) < 0.03 * expected, "\(label): std \(std), expected \(expected)")
            }
            #expect(Swift.abs(mean) < 0.05 * (entry.bound ?? entry.std!), "\(label): mean \(mean)")
        }
    }

    @Test("normal_, uniform_, constant_ and zeros_ fill in place, reproducibly from the seed")
    func plainFills() {
        let t = Tensor.zeros([200, 500])
        _ = withSeed(1) { Init.normal_(t, mean: 2, std: 0.5) }
        let values = t.scalars.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
        #expect(Swift.abs(mean - 2) < 0.01 && Swift.abs(std - 0.5) < 0.01, "mean \(mean), std \(std)")
        let first = t.scalars
        _ = withSeed(1) { Init.normal_(t, mean: 2, std: 0.5) }
        #expect(t.scalars == first)

        _ = withSeed(2) { Init.uniform_(t, a: -0.5, b: 1.5) }
        #expect(t.scalars.allSatisfy { $0 >= -0.5 && $0 < 1.5 })
        #expect(t.scalars.min()! < -0.49 && t.scalars.max()! > 1.49)

        let w = Linear(3, 2).weight
        Init.constant_(w, 0.3)
        #expect(w.scalars == [Float](repeating: 0.3, count: 6))
        #expect(w.requiresGrad && w.gradFn == nil)
        Init.zeros_(w)
        #expect(w.scalars.allSatisfy { $0 == 0 })
    }

    @Test("kaimingUniform_ with a = √5 is Linear's and Conv2d's default: U(±1/√fanIn)")
    func pytorchDefault() {
        let t = Tensor.zeros([64, 16, 3, 3])
        _ = withSeed(3) { Init.kaimingUniform_(t, a: 5.0.squareRoot()) }
        let bound = Float(1 / 144.0.squareRoot())
        #expect(t.scalars.allSatisfy { Swift.abs($0) <= bound * 1.000001 })
        #expect(t.scalars.map(Swift.abs).max()! > 0.99 * bound)
    }
}
