/// Cells that tell the story: headings, prose, code listings and call-outs.
extension Notebook {
    /// Starts a numbered section: "1. What is a tensor?", underlined, bold on a terminal.
    public func section(_ title: String) {
        sectionCount += 1
        let heading = "\(sectionCount). \(title)"
        beginCell(.section)
        page?.append(.section(number: sectionCount, title: title))
        let underline = String(repeating: "─", count: min(heading.count, terminal.width))
        writeLines([style.heading(heading), style.faint(underline)])
        endCell()
    }

    /// Prints narrative, re-wrapped to the terminal (see `TextWrapper` for the rules: blank lines
    /// between paragraphs, `- ` bullets, 4-space-indented lines verbatim). Text in backticks is
    /// highlighted on a colour terminal.
    ///
    ///     nb.text("""
    ///         The gradient tells each weight which way to move. For `y = w * x`:
    ///
    ///             dy/dw = x
    ///         """)
    public func text(_ narrative: String) {
        let lines = TextWrapper(width: terminal.width).wrap(narrative)
        guard !lines.isEmpty else { return }
        page?.append(.narrative(narrative))
        beginCell(.text)
        writeLines(lines.map(style.highlightingInlineCode))
        endCell()
    }

    /// A short aside: "note: ...", wrapped with a hanging indent.
    public func note(_ message: String) {
        callout(tag: "note:", styledTag: style.noteTag("note:"), message)
    }

    /// Something that can go wrong or surprise: "warning: ...", in yellow on a terminal.
    public func warning(_ message: String) {
        callout(tag: "warning:", styledTag: style.warningTag("warning:"), message)
    }

    private func callout(tag: String, styledTag: String, _ message: String) {
        page?.append(.callout(kind: String(tag.dropLast()), message: message))
        let indent = String(repeating: " ", count: tag.count + 1)
        let lines = TextWrapper(width: max(20, terminal.width - indent.count)).wrap(message)
        guard !lines.isEmpty else { return }
        beginCell(.callout)
        let body = lines.enumerated().map { index, line in
            let text = style.highlightingInlineCode(line)
            if index == 0 { return styledTag + " " + text }
            return line.isEmpty ? "" : indent + text
        }
        writeLines(body)
        endCell()
    }
}
