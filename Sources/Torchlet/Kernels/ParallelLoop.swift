import Dispatch
import Foundation

/// Splits `0..<count` into one contiguous chunk per core and runs `body(range)` on each chunk
/// at the same time (Dispatch's `concurrentPerform`). Used by the per-image loops of the
/// convolution and pooling kernels, whose images are independent: each chunk writes only its
/// own images.
///
/// Small jobs (`count * costPerItem` under about 50,000 operations) run on the calling thread:
/// starting threads would cost more than it saves.
func parallelChunks(_ count: Int, costPerItem: Int = 1, _ body: (Range<Int>) -> Void) {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let chunks = Swift.min(cores, count)
    guard chunks > 1, count * costPerItem >= 50_000 else {
        if count > 0 { body(0..<count) }
        return
    }
    withoutActuallyEscaping(body) { body in
        let work = ChunkWork(body: body)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = count * chunk / chunks, end = count * (chunk + 1) / chunks
            work.body(start..<end)
        }
    }
}

/// The loop body, handed to the worker threads. It is `@unchecked Sendable` because the
/// kernels that use `parallelChunks` only read shared inputs and write disjoint parts of the
/// output from each chunk, and `concurrentPerform` returns only after every chunk is done.
private struct ChunkWork: @unchecked Sendable {
    let body: (Range<Int>) -> Void
}
