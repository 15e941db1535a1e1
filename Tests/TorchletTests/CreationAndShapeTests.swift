import Testing
import Torchlet

@Suite("Creating and reshaping tensors")
struct CreationAndShapeTests {
    @Test func creation() {
        #expect(Tensor.zeros([2, 3]).scalars == [0, 0, 0, 0, 0, 0])
        #expect(Tensor.full([2], 7).scalars == [7, 7])
        #expect(Tensor.eye(2, 3).scalars == [1, 0, 0, 0, 1, 0])
        #expect(Tensor.arange(4).scalars == [0, 1, 2, 3])
        #expect(Tensor.arange(4).dtype == .int64)
        #expect(Tensor.arange(1, 10, step: 3).scalars == [1, 4, 7])
        #expect(Tensor.arange(Float(0), 1, step: 0.25).scalars == [0, 0.25, 0.5, 0.75])
        #expect(Tensor.linspace(-1, 1, steps: 5).scalars == [-1, -0.5, 0, 0.5, 1])
        #expect(Tensor([[1.0, 2], [3, 4]]).shape == [2, 2])
        #expect(Tensor([[[1.0], [2]], [[3], [4]]]).shape == [2, 2, 1])
        #expect(Tensor([1, 2]).dtype == .int64)
        #expect(Tensor([1.5, 2]).dtype == .float32)
    }

    @Test("seeded random numbers repeat, and have the right statistics")
    func random() {
        let a = withSeed(42) { Tensor.randn([1000]) }
        let b = withSeed(42) { Tensor.randn([1000]) }
        let c = withSeed(43) { Tensor.randn([1000]) }
        #expect(a.scalars == b.scalars)
        #expect(a.scalars != c.scalars)
        var rng = Generator(seed: 1)
        let big = Tensor.randn([100_000], using: &rng)
        let mean = big.mean().item()
        let variance = (big - mean).pow(2).mean().item()
        #expect(Swift.abs(mean) < 0.02)
        #expect(Swift.abs(variance - 1) < 0.02)
        let uniform = Tensor.rand([100_000], using: &rng)
        #expect(uniform.scalars.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(Swift.abs(uniform.mean().item() - 0.5) < 0.01)
        let labels = Tensor.randint(0, 10, [1000], using: &rng)
        #expect(Set(labels.scalars) == Set((0..<10).map(Float.init)))
    }

    @Test("reshape, squeeze, unsqueeze, flatten")
    func reshaping() {
        let x = Tensor.arange(6).float()
        #expect(x.reshape(2, 3).shape == [2, 3])
        #expect(x.reshape(-1, 2).shape == [3, 2])
        #expect(x.reshape(2, 3).unsqueeze(0).shape == [1, 2, 3])
        #expect(x.reshape(2, 3).unsqueeze(-1).shape == [2, 3, 1])
        #expect(x.reshape(1, 6, 1).squeeze().shape == [6])
        #expect(x.reshape(1, 6, 1).squeeze(dim: 2).shape == [1, 6])
        #expect(x.reshape(1, 6).squeeze(dim: 1).shape == [1, 6])  // size 6: left alone
        #expect(x.reshape(1, 2, 3).flatten(startDim: 1).shape == [1, 6])
        #expect(Tensor(5).flatten().shape == [1])
    }

    @Test("transpose and permute move the numbers")
    func transposing() {
        let m = Tensor([[1.0, 2, 3], [4, 5, 6]])
        #expect(m.t().shape == [3, 2])
        #expect(m.t().scalars == [1, 4, 2, 5, 3, 6])
        #expect(m.transpose(0, 1).scalars == m.t().scalars)
        let cube = Tensor.arange(24).float().reshape(2, 3, 4)
        let moved = cube.permute(2, 0, 1)
        #expect(moved.shape == [4, 2, 3])
        // moved[k][i][j] == cube[i][j][k]
        #expect(moved[1][0][2].item() == cube[0][2][1].item())
        #expect(moved[3][1][0].item() == cube[1][0][3].item())
    }

    @Test("cat, stack, slices and index selection")
    func joiningAndPicking() {
        let a = Tensor([[1.0, 2], [3, 4]]), b = Tensor([[5.0, 6]])
        #expect(Tensor.cat([a, b], dim: 0).scalars == [1, 2, 3, 4, 5, 6])
        #expect(Tensor.cat([a, a], dim: 1).scalars == [1, 2, 1, 2, 3, 4, 3, 4])
        let stacked = Tensor.stack([Tensor([1.0, 2]), Tensor([3.0, 4]), Tensor([5.0, 6])])
        #expect(stacked.shape == [3, 2])
        #expect(Tensor.stack([Tensor([1.0, 2]), Tensor([3.0, 4])], dim: 1).scalars == [1, 3, 2, 4])
        #expect(stacked[1].scalars == [3, 4])
        #expect(stacked[-1].scalars == [5, 6])
        #expect(stacked[1..<3].scalars == [3, 4, 5, 6])
        #expect(stacked[0...1].shape == [2, 2])
        #expect(stacked.select(dim: 1, index: 0).scalars == [1, 3, 5])
        #expect(stacked.indexSelect(dim: 0, [2, 0, 2]).scalars == [5, 6, 1, 2, 5, 6])
        #expect(stacked.expand([2, 3, 2]).shape == [2, 3, 2])
    }

    @Test("in-place updates, clamp, abs, dtypes")
    func misc() {
        let x = Tensor([1.0, -2, 3])
        x += 1
        x *= Tensor([2.0, 2, 2])
        #expect(x.scalars == [4, -2, 8])
        x.zero()
        #expect(x.scalars == [0, 0, 0])
        let y = Tensor([-3.0, 0.5, 3])
        #expect(y.clamp(min: -1, max: 1).scalars == [-1, 0.5, 1])
        #expect(y.abs().scalars == [3, 0.5, 3])
        #expect((Tensor([1, 2]) + Tensor([3, 4])).dtype == .int64)
        #expect((Tensor([1, 2]) / 2).dtype == .float32)
        #expect(Tensor([1, 2]).float().dtype == .float32)
        #expect(Tensor([1.7, -1.7]).long().scalars == [1, -1])
    }
}
