import Foundation

/// Code cells: the lesson's own lines, shown as they run.
extension Notebook {
    /// The gutter that sets a line of code apart from prose.
    public static let codeGutter = "│ "

    /// The gutter of a long code line's continuation, when it wraps at the terminal's width.
    public static let continuationGutter = "┆ "

    /// The gutter of a listing in another language (PyTorch's Python), which is not this
    /// lesson's code.
    public static let foreignGutter = "╎ "

    /// Shows the lines of the lesson's source that follow this call, behind a gutter, so what a
    /// learner reads is exactly what runs (see `LessonSource` for where a listing ends and how
    /// a marked elision shortens it):
    ///
    ///     nb.code()
    ///     let m = Tensor([[1.0, 2, 3], [4, 5, 6]])
    ///     nb.show(m.shape)
    ///
    /// prints
    ///
    ///     │ let m = Tensor([[1.0, 2, 3], [4, 5, 6]])
    ///
    ///     m.shape = [2, 3]
    ///
    /// Variables the listed lines define belong to the lesson's own scope, so later cells use
    /// them as in a notebook.
    public func code(file: String = #filePath, line: Int = #line) {
        guard let source = source(file) else {
            writeCode([Self.codeGutter + "… (the listing is in \(LessonSource.displayPath(of: file)), not found here)"])
            return
        }
        let listing = source.listing(after: line)
        guard !listing.isEmpty else { return }
        page?.append(.code(listing))
        writeCode(listing.flatMap { wrapCode($0, gutter: Self.codeGutter) })
    }

    /// Shows a listing in Python, such as the PyTorch program a lesson is compared with, behind
    /// a gutter of its own (`╎`), under a caption that names it.
    public func pythonCode(_ caption: String, _ listing: String) {
        var lines = listing.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        page?.append(.foreignCode(caption: caption, lines))
        writeCode([style.faint(caption)] + lines.flatMap { wrapCode($0, gutter: Self.foreignGutter) })
    }

    /// The lesson source at `path`, read once per run.
    func source(_ path: String) -> LessonSource? {
        if let known = sources[path] { return known }
        let source = LessonSource(path: path)
        sources[path] = source
        return source
    }

    private func writeCode(_ lines: [String]) {
        beginCell(.code)
        writeLines(lines)
        endCell()
    }

    /// One line of code behind its gutter, broken at spaces where it is wider than the terminal;
    /// the continuation is indented four more spaces than the line, behind `┆`.
    func wrapCode(_ line: String, gutter: String) -> [String] {
        let room = max(20, terminal.width - gutter.count)
        let indentation = String(line.prefix { $0 == " " })
        var rest = Substring(line)
        var pieces: [String] = []
        var continuationIndent = ""
        while continuationIndent.count + rest.count > room {
            let limit = room - continuationIndent.count
            let window = rest.prefix(limit)
            guard let space = window.lastIndex(of: " "), space > rest.startIndex,
                rest[rest.startIndex..<space].contains(where: { $0 != " " })
            else { break }
            pieces.append(continuationIndent + String(rest[..<space]))
            rest = rest[rest.index(after: space)...]
            continuationIndent = indentation + "    "
        }
        pieces.append(continuationIndent + String(rest))
        return pieces.enumerated().map { index, piece in
            let mark = index == 0 ? gutter : Self.continuationGutter
            return style.faint(String(mark.dropLast())) + (piece.isEmpty ? "" : " " + piece)
        }
    }
}
