import Foundation

extension Figure {
    /// Draws the figure where the lesson's settings say (`RenderOptions.current`, set from
    /// `--plot` and `--plot-dir`): the usual way to end a figure.
    ///
    ///     Figure("loss").line(losses, label: "train").show()
    @discardableResult
    public func show() -> RenderResult {
        render(RenderOptions.current)
    }

    /// Draws the figure to the outputs in `options`, and says what happened.
    ///
    /// For file outputs it first writes `<name>.dat` and `<name>.gp` into `options.directory`,
    /// then has gnuplot run that very script to make `<name>.png` / `<name>.svg`, so the script
    /// on disk is exactly what drew the picture. The terminal drawing is printed on standard
    /// output, after whatever the lesson printed before.
    ///
    /// Never throws and never stops the program: without gnuplot it prints a one-line notice
    /// (once per process) and still writes the `.dat`/`.gp` files; when gnuplot reports an error
    /// it prints gnuplot's message with the figure's name. Both are also in the result.
    @discardableResult
    public func render(_ options: RenderOptions) -> RenderResult {
        var result = RenderResult(figure: name)
        guard !options.outputs.isEmpty else { return result }
        result.warnings = issues
        defer { Self.report(result, quiet: options.quiet) }

        let script = GnuplotScript(self)
        let size = resolvedPixelSize
        let formats = PictureFormat.allCases.filter { options.outputs.contains($0.output) }
        let drawsSixel = options.outputs.contains(.sixel)

        // 1. The numbers and the script, written first: they are useful even without gnuplot.
        var files: FigureFiles?
        if !formats.isEmpty || drawsSixel {
            do {
                files = try FigureFiles.write(
                    script, directory: options.directory, format: formats.first ?? .png,
                    size: size)
                result.dataFile = files?.data
                result.scriptFile = files?.script
            } catch {
                result.problem = error
            }
        }

        // 2. gnuplot, if there is one.
        guard let gnuplot = GnuplotProcess.locate(options.gnuplot) else {
            result.problem = result.problem ?? .gnuplotMissing(executable: options.gnuplot)
            result.notice = GnuplotProcess.missingNotice(for: options.gnuplot, writesFiles: files != nil)
            return result
        }
        let pictures = files == nil ? [] : formats
        // Characters only where no sixel picture is drawn instead, and never for picture grids.
        let drawsTerminal = options.outputs.contains(.terminal) && !drawsSixel && !isPictureGrid
        guard drawsTerminal || !pictures.isEmpty || (drawsSixel && files != nil) else { return result }

        fflush(nil)  // whatever the lesson printed comes before anything gnuplot prints
        let process: GnuplotProcess
        do {
            process = try GnuplotProcess(path: gnuplot)
        } catch {
            result.problem = .gnuplotNotStarted(figure: name, reason: error.reason)
            return result
        }

        var terminalFile: URL?
        if drawsTerminal {
            let file = FileManager.default.temporaryDirectory
                .appendingPathComponent("plot-\(name)-\(UUID().uuidString).txt")
            terminalFile = file
            sendTerminalDrawing(script, to: process, output: file, dataFile: files?.data, options: options)
        }
        /// Has gnuplot run the figure's own script with `terminal`, writing `output`.
        func draw(with terminal: String, into output: URL, script: URL) {
            process.send(
                """
                reset
                format = 'chosen'
                \(terminal)
                set output \(GnuplotText.quoted(output.path))
                load \(GnuplotText.quoted(script.path))
                unset multiplot
                set output
                """)
        }
        for format in pictures {
            guard let files else { break }
            let picture = files.picture(format)
            try? FileManager.default.removeItem(at: picture)  // no stale picture if this one fails
            draw(with: format.terminalCommand(size: size), into: picture, script: files.script)
        }
        var sixelFile: URL?
        if drawsSixel, let files {
            let file = FileManager.default.temporaryDirectory
                .appendingPathComponent("plot-\(name)-\(UUID().uuidString).six")
            sixelFile = file
            draw(
                with: "set terminal sixelgd size \(size.width),\(size.height) truecolor font 'Sans,11' noenhanced",
                into: file, script: files.script)
        }
        let outcome = process.finish()

        // 3. What came out.
        let printed = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
        if !outcome.succeeded {
            result.problem =
                result.problem
                ?? .gnuplotFailed(
                    figure: name, message: printed.isEmpty ? "(no message; exit status \(outcome.status))" : printed)
        } else if !printed.isEmpty {
            result.warnings.append("\(name): gnuplot said: \(printed)")
        }
        if let files {
            for format in pictures where FigureFiles.isNonEmptyFile(files.picture(format)) {
                switch format {
                case .png: result.pngFile = files.picture(format)
                case .svg: result.svgFile = files.picture(format)
                }
            }
        }
        if let sixelFile {
            if let picture = try? String(contentsOf: sixelFile, encoding: .utf8), !picture.isEmpty {
                result.terminalDrawing = picture + "\n"
            }
            try? FileManager.default.removeItem(at: sixelFile)
        }
        if let terminalFile {
            if let drawing = try? String(contentsOf: terminalFile, encoding: .utf8) {
                let cleaned = Self.cleanTerminalDrawing(drawing)
                if !cleaned.isEmpty { result.terminalDrawing = cleaned }
            }
            try? FileManager.default.removeItem(at: terminalFile)
        }
        return result
    }

    /// Sends the commands drawing the figure with gnuplot's `dumb` terminal into `output`.
    /// The numbers come from the `.dat` file when there is one, else they are sent first as
    /// data blocks.
    private func sendTerminalDrawing(
        _ script: GnuplotScript, to process: GnuplotProcess, output: URL,
        dataFile: URL?, options: RenderOptions
    ) {
        let columns = max(options.terminalColumns - 1, 20)
        let rows = terminalRows(columns: columns, rowsPerPanel: options.terminalRows)
        let source: DataSource
        if let dataFile {
            source = .dataFile
            process.send("data = \(GnuplotText.quoted(dataFile.path))")
        } else {
            source = .dataBlocks
            for (index, block) in script.blocks.enumerated() {
                switch block.content {
                case .numbers(let columns, let values):
                    process.sendDataBlock("block\(index)", values: values, columns: columns)
                case .text:
                    var text = "$block\(index) << EOD\n"
                    block.writeRows(into: &text)
                    process.send(text + "EOD")
                }
            }
        }
        let target = ScriptTarget.terminal(columns: columns, rows: rows, colors: options.terminalColors)
        process.send(
            """
            set terminal dumb size \(columns),\(rows) noenhanced\(options.terminalColors ? " ansi256" : "")
            set output \(GnuplotText.quoted(output.path))
            """)
        process.send(script.body(for: target, source: source))
        process.send("unset multiplot\nset output")
    }

    /// Lines for the terminal drawing: about a third of the width per row of panels (terminal
    /// characters are twice as tall as wide), or the pictures' own proportions.
    private func terminalRows(columns: Int, rowsPerPanel: Int?) -> Int {
        let (perRow, rows) = grid
        let titleLines = title == nil ? 0 : 2
        if let rowsPerPanel { return max(rowsPerPanel, 5) * rows + (rows > 1 ? titleLines : 0) }
        if panels.count == 1, let layer = panels[0].images.first, panels[0].showsPictures {
            let grid = PictureGrid(layer)
            let aspect =
                Double(grid.yRange.upperBound - grid.yRange.lowerBound)
                / Double(grid.xRange.upperBound - grid.xRange.lowerBound)
            return min(max(Int(Double(columns) * aspect / 2) + 3 + titleLines, 8), 60)
        }
        var perPanel = min(max(Int(Double(columns / perRow) * 0.3), 14), 28)
        // A heatmap's legend goes below it in characters: give it those lines back.
        if panels.contains(where: { !$0.images.isEmpty && $0.series.contains { $0.label != nil } }) { perPanel += 4 }
        return perPanel * rows + (rows > 1 ? titleLines : 0)
    }

    /// The dumb terminal's page without its leading form feed, trailing blanks and empty first
    /// and last lines.
    static func cleanTerminalDrawing(_ text: String) -> String {
        var lines = text.replacing("\u{0C}", with: "").split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                String(line[..<(line.lastIndex { !$0.isWhitespace }.map(line.index(after:)) ?? line.startIndex)])
            }
        func isBlank(_ line: String) -> Bool {
            line.replacing(/\u{1B}\[[0-9;]*m/, with: "").allSatisfy(\.isWhitespace)
        }
        while let first = lines.first, isBlank(first) { lines.removeFirst() }
        while let last = lines.last, isBlank(last) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Prints what the learner should see: the terminal drawing on standard output, and
    /// notices, warnings and problems on standard error.
    private static func report(_ result: RenderResult, quiet: Bool) {
        guard !quiet else { return }
        if let drawing = result.terminalDrawing { StandardOutput.write(drawing) }
        if let notice = result.notice { StandardOutput.report(notice) }
        for warning in result.warnings { StandardOutput.report("plot: warning: \(warning)") }
        if let problem = result.problem {
            if case .gnuplotMissing = problem { return }  // said once, by the notice
            StandardOutput.report("plot: \(problem)")
        }
    }
}

extension PictureFormat {
    var output: PlotOutputs {
        switch self {
        case .png: .png
        case .svg: .svg
        }
    }
}

/// The files of one figure in its folder.
struct FigureFiles {
    var folder: URL
    var name: String

    var data: URL { folder.appendingPathComponent(name + ".dat") }
    var script: URL { folder.appendingPathComponent(name + ".gp") }
    func picture(_ format: PictureFormat) -> URL { folder.appendingPathComponent(name + "." + format.rawValue) }

    /// Creates the folder and writes the `.dat` and `.gp` files into it.
    static func write(
        _ script: GnuplotScript, directory: String, format: PictureFormat,
        size: PixelSize
    ) throws(PlotProblem) -> FigureFiles {
        let name = script.figure.name
        let folder = URL(fileURLWithPath: directory).standardizedFileURL
        let files = FigureFiles(folder: folder, name: name)
        func attempt(_ path: URL, _ body: () throws -> Void) throws(PlotProblem) {
            do {
                try body()
            } catch {
                throw .cannotWrite(figure: name, path: path.path, reason: (error as NSError).localizedDescription)
            }
        }
        try attempt(folder) { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let shownPath = (directory.hasSuffix("/") ? directory : directory + "/") + name + ".gp"
        let scriptText = script.scriptFile(shownPath: shownPath, format: format, size: size)
        try attempt(files.data) {
            try Data(DataBlock.dataFile(script.blocks, figure: name).utf8).write(to: files.data, options: .atomic)
        }
        try attempt(files.script) { try Data(scriptText.utf8).write(to: files.script, options: .atomic) }
        return files
    }

    static func isNonEmptyFile(_ url: URL) -> Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        return size > 0
    }
}
