/// Whether the cells of a matrix show their value as text, and with how many decimals.
///
///     Figure("confusion").matrix(counts, cellLabels: .counts)
public enum CellLabels: Sendable, Hashable {
    /// Colour only.
    case hidden
    /// Each cell shows its value with this many decimals, in black or white, whichever reads
    /// better on the cell's colour.
    case values(decimals: Int)

    /// Whole numbers, as in a confusion matrix.
    public static let counts = CellLabels.values(decimals: 0)
}

/// A grid of numbers drawn as colours: a heatmap over the plane, a matrix, a picture, or a grid
/// of pictures. Drawn under the panel's curves and points.
struct ImageLayer: Sendable {
    enum Placement: Sendable {
        /// A function sampled on a grid over the plane: `tiles[0][i * columns + j]` is the value at
        /// x = x.lower + j·Δx, y = y.lower + i·Δy (row 0 at the bottom, like the y axis).
        case plane(x: ClosedRange<Double>, y: ClosedRange<Double>)
        /// A matrix as it is written on paper: row 0 at the top, cell (i, j) centred on (j, i).
        case matrix(rowNames: [String]?, columnNames: [String]?)
        /// One picture or several side by side, `columns` per row, row 0 at the top, with
        /// square pixels and no axes; `titles` go above the pictures.
        case pictures(columns: Int, titles: [String]?)
    }

    var placement: Placement
    /// Each picture's pixels, row by row (one element unless `placement` is `.pictures`).
    var tiles: [[Double]]
    /// Rows and columns of each picture.
    var rows: Int
    var columns: Int
    var palette: Palette
    var colorRange: ClosedRange<Double>
    var cellLabels: CellLabels = .hidden
    var showsColorBar: Bool

    /// Space between pictures of a grid, in pixels, and above each one for its title.
    var gap: Int { max(1, Int((Double(max(rows, columns)) / 14).rounded())) }
    var titleSpace: Int {
        guard case .pictures(_, let titles?) = placement, !titles.isEmpty else { return 0 }
        return max(2, Int((Double(rows) * 0.3).rounded()))
    }

    /// The text colour that reads best on the cell holding `value`.
    func labelColor(for value: Double) -> Color {
        let span = colorRange.upperBound - colorRange.lowerBound
        let fraction = span > 0 ? (value - colorRange.lowerBound) / span : 0.5
        return palette.color(at: fraction).luminance < 0.5 ? .white : .black
    }
}
