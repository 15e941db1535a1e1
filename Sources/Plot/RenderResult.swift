import Foundation

/// What rendering a figure did: the files it wrote, the terminal drawing, and what went wrong.
/// Rendering never throws and never stops a lesson; look here (or at the printed messages) to
/// know whether the pictures were made.
public struct RenderResult: Sendable {
    /// The figure's name.
    public let figure: String
    /// The figure's numbers, `<name>.dat`, when written.
    public internal(set) var dataFile: URL?
    /// The gnuplot script drawing it, `<name>.gp`, when written.
    public internal(set) var scriptFile: URL?
    /// The PNG picture, when gnuplot made it.
    public internal(set) var pngFile: URL?
    /// The SVG picture, when gnuplot made it.
    public internal(set) var svgFile: URL?
    /// The terminal drawing (already printed unless `quiet`), when made.
    public internal(set) var terminalDrawing: String?
    /// The one-time notice that gnuplot is missing, on the first render that found it missing.
    public internal(set) var notice: String?
    /// Why some output is missing, if it is.
    public internal(set) var problem: PlotProblem?
    /// Things worth knowing that did not stop the drawing: gnuplot's warnings, and problems in
    /// the figure's input (x and y of different lengths, say).
    public internal(set) var warnings: [String] = []

    init(figure: String) {
        self.figure = figure
    }

    /// Every file written, in the order data, script, PNG, SVG.
    public var files: [URL] { [dataFile, scriptFile, pngFile, svgFile].compactMap { $0 } }

    /// True when every requested output was made.
    public var succeeded: Bool { problem == nil }
}

/// Why a figure could not be drawn (or not completely).
public enum PlotProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The gnuplot program is not installed (or not at the path given).
    case gnuplotMissing(executable: String)
    /// gnuplot ran but reported an error; `message` is what gnuplot printed.
    case gnuplotFailed(figure: String, message: String)
    /// gnuplot could not be started at all.
    case gnuplotNotStarted(figure: String, reason: String)
    /// A file or folder could not be written.
    case cannotWrite(figure: String, path: String, reason: String)

    public var description: String {
        switch self {
        case .gnuplotMissing(let executable):
            return "gnuplot not found (\(executable))"
        case .gnuplotFailed(let figure, let message):
            let indented = message.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "    " + $0 }.joined(separator: "\n")
            return "figure \"\(figure)\" could not be drawn; gnuplot said:\n\(indented)"
        case .gnuplotNotStarted(let figure, let reason):
            return "figure \"\(figure)\" could not be drawn: \(reason)"
        case .cannotWrite(let figure, let path, let reason):
            return "figure \"\(figure)\": cannot write \(path): \(reason)"
        }
    }
}
