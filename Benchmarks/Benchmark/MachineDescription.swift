import Foundation
import Torchlet

/// Where the figures were measured: they mean little without the CPU, the core count and the
/// BLAS build next to them.
struct MachineDescription: Sendable {
    /// The CPU model, from `/proc/cpuinfo` (Linux), e.g. `AMD EPYC`.
    let cpuModel: String
    /// The number of cores the program may use.
    let cores: Int
    /// OpenBLAS's build and chosen kernel, e.g. `OpenBLAS 0.3.21 ... (kernel Haswell)`.
    let openBLAS: String
    /// The number of threads OpenBLAS reports it will use (1: the engine splits the work).
    let openBLASThreads: Int?
    /// The number of threads the engine computes on (`getNumThreads()`).
    let engineThreads: Int
    /// Today's date, e.g. `2026-11-23`.
    let date: String

    static func current() -> MachineDescription {
        let configuration = OpenBLASControls.configuration ?? "OpenBLAS (version unknown)"
        let kernel = OpenBLASControls.coreName.map { " (kernel \($0))" } ?? ""
        let dateFormatter = ISO8601DateFormatter()
        dateFormatter.formatOptions = [.withFullDate]
        dateFormatter.timeZone = .current
        return MachineDescription(
            cpuModel: cpuModelName() ?? "unknown CPU",
            cores: ProcessInfo.processInfo.activeProcessorCount,
            openBLAS: configuration + kernel,
            openBLASThreads: OpenBLASControls.threadCount,
            engineThreads: getNumThreads(),
            date: dateFormatter.string(from: Date()))
    }

    /// The 1-minute load average from `/proc/loadavg` (Linux): about how many programs were
    /// running or waiting for a core, on average, over the last minute.
    static func loadAverage() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.map(String.init)
    }

    /// The first `model name` line of `/proc/cpuinfo`, if there is one.
    private static func cpuModelName() -> String? {
        guard let cpuInfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in cpuInfo.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
