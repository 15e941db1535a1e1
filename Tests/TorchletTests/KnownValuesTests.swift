import Testing
import Torchlet

/// Values worked out by hand (and by PyTorch) that the lessons teach.
@Suite("Known values")
struct KnownValuesTests {
    @Test("L = (a*b + c)*f: L = -8, dL/da, db, dc, df = 6, -4, -2, 4")
    func micrograd() {
        let a = Tensor(2, requiresGrad: true), b = Tensor(-3, requiresGrad: true)
        let c = Tensor(10, requiresGrad: true), f = Tensor(-2, requiresGrad: true)
        let L = (a * b + c) * f
        #expect(L.item() == -8)
        L.backward()
        #expect(a.grad?.item() == 6)
        #expect(b.grad?.item() == -4)
        #expect(c.grad?.item() == -2)
        #expect(f.grad?.item() == 4)
    }

    @Test("y = mean((x+2)^2 + 3) at x = [0, 1, 2]: y = 12.6667, x.grad = [1.3333, 2, 2.6667]")
    func meanOfSquares() {
        let x = Tensor([0.0, 1, 2], requiresGrad: true)
        let y = ((x + 2).pow(2) + 3).mean()
        expectClose([y.item()], [38.0 / 3])
        #expect(y.description == "tensor(12.6667, grad_fn=<MeanBackward0>)")
        y.backward()
        expectClose(x.grad!.scalars, [4.0 / 3, 2, 8.0 / 3])
        #expect(x.grad!.description == "tensor([1.3333, 2.0000, 2.6667])")
    }

    @Test("softmax rows sum to 1 and match exp(x)/sum(exp(x))")
    func softmaxValues() {
        let x = Tensor([[1.0, 2, 3], [1000, 1000, 1000]])
        let y = x.softmax(dim: 1)
        expectClose(y.scalars, [0.09003057, 0.24472847, 0.66524096, 1.0 / 3, 1.0 / 3, 1.0 / 3])
        expectClose(y.sum(dim: 1).scalars, [1, 1])
        // logSoftmax stays finite where a naive log(softmax) would not.
        let big = Tensor([[0.0, 200]]).logSoftmax(dim: 1)
        expectClose(big.scalars, [-200, 0])
    }

    @Test("activations at a few points")
    func activations() {
        let x = Tensor([-2.0, 0, 3])
        expectClose(x.sigmoid().scalars, [0.11920292, 0.5, 0.95257413])
        expectClose(x.tanh().scalars, [-0.96402758, 0, 0.99505475])
        expectClose(x.relu().scalars, [0, 0, 3])
        expectClose(x.leakyRelu().scalars, [-0.02, 0, 3])
        expectClose(x.leakyRelu(negativeSlope: 0.2).scalars, [-0.4, 0, 3])
        expectClose(Tensor([-1000.0, 1000]).sigmoid().scalars, [0, 1])
    }

    @Test("reductions over all elements and along a dimension")
    func reductions() {
        let x = Tensor([[1.0, 5, 3], [4, 2, 6]])
        #expect(x.sum().item() == 21)
        #expect(x.sum(dim: 0).scalars == [5, 7, 9])
        #expect(x.sum(dim: 1, keepDim: true).shape == [2, 1])
        #expect(x.mean(dim: -1).scalars == [3, 4])
        #expect(x.max().item() == 6)
        let (values, indices) = x.max(dim: 1)
        #expect(values.scalars == [5, 6])
        #expect(indices.scalars == [1, 2])
        #expect(indices.dtype == .int64)
        #expect(x.argmax().item() == 5)
        #expect(x.argmax(dim: 0).scalars == [1, 0, 1])
    }

    @Test("broadcasting follows NumPy's rule")
    func broadcasting() {
        let column = Tensor([[1.0], [2]])  // [2, 1]
        let row = Tensor([10.0, 20, 30])  // [3]
        let sum = column + row
        #expect(sum.shape == [2, 3])
        #expect(sum.scalars == [11, 21, 31, 12, 22, 32])
        #expect((2 - row).scalars == [-8, -18, -28])
        #expect((row / 10).scalars == [1, 2, 3])
        #expect((Tensor(2) * row).shape == [3])
    }
}
