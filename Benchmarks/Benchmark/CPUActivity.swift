import Foundation

/// How much of the machine's CPU time other programs took while we measured.
///
/// The machine is shared: a compiler running on one of the two cores halves a two-thread
/// SGEMM (or worse: one OpenBLAS thread waits for the other, which waits for its core). The
/// kernel counts, in `/proc/stat`, the time every core spent busy, and in `/proc/<pid>/stat` the
/// time each process used. What the cores spent beyond this process and its children (the
/// NumPy worker) is everyone else's. Linux only; elsewhere there is simply no figure.
struct CPUActivity: Sendable {
    /// Clock ticks the whole machine spent busy, all cores together (including time the
    /// hypervisor gave our virtual CPUs to other machines: "steal").
    let machineBusyTicks: Int
    /// Clock ticks of all cores, busy or idle.
    let machineTotalTicks: Int
    /// Clock ticks used by this process and its children, running or finished.
    let ownTicks: Int

    /// A snapshot of the counters now, or `nil` where `/proc` is not available.
    static func now() -> CPUActivity? {
        guard let machine = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let cpuLine = machine.split(separator: "\n").first, cpuLine.hasPrefix("cpu "),
            let own = ProcessTicks.read("self")
        else { return nil }
        // cpu  user nice system idle iowait irq softirq steal guest guest_nice
        // (guest time is already counted in user and nice, so it is left out)
        let ticks = cpuLine.split(separator: " ").dropFirst().compactMap { Int($0) }
        guard ticks.count >= 8 else { return nil }
        let (idle, iowait) = (ticks[3], ticks[4])
        let total = ticks.prefix(8).reduce(0, +)
        // Finished children are in `own.children`; running ones only in their own files.
        let runningChildren = ProcessTicks.runningChildren(of: own.processID).reduce(0) { $0 + $1.own }
        return CPUActivity(
            machineBusyTicks: total - idle - iowait, machineTotalTicks: total,
            ownTicks: own.own + own.children + runningChildren)
    }

    /// The share (0 to 1) of all cores' time since `earlier` that went to other programs.
    func othersShare(since earlier: CPUActivity) -> Double? {
        let total = machineTotalTicks - earlier.machineTotalTicks
        guard total > 0 else { return nil }
        let others = (machineBusyTicks - earlier.machineBusyTicks) - (ownTicks - earlier.ownTicks)
        return Double(max(0, others)) / Double(total)
    }

    /// Runs `body` and also returns the share of the machine other programs used meanwhile.
    static func observing<R>(_ body: () -> R) -> (result: R, othersShare: Double?) {
        let before = now()
        let result = body()
        guard let before, let after = now() else { return (result, nil) }
        return (result, after.othersShare(since: before))
    }
}

/// The CPU time of one process, from `/proc/<pid>/stat`, in clock ticks.
private struct ProcessTicks {
    let processID: Int
    let parentID: Int
    /// Time the process itself used (user + system).
    let own: Int
    /// Time its finished, waited-for children used.
    let children: Int

    /// Reads `/proc/<process>/stat`; `process` is a process ID or `self`.
    static func read(_ process: String) -> ProcessTicks? {
        guard let stat = try? String(contentsOfFile: "/proc/\(process)/stat", encoding: .utf8),
            let processID = Int(stat.prefix { $0 != " " }),
            let afterName = stat.lastIndex(of: ")")
        else { return nil }
        // After "pid (name)": state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17).
        // Without the state letter, which is not a number, ppid is at index 0 and utime at 10.
        let fields = stat[stat.index(after: afterName)...].split(separator: " ").compactMap { Int($0) }
        guard fields.count > 13 else { return nil }
        return ProcessTicks(
            processID: processID, parentID: fields[0], own: fields[10] + fields[11],
            children: fields[12] + fields[13])
    }

    /// The running processes whose parent is `parent`.
    static func runningChildren(of parent: Int) -> [ProcessTicks] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.compactMap(read).filter { $0.parentID == parent }
    }
}
