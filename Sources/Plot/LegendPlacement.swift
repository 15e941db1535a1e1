import Foundation

/// Where to put a panel's legend so that it covers no data.
///
/// For `.automatic`, the legend's size is estimated from its entries and the space the panel
/// gets; then the data (curves sampled along their segments, points, bar areas) is counted in
/// each inside corner of that size, and the legend goes into the first empty one: top right,
/// top left, bottom right, bottom left. When none is empty it goes outside the axes.
enum LegendPlacement {
    /// The panel's `set key …` command, or `unset key` when nothing has a legend entry.
    static func command(for panel: Panel, area: PlotArea) -> String {
        let entries = panel.series.compactMap(\.label)
        guard !entries.isEmpty else { return "unset key" }
        let style = area.isTerminal ? "opaque" : "opaque box lc rgb '#cccccc' Left reverse samplen 2.5 spacing 1.1"
        // In characters a legend inside a heatmap overwrites the very cells it sits on.
        if area.isTerminal, !panel.images.isEmpty, panel.legend != .hidden { return "set key below" }
        switch panel.legend {
        case .hidden: return "unset key"
        case .topLeft: return "set key top left \(style)"
        case .topRight: return "set key top right \(style)"
        case .bottomLeft: return "set key bottom left \(style)"
        case .bottomRight: return "set key bottom right \(style)"
        case .outside: return outside(area)
        // The extra height keeps the key's first row off the x label: without it gnuplot
        // draws the two on top of each other in a multiplot.
        case .below: return area.isTerminal ? "set key below" : "set key below height 1.5"
        case .automatic:
            guard panel.images.isEmpty, let corner = emptyCorner(of: panel, entries: entries, area: area) else {
                return outside(area)
            }
            return "set key \(corner) \(style)"
        }
    }

    private static func outside(_ area: PlotArea) -> String {
        area.isTerminal ? "set key below" : "set key outside right top box lc rgb '#cccccc' Left reverse samplen 2.5"
    }

    /// The first inside corner whose legend-sized box holds no data, as gnuplot names it.
    private static func emptyCorner(of panel: Panel, entries: [String], area: PlotArea) -> String? {
        let longest = Double(entries.map(\.count).max() ?? 0)
        let keyWidth = area.isTerminal ? longest + 10 : longest * 7.5 + 65
        let keyHeight = area.isTerminal ? Double(entries.count) + 1.5 : Double(entries.count) * 18 + 14
        let width = keyWidth / area.width + 0.03
        let height = keyHeight / area.height + 0.04
        guard width < 0.6, height < 0.6 else { return nil }

        let points = samples(of: panel)
        guard !points.isEmpty else { return "top right" }
        let corners: [(name: String, x: ClosedRange<Double>, y: ClosedRange<Double>)] = [
            ("top right", (1 - width)...1, (1 - height)...1),
            ("top left", 0...width, (1 - height)...1),
            ("bottom right", (1 - width)...1, 0...height),
            ("bottom left", 0...width, 0...height),
        ]
        return corners.first { corner in
            !points.contains { corner.x.contains($0.x) && corner.y.contains($0.y) }
        }?.name
    }

    /// The panel's data as points scaled to [0, 1] × [0, 1] of the axes (log axes taken as
    /// logarithms), with segments of curves and bars filled in so a line crossing a corner counts.
    private static func samples(of panel: Panel) -> [(x: Double, y: Double)] {
        var raw: [(x: Double, y: Double)] = []
        for series in panel.series {
            let count = series.x.count
            let fill = series.kind == .points ? 1 : max(1, min(12, 4000 / max(count, 1)))
            for index in 0..<count {
                let (x, y) = (series.x[index], series.y[index])
                switch series.kind {
                case .bars:
                    let half = (series.widths.indices.contains(index) ? series.widths[index] : 0) / 2
                    for step in 0...4 {
                        let fraction = Double(step) / 4
                        raw.append((x - half + 2 * half * fraction, y))
                        raw.append((x, y * fraction))
                    }
                case .line, .steps:
                    guard index + 1 < count else {
                        raw.append((x, y))
                        continue
                    }
                    let (nextX, nextY) = (series.x[index + 1], series.y[index + 1])
                    for step in 0..<fill {
                        let fraction = Double(step) / Double(fill)
                        let sampleY = series.kind == .steps ? y : y + (nextY - y) * fraction
                        raw.append((x + (nextX - x) * fraction, sampleY))
                    }
                    if series.kind == .steps { raw.append((nextX, y)) }
                case .points:
                    raw.append((x, y))
                }
            }
        }
        func transform(_ value: Double, logBase: Double?) -> Double? {
            guard value.isFinite else { return nil }
            guard let logBase else { return value }
            return value > 0 ? log(value) / log(logBase) : nil
        }
        let points = raw.compactMap { point -> (x: Double, y: Double)? in
            guard let x = transform(point.x, logBase: panel.xLogBase),
                let y = transform(point.y, logBase: panel.yLogBase)
            else { return nil }
            return (x, y)
        }
        guard !points.isEmpty else { return [] }
        func bounds(_ values: [Double], _ range: AxisRange, logBase: Double?) -> (Double, Double) {
            var low = range.lower.flatMap { transform($0, logBase: logBase) } ?? values.min() ?? 0
            var high = range.upper.flatMap { transform($0, logBase: logBase) } ?? values.max() ?? 1
            if high <= low { (low, high) = (low - 0.5, low + 0.5) }
            return (low, high)
        }
        let (xLow, xHigh) = bounds(points.map(\.x), panel.xRange, logBase: panel.xLogBase)
        let (yLow, yHigh) = bounds(points.map(\.y), panel.yRange, logBase: panel.yLogBase)
        return points.map { (($0.x - xLow) / (xHigh - xLow), ($0.y - yLow) / (yHigh - yLow)) }
    }
}

/// The space one panel gets, in pixels for a picture or in characters for the terminal.
struct PlotArea {
    var width: Double
    var height: Double
    var isTerminal: Bool
}
