import Foundation
import Torchlet

/// OpenBLAS's own settings: how many threads it uses and which build and CPU kernel it runs.
///
/// We ask the library directly, through the functions it exports (`openblas_set_num_threads`
/// and friends), looked up by name in the OpenBLAS that Torchlet loads; if one is missing, the
/// benchmark says so.
enum OpenBLASControls {
    private typealias SetInteger = @convention(c) (Int32) -> Void
    private typealias GetInteger = @convention(c) () -> Int32
    private typealias GetText = @convention(c) () -> UnsafePointer<CChar>?

    /// Asks OpenBLAS to use `count` threads. Returns `false` if the function is not available.
    @discardableResult
    static func setThreadCount(_ count: Int) -> Bool {
        guard let set = function(named: "openblas_set_num_threads", as: SetInteger.self) else { return false }
        set(Int32(count))
        return true
    }

    /// The number of threads OpenBLAS will use, as it reports it.
    static var threadCount: Int? {
        function(named: "openblas_get_num_threads", as: GetInteger.self).map { Int($0()) }
    }

    /// The build, e.g. `OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64`.
    static var configuration: String? { text(from: "openblas_get_config") }

    /// The CPU kernel OpenBLAS chose at start-up, e.g. `Haswell` (AVX2 + FMA) or `SkylakeX` (AVX-512).
    static var coreName: String? { text(from: "openblas_get_corename") }

    private static func text(from name: String) -> String? {
        guard let get = function(named: name, as: GetText.self), let text = get() else { return nil }
        return String(cString: text)
    }

    /// Finds a C function of the OpenBLAS that Torchlet loads (`OpenBLAS.symbol(named:)`).
    private static func function<F>(named name: String, as type: F.Type) -> F? {
        OpenBLAS.symbol(named: name).map { unsafeBitCast($0, to: type) }
    }
}
