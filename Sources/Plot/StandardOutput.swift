import Foundation
import GnuplotBridge

/// What the process's standard output is connected to, which decides the default outputs and
/// how wide terminal drawings are.
enum StandardOutput {
    /// True when standard output is a terminal (not a pipe or a file).
    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// The terminal's width in columns: asked of the terminal, else `$COLUMNS`, else 80.
    static var columns: Int {
        if let asked = terminalColumns() { return asked }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 {
            return columns
        }
        return 80
    }

    /// True when colours are welcome: a terminal, `NO_COLOR` unset (https://no-color.org) and
    /// `TERM` not `dumb`.
    static var supportsColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isTerminal && environment["NO_COLOR"].map(\.isEmpty) ?? true && environment["TERM"] != "dumb"
    }

    /// Writes `text` to standard output, after anything already buffered there.
    static func write(_ text: String) {
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        fflush(nil)
    }

    /// Writes a line to standard error, after flushing standard output so the two stay in order.
    static func report(_ line: String) {
        fflush(nil)
        FileHandle.standardError.write(Data((line.hasSuffix("\n") ? line : line + "\n").utf8))
    }
}
