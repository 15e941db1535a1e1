import Foundation

/// The colours of the check report: green done, red wrong, yellow not started, dim labels.
/// Off unless standard output is a terminal and `NO_COLOR` is unset or empty
/// (https://no-color.org), the same rule as the lessons' `Notebook`.
public struct ReportStyle: Sendable, Equatable {
    public let isEnabled: Bool

    public init(isEnabled: Bool) {
        self.isEnabled = isEnabled
    }

    /// The style for this process's standard output.
    public static func standardOutput(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ReportStyle {
        decide(isTerminal: isatty(STDOUT_FILENO) == 1, environment: environment)
    }

    /// The rule, without a terminal, for tests: colour only on a terminal without `NO_COLOR`.
    public static func decide(isTerminal: Bool, environment: [String: String]) -> ReportStyle {
        ReportStyle(isEnabled: isTerminal && (environment["NO_COLOR"] ?? "").isEmpty)
    }

    public func done(_ text: String) -> String { apply("32", text) }
    public func wrong(_ text: String) -> String { apply("31", text) }
    public func notStarted(_ text: String) -> String { apply("33", text) }
    public func heading(_ text: String) -> String { apply("1", text) }
    public func faint(_ text: String) -> String { apply("2", text) }

    private func apply(_ code: String, _ text: String) -> String {
        isEnabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
