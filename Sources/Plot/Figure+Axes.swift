// Axis labels, ranges, scales, legend and grid of the current panel.

extension Figure {
    /// Names the horizontal axis, e.g. `.xLabel("epoch")`.
    public func xLabel(_ text: String) -> Figure {
        editingPanel { $0.xLabel = text }
    }

    /// Names the vertical axis, e.g. `.yLabel("loss")`.
    public func yLabel(_ text: String) -> Figure {
        editingPanel { $0.yLabel = text }
    }

    /// Shows x only from `range.lowerBound` to `range.upperBound`, e.g. `.xRange(-5...5)`.
    public func xRange(_ range: ClosedRange<Double>) -> Figure {
        editingPanel { $0.xRange = AxisRange(lower: range.lowerBound, upper: range.upperBound) }
    }

    /// Fixes the lower end of x and lets the data decide the upper, e.g. `.xRange(0...)`.
    public func xRange(_ range: PartialRangeFrom<Double>) -> Figure {
        editingPanel { $0.xRange = AxisRange(lower: range.lowerBound, upper: nil) }
    }

    /// Fixes the upper end of x and lets the data decide the lower, e.g. `.xRange(...1)`.
    public func xRange(_ range: PartialRangeThrough<Double>) -> Figure {
        editingPanel { $0.xRange = AxisRange(lower: nil, upper: range.upperBound) }
    }

    /// Shows y only from `range.lowerBound` to `range.upperBound`, e.g. `.yRange(0...1)` for an
    /// accuracy.
    public func yRange(_ range: ClosedRange<Double>) -> Figure {
        editingPanel { $0.yRange = AxisRange(lower: range.lowerBound, upper: range.upperBound) }
    }

    /// Fixes the lower end of y and lets the data decide the upper, e.g. `.yRange(0...)` so a
    /// loss curve starts at zero.
    public func yRange(_ range: PartialRangeFrom<Double>) -> Figure {
        editingPanel { $0.yRange = AxisRange(lower: range.lowerBound, upper: nil) }
    }

    /// Fixes the upper end of y and lets the data decide the lower.
    public func yRange(_ range: PartialRangeThrough<Double>) -> Figure {
        editingPanel { $0.yRange = AxisRange(lower: nil, upper: range.upperBound) }
    }

    /// Makes the given axes logarithmic: equal ratios take equal space, so a loss falling from
    /// 1 to 0.001 shows every factor of ten instead of a cliff and a flat line.
    ///
    ///     Figure("loss").logScale(.y).line(losses)
    public func logScale(_ axes: Axis..., base: Double = 10) -> Figure {
        editingPanel { panel in
            for axis in axes.isEmpty ? [.y] : axes {
                switch axis {
                case .x: panel.xLogBase = base
                case .y: panel.yLogBase = base
                }
            }
        }
    }

    /// Places the legend; `.automatic` (the default) finds a corner with no data under it.
    public func legend(_ position: LegendPosition) -> Figure {
        editingPanel { $0.legend = position }
    }

    /// Shows or hides the light background grid (shown by default on curves, never on pictures).
    public func grid(_ shown: Bool = true) -> Figure {
        editingPanel { $0.showsGrid = shown }
    }

    /// What the colour bar of the current panel's heatmap measures, e.g. "probability of class 1".
    /// Written beside the bar in pictures (PNG, SVG, sixel); in characters the bar is one column
    /// wide and a label beside it would run over the map, so there the label is left out: say it
    /// in the title or the text as well.
    public func colorBarLabel(_ label: String) -> Figure {
        editingPanel { $0.colorBarLabel = label }
    }

    /// Adds a raw gnuplot command, issued just before the current panel is drawn: the escape
    /// hatch for anything this API does not cover, e.g. `.gnuplot("set xtics 1")`. It is written
    /// into the `.gp` file too, so the figure still redraws by hand.
    public func gnuplot(_ command: String) -> Figure {
        editingPanel { $0.commands.append(command) }
    }

    /// Tick marks on whole epochs only, for an x axis counting `epochs` epochs: every epoch up
    /// to 10, every 2nd up to 20, every 5th up to 50, every 10th beyond. Without it gnuplot
    /// picks steps like 0.2 on a short run, and a tick at "1.4 epochs" means nothing.
    public func epochTicks(_ epochs: Int) -> Figure {
        let step = epochs <= 10 ? 1 : epochs <= 20 ? 2 : epochs <= 50 ? 5 : 10
        return gnuplot("set xtics \(step)")
    }
}
