// Curves, points, staircases and histograms on the current panel.

extension Figure {
    /// A curve through `y`, drawn at x = 1, 2, 3, … (the way epochs and steps are counted).
    ///
    ///     Figure("loss", title: "Training loss").xLabel("epoch").line(losses, label: "train")
    public func line<Y: Collection>(
        _ y: Y, label: String? = nil, style: LineStyle = .solid,
        color: Color? = nil, lineWidth: Double = 2
    ) -> Figure
    where Y.Element: BinaryFloatingPoint {
        let values = y.map { Double($0) }
        return line(
            (0..<values.count).map { Double($0 + 1) }, values, label: label, style: style,
            color: color, lineWidth: lineWidth)
    }

    /// A curve through the points (x[i], y[i]), joined in order.
    ///
    ///     Figure("activations").line(x, y, label: "sigmoid").line(x, dy, label: "derivative", style: .dashed)
    public func line<X: Collection, Y: Collection>(
        _ x: X, _ y: Y, label: String? = nil,
        style: LineStyle = .solid, color: Color? = nil,
        lineWidth: Double = 2
    ) -> Figure
    where X.Element: BinaryFloatingPoint, Y.Element: BinaryFloatingPoint {
        adding(.line, x: x, y: y, label: label) { series in
            series.lineStyle = style
            series.lineWidth = lineWidth
            if let color { series.color = color }
        }
    }

    /// The curve of `f` over `domain`, sampled at `samples` evenly spaced points.
    ///
    ///     Figure("tanh").function(-4...4, label: "tanh(x)", tanh)
    public func function(
        _ domain: ClosedRange<Double>, samples: Int = 201, label: String? = nil,
        style: LineStyle = .solid, color: Color? = nil, lineWidth: Double = 2,
        _ f: (Double) -> Double
    ) -> Figure {
        let count = max(samples, 2)
        let step = (domain.upperBound - domain.lowerBound) / Double(count - 1)
        let x = (0..<count).map { domain.lowerBound + Double($0) * step }
        return line(x, x.map(f), label: label, style: style, color: color, lineWidth: lineWidth)
    }

    /// Unconnected points (x[i], y[i]).
    ///
    ///     Figure("data").scatter(heights, weights, label: "people", marker: .openCircle)
    public func scatter<X: Collection, Y: Collection>(
        _ x: X, _ y: Y, label: String? = nil,
        marker: Marker = .circle, color: Color? = nil,
        size: Double = 1
    ) -> Figure
    where X.Element: BinaryFloatingPoint, Y.Element: BinaryFloatingPoint {
        adding(.points, x: x, y: y, label: label) { series in
            series.marker = marker
            series.markerSize = size
            if let color { series.color = color }
        }
    }

    /// Points coloured and shaped by class: point i belongs to class `classes[i]`, and each class
    /// gets its own colour, marker and legend entry (`names[c]`, or "class c").
    ///
    ///     Figure("xor").scatter(x1, x2, classes: labels, names: ["0", "1"])
    public func scatter<X: Collection, Y: Collection, C: Collection>(
        _ x: X, _ y: Y, classes: C, names: [String]? = nil, size: Double = 1
    ) -> Figure where X.Element: BinaryFloatingPoint, Y.Element: BinaryFloatingPoint, C.Element: BinaryInteger {
        var xs = x.map { Double($0) }
        var ys = y.map { Double($0) }
        var labels = classes.map { Int($0) }
        var figure = self
        let count = min(xs.count, ys.count, labels.count)
        if xs.count != ys.count || xs.count != labels.count {
            figure = figure.noting(
                "scatter: x has \(xs.count) values, y \(ys.count) and classes \(labels.count); drawing the first \(count)"
            )
            xs.removeLast(xs.count - count)
            ys.removeLast(ys.count - count)
            labels.removeLast(labels.count - count)
        }
        let distinct = Set(labels).union(names.map { Set(0..<$0.count) } ?? []).sorted()
        for value in distinct {
            let slot = (value % Color.cycle.count + Color.cycle.count) % Color.cycle.count
            let members = labels.indices.filter { labels[$0] == value }
            let name = names.flatMap { value >= 0 && value < $0.count ? $0[value] : nil } ?? "class \(value)"
            figure = figure.scatter(
                members.map { xs[$0] }, members.map { ys[$0] }, label: name,
                marker: Marker.classCycle[slot % Marker.classCycle.count],
                color: Color.cycle[slot],
                size: size)
        }
        return figure
    }

    /// A staircase through `y` at x = 1, 2, 3, …: each value holds until the next one, as a
    /// learning-rate schedule does.
    public func step<Y: Collection>(
        _ y: Y, label: String? = nil, color: Color? = nil,
        lineWidth: Double = 2
    ) -> Figure
    where Y.Element: BinaryFloatingPoint {
        let values = y.map { Double($0) }
        return step(
            (0..<values.count).map { Double($0 + 1) }, values, label: label, color: color,
            lineWidth: lineWidth)
    }

    /// A staircase through (x[i], y[i]): y[i] holds from x[i] until x[i + 1].
    public func step<X: Collection, Y: Collection>(
        _ x: X, _ y: Y, label: String? = nil,
        color: Color? = nil, lineWidth: Double = 2
    ) -> Figure
    where X.Element: BinaryFloatingPoint, Y.Element: BinaryFloatingPoint {
        adding(.steps, x: x, y: y, label: label) { series in
            series.lineWidth = lineWidth
            if let color { series.color = color }
        }
    }

    /// How `values` are spread: the range (the data's extent unless given) is cut into `bins`
    /// equal intervals, and each bar shows how many values fall in its interval, or, with
    /// `normalized`, the density (bar areas add up to 1, so histograms of different sizes
    /// compare). Several histograms on one panel are drawn see-through.
    ///
    ///     Figure("weights", title: "Weights after training").histogram(weights, bins: 40)
    public func histogram<V: Collection>(
        _ values: V, bins: Int = 20, range: ClosedRange<Double>? = nil,
        label: String? = nil, color: Color? = nil,
        normalized: Bool = false
    ) -> Figure
    where V.Element: BinaryFloatingPoint {
        let histogram = Histogram(values.map { Double($0) }, bins: bins, range: range, normalized: normalized)
        return editingPanel { panel in
            var series = Series(
                kind: .bars, x: histogram.centres, y: histogram.heights, label: label,
                color: color ?? panel.nextColor)
            series.widths = Array(repeating: histogram.binWidth, count: histogram.centres.count)
            panel.series.append(series)
        }
    }

    /// Adds a series of `kind` through (x[i], y[i]), cutting the longer list to the shorter.
    private func adding<X: Collection, Y: Collection>(
        _ kind: Series.Kind, x: X, y: Y, label: String?,
        configure: (inout Series) -> Void
    ) -> Figure
    where X.Element: BinaryFloatingPoint, Y.Element: BinaryFloatingPoint {
        var xs = x.map { Double($0) }
        var ys = y.map { Double($0) }
        var figure = self
        if xs.count != ys.count {
            let count = min(xs.count, ys.count)
            let what = label.map { "\"\($0)\"" } ?? "a series"
            figure = figure.noting(
                "\(what) has \(xs.count) x values but \(ys.count) y values; drawing the first \(count)")
            xs.removeLast(xs.count - count)
            ys.removeLast(ys.count - count)
        }
        return figure.editingPanel { panel in
            var series = Series(kind: kind, x: xs, y: ys, label: label, color: panel.nextColor)
            configure(&series)
            panel.series.append(series)
        }
    }
}
