import Foundation

/// Keeps the memory of freed tensors for the next ones, instead of giving it back to the
/// operating system after every training step.
///
/// A training step makes the same large arrays every time (Lesson07's first convolution
/// alone outputs 10 MB), and frees them at the end of the step. glibc's `malloc` hands blocks
/// that large straight back to the system (`munmap`, or trimming the heap's top), so the next
/// step's arrays are fresh pages, each zeroed by the kernel on first touch: that cost
/// Lesson07's step a fifth of its time (Benchmarks/RESULTS.md, 2026-12-08). Raising the two
/// thresholds with glibc's `mallopt` keeps the blocks in the heap; the process's memory stays
/// at its peak, which it needs again at the next step anyway.
///
/// `mallopt` is declared in `<malloc.h>`, which Swift's Glibc module does not import, so it
/// is looked up by name; another C library (macOS, musl) keeps its own policy.
enum MemoryReuse {
    /// `int mallopt(int param, int value)`.
    private typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
    /// glibc's numbers for the two settings (`<malloc.h>`).
    private static let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3

    /// Set on first use, by the first large array the kernels make (`makeScalars`); true if
    /// the C library took the settings.
    static let configured: Bool = {
        guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        let limit: Int32 = 1 << 30  // blocks up to 1 GB come from the heap and stay in it
        return mallopt(mmapThreshold, limit) == 1 && mallopt(trimThreshold, limit) == 1
    }()
}
