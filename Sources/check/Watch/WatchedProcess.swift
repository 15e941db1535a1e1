import Foundation

/// A child process of the watch (`swift build`, then the freshly built checker), run while the
/// keyboard is still read, so that `q` stops it and the watch at once.
struct WatchedProcess {
    let executable: String
    let arguments: [String]
    let folder: URL

    struct Finished {
        let status: Int32
        let output: String
        let errors: String
    }

    /// Runs it to the end, or until `q` (then it is ended and the result is `nil`). `tick` is
    /// called about five times a second with the output so far (to notice a build that waits).
    func run(keyboard: Keyboard, tick: (String) -> Void = { _ in }) throws -> Finished? {
        let temporary = FileManager.default.temporaryDirectory
        let stamp = "torchlet-watch-\(ProcessInfo.processInfo.processIdentifier)"
        let outputFile = temporary.appendingPathComponent("\(stamp)-output.txt")
        let errorFile = temporary.appendingPathComponent("\(stamp)-errors.txt")
        for file in [outputFile, errorFile] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        defer { for file in [outputFile, errorFile] { try? FileManager.default.removeItem(at: file) } }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        func read(_ file: URL) -> String { (try? String(contentsOf: file, encoding: .utf8)) ?? "" }
        var pressed: [Character] = []
        defer { keyboard.handLater(pressed) }
        while process.isRunning {
            if let key = keyboard.key(within: 0.2) {
                if key == "q" {
                    process.terminate()
                    process.waitUntilExit()
                    return nil
                }
                pressed.append(key)
            }
            tick(read(outputFile) + read(errorFile))
        }
        process.waitUntilExit()
        return Finished(status: process.terminationStatus, output: read(outputFile), errors: read(errorFile))
    }
}
