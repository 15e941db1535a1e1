import Foundation

/// A metrics file in the JSON-lines format: one JSON object per line, written and flushed as
/// soon as it is logged, so a crashed or interrupted run keeps every line up to that point.
///
///     let log = try MetricsLog(path: "runs/xor.jsonl")
///     try log.write(["epoch": 1, "loss": 0.25])   // {"epoch":1,"loss":0.25}
///     log.close()
///
/// Lessons do not use this directly: `--metrics FILE` makes `Notebook.log(_:)` write here.
public final class MetricsLog {
    /// The file being written.
    public let path: String

    private var handle: FileHandle?

    /// Creates (or empties) the file at `path`. Throws when the file cannot be created.
    public init(path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
    }

    deinit {
        close()
    }

    /// Appends `record` as one line. The write goes straight to the file (no buffering).
    public func write(_ record: [String: any MetricConvertible]) throws {
        guard let handle else { return }
        let line = JSONLine.encode(record.mapValues(\.metricValue)) + "\n"
        try handle.write(contentsOf: Data(line.utf8))
    }

    /// Closes the file; later writes are ignored.
    public func close() {
        try? handle?.close()
        handle = nil
    }
}
