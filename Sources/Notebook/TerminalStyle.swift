/// The few text styles the notebook uses, as ANSI escape codes, or nothing at all when colour is
/// off (not a terminal, or `NO_COLOR` set). Every bit of styling lives here, named by its role.
///
///     let style = TerminalStyle(isEnabled: true)
///     print(style.heading("1. Tensors"))
public struct TerminalStyle: Sendable, Equatable {
    /// Whether styles produce escape codes; when `false` every method returns its text unchanged.
    public let isEnabled: Bool

    /// Creates a style set that is on or off.
    public init(isEnabled: Bool) {
        self.isEnabled = isEnabled
    }

    /// A section heading: bold cyan.
    public func heading(_ text: String) -> String { apply("1;36", text) }

    /// The lesson's title in the banner: bold.
    public func title(_ text: String) -> String { apply("1", text) }

    /// Secondary text: rules, gutters, timings. Dim.
    public func faint(_ text: String) -> String { apply("2", text) }

    /// The label of a shown value: bold.
    public func label(_ text: String) -> String { apply("1", text) }

    /// Inline code in narrative: cyan.
    public func inlineCode(_ text: String) -> String { apply("36", text) }

    /// The "note:" tag of a call-out: bold blue.
    public func noteTag(_ text: String) -> String { apply("1;34", text) }

    /// The "warning:" tag of a call-out: bold yellow.
    public func warningTag(_ text: String) -> String { apply("1;33", text) }

    /// A table's header row: bold.
    public func tableHeader(_ text: String) -> String { apply("1", text) }

    /// Replaces each pair of backticks in `line` by the inline-code style when colour is on
    /// ("the `grad` field" shows `grad` in cyan, without the backticks). With colour off, or with
    /// an unmatched backtick, the text stays as written: the backticks still mark the code.
    public func highlightingInlineCode(_ line: String) -> String {
        guard isEnabled else { return line }
        let pieces = line.split(separator: "`", omittingEmptySubsequences: false)
        guard pieces.count >= 3 else { return line }
        var result = ""
        for (index, piece) in pieces.enumerated() {
            let insideCode = index % 2 == 1
            let isUnmatchedLast = insideCode && index == pieces.count - 1
            if isUnmatchedLast {
                result += "`" + piece
            } else {
                result += insideCode ? inlineCode(String(piece)) : String(piece)
            }
        }
        return result
    }

    private func apply(_ code: String, _ text: String) -> String {
        isEnabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
