import Testing
import Torchlet

/// Every differentiable operation, checked against central differences.
@Suite("Gradients vs central differences")
struct GradientTests {
    @Test("elementwise arithmetic, with and without broadcasting")
    func arithmetic() {
        let a = parameter([2, 3], seed: 1, label: "a")
        let b = parameter([2, 3], seed: 2, label: "b", offset: 3)
        let row = parameter([3], seed: 3, label: "row", offset: 2)
        let column = parameter([2, 1], seed: 4, label: "column", offset: -2)
        expectGradientsMatch([a, b]) { a + b }
        expectGradientsMatch([a, b]) { a - b }
        expectGradientsMatch([a, b]) { a * b }
        expectGradientsMatch([a, b]) { a / b }
        expectGradientsMatch([a, row]) { a + row }
        expectGradientsMatch([a, row]) { row - a }
        expectGradientsMatch([a, column]) { a * column }
        expectGradientsMatch([row, column]) { row / column }  // [3] and [2, 1] -> [2, 3]
        expectGradientsMatch([a]) { -a }
        expectGradientsMatch([a]) { 3 - a * 2 + 1 }
        expectGradientsMatch([b]) { 1 / b + b / 4 }
    }

    @Test("elementwise functions")
    func functions() {
        let x = parameter([2, 3], seed: 5)
        let positive = parameter([5], seed: 6, label: "p", offset: 3, scale: 0.5)
        let awayFromZero = Tensor([-2.0, -0.5, 0.4, 1.5], requiresGrad: true)
        expectGradientsMatch([x]) { x.pow(2) }
        expectGradientsMatch([x]) { x.pow(3) }
        expectGradientsMatch([positive]) { positive.pow(0.5) + positive.pow(-1.5) }
        expectGradientsMatch([x]) { x.exp() }
        expectGradientsMatch([positive]) { positive.log() }
        expectGradientsMatch([positive]) { positive.sqrt() }
        expectGradientsMatch([awayFromZero]) { awayFromZero.abs() }
        expectGradientsMatch([awayFromZero]) { awayFromZero.clamp(min: -1, max: 1) }
        expectGradientsMatch([awayFromZero]) { awayFromZero.clamp(min: 0) }
    }

    @Test("activations")
    func activations() {
        let x = parameter([3, 4], seed: 7, scale: 2)
        let awayFromZero = Tensor([-2.0, -0.5, 0.4, 1.5], requiresGrad: true)
        expectGradientsMatch([x]) { x.sigmoid() }
        expectGradientsMatch([x]) { x.tanh() }
        expectGradientsMatch([awayFromZero]) { awayFromZero.relu() }
        expectGradientsMatch([awayFromZero]) { awayFromZero.leakyRelu(negativeSlope: 0.1) }
        expectGradientsMatch([x]) { x.softmax(dim: 1) }
        expectGradientsMatch([x]) { x.softmax(dim: 0) }
        expectGradientsMatch([x]) { x.logSoftmax(dim: 1) }
        expectGradientsMatch([x]) { x.logSoftmax(dim: -2) }
    }

    @Test("reductions")
    func reductions() {
        let x = parameter([2, 3, 4], seed: 8)
        expectGradientsMatch([x]) { x.sum() }
        expectGradientsMatch([x]) { x.sum(dim: 1) }
        expectGradientsMatch([x]) { x.sum(dim: 2, keepDim: true) }
        expectGradientsMatch([x]) { x.mean() }
        expectGradientsMatch([x]) { x.mean(dim: 0) }
        expectGradientsMatch([x]) { x.mean(dim: -1, keepDim: true) }
        expectGradientsMatch([x]) { x.max() }
        expectGradientsMatch([x]) { x.max(dim: 1).values }
        expectGradientsMatch([x]) { x.max(dim: 2, keepDim: true).values }
    }

    @Test("shape operations")
    func shapes() {
        let x = parameter([2, 3, 4], seed: 9)
        let y = parameter([2, 3, 4], seed: 10, label: "y")
        let z = parameter([2, 1, 4], seed: 11, label: "z")
        expectGradientsMatch([x]) { x.reshape([6, 4]) }
        expectGradientsMatch([x]) { x.view(4, -1) }
        expectGradientsMatch([x]) { x.flatten(startDim: 1) }
        expectGradientsMatch([z]) { z.squeeze() }
        expectGradientsMatch([z]) { z.squeeze(dim: 1) }
        expectGradientsMatch([x]) { x.unsqueeze(1) }
        expectGradientsMatch([x]) { x.permute(2, 0, 1) }
        expectGradientsMatch([x]) { x.transpose(0, 2) }
        expectGradientsMatch([x]) { x[0].t() }
        expectGradientsMatch([z]) { z.expand([2, 5, 4]) }
        expectGradientsMatch([x, z]) { Tensor.cat([x, z], dim: 1) }
        expectGradientsMatch([x, y]) { Tensor.cat([x, y], dim: 2) }
        expectGradientsMatch([x, y]) { Tensor.stack([x, y], dim: 1) }
    }

    @Test("indexing")
    func indexing() {
        let x = parameter([4, 3], seed: 12)
        expectGradientsMatch([x]) { x[1] }
        expectGradientsMatch([x]) { x[-1] }
        expectGradientsMatch([x]) { x[1..<3] }
        expectGradientsMatch([x]) { x.select(dim: 1, index: 2) }
        expectGradientsMatch([x]) { x.narrow(dim: 1, start: 1, length: 2) }
        expectGradientsMatch([x]) { x.indexSelect(dim: 0, [3, 0, 3]) }  // a repeated row adds up
        expectGradientsMatch([x]) { x.indexSelect(dim: 1, Tensor([2, 0])) }
    }

    @Test("matrix products of every rank combination")
    func matmul() {
        let m = parameter([3, 4], seed: 13, label: "m")
        let n = parameter([4, 2], seed: 14, label: "n")
        let v = parameter([4], seed: 15, label: "v")
        let w = parameter([3], seed: 16, label: "w")
        let batch = parameter([2, 3, 4], seed: 17, label: "batch")
        let batch2 = parameter([2, 4, 5], seed: 18, label: "batch2")
        let single = parameter([1, 4, 5], seed: 19, label: "single")
        expectGradientsMatch([m, n]) { m.matmul(n) }
        expectGradientsMatch([m, v]) { m.matmul(v) }
        expectGradientsMatch([w, m]) { w.matmul(m) }
        expectGradientsMatch([v]) { v.matmul(v) }
        expectGradientsMatch([batch, n]) { batch.matmul(n) }
        expectGradientsMatch([batch, batch2]) { batch.matmul(batch2) }
        expectGradientsMatch([batch, single]) { batch.matmul(single) }  // batch dims broadcast
        expectGradientsMatch([m, batch2]) { m.matmul(batch2) }
        expectGradientsMatch([m, n]) { m.matmul(n, algorithm: .reference) }
    }

    @Test("a composite: a two-layer network's loss")
    func network() {
        let x = parameter([5, 3], seed: 20, label: "x")
        let w1 = parameter([3, 4], seed: 21, label: "w1", scale: 0.5)
        let b1 = parameter([4], seed: 22, label: "b1")
        let w2 = parameter([4, 2], seed: 23, label: "w2", scale: 0.5)
        expectGradientsMatch([x, w1, b1, w2]) {
            (x.matmul(w1) + b1).tanh().matmul(w2).logSoftmax(dim: 1).mean()
        }
    }

    @Test("gradcheck reports a wrong gradient as a mismatch")
    func gradcheckCanFail() {
        // Autograd treats the detached factor as a constant, so it finds d(x*x)/dx = x,
        // while the numbers say 2x: the check must notice.
        let x = Tensor([1.0, 2, 3], requiresGrad: true).labeled("x")
        let check = gradcheck([x]) { (x * x.detach()).sum() }
        #expect(!check.passed)
        #expect(check.description.contains("MISMATCH"))
        #expect(check.rows[0].maxDifference > 2.9)
        #expect(x.grad == nil, "gradcheck must leave the inputs' gradients as they were")
    }

    @Test("gradcheck's default tolerance catches a gradient 1% off")
    func gradcheckCatchesOnePercent() {
        // f = Σ x² whatever the detaches, so the numbers say 2x; autograd sees only the first,
        // undetached factor of each term and finds 2.02x: 1% too large.
        let x = Tensor([1.0, 2, 3], requiresGrad: true).labeled("x")
        let check = gradcheck([x]) { (x * x.detach() * 2.02 - x.detach() * x.detach() * 1.02).sum() }
        #expect(!check.passed, "\n\(check)")
    }

    @Test("gradcheck prints a table with one row per parameter")
    func gradcheckTable() {
        let a = Tensor(2, requiresGrad: true).labeled("a")
        let b = Tensor(-3, requiresGrad: true).labeled("b")
        let check = gradcheck([a, b]) { a * b }
        #expect(check.passed)
        let lines = check.description.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("parameter  shape  autograd  numeric"))
        #expect(lines[1].hasSuffix("max |difference|  verdict"))
        #expect(lines[3].hasPrefix("a "))
        #expect(lines[3].contains("-3."))
        #expect(lines[3].hasSuffix("ok"))
        #expect(lines[4].hasPrefix("b "))
    }
}
