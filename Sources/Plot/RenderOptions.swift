import Foundation
import Synchronization

/// Which outputs a figure is drawn to: any mix of the terminal, a PNG file and an SVG file.
///
/// The lessons' `--plot terminal|png|both|none` flag maps onto it with `PlotOutputs(flag:)`.
/// By default (`.automatic`) a learner at a terminal gets the drawing in the terminal and a PNG;
/// when the output goes to a pipe or a file, only the PNG.
public struct PlotOutputs: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// A text drawing printed in the terminal (gnuplot's `dumb` terminal), as wide as the terminal.
    public static let terminal = PlotOutputs(rawValue: 1 << 0)
    /// A PNG picture in the plot directory.
    public static let png = PlotOutputs(rawValue: 1 << 1)
    /// An SVG picture in the plot directory (sharp at any size; for reports and slides).
    public static let svg = PlotOutputs(rawValue: 1 << 2)
    /// The picture itself, in the terminal, for terminals that show sixel graphics (xterm -ti
    /// vt340, mlterm, foot, WezTerm, ...): gnuplot's `sixelgd` terminal. `--plot sixel`.
    public static let sixel = PlotOutputs(rawValue: 1 << 3)
    /// The terminal drawing and a PNG: `--plot both`.
    public static let both: PlotOutputs = [.terminal, .png]
    /// Nothing at all, not even the `.dat`/`.gp` files: `--plot none`.
    public static let nowhere: PlotOutputs = []

    /// The default: terminal and PNG when standard output is a terminal (the picture itself
    /// where the terminal is known to show sixel graphics), PNG only otherwise.
    public static var automatic: PlotOutputs {
        automatic(
            stdoutIsTerminal: StandardOutput.isTerminal,
            showsSixel: showsSixel(ProcessInfo.processInfo.environment))
    }

    /// The default rule, spelled out: `.both` for a terminal, `[.sixel, .png]` for one that
    /// shows sixel graphics, `.png` for a pipe or a file.
    public static func automatic(stdoutIsTerminal: Bool, showsSixel: Bool = false) -> PlotOutputs {
        guard stdoutIsTerminal else { return .png }
        return showsSixel ? [.sixel, .png] : .both
    }

    /// Whether the environment names a terminal that shows sixel graphics, without asking the
    /// terminal itself (a query it does not answer would hang or print junk). Inside tmux or
    /// screen it says no: they pass sixel through only when configured to.
    public static func showsSixel(_ environment: [String: String]) -> Bool {
        if environment["TMUX"] != nil || environment["STY"] != nil { return false }
        let term = environment["TERM"] ?? ""
        let program = environment["TERM_PROGRAM"] ?? ""
        return term.contains("sixel") || ["mlterm", "foot", "foot-extra", "contour", "yaft-256color"].contains(term)
            || ["WezTerm", "mlterm", "contour"].contains(program)
    }

    /// Reads a `--plot` value: `terminal`, `png`, `svg`, `both` (terminal and PNG), `all`
    /// (terminal, PNG and SVG), `none`, or several joined by commas (`png,svg`).
    /// Returns nil for anything else.
    public init?(flag: String) {
        var outputs: PlotOutputs = []
        for word in flag.lowercased().split(separator: ",", omittingEmptySubsequences: false) {
            switch word.trimmingCharacters(in: .whitespaces) {
            case "terminal": outputs.insert(.terminal)
            case "png": outputs.insert(.png)
            case "svg": outputs.insert(.svg)
            case "sixel": outputs.insert(.sixel)
            case "both": outputs.formUnion(.both)
            case "all": outputs.formUnion([.terminal, .png, .svg])
            case "none": break
            default: return nil
            }
        }
        self = outputs
    }

    /// The accepted `--plot` values, for help texts and error messages.
    public static let flagValues = ["terminal", "png", "svg", "sixel", "both", "all", "none"]

    /// True when a file is written: then the `.dat` and `.gp` files are written too. (A sixel
    /// picture is drawn by that same script, so it writes them as well.)
    public var writesFiles: Bool { !isDisjoint(with: [.png, .svg, .sixel]) }

    /// `terminal+png`, or `none`.
    public var description: String {
        var names: [String] = []
        if contains(.terminal) { names.append("terminal") }
        if contains(.png) { names.append("png") }
        if contains(.svg) { names.append("svg") }
        if contains(.sixel) { names.append("sixel") }
        return names.isEmpty ? "none" : names.joined(separator: "+")
    }
}

/// Everything about where and how figures are drawn, as opposed to what they show: outputs,
/// folder, terminal width, the gnuplot program. The lesson runtime fills one from the command
/// line and installs it as `RenderOptions.current`, which `Figure.show()` uses.
public struct RenderOptions: Sendable {
    /// Where figures go.
    public var outputs: PlotOutputs
    /// The folder for pictures and their `.dat`/`.gp` files, relative to the current directory
    /// or absolute; created when needed. Lessons use `plots/LessonNN`.
    public var directory: String
    /// Width of terminal drawings in characters (the terminal's width by default).
    public var terminalColumns: Int
    /// Height of one row of panels in terminal drawings, in lines; nil picks about a third of
    /// the width (a terminal character is twice as tall as wide).
    public var terminalRows: Int?
    /// Whether terminal drawings use ANSI colours (needed to show heatmaps and pictures in
    /// colour; without them pictures are drawn with characters from light to dark).
    public var terminalColors: Bool
    /// The gnuplot program: a name looked up in `PATH`, or a path.
    public var gnuplot: String
    /// When true nothing is printed: no terminal drawing, notice or error. All of it is still in
    /// the `RenderResult`. For tests, and for callers that print results their own way.
    public var quiet: Bool

    public init(
        outputs: PlotOutputs = .automatic, directory: String = "plots",
        terminalColumns: Int? = nil, terminalRows: Int? = nil, terminalColors: Bool? = nil,
        gnuplot: String = "gnuplot", quiet: Bool = false
    ) {
        self.outputs = outputs
        self.directory = directory
        self.terminalColumns = max(terminalColumns ?? StandardOutput.columns, 20)
        self.terminalRows = terminalRows
        self.terminalColors = terminalColors ?? StandardOutput.supportsColor
        self.gnuplot = gnuplot
        self.quiet = quiet
    }

    /// The options for a lesson: pictures in `plots/<lesson>` (e.g. `plots/Lesson05`).
    public static func lesson(_ lesson: String, outputs: PlotOutputs = .automatic) -> RenderOptions {
        RenderOptions(outputs: outputs, directory: "plots/" + lesson)
    }

    private static let installed = Mutex(RenderOptions())

    /// The options `Figure.show()` uses: set once, at start-up, by the lesson runtime from
    /// `--plot` and `--plot-dir`. Safe to read and write from any thread.
    public static var current: RenderOptions {
        get { installed.withLock { $0 } }
        set { installed.withLock { $0 = newValue } }
    }
}
