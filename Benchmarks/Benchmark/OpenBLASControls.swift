import Foundation
import Torchlet

/// OpenBLAS's own settings: how many threads it uses (one: the engine splits the work itself)
/// and which build and CPU kernel it runs.
///
/// We ask the library directly, through the functions it exports (`openblas_get_num_threads`
/// and friends), looked up by name in the OpenBLAS that Torchlet loads; if one is missing, the
/// benchmark says so.
enum OpenBLASControls {
    private typealias GetInteger = @convention(c) () -> Int32
    private typealias GetText = @convention(c) () -> UnsafePointer<CChar>?

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
