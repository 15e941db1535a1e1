import Foundation

/// Stops the program with a message that says what went wrong, where, and how to fix it.
///
/// Torchlet's operations stop on misuse (a shape mismatch, a dimension out of range), as Swift
/// does for an array index out of range, but always with a message that names the operation
/// and the shapes, in PyTorch's words where PyTorch has them, followed by the line of *your*
/// program that made the call, and nothing else:
///
///     error: linear: mat1 and mat2 shapes cannot be multiplied (4x5 and 3x2): ...
///       at Lessons/Lesson05/XORClassifier.swift:14
///
/// The program then exits with status 1. Swift's own crash report (a list of threads and
/// registers) answers questions a debugger asks, not a learner; set `TORCHLET_CRASH=1` in the
/// environment to get it anyway: the failure then traps in `fatalError`, where a debugger stops.
///
/// **Where "your line" comes from.** A stack of symbols (`Thread.callStackSymbols`) names
/// functions but, on Linux, no files or lines, and in a release build functions inlined away
/// are missing from it. The compiler, though, knows the file and line of every call in any
/// build (`#filePath`, `#line`). So the entry points a learner calls (`model(x)`,
/// `lossFunction(output, target)`, `a.matmul(b)`, `Tensor.cat(_:)`, `y.backward()`, ...) take
/// them as default arguments and run their work in `calledFrom(file, line) { ... }`, which
/// remembers the innermost call made from outside the engine's sources: when `Linear.forward`
/// calls `linear(weight:bias:)`, the place stays the learner's `linear1(x)`. Where Swift allows
/// no extra argument (operators such as `+`, property setters such as `requiresGrad`), the
/// failure looks for the first line outside the engine on the call stack instead, with the
/// toolchain's `llvm-symbolizer`: in a debug build (`swift run`) it finds it, in a release
/// build, which has no debug information, the report says no line.
@inline(never)
func failure(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    if ProcessInfo.processInfo.environment["TORCHLET_CRASH"] == "1" {
        fatalError(message, file: file, line: line)
    }
    var report = "error: \(message)\n"
    if let site = LearnerCall.site {
        report += "  at \(site)\n"
    } else if let place = firstLineOutsideEngine() {
        report += "  at \(place)\n"
    }
    FileHandle.standardError.write(Data(report.utf8))
    exit(1)
}

/// A line of a program's source: where it called into Torchlet.
struct SourceLine: Sendable, CustomStringConvertible {
    let file: String
    let line: UInt

    /// `Lessons/Lesson05/XORClassifier.swift:14`: the path relative to the current directory
    /// when the file is inside it (as when you `swift run` in the package), else absolute.
    var description: String {
        let here = FileManager.default.currentDirectoryPath + "/"
        return (file.hasPrefix(here) ? String(file.dropFirst(here.count)) : file) + ":\(line)"
    }
}

/// The innermost call into Torchlet from outside the engine, while it runs.
enum LearnerCall {
    @TaskLocal static var site: SourceLine?

    /// The folders of the engine's own sources (Torchlet and the Notebook runtime), whose calls
    /// are not "the learner's line": `.../Sources/Torchlet/` and `.../Sources/Notebook/`.
    static let engineFolders: [[UInt8]] = {
        let sources = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent()  // Core
            .deletingLastPathComponent().deletingLastPathComponent().path  // Sources
        return ["Torchlet", "Notebook"].map { Array("\(sources)/\($0)/".utf8) }
    }()

    static func isEngineSource(_ file: StaticString) -> Bool {
        let path = UnsafeBufferPointer(start: file.utf8Start, count: file.utf8CodeUnitCount)
        return engineFolders.contains { path.starts(with: $0) }
    }
}

/// Runs `work`, the body of a public entry point called from `file:line`, so that a failure
/// inside it reports that line, unless the call comes from the engine's own sources (then the
/// place of the call that led there stays).
@inline(__always)
func calledFrom<Result>(_ file: StaticString, _ line: UInt, _ work: () -> Result) -> Result {
    if LearnerCall.isEngineSource(file) { return work() }
    return LearnerCall.$site.withValue(SourceLine(file: "\(file)", line: line), operation: work)
}

/// The first line on the call stack outside the engine's sources, Swift's and the C library's:
/// the return addresses of the stack, turned into functions, files and lines by
/// `llvm-symbolizer` (which comes with the Swift toolchain) from the program's debug
/// information. A debug build has it, so this finds the line of an operator such as `+`; a
/// release build has none, and this finds nothing (the reply is `??:0`).
func firstLineOutsideEngine() -> String? {
    // Which file each address belongs to, and where that file starts in memory (Linux).
    guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return nil }
    var objects: [(start: UInt, end: UInt, path: String)] = []
    var bases: [String: UInt] = [:]
    for entry in maps.split(separator: "\n") {
        let fields = entry.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 6, fields[5].hasPrefix("/") else { continue }
        let bounds = fields[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
        guard bounds.count == 2 else { continue }
        let path = fields[5...].joined(separator: " ")
        bases[path] = Swift.min(bases[path] ?? .max, bounds[0])
        objects.append((bounds[0], bounds[1], path))
    }
    var frames: [(object: String, offset: UInt)] = []
    for address in Thread.callStackReturnAddresses.dropFirst(2) {
        let pc = UInt(truncating: address) - 1  // inside the call instruction
        guard let object = objects.first(where: { $0.start <= pc && pc < $0.end }) else { continue }
        frames.append((object.path, pc - bases[object.path]!))
    }
    guard
        let symbolizer = ["/usr/bin/llvm-symbolizer", "/opt/swift/usr/bin/llvm-symbolizer"]
            .first(where: FileManager.default.isExecutableFile)
    else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: symbolizer)
    process.arguments = ["--no-inlines", "--functions=none"]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let query = frames.map { "\"\($0.object)\" 0x\(String($0.offset, radix: 16))\n" }.joined()
    input.fileHandleForWriting.write(Data(query.utf8))
    try? input.fileHandleForWriting.close()
    let reply = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    // One "file:line:column" per frame; "??:0:0" where there is no debug information.
    for place in reply.split(separator: "\n") where !place.hasPrefix("??") && !place.hasPrefix("/usr/") {
        let parts = place.split(separator: ":")
        guard parts.count >= 2, let line = UInt(parts[1]), line > 0 else { continue }
        let file = String(parts[0])
        guard !LearnerCall.engineFolders.contains(where: { file.utf8.starts(with: $0) }),
            !file.contains("/swift/stdlib/"), !file.contains("swift-corelibs"), !file.hasPrefix("<")
        else { continue }
        return SourceLine(file: file, line: line).description
    }
    return nil
}
