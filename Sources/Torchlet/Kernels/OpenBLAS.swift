import CBLAS
import Foundation

/// OpenBLAS, loaded by Torchlet itself when the first matrix product needs it, after telling it
/// which CPU kernel to use.
///
/// OpenBLAS (Debian's `DYNAMIC_ARCH` build) picks its kernel while the library loads, from the
/// CPU's model number. A CPU it cannot name, as in many virtual machines whose `/proc/cpuinfo`
/// says only "Intel(R) Xeon(R) Processor", gets its oldest kernel, Prescott (SSE3), even when
/// the CPU has AVX-512: Lesson07's training step was 3.6 times slower for it on such a machine
/// (Benchmarks/RESULTS.md, 2026-12-08). A library linked the usual way loads before `main`,
/// too early to do anything about it. So the engine loads OpenBLAS with `dlopen`, and first sets
/// `OPENBLAS_CORETYPE` from the CPU's own feature flags: `SkylakeX` with AVX-512, `Haswell` with
/// AVX2 and FMA. A value you set yourself is left alone (`OPENBLAS_CORETYPE=Prescott swift run
/// Lesson07` shows the difference), and so are other CPUs.
///
/// OpenBLAS runs on one thread: its own threads spin for about 0.1 s after every product, on
/// the core the engine's next loop needs. The engine shares the cores out itself instead
/// (`WorkerPool`): each thread multiplies its own part.
public enum OpenBLAS {
    /// `cblas_sgemm`'s C signature, as `<cblas.h>` declares it.
    typealias SGEMM =
        @convention(c) (
            CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, blasint, blasint, blasint,
            Float, UnsafePointer<Float>?, blasint, UnsafePointer<Float>?, blasint,
            Float, UnsafeMutablePointer<Float>?, blasint
        ) -> Void

    /// The loaded library and the one function the engine calls.
    struct Library: @unchecked Sendable {
        let handle: UnsafeMutableRawPointer
        let sgemm: SGEMM
    }

    /// Loaded once, on first use (a `static let` is initialised lazily and exactly once).
    static let library: Library = load()

    /// The kernel this process asks OpenBLAS for, or nil when it lets OpenBLAS decide.
    public static let requestedCore: String? = chooseCore()

    /// A C function of OpenBLAS by name (`openblas_get_corename`, `openblas_set_num_threads`,
    /// ...), loading the library first; nil if it has no such function.
    public static func symbol(named name: String) -> UnsafeMutableRawPointer? {
        dlsym(library.handle, name)
    }

    private static func load() -> Library {
        if let core = requestedCore { setenv("OPENBLAS_CORETYPE", core, 0) }
        // One thread: the engine splits the work across the cores itself (`WorkerPool`).
        setenv("OPENBLAS_NUM_THREADS", "1", 1)
        let names = ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib", "libopenblas.0.dylib"]
        for name in names {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_GLOBAL) else { continue }
            guard let function = dlsym(handle, "cblas_sgemm") else { continue }
            if let setThreads = dlsym(handle, "openblas_set_num_threads") {
                unsafeBitCast(setThreads, to: (@convention(c) (Int32) -> Void).self)(1)
            }
            return Library(handle: handle, sgemm: unsafeBitCast(function, to: SGEMM.self))
        }
        failure(
            "OpenBLAS could not be loaded (looked for \(names.joined(separator: ", "))): "
                + "run ./scripts/install-dependencies.sh, which installs libopenblas-dev")
    }

    /// `SkylakeX` or `Haswell` from the CPU's flags, unless `OPENBLAS_CORETYPE` is already set.
    private static func chooseCore() -> String? {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil else { return nil }
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return nil }
        let flags = Set(line.split(separator: " ").map(String.init))
        if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512dq", "avx512vl"]) { return "SkylakeX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }
}
