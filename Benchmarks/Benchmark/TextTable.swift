/// A table of text laid out in aligned columns for the terminal: the first column is aligned
/// left (names), the others right (numbers).
struct TextTable {
    let header: [String]
    private(set) var rows: [[String]] = []

    init(_ header: String...) {
        self.header = header
    }

    mutating func add(_ cells: String...) {
        rows.append(cells)
    }

    /// The table as lines: header, a rule, then the rows.
    var rendered: String {
        let all = [header] + rows
        let widths = header.indices.map { column in
            all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }
            .joined(separator: "   ")
        }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 3 * (widths.count - 1))
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// The same table as Markdown (numbers right-aligned), ready to paste.
    var markdown: String {
        func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
        let alignment = header.indices.map { $0 == 0 ? "---" : "---:" }
        return ([line(header), line(alignment)] + rows.map(line)).joined(separator: "\n")
    }
}
