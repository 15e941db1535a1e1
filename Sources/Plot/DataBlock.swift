/// One table of a figure's data: the numbers of one series, one matrix or picture, or one set of
/// text labels. A figure's blocks go, in order, into its `.dat` file, separated by two blank
/// lines, which is how gnuplot's `index N` finds block N.
struct DataBlock: Sendable {
    enum Content: Sendable {
        /// Numbers, `columns` per row, row-major.
        case numbers(columns: Int, values: [Double])
        /// Ready-made lines, e.g. `0 1 "12" 16777215` for a label (quoted text is one column).
        case text([String])
    }

    /// What the block holds, written as a `#` comment line above it.
    var comment: String
    var content: Content

    /// Appends the block's rows, one line each.
    func writeRows(into text: inout String) {
        switch content {
        case .numbers(let columns, let values):
            var index = 0
            while index < values.count {
                for column in 0..<columns {
                    if column > 0 { text += " " }
                    text += GnuplotText.number(values[index + column])
                }
                text += "\n"
                index += columns
            }
        case .text(let lines):
            for line in lines {
                text += line
                text += "\n"
            }
        }
    }

    /// The `.dat` file for `blocks`: a header, then each block, two blank lines apart.
    static func dataFile(_ blocks: [DataBlock], figure: String) -> String {
        var text = "# Data of the figure \"\(figure)\", drawn by \(figure).gp.\n"
        text +=
            "# \(blocks.count) block\(blocks.count == 1 ? "" : "s"), separated by two blank lines; gnuplot reads block N with `index N`.\n"
        for (index, block) in blocks.enumerated() {
            text += index == 0 ? "\n" : "\n\n"
            text += "# block \(index): \(block.comment)\n"
            block.writeRows(into: &text)
        }
        return text
    }
}

/// Spelling values the way gnuplot reads them.
enum GnuplotText {
    /// A number in the shortest form that reads back exactly: `3`, `0.1`, `1e-05`; `NaN` for
    /// anything not finite, which gnuplot treats as a missing point (a gap in a curve).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "NaN" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// A single-quoted gnuplot string: inside, `''` stands for one quote and nothing else is
    /// special. Line breaks become spaces.
    static func quoted(_ text: String) -> String {
        let flat = text.replacingNewlines()
        return "'" + flat.replacing("'", with: "''") + "'"
    }

    /// A double-quoted string for a data file (gnuplot reads it as one column).
    static func dataString(_ text: String) -> String {
        "\"" + text.replacingNewlines().replacing("\"", with: "'") + "\""
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
