import Foundation
import Synchronization

/// Splits `0..<count` into one contiguous chunk per core and runs `body(range)` on each chunk
/// at the same time, on the engine's `WorkerPool`. Used by the kernels whose items are
/// independent (images of a batch, rows of a product): each chunk writes only its own items.
///
/// Small jobs (`count * costPerItem` under about 50,000 operations) run on the calling thread:
/// waking a worker would cost more than it saves.
func parallelChunks(
    _ count: Int, costPerItem: Int = 1, on pool: WorkerPool = .shared, _ body: (Range<Int>) -> Void
) {
    let chunks = Swift.min(pool.threadCount, count)
    guard chunks > 1, count * costPerItem >= 50_000 else {
        if count > 0 { body(0..<count) }
        return
    }
    pool.run(parts: chunks) { chunk in
        body(count * chunk / chunks..<count * (chunk + 1) / chunks)
    }
}

/// The number of threads the engine computes on, as `torch.get_num_threads()` tells PyTorch's:
/// one per core, or `TORCHLET_THREADS` if that is set when the engine starts.
public func getNumThreads() -> Int { WorkerPool.shared.threadCount }

/// The engine's own threads: one per core, the calling thread included, started on first use
/// and parked between jobs.
///
/// Why not Dispatch, or OpenBLAS's threads? Both cost more than they save on a training step
/// of Lesson07 (Benchmarks/RESULTS.md, 2026-12-08): `concurrentPerform` wakes its threads anew
/// for every job, and OpenBLAS's threads spin for about 0.1 s after every product, on the
/// very core the engine's next loop needs. So OpenBLAS runs on one thread, and the engine
/// splits the work itself: a whole convolution per half of the batch, a product by rows.
///
/// A job is `run(parts:)`: part 0 runs on the calling thread, parts 1, 2, ... on the workers,
/// and `run` returns when all are done. A worker that finishes spins for a few microseconds
/// (the next job of a training step usually follows at once), then sleeps until woken.
/// A `run` from inside a job, or while another thread's job is running, runs its parts one
/// after the other on the calling thread: correct, never a deadlock, just not parallel.
final class WorkerPool: @unchecked Sendable {
    /// One per core, or `TORCHLET_THREADS` if set (the benchmark sets it to compare fairly).
    static let shared = WorkerPool(threadCount: configuredThreadCount())

    /// The threads that share a job, the calling thread included.
    let threadCount: Int

    /// The job's body and size. Written by `run` before it publishes the job (the release
    /// increment of `generation`), read by the workers after they see it (acquire).
    private var body: ((Int) -> Void)?
    private var parts = 0
    /// Counts jobs; a worker starts a job when it sees a new value.
    private let generation = Atomic<Int>(0)
    /// Threads that have not finished with the current job yet. Every worker reports, with a
    /// part or without, so that none can still be looking at a job when the next one starts.
    private let unfinished = Atomic<Int>(0)
    /// Set while a job runs, so that a second `run` knows to work alone.
    private let busy = Atomic<Bool>(false)
    /// Where parked workers sleep until `generation` changes.
    private let wakeUp = NSCondition()

    init(threadCount: Int) {
        self.threadCount = Swift.max(1, threadCount)
        for worker in 1..<self.threadCount {
            let thread = Thread { [unowned self] in self.work(as: worker) }
            thread.name = "Torchlet worker \(worker)"
            thread.start()
        }
    }

    /// Runs `body(0)`, `body(1)`, ..., `body(parts - 1)` at the same time, one per thread, and
    /// returns when every one has returned. `parts` may not exceed `threadCount`.
    func run(parts: Int, _ body: (Int) -> Void) {
        precondition(parts <= threadCount, "more parts than threads")
        guard parts > 1, busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else {
            for part in 0..<parts { body(part) }
            return
        }
        withoutActuallyEscaping(body) { body in
            self.body = body
            self.parts = parts
            unfinished.store(threadCount, ordering: .relaxed)
            wakeUp.lock()
            generation.add(1, ordering: .releasing)
            wakeUp.broadcast()
            wakeUp.unlock()
            body(0)
            finish()
            // Wait for the workers: they are running already, so spin, yielding the core now
            // and then in case a worker waits for it.
            var spins = 0
            while unfinished.load(ordering: .acquiring) > 0 {
                spins += 1
                if spins % 64 == 0 { sched_yield() }
            }
            self.body = nil
        }
        busy.store(false, ordering: .releasing)
    }

    private func finish() {
        unfinished.subtract(1, ordering: .releasing)
    }

    /// A worker's life: wait for a new job, run its part if the job has one, repeat.
    private func work(as worker: Int) {
        var seen = 0
        while true {
            seen = waitForJob(after: seen)
            if worker < parts, let body { body(worker) }
            finish()
        }
    }

    /// How long a worker spins before it sleeps: about 50 µs, long enough to catch the next
    /// product of a training step, short enough not to hold a core anyone else needs.
    private static let spinDuration: UInt64 = 50_000

    /// Returns the generation of the next job after `seen`, spinning briefly, then sleeping.
    private func waitForJob(after seen: Int) -> Int {
        let start = DispatchTime.now().uptimeNanoseconds
        while true {
            let now = generation.load(ordering: .acquiring)
            if now != seen { return now }
            if DispatchTime.now().uptimeNanoseconds - start > Self.spinDuration { break }
        }
        wakeUp.lock()
        defer { wakeUp.unlock() }
        while generation.load(ordering: .acquiring) == seen { wakeUp.wait() }
        return generation.load(ordering: .acquiring)
    }

    /// `TORCHLET_THREADS` if it is a whole number from 1 up, else one thread per core; a value
    /// that is not is reported once, on standard error, and the run goes on.
    private static func configuredThreadCount() -> Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard let text = ProcessInfo.processInfo.environment["TORCHLET_THREADS"] else { return cores }
        if let count = Int(text.trimmingCharacters(in: .whitespaces)), count > 0 { return count }
        FileHandle.standardError.write(
            Data(
                ("warning: TORCHLET_THREADS=\(text) is not a number of threads (a whole number from 1 up); "
                    + "using \(cores), one per core. Set it like TORCHLET_THREADS=2, or unset it.\n").utf8))
        return cores
    }
}
