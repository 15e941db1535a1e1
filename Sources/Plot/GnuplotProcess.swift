import Foundation
import GnuplotBridge
import Synchronization

/// One running gnuplot, driven through the C++ bridge: send commands and data blocks, then
/// `finish()` to learn how it went. Not shared between threads; each render starts its own.
final class GnuplotProcess {
    /// How gnuplot ended: its exit status and everything it printed.
    struct Outcome {
        var status: Int
        var output: String

        /// True when gnuplot reported no error.
        var succeeded: Bool { status == 0 }
    }

    private var session: OpaquePointer?

    /// Starts the gnuplot at `path` (an absolute path, as found by `locate`).
    init(path: String) throws(GnuplotStartError) {
        var reason = [CChar](repeating: 0, count: 512)
        guard let session = gnuplot_bridge_open(path, &reason, reason.count) else {
            throw GnuplotStartError(
                reason: String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        self.session = session
    }

    deinit {
        if session != nil { _ = finish() }
    }

    /// Sends commands (lines of gnuplot). False when gnuplot stopped reading.
    @discardableResult
    func send(_ commands: String) -> Bool {
        guard let session else { return false }
        return gnuplot_bridge_send_commands(session, commands) == 0
    }

    /// Sends `values` (`columns` per row, row-major) as the data block `$name`.
    @discardableResult
    func sendDataBlock(_ name: String, values: [Double], columns: Int) -> Bool {
        guard let session, columns > 0 else { return false }
        return values.withUnsafeBufferPointer { buffer in
            gnuplot_bridge_send_data_block(session, name, buffer.baseAddress, values.count / columns, columns) == 0
        }
    }

    /// Ends gnuplot's input and waits for it to exit.
    func finish() -> Outcome {
        guard let session else { return Outcome(status: -1, output: "") }
        self.session = nil
        var printed: UnsafeMutablePointer<CChar>?
        let status = gnuplot_bridge_close(session, &printed)
        defer { gnuplot_bridge_free(printed) }
        return Outcome(status: Int(status), output: printed.map { String(cString: $0) } ?? "")
    }

    // MARK: Finding gnuplot

    /// The absolute path of `executable` if it can be run: a path containing `/` is checked as
    /// it is, a bare name is looked up in `PATH`. Nil when there is no such program.
    static func locate(_ executable: String) -> String? {
        let files = FileManager.default
        func runnable(_ path: String) -> Bool {
            var isDirectory: ObjCBool = false
            return files.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && files.isExecutableFile(atPath: path)
        }
        if executable.contains("/") {
            let absolute = URL(fileURLWithPath: executable).standardizedFileURL.path
            return runnable(absolute) ? absolute : nil
        }
        guard !executable.isEmpty else { return nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/" + executable
            if runnable(candidate) { return candidate }
        }
        return nil
    }

    /// The executables already announced as missing: the notice is printed once per process.
    private static let announcedMissing = Mutex<Set<String>>([])

    /// The one-line notice that `executable` is missing, the first time it is asked for in this
    /// process (then nil). Safe to call from any thread.
    static func missingNotice(for executable: String, writesFiles: Bool) -> String? {
        let first = announcedMissing.withLock { $0.insert(executable).inserted }
        guard first else { return nil }
        let which = executable == "gnuplot" ? "gnuplot not found" : "gnuplot not found at \(executable)"
        let consequence = writesFiles ? "figures are saved as .dat/.gp only" : "figures are not drawn"
        return "plot: \(which), so \(consequence) (install it: \(installCommand))"
    }

    /// How to install gnuplot here.
    static var installCommand: String {
        #if os(macOS)
        "brew install gnuplot"
        #else
        "sudo apt-get install gnuplot-nox"
        #endif
    }
}

/// gnuplot could not be started (the bridge's reason).
struct GnuplotStartError: Error {
    var reason: String
}
