import Testing
import Torchlet

/// Tensors print exactly as PyTorch 2.x prints them (the expected strings are PyTorch's).
@Suite("Printing like PyTorch")
struct PrintingTests {
    @Test func floats() {
        #expect(Tensor([[1.0, 2], [3, 4]]).description == "tensor([[1., 2.],\n        [3., 4.]])")
        #expect(Tensor([0.5, 1.25]).description == "tensor([0.5000, 1.2500])")
        #expect(Tensor([-1.5, 2]).description == "tensor([-1.5000,  2.0000])")
        #expect(Tensor([1e-5, 1.0]).description == "tensor([1.0000e-05, 1.0000e+00])")
        #expect(Tensor([Float.nan, 1, Float.infinity]).description == "tensor([nan, 1., inf])")
        #expect(Tensor.zeros([3]).description == "tensor([0., 0., 0.])")
        #expect(Tensor(3.5).description == "tensor(3.5000)")
    }

    @Test func otherTypes() {
        #expect(Tensor([1, 0, 3]).description == "tensor([1, 0, 3])")
        #expect(Tensor([10, -2]).description == "tensor([10, -2])")
        #expect(Tensor([true, false, true]).description == "tensor([ True, False,  True])")
        #expect(Tensor.zeros([0, 3]).description == "tensor([], size=(0, 3))")
        #expect(Tensor([Float]()).description == "tensor([])")
    }

    @Test func autogradSuffixes() {
        let x = Tensor(3, requiresGrad: true)
        #expect(x.description == "tensor(3., requires_grad=True)")
        #expect((x * 2).description == "tensor(6., grad_fn=<MulBackward0>)")
        #expect((x * 2).detach().description == "tensor(6.)")
        let m = Tensor([[1.0, 2], [3, 4]], requiresGrad: true)
        #expect((m + 1).description == "tensor([[2., 3.],\n        [4., 5.]], grad_fn=<AddBackward0>)")
        #expect(m.sum().description == "tensor(10., grad_fn=<SumBackward0>)")
        #expect(m.softmax(dim: 1).description.hasSuffix("grad_fn=<SoftmaxBackward0>)"))
    }

    @Test func summarisedAndWrapped() {
        #expect(
            Tensor.arange(1001).float().description
                == "tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.])")
        // 20 numbers 6 wide: (80 - 7) / (6 + 2) = 9 per line, as PyTorch computes it.
        let wrapped = Tensor.linspace(0, 1.9, steps: 20).description
        let lines = wrapped.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines[0] == "tensor([0.0000, 0.1000, 0.2000, 0.3000, 0.4000, 0.5000, 0.6000, 0.7000, 0.8000,")
        #expect(lines[1] == "        0.9000, 1.0000, 1.1000, 1.2000, 1.3000, 1.4000, 1.5000, 1.6000, 1.7000,")
        #expect(lines[2] == "        1.8000, 1.9000])")
    }
}

/// A backward trace keeps to 80 columns where it can: a rule too long to stand beside its
/// step's name goes on a line of its own.
@Suite struct BackwardTraceLayoutTests {
    @Test("a long rule moves below its step, a short one stays beside it")
    func longRulesMoveBelow() {
        let x = Tensor([100.0], requiresGrad: true).labeled("x")
        let p = x.sigmoid().labeled("p")
        let lines = BCELoss()(p, Tensor([0.0])).labeled("loss").backwardTrace().description.split(separator: "\n")
        let bce = lines.firstIndex { $0.contains("BinaryCrossEntropyBackward0") }!
        #expect(
            lines[bce].hasSuffix("BinaryCrossEntropyBackward0")
                && lines[bce + 1].hasPrefix("      rule: dx = g * (x - y)"))
        let sigmoid = lines.first { $0.contains("SigmoidBackward0") }!
        #expect(sigmoid.contains("rule: dx = g * σ(x) * (1 - σ(x))") && sigmoid.count <= 80)
    }
}
