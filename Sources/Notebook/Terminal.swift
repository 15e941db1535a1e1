import Foundation
import Plot

/// What the lesson's output is going to: a person at a terminal, or a file or pipe.
///
/// Everything the notebook prints adapts to it: colour and redrawn progress bars only for a
/// person at a terminal, text wrapped to the terminal's width (or 88 columns in a file).
/// Tests build one by hand, e.g. `Terminal(isInteractive: false, width: 60)`.
public struct Terminal: Sendable, Equatable {
    /// Whether standard output is a terminal a person is watching (not a file or a pipe).
    public var isInteractive: Bool

    /// The number of columns narrative text is wrapped to.
    public var width: Int

    /// Whether ANSI colours and bold text are used.
    public var usesColour: Bool

    /// The range `detect` keeps the width in: narrower is hard to read, wider lines are too long
    /// for the eye to follow.
    public static let widthRange = 60...100

    /// The width used when output is not a terminal, so files and CI logs look the same
    /// everywhere.
    public static let widthWhenNotInteractive = 88

    /// Describes an output explicitly. `usesColour` defaults to `isInteractive`.
    public init(isInteractive: Bool, width: Int = Terminal.widthWhenNotInteractive, usesColour: Bool? = nil) {
        self.isInteractive = isInteractive
        self.width = max(1, width)
        self.usesColour = usesColour ?? isInteractive
    }

    /// The styles that go with this output (all of them no-ops when colour is off).
    public var style: TerminalStyle { TerminalStyle(isEnabled: usesColour) }

    /// Describes this process's standard output, reading `COLUMNS`, `NO_COLOR` and the
    /// terminal's size.
    public static func standardOutput(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Terminal {
        let interactive = standardOutputIsTerminal
        return detect(
            isInteractive: interactive,
            environment: environment,
            measuredColumns: interactive ? measuredStandardOutputColumns() : nil)
    }

    /// Works out the settings from plain facts, so the rules can be tested without a terminal:
    ///
    /// - colour only when interactive and `NO_COLOR` is unset or empty (https://no-color.org);
    /// - width from `COLUMNS`, else the measured size, else 88, kept within `widthRange`;
    ///   a file or pipe always gets 88, so its contents do not depend on who ran the lesson.
    public static func detect(
        isInteractive: Bool, environment: [String: String], measuredColumns: Int?
    ) -> Terminal {
        let noColour = !(environment["NO_COLOR"] ?? "").isEmpty
        var width = widthWhenNotInteractive
        if isInteractive {
            let fromEnvironment = environment["COLUMNS"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if let columns = fromEnvironment ?? measuredColumns, columns > 0 {
                width = min(max(columns, widthRange.lowerBound), widthRange.upperBound)
            }
        }
        return Terminal(isInteractive: isInteractive, width: width, usesColour: isInteractive && !noColour)
    }

    /// Whether standard output is a terminal (`isatty`).
    public static var standardOutputIsTerminal: Bool {
        isatty(STDOUT_FILENO) == 1
    }

    /// The terminal's width in columns, asked from the terminal itself (Plot's `terminalColumns()`).
    static func measuredStandardOutputColumns() -> Int? {
        terminalColumns()
    }
}
