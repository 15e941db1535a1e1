/// How numbers become colours in heatmaps and images: a list of colours spread evenly from the
/// lowest value (first colour) to the highest (last colour).
///
/// Pick the palette that tells the story:
/// - `.grey` for pictures such as MNIST digits (0 black, 1 white: white strokes on black);
/// - `.inverseGrey` for ink on paper (0 white, 1 black);
/// - `.blues` for counts, e.g. a confusion matrix;
/// - `.diverging` for values whose sign matters, e.g. learned weights: negative blue, zero white,
///   positive red, with the colour range centred on zero;
/// - `.softDiverging`, a paler version, for decision regions drawn underneath data points;
/// - `.viridis` for any other quantity (evenly perceived, readable in grey print).
public struct Palette: Sendable, Hashable {
    /// A short name, used in the `.gp` file's comments.
    public let name: String
    /// The colours from the lowest value to the highest.
    public let colors: [Color]
    /// True when the middle of the palette means "zero": the automatic colour range is then
    /// symmetric around 0 (when the values have both signs), so white really means zero.
    public let isDiverging: Bool

    /// A palette of your own, e.g. `Palette(name: "sea", colors: [.white, .cyan, .blue])`.
    public init(name: String, colors: [Color], isDiverging: Bool = false) {
        self.name = name
        self.colors = colors.isEmpty ? [.black, .white] : colors.count == 1 ? [colors[0], colors[0]] : colors
        self.isDiverging = isDiverging
    }

    public static let grey = Palette(name: "grey", colors: [.black, .white])
    public static let inverseGrey = Palette(name: "inverse grey", colors: [.white, .black])
    public static let blues = Palette(
        name: "blues",
        colors: [
            Color(rgb: 0xF7FBFF), Color(rgb: 0xC6DBEF), Color(rgb: 0x6BAED6), Color(rgb: 0x2171B5),
            Color(rgb: 0x08306B),
        ])
    public static let diverging = Palette(
        name: "diverging",
        colors: [
            Color(rgb: 0x2166AC), Color(rgb: 0x92C5DE), Color(rgb: 0xF7F7F7), Color(rgb: 0xF4A582),
            Color(rgb: 0xB2182B),
        ], isDiverging: true)
    public static let softDiverging = Palette(
        name: "soft diverging",
        colors: [
            Color(rgb: 0xC3DAF0), Color(rgb: 0xFFFFFF), Color(rgb: 0xFCD9B8),
        ], isDiverging: true)
    public static let viridis = Palette(
        name: "viridis",
        colors: [
            Color(rgb: 0x440154), Color(rgb: 0x3B528B), Color(rgb: 0x21918C), Color(rgb: 0x5EC962),
            Color(rgb: 0xFDE725),
        ])

    /// The colour at `fraction` (0 = lowest value, 1 = highest), interpolated between stops.
    func color(at fraction: Double) -> Color {
        let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let position = clamped * Double(colors.count - 1)
        let index = min(Int(position), colors.count - 2)
        return colors[index].mixed(with: colors[index + 1], position - Double(index))
    }

    /// `set palette defined (0 '#000000', 1 '#ffffff')`
    var gnuplotCommand: String {
        let last = Double(colors.count - 1)
        let stops = colors.enumerated().map { index, color in
            "\(GnuplotText.number(Double(index) / last)) '\(color)'"
        }
        return "set palette defined (\(stops.joined(separator: ", ")))"
    }

    /// The colour range to use for `values` when the caller gave none: the data's extent, made
    /// symmetric around zero for a diverging palette when the values have both signs.
    func automaticRange(for values: [Double]) -> ClosedRange<Double> {
        var low = Double.infinity
        var high = -Double.infinity
        for value in values where value.isFinite {
            low = min(low, value)
            high = max(high, value)
        }
        guard low <= high else { return 0...1 }
        if isDiverging && low < 0 && high > 0 {
            let extent = max(-low, high)
            return -extent...extent
        }
        if low == high { return (low - 0.5)...(high + 0.5) }
        return low...high
    }
}
