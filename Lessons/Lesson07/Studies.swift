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

    var conclusion: String {
        switch self {
        case .stride:
            return """
                With stride 5 the first convolution looks at the picture only every 5 pixels: its \
                maps are 6x6 instead of 28x28, and after three poolings one number per channel is \
                left, 128 numbers for the fully connected layers instead of 2048. The first Linear \
                layer shrinks from 1.28 million weights to 80,000 and every step is several times \
                faster, but the filters skip most of the picture's detail, and the accuracy \
                drops: stride trades information for speed.
                """
        case .filterSize:
            return """
                A 10x10 filter sees a third of the picture at once, so its 32 filters are \
                100-weight templates of whole parts rather than small edges, and its map is 21x21 \
                instead of 28x28. Fewer positions make a smaller last map (3x3x128 = 1152 numbers), \
                so this network has fewer weights in all. The accuracy is close: larger \
                filters are not needed, because stacking 3x3 filters with pooling already lets \
                the deeper layers see large parts of the picture, with far fewer weights per filter.
                """
        }
    }
}
