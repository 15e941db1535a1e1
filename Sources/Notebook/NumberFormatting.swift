import Foundation

/// `value` with a fixed number of decimals, as the lessons' tables and sentences print
/// numbers: `fixed(0.31234, 3)` is `"0.312"`. Non-finite values print as Swift prints them
/// (`nan`, `inf`), and a number too large for decimals to help (|value| ≥ 10⁵) in scientific
/// notation, `"1.23e+07"`.
public func fixed<Value: BinaryFloatingPoint>(_ value: Value, _ decimals: Int = 4) -> String {
    let number = Double(value)
    guard number.isFinite else { return "\(number)" }
    if abs(number) >= 1e5 { return String(format: "%.2e", number) }
    return String(format: "%.\(max(0, decimals))f", number)
}

/// A small number in scientific notation, as the lessons print differences that should be
/// near 0: `scientific(3.4e-8)` is `"3.4e-08"`.
public func scientific<Value: BinaryFloatingPoint>(_ value: Value, digits: Int = 1) -> String {
    String(format: "%.\(max(0, digits))e", Double(value))
}

/// A share between 0 and 1 as a percentage: `percent(0.9876)` is `"98.76%"`,
/// `percent(0.75, decimals: 0)` is `"75%"`.
public func percent<Value: BinaryFloatingPoint>(_ share: Value, decimals: Int = 2) -> String {
    String(format: "%.\(max(0, decimals))f%%", Double(share) * 100)
}
