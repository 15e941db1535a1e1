import ArgumentParser

/// Where a lesson's figures go, chosen with `--plot`.
///
/// A figure can be drawn as text in the terminal (handy over SSH), written as image files
/// under the plot folder, both, or skipped entirely (fast runs, CI):
///
///     swift run Lesson05 --plot terminal
///     swift run Lesson05 --plot svg --plot-dir figures
public enum PlotMode: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Draw figures as text in the terminal only.
    case terminal
    /// Write PNG images only.
    case png
    /// Write SVG images only.
    case svg
    /// Draw in the terminal and write PNG images.
    case both
    /// Draw nothing (the lesson still prints its numbers).
    case none

    /// The mode used when `--plot` is not given: `both` when a person is watching the terminal,
    /// `png` when the output goes to a file or a pipe (a text plot there is just noise).
    public static func automatic(outputIsTerminal: Bool) -> PlotMode {
        outputIsTerminal ? .both : .png
    }

    /// Whether figures are drawn as text in the terminal.
    public var drawsInTerminal: Bool { self == .terminal || self == .both }

    /// Whether figures are written as PNG images.
    public var writesPNG: Bool { self == .png || self == .both }

    /// Whether figures are written as SVG images.
    public var writesSVG: Bool { self == .svg }
}
