import Torchlet

/// Encodes one metrics record as a single line of JSON (the "JSON lines" format: one object per
/// line, easy to append to, and read by `pandas.read_json(path, lines=True)` or `jq`).
///
///     JSONLine.encode(["loss": .number(0.25), "epoch": .integer(1)])
///     // {"epoch":1,"loss":0.25}
///
/// Keys are sorted so that files compare well with `diff`. Numbers are JSON numbers in Swift's
/// shortest round-tripping form (`0.1`, `1e-05`, `3.0`). JSON has no NaN or infinity, so a
/// non-finite number (a diverged loss) is written as `null`, which every JSON reader accepts and
/// pandas reads back as NaN.
public enum JSONLine {
    /// The record as one line of JSON, without the trailing newline.
    public static func encode(_ record: [String: MetricValue]) -> String {
        let fields = record.sorted { $0.key < $1.key }.map { key, value in
            JSON.quoted(key) + ":" + encode(value)
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// One value as JSON.
    static func encode(_ value: MetricValue) -> String {
        switch value {
        case .integer(let number): return String(number)
        case .number(let number): return number.isFinite ? String(number) : "null"
        case .text(let text): return JSON.quoted(text)
        case .flag(let flag): return flag ? "true" : "false"
        }
    }
}
