import Foundation

/// The small pieces of HTML a notebook page is made of: escaping, narrative, tables and Swift
/// highlighting.
enum HTML {
    /// `text` with `&`, `<`, `>` and `"` escaped, safe inside an element or an attribute.
    static func escape<S: StringProtocol>(_ text: S) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A line of narrative: escaped, with `backticks` as inline code.
    static func inline(_ text: String) -> String {
        let pieces = text.split(separator: "`", omittingEmptySubsequences: false)
        guard pieces.count >= 3 else { return escape(text) }
        return pieces.enumerated().map { index, piece in
            // An unmatched last backtick stays a backtick.
            if index == pieces.count - 1, index % 2 == 1 { return "`" + escape(piece) }
            return index % 2 == 1 ? "<code>\(escape(piece))</code>" : escape(piece)
        }.joined()
    }

    /// Narrative by `TextWrapper`'s rules: paragraphs, `- ` list items, and lines indented by four
    /// spaces kept as they are (formulas), each paragraph on one line for the browser to wrap.
    static func narrative(_ text: String) -> String {
        let lines = TextWrapper(width: 100_000).wrap(text)
        var html: [String] = []
        var listItems: [String] = []
        var formula: [String] = []
        func closeList() {
            if !listItems.isEmpty { html.append("<ul>" + listItems.map { "<li>\($0)</li>" }.joined() + "</ul>") }
            listItems = []
        }
        func closeFormula() {
            if !formula.isEmpty { html.append("<pre class=\"formula\">" + formula.joined(separator: "\n") + "</pre>") }
            formula = []
        }
        for line in lines {
            if line.isEmpty {
                closeList()
                closeFormula()
            } else if line.hasPrefix("    ") {
                closeList()
                formula.append(escape(line.dropFirst(4)))
            } else if let marker = ["- ", "* "].first(where: line.hasPrefix) {
                closeFormula()
                listItems.append(inline(String(line.dropFirst(marker.count))))
            } else {
                closeList()
                closeFormula()
                html.append("<p>\(inline(line))</p>")
            }
        }
        closeList()
        closeFormula()
        return html.joined(separator: "\n")
    }

    /// A table with a header row; columns whose cells are all numbers are right-aligned.
    static func table(headers: [String], rows: [[String]]) -> String {
        let numeric = headers.indices.map { column in
            rows.allSatisfy { column >= $0.count || TableLayout.isNumber($0[column]) }
        }
        let head = "<tr>" + headers.map { "<th>\(escape($0))</th>" }.joined() + "</tr>"
        let body = rows.map { row in
            "<tr>"
                + row.enumerated().map { column, cell in
                    let numberClass = column < numeric.count && numeric[column] ? " class=\"number\"" : ""
                    return "<td\(numberClass)>\(escape(cell))</td>"
                }.joined() + "</tr>"
        }
        return "<table><thead>\(head)</thead><tbody>\(body.joined())</tbody></table>"
    }

    // MARK: Swift

    static let keywords: Set<String> = [
        "let", "var", "func", "for", "in", "if", "else", "return", "true", "false", "nil", "import",
        "struct", "class", "enum", "case", "switch", "default", "guard", "while", "repeat", "try",
        "throw", "throws", "do", "catch", "where", "self", "init", "static", "private", "public",
        "inout", "break", "continue", "as", "is", "defer", "some", "any",
    ]

    /// One line of Swift, escaped, with keywords, types, numbers, strings and comments marked.
    static func highlightSwift(_ line: String) -> String {
        var html = ""
        var index = line.startIndex
        func span(_ kind: String, _ text: Substring) { html += "<span class=\"\(kind)\">\(escape(text))</span>" }
        while index < line.endIndex {
            let character = line[index]
            let rest = line[index...]
            if rest.hasPrefix("//") {
                span("com", rest)
                break
            } else if character == "\"" {
                var end = line.index(after: index)
                while end < line.endIndex, line[end] != "\"" {
                    if line[end] == "\\" { end = line.index(after: end) }
                    if end < line.endIndex { end = line.index(after: end) }
                }
                if end < line.endIndex { end = line.index(after: end) }
                span("str", line[index..<end])
                index = end
            } else if character.isLetter || character == "_" {
                let end = rest.firstIndex { !($0.isLetter || $0.isNumber || $0 == "_") } ?? line.endIndex
                let word = line[index..<end]
                if keywords.contains(String(word)) {
                    span("kw", word)
                } else if word.first?.isUppercase == true {
                    span("ty", word)
                } else {
                    html += escape(word)
                }
                index = end
            } else if character.isNumber {
                let end = rest.firstIndex { !($0.isNumber || $0 == "." || $0 == "_" || $0 == "e") } ?? line.endIndex
                span("num", line[index..<end])
                index = end
            } else {
                html += escape(String(character))
                index = line.index(after: index)
            }
        }
        return html
    }

    /// An SVG file's `<svg>` element, without the XML prolog and doctype, for inlining.
    static func inlineSVG(_ document: String) -> String? {
        guard let start = document.range(of: "<svg") else { return nil }
        return String(document[start.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
