import Testing

@testable import Torchlet

@Suite("Matrix products: BLAS equals the reference algorithm")
struct MatmulTests {
    /// Random shapes, including one row, one column, k = 1 and the MLP's 100x784x256. The
    /// last three are large enough to be shared among the engine's threads: by columns of C
    /// (the MLP's, and an odd width), or by rows (an odd height).
    static let shapes: [(m: Int, k: Int, n: Int)] = [
        (1, 1, 1), (1, 7, 1), (1, 5, 9), (9, 5, 1), (7, 1, 6), (3, 4, 2), (17, 33, 65), (64, 64, 64),
        (2, 300, 1), (1, 300, 2), (100, 784, 256), (3, 501, 997), (301, 64, 70),
    ]

    @Test("all transpose combinations, with and without accumulation", arguments: shapes.indices)
    func algorithmsAgree(_ index: Int) {
        let (m, k, n) = Self.shapes[index]
        var rng = Generator(seed: UInt64(index))
        let a = Tensor.randn([m * k], using: &rng).scalars
        let b = Tensor.randn([k * n], using: &rng).scalars
        let start = Tensor.randn([m * n], using: &rng).scalars
        for transposeA in [false, true] {
            for transposeB in [false, true] {
                for accumulate in [false, true] {
                    var results: [[Float]] = []
                    for algorithm in MatrixMultiply.Algorithm.allCases {
                        var c = start
                        a.withUnsafeBufferPointer { pa in
                            b.withUnsafeBufferPointer { pb in
                                c.withUnsafeMutableBufferPointer { pc in
                                    MatrixMultiply.multiply(
                                        pa.baseAddress!, pb.baseAddress!, into: pc.baseAddress!, m: m, n: n, k: k,
                                        transposeA: transposeA, transposeB: transposeB, accumulate: accumulate,
                                        algorithm: algorithm)
                                }
                            }
                        }
                        results.append(c)
                    }
                    let tolerance = 1e-5 * Float(k).squareRoot() * 4
                    let worst = zip(results[0], results[1]).map { Swift.abs($0 - $1) }.max() ?? 0
                    #expect(
                        worst <= tolerance,
                        "m=\(m) k=\(k) n=\(n) tA=\(transposeA) tB=\(transposeB) acc=\(accumulate): diff \(worst)")
                }
            }
        }
    }

    @Test("a product computed by hand")
    func byHand() {
        let a = Tensor([[1.0, 2], [3, 4], [5, 6]])
        let b = Tensor([[1.0, 0, -1], [2, 1, 0]])
        let expected: [Float] = [5, 2, -1, 11, 4, -3, 17, 6, -5]
        #expect(a.matmul(b).scalars == expected)
        #expect(a.matmul(b, algorithm: .reference).scalars == expected)
        #expect(a.matmul(b).shape == [3, 3])
    }

    @Test("vectors, batches and broadcasting give PyTorch's shapes and values")
    func ranks() {
        var rng = Generator(seed: 7)
        let batch = Tensor.randn([4, 3, 5], using: &rng)
        let matrix = Tensor.randn([5, 2], using: &rng)
        let vector = Tensor.randn([5], using: &rng)
        #expect(batch.matmul(matrix).shape == [4, 3, 2])
        #expect(batch.matmul(vector).shape == [4, 3])
        #expect(vector.matmul(vector).shape == [])
        #expect(vector.matmul(matrix).shape == [2])
        // Each batch entry equals its own 2-D product.
        let whole = batch.matmul(matrix)
        for i in 0..<4 {
            expectClose(whole[i].scalars, batch[i].matmul(matrix, algorithm: .reference).scalars)
        }
        let dot = vector.matmul(vector).item()
        expectClose([dot], [vector.scalars.map { $0 * $0 }.reduce(0, +)])
    }
}

/// A product shared among the engine's threads gives the same bits whatever their number:
/// otherwise the lessons' digits would depend on the machine's number of cores.
@Suite struct SharedProductTests {
    static let pools = [1, 2, 3, 5].map { WorkerPool(threadCount: $0) }

    @Test(
        "the same product on 1, 2, 3 and 5 threads, bit for bit",
        arguments: [
            (100, 784, 256), (100, 2048, 625), (625, 100, 2048), (2048, 100, 625), (301, 64, 70), (3, 501, 997),
        ])
    func sameBits(shape: (Int, Int, Int)) {
        let (m, k, n) = shape
        var rng = Generator(seed: 11)
        let a = Tensor.randn([m * k], using: &rng).scalars, b = Tensor.randn([k * n], using: &rng).scalars
        for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
            let products = Self.pools.map { pool in
                var c = [Float](repeating: 0, count: m * n)
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        MatrixMultiply.blas(
                            pa.baseAddress!, pb.baseAddress!, into: &c, m: m, n: n, k: k,
                            transposeA: transposeA, transposeB: transposeB, accumulate: false, on: pool)
                    }
                }
                return c.map(\.bitPattern)
            }
            for (pool, product) in zip(Self.pools, products).dropFirst() {
                let differing = zip(product, products[0]).filter { $0 != $1 }.count
                #expect(
                    differing == 0,
                    "m=\(m) k=\(k) n=\(n) tA=\(transposeA) tB=\(transposeB): \(differing) numbers differ on \(pool.threadCount) threads"
                )
            }
        }
    }
}
