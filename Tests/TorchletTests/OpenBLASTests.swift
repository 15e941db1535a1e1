import Foundation
import Testing

@testable import Torchlet

/// Torchlet loads OpenBLAS itself, so that the kernel it asks for is the kernel OpenBLAS runs.
@Suite struct OpenBLASTests {
    private typealias GetText = @convention(c) () -> UnsafePointer<CChar>?
    private typealias GetInteger = @convention(c) () -> Int32

    @Test("the CPU kernel Torchlet asks for (from the CPU's flags) is the one OpenBLAS reports using")
    func requestedKernelIsUsed() throws {
        _ = Tensor.ones([2, 3]).matmul(Tensor.ones([3, 2]))  // loads OpenBLAS, if nothing has yet
        let symbol = try #require(OpenBLAS.symbol(named: "openblas_get_corename"))
        let core = String(cString: try #require(unsafeBitCast(symbol, to: GetText.self)()))
        // The flags, read here on their own; a kernel set by hand (OPENBLAS_CORETYPE) wins.
        let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("flags") }.map {
                Set($0.split(separator: " ").map(String.init))
            }
        if let chosen = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] {
            #expect(core.lowercased() == chosen.lowercased())
        } else if let flags, flags.contains("avx512f") && flags.contains("avx512bw") && flags.contains("avx512vl") {
            #expect(core.lowercased() == "skylakex", "OpenBLAS runs \(core)")
        } else if let flags, flags.contains("avx2") && flags.contains("fma") {
            #expect(core.lowercased() == "haswell", "OpenBLAS runs \(core)")
        }
        #expect(core.lowercased() != "prescott" || flags?.contains("avx2") != true)
    }

    @Test("OpenBLAS runs on one thread: the engine shares the cores out itself")
    func oneThread() throws {
        _ = Tensor.ones([2, 3]).matmul(Tensor.ones([3, 2]))
        let symbol = try #require(OpenBLAS.symbol(named: "openblas_get_num_threads"))
        #expect(unsafeBitCast(symbol, to: GetInteger.self)() == 1)
    }
}
