import Foundation

/// One value in a metrics record or a progress bar's postfix: a whole number, a real number,
/// a piece of text or a yes/no.
public enum MetricValue: Sendable, Equatable {
    /// A whole number, such as an epoch or a count of correct answers.
    case integer(Int)
    /// A real number, such as a loss or an accuracy.
    case number(Double)
    /// Text, such as an optimizer's name.
    case text(String)
    /// A yes/no, such as whether a run diverged.
    case flag(Bool)

    /// The value as a short human-readable string, as progress bars show it: real numbers with
    /// 4 significant digits (`0.3412`, `1.235e-05`), everything else as written.
    public var compactDescription: String {
        switch self {
        case .integer(let value): return String(value)
        case .number(let value): return value.isFinite ? String(format: "%.4g", value) : "\(value)"
        case .text(let value): return value
        case .flag(let value): return value ? "true" : "false"
        }
    }
}

/// A type whose values can be logged as metrics or shown in a progress bar: `Int`, `Double`,
/// `Float`, `String`, `Bool` and friends. This is what lets a lesson write
/// `nb.log(["epoch": epoch, "loss": loss])` with plain Swift values.
public protocol MetricConvertible {
    /// The value as a metric.
    var metricValue: MetricValue { get }
}

extension MetricValue: MetricConvertible {
    /// The value itself.
    public var metricValue: MetricValue { self }
}

extension Int: MetricConvertible {
    /// The integer as a metric.
    public var metricValue: MetricValue { .integer(self) }
}

extension Int32: MetricConvertible {
    /// The integer as a metric.
    public var metricValue: MetricValue { .integer(Int(self)) }
}

extension UInt64: MetricConvertible {
    /// The integer as a metric (as text when it is too large for `Int`, such as a huge seed).
    public var metricValue: MetricValue {
        self <= UInt64(Int.max) ? .integer(Int(self)) : .text(String(self))
    }
}

extension Double: MetricConvertible {
    /// The number as a metric.
    public var metricValue: MetricValue { .number(self) }
}

extension Float: MetricConvertible {
    /// The number as a metric, keeping its short decimal form: `Float(0.1)` logs as `0.1`,
    /// not as the `0.10000000149011612` a plain conversion to `Double` would give.
    public var metricValue: MetricValue {
        .number(Double(description) ?? Double(self))
    }
}

extension String: MetricConvertible {
    /// The text as a metric.
    public var metricValue: MetricValue { .text(self) }
}

extension Bool: MetricConvertible {
    /// The flag as a metric.
    public var metricValue: MetricValue { .flag(self) }
}
