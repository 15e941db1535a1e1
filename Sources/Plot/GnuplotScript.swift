import Foundation

/// Where a drawing goes, which decides its size and a few styles.
enum ScriptTarget: Sendable, Equatable {
    /// A PNG or SVG picture of this size (both are drawn by the same script).
    case picture(PixelSize)
    /// Text in the terminal, drawn by gnuplot's `dumb` terminal, `columns` × `rows` characters,
    /// in colour (ANSI escapes) or not.
    case terminal(columns: Int, rows: Int, colors: Bool)

    var isTerminal: Bool {
        if case .terminal = self { true } else { false }
    }

    /// True for a terminal without colours, which cannot draw images: pictures are then drawn
    /// with characters from light to dark.
    var isMonochromeTerminal: Bool {
        if case .terminal(_, _, false) = self { true } else { false }
    }
}

/// The file formats a figure can be saved in.
enum PictureFormat: String, Sendable, CaseIterable {
    case png
    case svg

    /// The `set terminal` command drawing this format at `size`.
    func terminalCommand(size: PixelSize) -> String {
        switch self {
        case .png:
            "set terminal pngcairo size \(size.width),\(size.height) font 'Sans,11' noenhanced"
        case .svg:
            "set terminal svg size \(size.width),\(size.height) font 'Sans,11' noenhanced background '#ffffff'"
        }
    }
}

/// How the plot commands find the numbers.
enum DataSource: Sendable {
    /// In the `.dat` file, whose path the script keeps in the variable `data`: `data index 3`.
    case dataFile
    /// In data blocks sent to gnuplot beforehand: `$block3`.
    case dataBlocks

    func block(_ index: Int) -> String {
        switch self {
        case .dataFile: "data index \(index)"
        case .dataBlocks: "$block\(index)"
        }
    }

    /// Block `first + variable`, for a `plot for [variable = …]` loop.
    func block(_ first: Int, plus variable: String) -> String {
        switch self {
        case .dataFile: first == 0 ? "data index \(variable)" : "data index (\(first) + \(variable))"
        case .dataBlocks: "sprintf('$block%d', \(first) + \(variable))"
        }
    }
}

/// Turns a `Figure` into gnuplot's language: the data blocks that go into its `.dat` file, and
/// the commands that draw it, for a picture or for the terminal.
///
/// The commands are meant to be read: a learner opens `loss.gp` to see how the picture was made
/// and to change it. So every setting is spelled out, one per line, in the order gnuplot needs.
struct GnuplotScript: Sendable {
    let figure: Figure
    /// The figure's numbers, in `index` order.
    private(set) var blocks: [DataBlock] = []
    /// Which blocks each panel's images and series use.
    private var panelBlocks: [PanelBlocks] = []

    private struct PanelBlocks {
        var images: [ImageBlocks] = []
        /// nil for a series with no points (it is not drawn).
        var series: [Int?] = []
    }

    private struct ImageBlocks {
        /// The first tile's block; tiles follow one block each.
        var first: Int
        var count: Int
        /// The block of cell labels or picture titles, if any.
        var labels: Int?
    }

    init(_ figure: Figure) {
        self.figure = figure
        for (panelIndex, panel) in figure.panels.enumerated() {
            var assigned = PanelBlocks()
            let where_ = figure.panels.count > 1 ? " (panel \(panelIndex + 1))" : ""
            for layer in panel.images {
                let first = blocks.count
                for (tileIndex, tile) in layer.tiles.enumerated() {
                    blocks.append(
                        DataBlock(
                            comment: tileComment(layer, tileIndex) + where_,
                            content: .numbers(columns: layer.columns, values: tile)))
                }
                var labels: Int?
                if let lines = labelLines(layer) {
                    labels = blocks.count
                    let what =
                        if case .matrix = layer.placement {
                            "cell labels: column, row, text, text colour as 0xRRGGBB"
                        } else {
                            "picture titles: x, y, text"
                        }
                    blocks.append(DataBlock(comment: what + where_, content: .text(lines)))
                }
                assigned.images.append(ImageBlocks(first: first, count: layer.tiles.count, labels: labels))
            }
            for series in panel.series {
                guard !series.isEmpty else {
                    assigned.series.append(nil)
                    continue
                }
                assigned.series.append(blocks.count)
                blocks.append(seriesBlock(series, where_))
            }
            panelBlocks.append(assigned)
        }
    }

    // MARK: Data blocks

    private func seriesBlock(_ series: Series, _ where_: String) -> DataBlock {
        let name = series.label.map { "\"\($0)\"" } ?? "unnamed"
        if series.kind == .bars {
            var values: [Double] = []
            values.reserveCapacity(series.x.count * 3)
            for index in series.x.indices {
                values += [series.x[index], series.y[index], series.widths[index]]
            }
            return DataBlock(
                comment: "histogram \(name)\(where_): bin centre, count, bin width",
                content: .numbers(columns: 3, values: values))
        }
        var values: [Double] = []
        values.reserveCapacity(series.x.count * 2)
        for index in series.x.indices {
            values.append(series.x[index])
            values.append(series.y[index])
        }
        let kind =
            switch series.kind {
            case .line: "curve"
            case .points: "points"
            case .steps: "steps"
            case .bars: "bars"
            }
        return DataBlock(comment: "\(kind) \(name)\(where_): x, y", content: .numbers(columns: 2, values: values))
    }

    private func tileComment(_ layer: ImageLayer, _ index: Int) -> String {
        switch layer.placement {
        case .plane(let x, let y):
            return
                "heatmap, \(layer.rows) rows (y from \(GnuplotText.number(y.lowerBound)) at the first row to \(GnuplotText.number(y.upperBound))) × \(layer.columns) columns (x from \(GnuplotText.number(x.lowerBound)) to \(GnuplotText.number(x.upperBound)))"
        case .matrix:
            return "matrix, \(layer.rows) rows × \(layer.columns) columns, top row first"
        case .pictures(_, let titles):
            let title = titles.flatMap { index < $0.count ? " \"\($0[index])\"" : nil } ?? ""
            let which = layer.tiles.count == 1 ? "picture" : "picture \(index + 1) of \(layer.tiles.count)"
            return "\(which)\(title), \(layer.columns) × \(layer.rows) pixels, top row first"
        }
    }

    /// The text lines of a matrix's cell labels or a picture grid's titles.
    private func labelLines(_ layer: ImageLayer) -> [String]? {
        switch layer.placement {
        case .plane:
            return nil
        case .matrix:
            guard case .values(let decimals) = layer.cellLabels else { return nil }
            var lines: [String] = []
            for row in 0..<layer.rows {
                for column in 0..<layer.columns {
                    let value = layer.tiles[0][row * layer.columns + column]
                    guard value.isFinite else { continue }
                    let text = cellText(value, decimals: decimals)
                    lines.append("\(column) \(row) \(GnuplotText.dataString(text)) \(layer.labelColor(for: value).rgb)")
                }
            }
            return lines
        case .pictures(_, let titles):
            guard let titles, !titles.isEmpty else { return nil }
            let grid = PictureGrid(layer)
            return titles.prefix(layer.tiles.count).enumerated().map { index, title in
                let (x, y) = grid.titlePosition(of: index)
                return "\(GnuplotText.number(x)) \(GnuplotText.number(y)) \(GnuplotText.dataString(title))"
            }
        }
    }

    private func cellText(_ value: Double, decimals: Int) -> String {
        String(format: "%.\(min(max(0, decimals), 12))f", value)
    }

    /// The texts of a matrix's cell labels, to size their font.
    private func cellTexts(_ layer: ImageLayer) -> [String] {
        guard case .values(let decimals) = layer.cellLabels else { return [] }
        return layer.tiles[0].filter(\.isFinite).map { cellText($0, decimals: decimals) }
    }

    // MARK: Commands

    /// The commands drawing the whole figure on `target`, reading the numbers from `source`.
    /// The terminal (`set terminal`, `set output`) is chosen beforehand by the caller.
    func body(for target: ScriptTarget, source: DataSource) -> String {
        var lines: [String] = []
        let (columns, rows) = figure.grid
        let isMultiplot = figure.panels.count > 1
        if isMultiplot {
            var multiplot = "set multiplot layout \(rows),\(columns)"
            if let title = figure.title {
                multiplot += " title \(GnuplotText.quoted(title))"
                if !target.isTerminal { multiplot += " font ',14'" }
            }
            lines.append(multiplot)
        }
        for (index, panel) in figure.panels.enumerated() {
            if isMultiplot {
                lines.append("")
                lines.append("# Panel \(index + 1) of \(figure.panels.count)\(panel.title.map { ": \($0)" } ?? "")")
                if index > 0 { lines.append("reset  # forget the previous panel's settings") }
            }
            let title = isMultiplot ? panel.title : (figure.title ?? panel.title)
            lines += commands(for: panel, at: index, title: title, target: target, source: source)
        }
        if isMultiplot { lines.append("unset multiplot") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The space one panel gets on `target`, less margins (pictures have no tics to make room for).
    private func plotArea(_ target: ScriptTarget, for panel: Panel) -> PlotArea {
        let (columns, rows) = figure.grid
        switch target {
        case .picture(let size):
            let titleHeight = figure.title != nil && figure.panels.count > 1 ? 30.0 : 0
            let margins = panel.showsPictures ? (40.0, 50.0) : (130.0, 110.0)
            return PlotArea(
                width: max(Double(size.width) / Double(columns) - margins.0, 50),
                height: max((Double(size.height) - titleHeight) / Double(rows) - margins.1, 40),
                isTerminal: false)
        case .terminal(let width, let height, _):
            return PlotArea(
                width: max(Double(width) / Double(columns) - 12, 10),
                height: max(Double(height) / Double(rows) - 5, 5),
                isTerminal: true)
        }
    }

    private func commands(
        for panel: Panel, at index: Int, title: String?, target: ScriptTarget,
        source: DataSource
    ) -> [String] {
        var lines: [String] = []
        let area = plotArea(target, for: panel)
        let isPicture = !target.isTerminal
        let matrix = panel.images.first { if case .matrix = $0.placement { true } else { false } }
        let pictures = panel.images.first { if case .pictures = $0.placement { true } else { false } }

        // Frame and titles
        if pictures != nil {
            lines += ["unset border", "unset tics", "set size ratio -1  # square pixels"]
            // `unset tics` takes the colour bar's numbers too: a bar needs them to be read.
            if panel.images.contains(where: \.showsColorBar) { lines.append("set cbtics out nomirror format '%g'") }
        } else if matrix != nil {
            lines += ["unset border", "set tics scale 0 nomirror"]
        } else {
            lines += [isPicture ? "set border 3 lc rgb '#404040'" : "set border 3", "set tics nomirror"]
        }
        if let title {
            lines.append("set title \(GnuplotText.quoted(title))" + (isPicture ? " font ',13'" : ""))
        }
        if let label = panel.xLabel { lines.append("set xlabel \(GnuplotText.quoted(label))") }
        // In characters a y label is written sideways into the gap between two panels, over the
        // left panel's edge; when it repeats the label of the panel to its left, leave it out.
        let repeatsLeftLabel =
            target.isTerminal && index % figure.grid.columns != 0
            && figure.panels[index - 1].yLabel == panel.yLabel
        if let label = panel.yLabel, !repeatsLeftLabel { lines.append("set ylabel \(GnuplotText.quoted(label))") }

        // Ranges and scales
        if let pictures {
            let grid = PictureGrid(pictures)
            lines.append(
                "set xrange [\(GnuplotText.number(grid.xRange.lowerBound)):\(GnuplotText.number(grid.xRange.upperBound))]"
            )
            lines.append(
                "set yrange [\(GnuplotText.number(grid.yRange.upperBound)):\(GnuplotText.number(grid.yRange.lowerBound))]  # reversed: row 0 on top"
            )
        } else if let matrix {
            lines.append("set xrange [-0.5:\(GnuplotText.number(Double(matrix.columns) - 0.5))]")
            lines.append("set yrange [\(GnuplotText.number(Double(matrix.rows) - 0.5)):-0.5]  # reversed: row 0 on top")
            if case .matrix(let rowNames, let columnNames) = matrix.placement {
                // In characters each column has only a few: cut its name to fit, so names do not
                // run together (the rows keep the whole names, and the order is the same).
                var shortNames = columnNames
                if target.isTerminal, let names = columnNames {
                    let rowLabels = Double((rowNames ?? []).map(\.count).max() ?? 2) + 2
                    let fits = max(1, Int((area.width - rowLabels) / Double(max(matrix.columns, 1))) - 1)
                    shortNames = names.map { String($0.prefix(fits)) }
                }
                lines += tics("x", names: shortNames, count: matrix.columns)
                lines += tics("y", names: rowNames, count: matrix.rows)
            }
        } else {
            let isEmpty = panelBlocks[index].series.allSatisfy { $0 == nil } && panel.images.isEmpty
            if !panel.xRange.isAutomatic {
                lines.append("set xrange \(panel.xRange.gnuplot)")
            } else if isEmpty {
                lines.append("set xrange [0:1]")
            }
            if !panel.yRange.isAutomatic {
                lines.append("set yrange \(panel.yRange.gnuplot)")
            } else if isEmpty {
                lines.append("set yrange [0:1]")
            }
        }
        // On a log axis gnuplot's default tick format prints 1e-08 as 0.00000001 and 100 as
        // 100.0000000; %g prints both as a person would write them.
        if let base = panel.xLogBase { lines += ["set logscale x \(GnuplotText.number(base))", "set format x '%g'"] }
        if let base = panel.yLogBase { lines += ["set logscale y \(GnuplotText.number(base))", "set format y '%g'"] }
        if panel.showsGrid && isPicture && panel.images.isEmpty {
            lines.append("set grid back lt 1 lc rgb '#e6e6e6' lw 1")
        }

        // Colours of heatmaps and pictures
        if let layer = panel.images.first {
            lines.append(layer.palette.gnuplotCommand + "  # \(layer.palette.name)")
            lines.append(
                "set cbrange [\(GnuplotText.number(layer.colorRange.lowerBound)):\(GnuplotText.number(layer.colorRange.upperBound))]"
            )
            if !panel.images.contains(where: \.showsColorBar) { lines.append("unset colorbox") }
            if let label = panel.colorBarLabel, isPicture { lines.append("set cblabel \(GnuplotText.quoted(label))") }
            if target.isMonochromeTerminal {
                let low = GnuplotText.number(layer.colorRange.lowerBound)
                let span = GnuplotText.number(max(layer.colorRange.upperBound - layer.colorRange.lowerBound, 1e-300))
                lines.append(
                    "shade(v) = (shades = ' .:-=+*#%@', n = int(9.999 * (v - \(low)) / \(span)) + 1, n = n < 1 ? 1 : (n > 10 ? 10 : n), shades[n:n])"
                )
            }
        }
        let bars = panel.series.filter { $0.kind == .bars && !$0.isEmpty }.count
        if bars > 0 {
            lines.append(
                !isPicture
                    ? "set style fill solid border"
                    : bars > 1
                        ? "set style fill transparent solid 0.45 border"
                        : "set style fill solid 0.6 border")
        }
        lines.append(LegendPlacement.command(for: panel, area: area))
        lines += panel.commands

        // What to draw
        var elements: [String] = []
        for (layer, blocks) in zip(panel.images, panelBlocks[index].images) {
            let (setup, drawn) = imageElements(layer, blocks, target: target, area: area, source: source)
            lines += setup
            elements += drawn
        }
        // In a picture, three or more labelled curves also differ by a marker, so they can be
        // told apart without colour (in print, or by a colour-blind reader); the terminal
        // draws each curve with its own character already.
        let curves = panel.series.filter { $0.kind == .line && $0.label != nil }
        var markerIndex = 0
        for (series, block) in zip(panel.series, panelBlocks[index].series) {
            guard let block else { continue }
            var marker: Int?
            if isPicture, curves.count >= 3, series.kind == .line, series.label != nil {
                marker = Self.curveMarkers[markerIndex % Self.curveMarkers.count]
                markerIndex += 1
            }
            elements.append(seriesElement(series, block, source: source, marker: marker))
        }
        if elements.isEmpty { elements = ["NaN notitle  # nothing to draw"] }
        lines.append("plot " + elements.joined(separator: ", \\\n     "))
        return lines
    }

    /// `set xtics ('cat' 0, 'dog' 1)`, or a tic per row/column of a small matrix.
    private func tics(_ axis: String, names: [String]?, count: Int) -> [String] {
        if let names, !names.isEmpty {
            let pairs = names.prefix(count).enumerated().map { "\(GnuplotText.quoted($1)) \($0)" }
            var line = "set \(axis)tics (\(pairs.joined(separator: ", ")))"
            if axis == "x" && (names.map(\.count).max() ?? 0) > 4 { line += " rotate by 45 right" }
            return [line]
        }
        return count <= 30 ? ["set \(axis)tics 1"] : []
    }

    /// The plot elements drawing `layer`, and the lines to issue before the `plot` command.
    private func imageElements(
        _ layer: ImageLayer, _ blocks: ImageBlocks, target: ScriptTarget,
        area: PlotArea, source: DataSource
    ) -> (setup: [String], elements: [String]) {
        let monochrome = target.isMonochromeTerminal
        let image = target.isTerminal ? "with image pixels notitle" : "with image notitle"
        func drawn(_ x: String, _ y: String) -> String {
            monochrome ? "using \(x):\(y):(shade($3)) with labels notitle" : "using \(x):\(y):3 \(image)"
        }
        switch layer.placement {
        case .plane(let x, let y):
            func step(_ range: ClosedRange<Double>, _ count: Int) -> String {
                let span = GnuplotText.number(range.upperBound - range.lowerBound)
                return count > 1 ? "\(span) / \(count - 1).0" : "1"
            }
            let (dx, dy) = ("dx\(blocks.first)", "dy\(blocks.first)")
            let (x0, y0) = (GnuplotText.number(x.lowerBound), GnuplotText.number(y.lowerBound))
            let setup = [
                "# Grid column j is at x = \(x0) + j·\(dx), row i at y = \(y0) + i·\(dy) ($1 and $2 below).",
                "\(dx) = \(step(x, layer.columns))",
                "\(dy) = \(step(y, layer.rows))",
            ]
            return (
                setup, ["\(source.block(blocks.first)) matrix \(drawn("(\(x0) + $1 * \(dx))", "(\(y0) + $2 * \(dy))"))"]
            )

        case .matrix:
            var elements: [String] = []
            let hasLabels = blocks.labels != nil
            if !(monochrome && hasLabels) {
                elements.append("\(source.block(blocks.first)) matrix " + (monochrome ? drawn("1", "2") : image))
            }
            if let labels = blocks.labels {
                if target.isTerminal {
                    elements.append("\(source.block(labels)) using 1:2:3 with labels notitle")
                } else {
                    let cell = min(area.width / Double(layer.columns), area.height / Double(layer.rows))
                    let longest = Double(cellTexts(layer).map(\.count).max() ?? 1)
                    let size = Int(min(max(min(cell * 0.3, cell * 1.3 / longest), 6), 12).rounded())
                    elements.append(
                        "\(source.block(labels)) using 1:2:3:4 with labels tc rgb variable font ',\(size)' notitle")
                }
            }
            return ([], elements)

        case .pictures(let perRow, _):
            let grid = PictureGrid(layer)
            var setup: [String] = []
            var elements: [String]
            if blocks.count == 1 && layer.titleSpace == 0 {
                elements = ["\(source.block(blocks.first)) matrix " + (monochrome ? drawn("1", "2") : image)]
            } else if blocks.count == 1 {
                elements = ["\(source.block(blocks.first)) matrix \(drawn("1", "($2 + \(layer.titleSpace))"))"]
            } else {
                setup.append(
                    "# Picture k goes to column k % \(perRow) and row k / \(perRow) of the grid, \(grid.stepX) pixels apart across"
                        + " and \(grid.stepY) down\(layer.titleSpace > 0 ? " (\(layer.titleSpace) for its title)" : "")."
                )
                let x = "($1 + (k % \(perRow)) * \(grid.stepX))"
                let y = "($2 + (k / \(perRow)) * \(grid.stepY) + \(layer.titleSpace))"
                elements = [
                    "for [k=0:\(blocks.count - 1)] \(source.block(blocks.first, plus: "k")) matrix \(drawn(x, y))"
                ]
            }
            if let labels = blocks.labels {
                var element = "\(source.block(labels)) using 1:2:3 with labels"
                if !target.isTerminal {
                    let tileWidth = area.width / Double(perRow)
                    element += " font ',\(Int(min(max(tileWidth * 0.12, 7), 11).rounded()))'"
                }
                elements.append(element + " notitle")
            }
            return (setup, elements)
        }
    }

    /// gnuplot's filled circle, square, triangle, diamond and upside-down triangle.
    static let curveMarkers = [7, 5, 9, 13, 11]

    private func seriesElement(_ series: Series, _ block: Int, source: DataSource, marker: Int? = nil) -> String {
        let color = "lc rgb '\(series.color)'"
        let width = "lw \(GnuplotText.number(series.lineWidth))"
        var element = source.block(block) + " "
        switch series.kind {
        case .line:
            if let marker {
                // About eight markers along the curve, each on a gap in the line (negative pi).
                let every = max(1, series.x.count / 8)
                element += "using 1:2 with linespoints pt \(marker) ps 1.1 pi -\(every) \(width)"
            } else {
                element += "using 1:2 with lines \(width)"
            }
            if series.lineStyle != .solid { element += " dt \(series.lineStyle.dashType)" }
            element += " \(color)"
        case .steps:
            element += "using 1:2 with steps \(width) \(color)"
        case .points:
            let crowd = series.x.count > 2000 ? 0.5 : series.x.count > 300 ? 0.75 : 1
            element +=
                "using 1:2 with points pt \(series.marker.pointType) ps \(GnuplotText.number(series.markerSize * crowd)) \(color)"
        case .bars:
            element += "using 1:2:3 with boxes \(color)"
        }
        element += series.label.map { " title \(GnuplotText.quoted($0))" } ?? " notitle"
        return element
    }

    // MARK: The .gp file

    /// The complete, self-contained `.gp` file: comments saying how to use it, the lines that
    /// find its `.dat` next to it from any folder, the picture it writes when run by hand, then
    /// the drawing commands.
    ///
    /// `shownPath` is how the learner reaches the script from the project folder
    /// (`plots/Lesson05/loss.gp`); `format` is the picture it writes when run by hand.
    func scriptFile(shownPath: String, format: PictureFormat, size: PixelSize) -> String {
        let name = figure.name
        let picture = "\(name).\(format.rawValue)"
        let other = format == .png ? PictureFormat.svg : .png
        let described = figure.title.map { " (\($0))" } ?? ""
        return """
            # \(name).gp: the gnuplot script that draws the figure "\(name)"\(described).
            #
            # Redraw it by hand, from any folder:
            #     gnuplot \(shownPath)
            # which rewrites \(picture) next to this file. For \(name).\(other.rawValue) instead:
            #     gnuplot -e "format='\(other.rawValue)'" \(shownPath)
            #
            # The numbers are in \(name).dat, in the same folder: one block per curve, histogram or
            # picture, two blank lines apart, and `index N` below picks block N. Change anything and
            # run it again: this copy is yours.

            # This script's folder (ARG0 is the script's own path), so \(name).dat is found from anywhere.
            here = ARG0
            cut = strlen(here)
            while (cut > 0 && here[cut:cut] ne '/') { cut = cut - 1 }
            here = here[1:cut]
            data = here.'\(name).dat'

            # The picture to write: \(picture) by default, or the \(other.rawValue.uppercased()) with format='\(other.rawValue)'.
            # (Plot sets format='chosen' and picks the terminal itself before loading this script.)
            if (!exists("format")) { format = '\(format.rawValue)' }
            if (format eq 'png') {
                \(PictureFormat.png.terminalCommand(size: size))
                set output here.'\(name).png'
            }
            if (format eq 'svg') {
                \(PictureFormat.svg.terminalCommand(size: size))
                set output here.'\(name).svg'
            }


            """ + body(for: .picture(size), source: .dataFile)
    }
}

/// Where each picture of a grid goes, in pixel units of the pictures themselves: pictures sit
/// `stepX` apart across and `stepY` apart down, with room for a title above each.
struct PictureGrid {
    let perRow: Int
    let stepX: Int
    let stepY: Int
    let layer: ImageLayer

    init(_ layer: ImageLayer) {
        self.layer = layer
        if case .pictures(let columns, _) = layer.placement { perRow = columns } else { perRow = 1 }
        stepX = layer.columns + layer.gap
        stepY = layer.rows + layer.gap + layer.titleSpace
    }

    var rowsOfPictures: Int { (layer.tiles.count + perRow - 1) / perRow }

    var xRange: ClosedRange<Double> { -0.5...(Double(perRow * stepX - layer.gap) - 0.5) }
    var yRange: ClosedRange<Double> { -0.5...(Double(rowsOfPictures * stepY - layer.gap) - 0.5) }

    /// The centre of the space above picture `index`.
    func titlePosition(of index: Int) -> (x: Double, y: Double) {
        let x = Double((index % perRow) * stepX) + Double(layer.columns - 1) / 2
        let y = Double((index / perRow) * stepY) + Double(layer.titleSpace) / 2 - 0.5
        return (x, y)
    }
}
