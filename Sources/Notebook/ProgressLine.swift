import Foundation

/// The text of one progress-bar line, in tqdm's format:
///
///     train:  42%|██████████▌              | 42/100 [00:01<00:02, 35.20it/s, loss=0.3412]
///
/// that is: label, percentage done, the bar, steps done of total, time elapsed < time remaining,
/// speed, and any extra values (the "postfix"). The speed is the average since the start; below
/// one step per second it is turned round into seconds per step (`2.50s/it`), as tqdm does.
struct ProgressLine {
    var label: String
    var count: Int
    var total: Int
    var elapsedSeconds: Double
    var postfix: [(key: String, value: MetricValue)] = []

    /// The characters a bar cell can show, from empty to full in eighths.
    static let barCharacters: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    /// The widest and narrowest a bar gets.
    static let barWidthRange = 10...25

    /// The whole line, with a bar `barWidth` cells wide.
    func rendered(barWidth: Int) -> String {
        head + Self.bar(fraction: fraction, width: barWidth) + tail
    }

    /// The bar width that makes the line fit in `lineWidth` columns (keeping the last column
    /// free, so the terminal does not wrap), within `barWidthRange`.
    func barWidth(fitting lineWidth: Int) -> Int {
        let room = lineWidth - 1 - head.count - tail.count
        return min(max(room, Self.barWidthRange.lowerBound), Self.barWidthRange.upperBound)
    }

    /// Everything before the bar: `label:  42%|`.
    var head: String {
        (label.isEmpty ? "" : label + ": ") + percentText + "|"
    }

    /// Everything after the bar: `| 42/100 [00:01<00:02, 35.20it/s, loss=0.3412]`.
    var tail: String {
        "| \(count)/\(total) [\(Self.interval(elapsedSeconds))<\(remainingText), \(rateText)\(postfixText)]"
    }

    /// How much is done, from 0 to 1 (1 when there is nothing to do).
    var fraction: Double {
        guard total > 0 else { return 1 }
        return min(max(Double(count) / Double(total), 0), 1)
    }

    /// The percentage, rounded down so that "100%" really means done, right-aligned in 3 columns.
    var percentText: String {
        let percent = String(Int((fraction * 100).rounded(.down)))
        return String(repeating: " ", count: max(0, 3 - percent.count)) + percent + "%"
    }

    /// Steps per second so far, or `nil` before there is anything to measure.
    var rate: Double? {
        guard count > 0, elapsedSeconds > 0 else { return nil }
        return Double(count) / elapsedSeconds
    }

    var rateText: String {
        guard let rate else { return "?it/s" }
        return rate < 1 ? String(format: "%5.2fs/it", 1 / rate) : String(format: "%5.2fit/s", rate)
    }

    var remainingText: String {
        guard let rate, total > 0 else { return "?" }
        return Self.interval(Double(max(total - count, 0)) / rate)
    }

    var postfixText: String {
        postfix.map { ", \($0.key)=\($0.value.compactDescription)" }.joined()
    }

    /// A bar `width` cells wide, filled to `fraction` with eighth-cell precision.
    static func bar(fraction: Double, width: Int) -> String {
        let eighths = Int(fraction * Double(width * 8))
        let full = min(eighths / 8, width)
        var bar = String(repeating: "█", count: full)
        if full < width {
            bar.append(barCharacters[eighths % 8])
            bar += String(repeating: " ", count: width - full - 1)
        }
        return bar
    }

    /// A duration as `mm:ss`, or `h:mm:ss` from one hour on (tqdm's format).
    static func interval(_ seconds: Double) -> String {
        let whole = seconds.isFinite ? max(0, Int(seconds)) : 0
        let (hours, minutes, secs) = (whole / 3600, whole / 60 % 60, whole % 60)
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0
            ? "\(hours):\(twoDigits(minutes)):\(twoDigits(secs))"
            : "\(twoDigits(minutes)):\(twoDigits(secs))"
    }
}
