/// Lays out a table as aligned plain-text lines: a header, a rule, then the rows.
///
///     TableLayout(headers: ["epoch", "loss"], rows: [["1", "0.6931"], ["10", "0.0312"]]).lines
///     // epoch    loss
///     // -----  ------   (drawn with "─")
///     //     1  0.6931
///     //    10  0.0312
///
/// A column whose cells are all numbers (empty cells allowed; `12.5%` counts as a number) is
/// right-aligned, header included, so digits line up; other columns are left-aligned. Short rows
/// are padded with empty cells, and a row longer than the header adds untitled columns.
public struct TableLayout: Sendable {
    /// The column titles.
    public var headers: [String]

    /// The cells, row by row.
    public var rows: [[String]]

    /// The space between two columns.
    public static let columnGap = "  "

    /// Creates a layout for `headers` over `rows`.
    public init(headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    /// The number of columns: the longest of the header and the rows.
    public var columnCount: Int {
        rows.map(\.count).reduce(headers.count, max)
    }

    /// The width of each column: its widest cell or header.
    public var columnWidths: [Int] {
        (0..<columnCount).map { column in
            ([headers] + rows).map { cell(column, of: $0).count }.reduce(0, max)
        }
    }

    /// For each column, whether it holds numbers (and is therefore right-aligned).
    public var numericColumns: [Bool] {
        (0..<columnCount).map { column in
            let cells = rows.map { cell(column, of: $0) }.filter { !$0.isEmpty }
            return !cells.isEmpty && cells.allSatisfy(Self.isNumber)
        }
    }

    /// The header line (without styling), the rule under it, and one line per row.
    public var lines: [String] {
        let widths = columnWidths
        let numeric = numericColumns
        func line(_ cells: [String]) -> String {
            let padded = (0..<columnCount).map { column -> String in
                let text = cell(column, of: cells)
                let space = String(repeating: " ", count: widths[column] - text.count)
                return numeric[column] ? space + text : text + space
            }
            return trimmingTrailingSpaces(padded.joined(separator: Self.columnGap))
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: Self.columnGap)
        return [line(headers), rule] + rows.map(line)
    }

    /// The table as one or more tables no wider than `width` where possible: when all columns do
    /// not fit, the columns that do are printed first, and the rest follow in tables of their
    /// own, each repeating the first column so every row can still be read by its name.
    public func parts(fittingWidth width: Int) -> [TableLayout] {
        let widths = columnWidths
        guard columnCount > 1, widths.reduce(0, +) + Self.columnGap.count * (columnCount - 1) > width else {
            return [self]
        }
        var parts: [[Int]] = []
        var current = [0]
        var used = widths[0]
        for column in 1..<columnCount {
            let extra = Self.columnGap.count + widths[column]
            if used + extra > width, current.count > 1 {
                parts.append(current)
                current = [0]
                used = widths[0]
            }
            current.append(column)
            used += extra
        }
        parts.append(current)
        return parts.map { columns in
            TableLayout(
                headers: columns.map { cell($0, of: headers) },
                rows: rows.map { row in columns.map { cell($0, of: row) } })
        }
    }

    /// Whether a cell reads as a number: `3`, `-0.25`, `1e-05`, `nan`, `inf`, or `97.5%`.
    static func isNumber(_ cell: String) -> Bool {
        var text = Substring(cell)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        if text.hasSuffix("%") { text = text.dropLast() }
        return !text.isEmpty && Double(text) != nil
    }

    private func cell(_ column: Int, of row: [String]) -> String {
        column < row.count ? row[column] : ""
    }

    private func trimmingTrailingSpaces(_ text: String) -> String {
        var text = Substring(text)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
