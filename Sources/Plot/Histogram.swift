/// Values counted into equal-width bins: what `Figure.histogram` draws.
struct Histogram: Sendable {
    /// The middle of each bin.
    var centres: [Double]
    /// The count in each bin, or the density when normalized.
    var heights: [Double]
    var binWidth: Double

    init(_ values: [Double], bins: Int, range: ClosedRange<Double>?, normalized: Bool) {
        let finite = values.filter(\.isFinite)
        let binCount = max(bins, 1)
        var low = range?.lowerBound ?? finite.min() ?? 0
        var high = range?.upperBound ?? finite.max() ?? 1
        if high <= low {
            low -= 0.5
            high += 0.5
        }
        binWidth = (high - low) / Double(binCount)
        var counts = [Double](repeating: 0, count: binCount)
        var inside = 0
        for value in finite where value >= low && value <= high {
            // The last bin is closed, so the maximum counts in it.
            let bin = min(Int((value - low) / binWidth), binCount - 1)
            counts[bin] += 1
            inside += 1
        }
        if normalized && inside > 0 {
            let scale = 1 / (Double(inside) * binWidth)
            counts = counts.map { $0 * scale }
        }
        let width = binWidth
        centres = (0..<binCount).map { low + (Double($0) + 0.5) * width }
        heights = counts
    }
}
