/// Lays out `label = value` the way `Notebook.show` prints it.
///
/// A one-line value goes on the label's line. A multi-line value, such as a matrix printed the
/// PyTorch way, keeps its own alignment: its later lines are indented by the width of
/// `label = `, so the columns line up under the first line.
///
///     x = tensor([[1., 2.],
///                 [3., 4.]])
///
/// If that would make a line longer than `width`, the value starts on the next line instead,
/// indented by 4 spaces:
///
///     a rather long description of the value =
///         tensor([[1., 2.],
///                 [3., 4.]])
public struct LabelledValue: Sendable {
    /// The name shown before the `=`.
    public var label: String

    /// The value's lines, as its description prints them.
    public var valueLines: [String]

    /// The indentation of a value that starts below its label.
    public static let blockIndent = "    "

    /// Creates the layout for `value` described by `String(describing:)`, with optionals unwrapped
    /// (`nil` for a missing value, rather than `Optional(...)`).
    public init(label: String, value: Any) {
        self.label = label
        let description = Self.describe(value)
        var lines = description.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map(String.init)
        while lines.count > 1, lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        self.valueLines = lines
    }

    /// The lines to print, for a line length of at most `width` where possible. The label is
    /// returned separately from the rest of each line so the caller can style it.
    public func lines(width: Int) -> [(label: String, rest: String)] {
        let prefix = label + " = "
        guard valueLines.count > 1 else {
            let value = valueLines.first ?? ""
            // Too long beside its label, short enough below it: a long tensor goes on a line of
            // its own rather than past the edge of the terminal.
            if prefix.count + value.count > width, Self.blockIndent.count + value.count <= width {
                return [(label, " ="), ("", Self.blockIndent + value)]
            }
            return [(label, " = " + value)]
        }
        let longest = valueLines.map(\.count).max() ?? 0
        if prefix.count + longest <= width {
            let indent = String(repeating: " ", count: prefix.count)
            return [(label, " = " + valueLines[0])] + valueLines.dropFirst().map { ("", indent + $0) }
        }
        return [(label, " =")] + valueLines.map { ("", Self.blockIndent + $0) }
    }

    /// `String(describing:)`, looking through optionals.
    static func describe(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return String(describing: value) }
        guard let wrapped = mirror.children.first?.value else { return "nil" }
        return describe(wrapped)
    }
}
