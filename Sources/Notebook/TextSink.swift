import Foundation

/// Where the notebook's text goes. Standard output by default; tests pass a `CapturedText` and
/// read back exactly what a learner would have seen.
public protocol TextSink: AnyObject {
    /// Appends `text` as is (the caller supplies the line breaks).
    func write(_ text: String)

    /// Pushes buffered text out, so it appears before anything another program (gnuplot) prints.
    func flush()
}

/// Standard output, through the same buffer as Swift's `print`, so a lesson's own `print` calls
/// and the notebook's cells come out in the order they were made.
public final class StandardOutput: TextSink {
    /// Creates a sink writing to standard output.
    public init() {}

    /// Writes `text` to standard output.
    public func write(_ text: String) {
        print(text, terminator: "")
    }

    /// Flushes standard output (and every other C stream).
    public func flush() {
        fflush(nil)
    }
}

/// A sink that keeps everything written to it, for tests.
public final class CapturedText: TextSink {
    /// Everything written so far.
    public private(set) var text = ""

    /// How many times `flush()` was called.
    public private(set) var flushCount = 0

    /// Creates an empty capture.
    public init() {}

    /// The text split into lines (without a trailing empty line for a final newline).
    public var lines: [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Appends `text`.
    public func write(_ text: String) {
        self.text += text
    }

    /// Counts the flush.
    public func flush() {
        flushCount += 1
    }
}
