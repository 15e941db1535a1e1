/// A colour for a curve, a set of points or a palette stop, written as `#rrggbb` for gnuplot.
///
/// The named colours are matplotlib's "tab10" set, so a learner who moves to Python sees the same
/// blue for the first curve and orange for the second:
///
///     Figure("loss").line(train, label: "train", color: .blue).line(test, label: "test", color: .orange)
public struct Color: Sendable, Hashable, CustomStringConvertible {
    /// The colour as `0xRRGGBB`.
    public let rgb: UInt32

    /// A colour from its hexadecimal `0xRRGGBB` value, e.g. `Color(rgb: 0x1f77b4)`.
    public init(rgb: UInt32) {
        self.rgb = rgb & 0xFF_FFFF
    }

    /// A colour from red, green and blue amounts between 0 and 1 (clamped).
    public init(red: Double, green: Double, blue: Double) {
        func byte(_ value: Double) -> UInt32 {
            UInt32((min(max(value, 0), 1) * 255).rounded())
        }
        self.init(rgb: byte(red) << 16 | byte(green) << 8 | byte(blue))
    }

    public static let blue = Color(rgb: 0x1F77B4)
    public static let orange = Color(rgb: 0xFF7F0E)
    public static let green = Color(rgb: 0x2CA02C)
    public static let red = Color(rgb: 0xD62728)
    public static let purple = Color(rgb: 0x9467BD)
    public static let brown = Color(rgb: 0x8C564B)
    public static let pink = Color(rgb: 0xE377C2)
    public static let grey = Color(rgb: 0x7F7F7F)
    public static let olive = Color(rgb: 0xBCBD22)
    public static let cyan = Color(rgb: 0x17BECF)
    public static let black = Color(rgb: 0x000000)
    public static let white = Color(rgb: 0xFFFFFF)

    /// The colours given, in turn, to series drawn without an explicit colour.
    public static let cycle: [Color] = [.blue, .orange, .green, .red, .purple, .brown, .pink, .grey, .olive, .cyan]

    /// `#rrggbb`, the way gnuplot spells it.
    public var description: String {
        let hex = String(rgb, radix: 16)
        return "#" + String(repeating: "0", count: 6 - hex.count) + hex
    }

    var red: Double { Double(rgb >> 16 & 0xFF) / 255 }
    var green: Double { Double(rgb >> 8 & 0xFF) / 255 }
    var blue: Double { Double(rgb & 0xFF) / 255 }

    /// Perceived brightness between 0 (black) and 1 (white), used to pick readable label colours.
    var luminance: Double { 0.299 * red + 0.587 * green + 0.114 * blue }

    /// The colour `fraction` of the way from `self` to `other`.
    func mixed(with other: Color, _ fraction: Double) -> Color {
        Color(
            red: red + (other.red - red) * fraction,
            green: green + (other.green - green) * fraction,
            blue: blue + (other.blue - blue) * fraction)
    }
}
