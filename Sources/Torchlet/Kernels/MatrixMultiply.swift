import CBLAS

/// Matrix products on raw row-major buffers: `C = op(A) · op(B)`, where `op` optionally
/// transposes. Two algorithms compute the same thing:
///
/// - `.blas` calls OpenBLAS's `cblas_sgemm`, which blocks the matrices for the caches and uses
///   the CPU's vector units: tens of GFLOP/s.
/// - `.reference` is the textbook triple loop, easy to read and to trust; the tests hold the
///   two equal, and the benchmark shows how far apart they are in speed.
public enum MatrixMultiply {
    /// Which implementation computes the product.
    public enum Algorithm: Sendable, CaseIterable {
        /// OpenBLAS `cblas_sgemm`.
        case blas
        /// Plain Swift loops.
        case reference
    }

    /// `C[m×n] = op(A)[m×k] · op(B)[k×n]`, or `C += ...` when `accumulate` is set.
    ///
    /// Without transposes, A is stored as m rows of k numbers and B as k rows of n numbers.
    /// With `transposeA`, A is stored as k rows of m numbers and used transposed (likewise B).
    public static func multiply(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int,
        transposeA: Bool = false, transposeB: Bool = false, accumulate: Bool = false,
        algorithm: Algorithm = .blas
    ) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            if !accumulate { c.update(repeating: 0, count: m * n) }
            return
        }
        switch algorithm {
        case .blas:
            blas(
                a, b, into: c, m: m, n: n, k: k,
                transposeA: transposeA, transposeB: transposeB, accumulate: accumulate)
        case .reference:
            reference(
                a, b, into: c, m: m, n: n, k: k,
                transposeA: transposeA, transposeB: transposeB, accumulate: accumulate)
        }
    }

    /// `cblas_sgemm` on the engine's threads: a large product is cut into blocks of C, by rows
    /// when C is taller than wide, else by columns, and the blocks are shared among the threads.
    /// Each block needs only an offset into A or B and the same leading dimensions, and no two
    /// write the same numbers.
    static func blas(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, accumulate: Bool,
        on pool: WorkerPool = .shared
    ) {
        let (lda, ldb) = (transposeA ? m : k, transposeB ? k : n)
        func sgemm(rows: Range<Int>, columns: Range<Int>) {
            guard !rows.isEmpty, !columns.isEmpty else { return }
            OpenBLAS.library.sgemm(
                CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                Int32(rows.count), Int32(columns.count), Int32(k),
                1, a + rows.lowerBound * (transposeA ? 1 : lda), Int32(lda),
                b + columns.lowerBound * (transposeB ? ldb : 1), Int32(ldb),
                accumulate ? 1 : 0, c + rows.lowerBound * n + columns.lowerBound, Int32(n))
        }
        // A large product is cut into pieces by its size alone, never by the number of threads:
        // OpenBLAS's last digits depend on the shape it is given (it tiles each product its own
        // way), so the pieces must be the same on every machine for the lessons to print the same
        // numbers on 1 core or 16. Up to 12 pieces, at least 128 rows or columns each; under
        // about 2 MFLOP, one piece (a second thread would cost more than it saves).
        let byRows = m >= n, length = byRows ? m : n
        let pieces = m * n * k < 1 << 20 ? 1 : Swift.min(12, Swift.max(1, length / 128))
        parallelChunks(pieces, costPerItem: 50_000, on: pool) { chunk in
            for piece in chunk {
                let part = length * piece / pieces..<length * (piece + 1) / pieces
                if byRows { sgemm(rows: part, columns: 0..<n) } else { sgemm(rows: 0..<m, columns: part) }
            }
        }
    }

    /// The triple loop: `c[i][j] = Σₚ a[i][p] * b[p][j]`, in i-p-j order so that the innermost
    /// loop walks along rows of B and C (contiguous memory, which the compiler vectorises).
    static func reference(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, accumulate: Bool
    ) {
        if !accumulate { c.update(repeating: 0, count: m * n) }
        for i in 0..<m {
            let row = c + i * n
            for p in 0..<k {
                let aip = transposeA ? a[p * m + i] : a[i * k + p]
                if transposeB {
                    for j in 0..<n { row[j] += aip * b[j * k + p] }
                } else {
                    let bRow = b + p * n
                    for j in 0..<n { row[j] += aip * bRow[j] }
                }
            }
        }
    }
}

/// `op(A) · op(B)` on flat row-major buffers through BLAS (see `MatrixMultiply`).
func product(
    _ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false
) -> [Float] {
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            makeScalars(count: m * n) { pc in
                MatrixMultiply.multiply(
                    pa.baseAddress!, pb.baseAddress!, into: pc, m: m, n: n, k: k,
                    transposeA: transposeA, transposeB: transposeB)
            }
        }
    }
}

/// `out[r][j] += row[j]` for every row `r` of the row-major matrix `out` (rows of `row.count`
/// numbers): a bias added to every sample of a batch.
func addToEveryRow(_ row: [Float], of out: inout [Float]) {
    let width = row.count
    guard width > 0 else { return }
    out.withUnsafeMutableBufferPointer { py in
        row.withUnsafeBufferPointer { pb in
            for r in 0..<(py.count / width) {
                let start = py.baseAddress! + r * width
                for j in 0..<width { start[j] += pb[j] }
            }
        }
    }
}
