/// A picture to draw: one set of axes (a panel) or several, each holding curves, points, bars,
/// heatmaps or images. Built step by step, each method returning the changed figure:
///
///     Figure("loss", title: "Training loss").xLabel("epoch").yLabel("loss").line(losses, label: "train").show()
///
/// Methods that add something or set an axis apply to the current panel, the last one started.
/// `panel(_:)` starts the next one, for figures with several panels side by side:
///
///     Figure("activations", title: "Activation functions", columns: 2)
///         .panel("sigmoid").function(-6...6, label: "σ(x)", sigmoid)
///         .panel("tanh").function(-6...6, label: "tanh(x)", tanh)
///         .show()
///
/// The figure's `name` names its files: `loss.png`, `loss.svg`, and next to them `loss.dat`
/// (the numbers) and `loss.gp` (the gnuplot script that draws them). A figure is a plain value:
/// build it anywhere, render it with `show()` or `render(_:)`.
public struct Figure: Sendable {
    /// The file name stem: letters, digits, `-` and `_` (anything else becomes `-`).
    public let name: String
    /// The title above the whole figure.
    public var title: String?
    /// The panels, in reading order (left to right, then top to bottom).
    var panels: [Panel] = [Panel()]
    /// Panels per row; nil lets the figure choose.
    var columnCount: Int?
    /// Picture size in pixels; nil lets the figure choose (800×500 for one panel of curves).
    var pixelSize: PixelSize?
    /// Problems found in the input while building (say, x and y of different lengths), reported
    /// as warnings when the figure is rendered.
    var issues: [String] = []

    /// A new, empty figure. `name` becomes its file name (`plots/Lesson05/<name>.png`), `title`
    /// is written above it.
    public init(_ name: String, title: String? = nil, columns: Int? = nil) {
        let cleaned = String(
            name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
        self.name = cleaned.isEmpty ? "figure" : cleaned
        self.title = title
        self.columnCount = columns.map { max(1, $0) }
    }

    /// Starts a new panel (a new set of axes) titled `title`; what follows is drawn on it.
    /// On a figure whose only panel is still empty, names that panel instead.
    public func panel(_ title: String? = nil) -> Figure {
        var figure = self
        if figure.panels.count == 1 && figure.panels[0].isEmpty && figure.panels[0].title == nil {
            figure.panels[0].title = title
        } else {
            var panel = Panel()
            panel.title = title
            figure.panels.append(panel)
        }
        return figure
    }

    /// Lays the panels out `count` per row (the default is one row of up to three panels, then a
    /// near-square grid).
    public func columns(_ count: Int) -> Figure {
        var figure = self
        figure.columnCount = max(1, count)
        return figure
    }

    /// The picture's size in pixels (the terminal drawing always fits the terminal instead).
    public func size(width: Int, height: Int) -> Figure {
        var figure = self
        figure.pixelSize = PixelSize(width: width, height: height)
        return figure
    }

    /// The figure with the current panel changed by `edit`.
    func editingPanel(_ edit: (inout Panel) -> Void) -> Figure {
        var figure = self
        edit(&figure.panels[figure.panels.count - 1])
        return figure
    }

    /// The figure with `issue` noted, to be reported when it is rendered.
    func noting(_ issue: String) -> Figure {
        var figure = self
        figure.issues.append("\(name): \(issue)")
        return figure
    }

    // MARK: Layout

    /// Panels per row and number of rows.
    var grid: (columns: Int, rows: Int) {
        let count = panels.count
        let columns = min(count, columnCount ?? (count <= 3 ? count : Int(Double(count).squareRoot().rounded(.up))))
        return (columns, (count + columns - 1) / columns)
    }

    /// True when a panel shows a grid of several pictures (filters, feature maps, samples):
    /// in a terminal's characters they blur into noise, so the terminal does not draw them.
    public var isPictureGrid: Bool {
        panels.contains { panel in
            panel.images.contains { image in
                if case .pictures = image.placement { image.tiles.count > 1 } else { false }
            }
        }
    }

    /// The size the picture is drawn at when none was chosen: 800×500 for one panel of curves,
    /// more for several panels, and the pictures' own proportions for an image grid.
    var resolvedPixelSize: PixelSize {
        if let pixelSize { return pixelSize }
        let (columns, rows) = grid
        let titleHeight = title == nil ? 0 : 30
        if panels.count == 1, let image = panels[0].images.first, panels[0].showsPictures,
            case .pictures(let perRow, let titles) = image.placement
        {
            let tileRows = (image.tiles.count + perRow - 1) / perRow
            let contentWidth = Double(perRow * (image.columns + image.gap))
            let contentHeight = Double(tileRows * (image.rows + image.gap + image.titleSpace))
            let width = min(800.0, max(320.0, Double(perRow) * (titles == nil ? 100 : 110)))
            let height = width * contentHeight / contentWidth + Double(titleHeight) + 20
            let barWidth = image.showsColorBar ? 90.0 : 0
            return PixelSize(width: Int(width + barWidth), height: Int(min(max(height, 160), 1400)))
        }
        if panels.count == 1, case .matrix? = panels[0].images.first?.placement {
            return PixelSize(width: 640, height: 560 + titleHeight)
        }
        if panels.count == 1 { return .standard }
        return PixelSize(
            width: min(1600, max(800, 470 * columns)),
            height: min(1400, max(500, 350 * rows + titleHeight)))
    }
}

/// A picture's size in pixels.
public struct PixelSize: Sendable, Hashable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = max(16, width)
        self.height = max(16, height)
    }

    /// 800×500, the size of a single-panel figure.
    public static let standard = PixelSize(width: 800, height: 500)
}
