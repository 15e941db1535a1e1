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

    /// What the study showed: why, with the shapes and weights of the two networks (`parameters`:
    /// the baseline's and the variant's counts), then the two final test accuracies of this run.
    func conclusion(baseline: CNNRun, variant: CNNRun, parameters: (baseline: Int, variant: Int)) -> String {
        let text = reason(baseline.settings, variant.settings, parameters: parameters)
        guard let base = baseline.epochs.last, let other = variant.epochs.last else { return text }
        let difference = 100 * (base.testAccuracy - other.testAccuracy)
        let verdict = difference > 0.5
            ? "\(String(format: "%.1f", difference)) points below"
            : difference < -0.5 ? "\(String(format: "%.1f", -difference)) points above" : "about level with"
        return text + "\n\nIn this run, after \(other.epoch) epochs: \(label(variant.settings)) ends at "
            + String(format: "%.2f%%", 100 * other.testAccuracy) + ", \(verdict) \(label(baseline.settings)) ("
            + String(format: "%.2f%%", 100 * base.testAccuracy) + ")."
    }

    /// Why the change matters, with the sides and weights that follow from the two settings.
    func reason(_ base: CNNSettings, _ variant: CNNSettings, parameters: (baseline: Int, variant: Int)) -> String {
        let baseSides = blockSides(firstKernel: base.firstKernel, firstStride: base.firstStride)!
        let sides = blockSides(firstKernel: variant.firstKernel, firstStride: variant.firstStride)!
        let (flat, baseFlat) = (128 * sides[5] * sides[5], 128 * baseSides[5] * baseSides[5])
        let fewer = parameters.variant < parameters.baseline
        switch self {
        case .stride:
            return """
                With stride \(variant.firstStride) the first convolution looks at the picture only every \
                \(variant.firstStride) pixels: its maps are \(sides[0])x\(sides[0]) instead of \
                \(baseSides[0])x\(baseSides[0]), and after three poolings \(sides[5])x\(sides[5]) per channel is \
                left, \(flat) numbers for the fully connected layers instead of \(baseFlat). The first \
                Linear layer shrinks from \((baseFlat * 625 + 625).formatted()) weights to \
                \((flat * 625 + 625).formatted()) and every step has far less to compute (the table's time \
                per epoch), but the filters skip most of the picture's detail: stride trades \
                information for speed.
                """
        case .filterSize:
            return """
                A \(variant.firstKernel)x\(variant.firstKernel) filter sees a large part of the picture at \
                once, so its 32 filters are \(variant.firstKernel * variant.firstKernel)-weight templates of \
                whole parts rather than small edges, and its map is \(sides[0])x\(sides[0]) instead of \
                \(baseSides[0])x\(baseSides[0]). Fewer positions make a smaller last map \
                (\(sides[5])x\(sides[5])x128 = \(flat) numbers), so this network has \
                \(fewer ? "fewer" : "more") weights in all (\(parameters.variant.formatted()) against \
                \(parameters.baseline.formatted())). Larger filters need not buy accuracy: stacking \
                3x3 filters with pooling already lets the deeper layers see large parts of the \
                picture, with far fewer weights per filter, and a large template is coarse and \
                harder to learn from few examples.
                """
        }
    }
}
