/// The seed's two experiments with the first convolution (`--study`).
enum CNNStudy: String, CaseIterable, Sendable {
    /// Stride 1 (the network as trained) against stride 5.
    case stride
    /// 3x3 filters (the network as trained) against 10x10.
    case filterSize = "filter-size"

    var title: String {
        switch self {
        case .stride: "stride 1 or 5 in the first convolution"
        case .filterSize: "3x3 or 10x10 filters in the first convolution"
        }
    }

    /// The settings of the other network: `base` with the first convolution changed.
    func variant(of base: CNNSettings) -> CNNSettings {
        var settings = base
        switch self {
        case .stride: settings.firstStride = 5
        case .filterSize: settings.firstKernel = 10
        }
        return settings
    }

    /// How a run is named in tables and legends: "stride 5" or "filter 10x10".
    func label(_ settings: CNNSettings) -> String {
        switch self {
        case .stride: "stride \(settings.firstStride)"
        case .filterSize: "filter \(settings.firstKernel)x\(settings.firstKernel)"
        }
    }

    /// What the study showed, with this run's numbers: the general lesson, then the two
    /// final test accuracies.
    func conclusion(baseline: CNNRun, variant: CNNRun) -> String {
        guard let base = baseline.epochs.last, let other = variant.epochs.last else { return conclusion }
        let difference = 100 * (base.testAccuracy - other.testAccuracy)
        let verdict = difference > 0.5
            ? "\(String(format: "%.1f", difference)) points below"
            : difference < -0.5 ? "\(String(format: "%.1f", -difference)) points above" : "about level with"
        return conclusion + "\n\nIn this run, after \(other.epoch) epochs: \(label(variant.settings)) ends at "
            + String(format: "%.2f%%", 100 * other.testAccuracy) + ", \(verdict) \(label(baseline.settings)) ("
            + String(format: "%.2f%%", 100 * base.testAccuracy) + ")."
    }

    var conclusion: String {
        switch self {
        case .stride:
            return """
                With stride 5 the first convolution looks at the picture only every 5 pixels: its \
                maps are 6x6 instead of 28x28, and after three poolings one number per channel is \
                left, 128 numbers for the fully connected layers instead of 2048. The first Linear \
                layer shrinks from 1.28 million weights to 80,000 and every step is several times \
                faster, but the filters skip most of the picture's detail: stride trades \
                information for speed.
                """
        case .filterSize:
            return """
                A 10x10 filter sees a third of the picture at once, so its 32 filters are \
                100-weight templates of whole parts rather than small edges, and its map is 21x21 \
                instead of 28x28. Fewer positions make a smaller last map (3x3x128 = 1152 numbers), \
                so this network has fewer weights in all. Larger filters do not buy accuracy: \
                stacking 3x3 filters with pooling already lets the deeper layers see large parts \
                of the picture, with far fewer weights per filter, and a 10x10 template is coarse \
                and harder to learn from few examples.
                """
        }
    }
}
