import ArgumentParser
import Plot

/// `--plot terminal|png|svg|both|all|none` (or several joined by commas, `png,svg`) reads
/// straight into Plot's `PlotOutputs`, so the flag and the renderer share one vocabulary.
extension PlotOutputs: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(flag: argument)
    }

    public static var allValueStrings: [String] { flagValues }

    public var defaultValueDescription: String { description }
}
