import Foundation

/// Re-flows narrative text to a width, the way a lesson's `text` cells are printed.
///
/// The source of a lesson can then be written with whatever line breaks read well in an editor,
/// and the output still fits the learner's terminal. The rules are the ones of a plain-text
/// email or a Markdown file:
///
/// - a blank line separates paragraphs (several blank lines count as one);
/// - the lines of a paragraph are joined and re-wrapped, words are never split;
/// - a line starting with `- `, `* ` or `1. ` begins a list item, wrapped with a hanging indent;
/// - a line indented by 4 or more spaces is kept verbatim (formulas, tables, code);
/// - text in backticks stays on one line, so inline code is never broken.
///
///     TextWrapper(width: 30).wrap("Autograd records every operation on a tensor.")
///     // ["Autograd records every", "operation on a tensor."]
public struct TextWrapper: Sendable {
    /// The maximum line length in characters (a word longer than this gets a line of its own).
    public var width: Int

    /// Creates a wrapper for lines of at most `width` characters.
    public init(width: Int) {
        self.width = max(1, width)
    }

    /// The lines of `text`, re-wrapped; no trailing newlines, no leading or trailing blank lines.
    public func wrap(_ text: String) -> [String] {
        var output: [String] = []
        var pending: Block?
        var blankLinePending = false

        func emit(_ lines: [String]) {
            if blankLinePending && !output.isEmpty { output.append("") }
            blankLinePending = false
            output += lines
        }
        func closePending() {
            if let block = pending { emit(fill(block)) }
            pending = nil
        }

        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = trimmingTrailingWhitespace(rawLine.replacingOccurrences(of: "\t", with: "    "))
            let indent = line.prefix(while: { $0 == " " }).count
            if line.isEmpty {
                closePending()
                blankLinePending = true
            } else if indent >= 4 {
                closePending()
                emit([line])
            } else {
                let content = String(line.dropFirst(indent))
                if let marker = Self.listMarker(of: content) {
                    closePending()
                    let words = Self.words(of: String(content.dropFirst(marker.count)))
                    pending = Block(
                        firstPrefix: String(repeating: " ", count: indent) + marker,
                        hangingIndent: indent + marker.count, words: words)
                } else if pending != nil {
                    pending?.words += Self.words(of: content)
                } else {
                    pending = Block(firstPrefix: "", hangingIndent: 0, words: Self.words(of: content))
                }
            }
        }
        closePending()
        return output
    }

    // MARK: - Pieces

    /// A paragraph or list item waiting to be filled: its words and how its lines start.
    private struct Block {
        var firstPrefix: String
        var hangingIndent: Int
        var words: [String]
    }

    /// Greedy filling: put as many words on a line as fit, then start the next line.
    private func fill(_ block: Block) -> [String] {
        let restPrefix = String(repeating: " ", count: block.hangingIndent)
        var lines: [String] = []
        var current = block.firstPrefix
        var currentHasWord = false
        for word in block.words {
            if !currentHasWord {
                current += word
                currentHasWord = true
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = restPrefix + word
            }
        }
        lines.append(current)
        return lines
    }

    /// The list marker that starts `content` (`"- "`, `"* "`, `"1. "`, `"2) "`), if any.
    static func listMarker(of content: String) -> String? {
        if content.hasPrefix("- ") || content.hasPrefix("* ") { return String(content.prefix(2)) }
        let digits = content.prefix(while: \.isASCII).prefix(while: \.isNumber)
        guard (1...3).contains(digits.count) else { return nil }
        let rest = content.dropFirst(digits.count)
        guard rest.hasPrefix(". ") || rest.hasPrefix(") ") else { return nil }
        return String(content.prefix(digits.count + 2))
    }

    /// Splits on spaces, except inside backticks: `` `x * 2` `` stays one word.
    static func words(of text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var insideCode = false
        for character in text {
            if character == "`" { insideCode.toggle() }
            if character == " " && !insideCode {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private func trimmingTrailingWhitespace(_ line: String) -> String {
        var line = Substring(line)
        while let last = line.last, last.isWhitespace { line = line.dropLast() }
        return String(line)
    }
}
