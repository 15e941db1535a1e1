/// Cells that show results: single values and tables.
extension Notebook {
    /// Prints `label = value`, the way a notebook shows the result of an expression.
    ///
    /// The value is printed with its `description` (a tensor prints like PyTorch's). Later lines
    /// of a multi-line value are indented to stay under its first line (see `LabelledValue`).
    /// Consecutive `show` lines are not separated by blank lines.
    ///
    ///     nb.show("w.grad", w.grad)
    ///     // w.grad = tensor([[0.5000, 1.0000],
    ///     //                  [1.5000, 2.0000]])
    public func show<Value>(_ label: String, _ value: Value) {
        let layout = LabelledValue(label: label, value: value)
        let lines = layout.lines(width: terminal.width)
        page?.append(.value(label: label, lines: layout.lines(width: .max / 2).map(\.rest)))
        beginCell(.value)
        writeLines(lines.map { style.label($0.label) + $0.rest })
        endCell()
    }

    /// Prints `label = value` for an optional: the value itself, or `nil` when it is missing
    /// (`nb.show("w.grad", w.grad)` before `backward()` prints `w.grad = nil`).
    public func show<Wrapped>(_ label: String, _ value: Wrapped?) {
        if let value {
            show(label, value)
        } else {
            show(label, "nil")
        }
    }

    /// Prints `expression = value`, labelled with the expression's own text as it is written in
    /// the lesson's source, so the label can never disagree with what was computed:
    ///
    ///     nb.show(m + row)
    ///     // m + row = tensor([[11., 22., 33.],
    ///     //                   [14., 25., 36.]])
    ///
    /// Give a label of your own (`show(_:_:)`) only when it says more than the expression.
    public func show<Value>(
        _ value: Value, file: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        let label = source(file)?.firstArgument(line: line, column: column) ?? "value"
        show(label, value)
    }

    /// Prints a value that speaks for itself, such as a gradient-check table, a backward trace
    /// or a computation graph: its `description`, as a block of its own, with no label (as
    /// IPython's `display` does).
    public func display<Value>(_ value: Value) {
        let lines = String(describing: value).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        page?.append(.output(lines))
        beginCell(.table)
        writeLines(lines)
        endCell()
    }

    /// Prints a table with aligned columns; numeric columns are right-aligned.
    ///
    ///     nb.table(headers: ["lr", "final loss"], rows: [["0.1", "0.0312"], ["1.0", "nan"]])
    public func table(headers: [String], rows: [[String]]) {
        let layout = TableLayout(headers: headers, rows: rows)
        guard layout.columnCount > 0 else { return }
        page?.append(.table(headers: headers, rows: rows))
        beginCell(.table)
        for (index, part) in layout.parts(fittingWidth: terminal.width).enumerated() {
            let lines = part.lines
            writeLines(
                (index > 0 ? [""] : []) + [style.tableHeader(lines[0]), style.faint(lines[1])] + lines.dropFirst(2))
        }
        endCell()
    }
}
