/// Timing code the careful way, on a machine that is shared and noisy.
///
/// One call of a fast operation takes microseconds, less than the clock's jitter and far less
/// than the pause when another process takes the CPU. So we never time one call. Instead:
///
/// 1. **Warm up.** The first calls are slow for reasons that have nothing to do with the code:
///    memory is touched for the first time (page faults), OpenBLAS starts its threads, caches and
///    branch predictors are cold. Run the code for a while and throw those timings away.
/// 2. **Batch.** Time a batch of calls that lasts about `sampleSeconds` and divide by the number
///    of calls. That is one *sample*.
/// 3. **Repeat.** Take several samples. Interference from other programs only ever makes a sample
///    slower, so the *best* sample is the closest to what the code can do, and the *median* is
///    what you typically get. The benchmark reports both.
/// 4. **Interleave** when two things are compared: one sample of A, one of B, one of A again,
///    and so on, so that each pair of samples is taken within a fraction of a second. A stretch
///    of heavy load from another program (a compiler on the other core halves a two-thread
///    SGEMM) then hits both sides alike instead of deciding the comparison.
///    Between turns, pause for `settlingSeconds`: after a product, OpenBLAS keeps its threads
///    spinning for about a tenth of a second (2²⁸ processor cycles) in case more work comes.
///    Without the pause, the side that just finished steals the cores from the other: on two
///    cores a two-thread SGEMM then drops from about 170 to 3–100 GFLOP/s.
///
/// `Benchmarks/numpy_sgemm.py` follows exactly the same plan, so the two sides compare fairly.
struct MeasurementPlan: Sendable {
    /// How long to run the code before timing it.
    var warmUpSeconds: Double
    /// About how long each timed batch of calls lasts.
    var sampleSeconds: Double
    /// How many batches to time.
    var samples: Int

    /// The plan of a real run: 15 samples, about 2 seconds per benchmark; half a minute in all.
    static let full = MeasurementPlan(warmUpSeconds: 0.3, sampleSeconds: 0.1, samples: 15)

    /// A smoke run (`--quick`): checks that everything works, the figures are rough.
    static let quick = MeasurementPlan(warmUpSeconds: 0.05, sampleSeconds: 0.02, samples: 3)

    /// How long to let the cores settle between the turns of an interleaved comparison, so
    /// that the idle side's OpenBLAS threads have stopped spinning (see above).
    static let settlingSeconds = 0.2

    /// One sample of an interleaved comparison: the first one after the full warm-up, the
    /// others after a short one, because the other side has just had the cores and the caches.
    func oneInterleavedSample(isFirst: Bool) -> MeasurementPlan {
        MeasurementPlan(
            warmUpSeconds: isFirst ? warmUpSeconds : min(0.02, warmUpSeconds),
            sampleSeconds: sampleSeconds, samples: 1)
    }

    /// The same plan with fewer samples, for code so slow that one call is already a long sample.
    func withSamples(atMost limit: Int) -> MeasurementPlan {
        var plan = self
        plan.samples = min(samples, limit)
        return plan
    }
}

/// The result of measuring: the time of one call, once per sample.
struct Timing: Sendable {
    /// Seconds per call, one figure per sample, in the order they were taken.
    let secondsPerCall: [Double]
    /// The share of the machine's CPU time that other programs used while the samples were
    /// taken (see `CPUActivity`), where it could be read.
    let othersCPUShare: Double?

    init(secondsPerCall: [Double], othersCPUShare: Double?) {
        self.secondsPerCall = secondsPerCall
        self.othersCPUShare = othersCPUShare
    }

    /// The samples of several measurements of the same thing (say, one per round of an
    /// interleaved comparison), pooled in order.
    init(pooling rounds: [Timing]) {
        secondsPerCall = rounds.flatMap(\.secondsPerCall)
        let shares = rounds.compactMap(\.othersCPUShare)
        othersCPUShare = shares.isEmpty ? nil : shares.reduce(0, +) / Double(shares.count)
    }

    /// The fastest sample: the least disturbed by other programs.
    var best: Double { secondsPerCall.min() ?? .nan }

    /// The middle sample: what a run typically gets.
    var median: Double { Self.median(of: secondsPerCall) }

    /// The middle value of `values` (the mean of the two middle ones for an even count).
    static func median(of values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }

    /// Whether other programs visibly competed for the cores: the samples spread widely (the
    /// median more than 25% slower than the best), or other programs used more than a quarter
    /// of the machine's CPU time meanwhile. Such figures are real but pessimistic; rerun on a
    /// quieter machine before drawing conclusions. A two-thread SGEMM on two cores suffers most:
    /// when one of its threads loses its core, the other waits for it.
    var isNoisy: Bool { median > 1.25 * best || (othersCPUShare ?? 0) > 0.25 }
}

/// Measures `body` following `plan` (see `MeasurementPlan`).
func measure(_ plan: MeasurementPlan, _ body: () -> Void) -> Timing {
    let clock = ContinuousClock()

    // Warm up: at least one call, then until the warm-up time is spent. The last warm-up call
    // tells how long one call takes, which sizes the batches.
    let warmUpStart = clock.now
    var oneCall: Double
    repeat {
        let start = clock.now
        body()
        oneCall = start.duration(to: clock.now).seconds
    } while warmUpStart.duration(to: clock.now).seconds < plan.warmUpSeconds
    let calls = max(1, Int(plan.sampleSeconds / max(oneCall, 1e-9)))

    let (secondsPerCall, othersShare) = CPUActivity.observing {
        (0..<plan.samples).map { _ in
            let start = clock.now
            for _ in 0..<calls { body() }
            return start.duration(to: clock.now).seconds / Double(calls)
        }
    }
    return Timing(secondsPerCall: secondsPerCall, othersCPUShare: othersShare)
}

/// Hands a value to code the optimiser cannot see through, so computing it cannot be skipped
/// as "unused". (Torchlet's operations live in another module and are not inlined, so they
/// would not be skipped anyway; this makes the intent explicit.)
@inline(never)
func keepAlive<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

extension Duration {
    /// The duration as a number of seconds.
    var seconds: Double {
        let (wholeSeconds, attoseconds) = components
        return Double(wholeSeconds) + Double(attoseconds) * 1e-18
    }
}
