/// Which side of the axes the legend (gnuplot's "key") goes.
public enum LegendPosition: Sendable, Hashable {
    /// The inside corner with no data under it, or outside on the right when every corner is
    /// busy. The default.
    case automatic
    case topLeft
    case topRight
    case bottomLeft
    case bottomRight
    /// Outside the axes, to the right.
    case outside
    /// Under the axes, entries side by side.
    case below
    /// No legend.
    case hidden
}

/// The two axes a setting can apply to.
public enum Axis: Sendable, Hashable {
    case x
    case y
}

/// An axis's range; either end may be left to gnuplot (`*`), which then fits the data.
struct AxisRange: Sendable, Hashable {
    var lower: Double?
    var upper: Double?

    /// `[0:*]`
    var gnuplot: String {
        "[\(lower.map(GnuplotText.number) ?? "*"):\(upper.map(GnuplotText.number) ?? "*")]"
    }

    var isAutomatic: Bool { lower == nil && upper == nil }
}

/// One set of axes in a figure: its labels, ranges and scales, and what is drawn on it.
/// A figure has one panel, or several laid out in a grid (gnuplot's `multiplot`).
struct Panel: Sendable {
    var title: String?
    var xLabel: String?
    var yLabel: String?
    var xRange = AxisRange()
    var yRange = AxisRange()
    /// The base of a logarithmic axis, or nil for a linear one.
    var xLogBase: Double?
    var yLogBase: Double?
    var legend: LegendPosition = .automatic
    var showsGrid = true
    /// Drawn first, under the series.
    var images: [ImageLayer] = []
    var series: [Series] = []
    /// Raw gnuplot commands, issued just before this panel's `plot`.
    var commands: [String] = []
    /// What the colour bar of a heatmap measures, written beside the bar in pictures.
    var colorBarLabel: String?

    var isEmpty: Bool { images.isEmpty && series.isEmpty && commands.isEmpty }

    /// The next colour from `Color.cycle` not yet used for a series of this panel.
    var nextColor: Color { Color.cycle[series.count % Color.cycle.count] }

    /// True when the panel shows pictures, which want square pixels and no axes.
    var showsPictures: Bool {
        images.contains { if case .pictures = $0.placement { true } else { false } }
    }
}
