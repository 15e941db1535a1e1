import Foundation
import Synchronization
import Testing

@testable import Torchlet

/// The engine's threads: every part of a job runs exactly once, `run` returns only after all
/// of them, and a job started from inside a job, or from several threads at once, still does
/// all its work.
@Suite struct WorkerPoolTests {
    /// Counts, for each of `count` items, how often it was visited.
    final class Visits: Sendable {
        let counts: Mutex<[Int]>
        init(_ count: Int) { counts = Mutex(Array(repeating: 0, count: count)) }
        func visit(_ item: Int) { counts.withLock { $0[item] += 1 } }
        var all: [Int] { counts.withLock { $0 } }
    }

    @Test("each part runs once, on as many threads as the pool has, many jobs in a row")
    func everyPartOnce() {
        let pool = WorkerPool(threadCount: 3)
        let wrongJobs = (0..<2_000).filter { job in
            let parts = 1 + job % 3
            let visits = Visits(parts)
            pool.run(parts: parts) { visits.visit($0) }
            return visits.all != Array(repeating: 1, count: parts)
        }
        #expect(wrongJobs.isEmpty, "jobs whose parts did not run exactly once: \(wrongJobs.prefix(10))")
    }

    @Test("a job inside a job runs its parts on the calling thread, and all of them")
    func nested() {
        let pool = WorkerPool(threadCount: 2)
        let visits = Visits(4)
        pool.run(parts: 2) { outer in
            pool.run(parts: 2) { inner in visits.visit(outer * 2 + inner) }
        }
        #expect(visits.all == [1, 1, 1, 1])
    }

    @Test("jobs from several threads at once all finish, each part once")
    func concurrentCallers() async {
        let pool = WorkerPool(threadCount: 2)
        let visits = Visits(8 * 200 * 2)
        await withTaskGroup(of: Void.self) { group in
            for caller in 0..<8 {
                group.addTask {
                    for job in 0..<200 {
                        pool.run(parts: 2) { visits.visit((caller * 200 + job) * 2 + $0) }
                    }
                }
            }
        }
        #expect(visits.all.allSatisfy { $0 == 1 })
    }

    @Test("parallelChunks covers 0..<count exactly once, in chunks of nearly equal size")
    func chunks() {
        for count in [0, 1, 2, 3, 99, 100_001] {
            let visits = Visits(count)
            parallelChunks(count, costPerItem: 10) { range in
                for item in range { visits.visit(item) }
            }
            #expect(visits.all.allSatisfy { $0 == 1 }, "count \(count)")
        }
    }
}
