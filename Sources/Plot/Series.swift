/// How a line is drawn: solid, or broken into dashes or dots (to tell apart curves that share a
/// colour, e.g. a function and its derivative).
public enum LineStyle: Sendable, Hashable {
    case solid
    case dashed
    case dotted
    case dashDot

    /// gnuplot's dash type number.
    var dashType: Int {
        switch self {
        case .solid: 1
        case .dashed: 2
        case .dotted: 3
        case .dashDot: 4
        }
    }
}

/// The symbol drawn at each point of a scatter plot.
public enum Marker: Sendable, Hashable, CaseIterable {
    case circle
    case triangle
    case square
    case diamond
    case invertedTriangle
    case openCircle
    case openTriangle
    case openSquare
    case openDiamond
    case plus
    case cross
    case star

    /// gnuplot's point type number (the same on the png, svg and dumb terminals).
    var pointType: Int {
        switch self {
        case .plus: 1
        case .cross: 2
        case .star: 3
        case .openSquare: 4
        case .square: 5
        case .openCircle: 6
        case .circle: 7
        case .openTriangle: 8
        case .triangle: 9
        case .invertedTriangle: 11
        case .openDiamond: 12
        case .diamond: 13
        }
    }

    /// The markers given, in turn, to the classes of `scatter(_:_:classes:)`: filled shapes first,
    /// so class 0 and class 1 differ in shape as well as colour (readable in grey print too).
    static let classCycle: [Marker] = [
        .circle, .triangle, .square, .diamond, .invertedTriangle,
        .openCircle, .openTriangle, .openSquare, .openDiamond, .star,
    ]
}

/// One set of (x, y) pairs and how to draw it: the unit of a figure's legend.
struct Series: Sendable {
    enum Kind: Sendable, Hashable {
        /// Points joined by straight segments.
        case line
        /// Points alone.
        case points
        /// A staircase: each value holds until the next x.
        case steps
        /// Bars of width `widths[i]` centred on x, from 0 up to y (histograms).
        case bars
    }

    var kind: Kind
    var x: [Double]
    var y: [Double]
    /// Bar widths, for `.bars` only.
    var widths: [Double] = []
    var label: String?
    var color: Color
    var lineStyle: LineStyle = .solid
    var lineWidth: Double = 2
    var marker: Marker = .circle
    var markerSize: Double = 1

    var isEmpty: Bool { x.isEmpty }
}
