import Foundation
import Plot
import Torchlet

/// The page a lesson writes on: headings, narrative, code, values, tables, progress bars and
/// metrics, printed in order, like the cells of a Jupyter notebook run from top to bottom.
///
/// A lesson creates one from its command-line options and then only says *what* to show; the
/// notebook decides *how*: wrapping to the terminal's width, colour only for a person at a
/// terminal (and never with `NO_COLOR` set), plain progress lines in a log file.
///
///     let nb = Notebook(lesson: "Lesson00", title: "Tensors and autograd", options: common)
///     nb.section("What is a tensor?")
///     nb.text("A tensor is a grid of numbers with a `shape`.")
///     nb.show("x", x)
///     nb.finish()
///
/// Creating the notebook seeds the random number generator with `--seed`, prints the lesson's
/// banner, starts the clock and opens the `--metrics` file if one was asked for.
public final class Notebook {
    /// The lesson's name, such as `"Lesson05"`; it also names the default plot folder.
    public let lesson: String

    /// The lesson's title, shown in the banner.
    public let title: String

    /// The command-line options the lesson was started with.
    public let options: CommonOptions

    /// What the output goes to: a terminal (and how wide), or a file.
    public let terminal: Terminal

    /// Where figures go: `--plot`, or the automatic choice for this output.
    public let plotOutputs: PlotOutputs
    /// Where and how `plot(_:)` draws: from `--plot`, `--plot-dir` and the terminal.
    public let renderOptions: RenderOptions

    /// The folder for plot files: `--plot-dir`, or `plots/<lesson>`.
    public let plotDirectory: String

    /// Whether `finish()` has been called.
    public private(set) var isFinished = false

    let output: TextSink
    let now: () -> Double
    let startTime: Double
    var sectionCount = 0
    var previousCell: CellKind?
    var metricsLog: MetricsLog?
    /// The lesson sources code cells and labels were read from, each read once.
    var sources: [String: LessonSource?] = [:]
    /// The sentences of the lesson's text that this run contradicted (see `claim(_:_:)`).
    public private(set) var contradictions: [String] = []
    /// The page this run is also written as, with `--page`.
    let page: NotebookPage?

    /// Starts a lesson: seeds the random number generator, prints the banner, starts the clock
    /// and opens the metrics file.
    ///
    /// - Parameters:
    ///   - lesson: the lesson's name, e.g. `"Lesson05"`.
    ///   - title: what it teaches, e.g. `"XOR with BCEWithLogitsLoss"`.
    ///   - options: the parsed common flags.
    ///   - output: where text goes; standard output unless a test captures it.
    ///   - terminal: what the output is; detected from standard output unless a test says.
    ///   - now: a clock in seconds, for timings; tests pass a fake one.
    public init(
        lesson: String,
        title: String,
        options: CommonOptions,
        output: TextSink = StandardOutput(),
        terminal: Terminal = .standardOutput(),
        now: @escaping () -> Double = { ProcessInfo.processInfo.systemUptime }
    ) {
        self.lesson = lesson
        self.title = title
        self.options = options
        self.output = output
        // A transcript is the same on every machine and every day: plain text at the width of
        // a file, and a clock that stands still so no timing gets into it.
        self.terminal = options.transcript ? Terminal(isInteractive: false, usesColour: false) : terminal
        self.now = options.transcript ? { 0 } : now
        self.plotOutputs = options.plotOutputs(outputIsTerminal: terminal.isInteractive)
        self.plotDirectory = options.plotDirectory(lesson: lesson)
        self.startTime = now()
        // Figures go where --plot says: through nb.plot, and through Figure.show() too.
        // A page shows every figure as SVG, whatever --plot asked for the terminal and files.
        self.page = options.page ? NotebookPage() : nil
        self.renderOptions = RenderOptions(
            outputs: options.page ? plotOutputs.union(.svg) : plotOutputs, directory: plotDirectory,
            terminalColumns: terminal.width, terminalColors: terminal.usesColour)
        RenderOptions.current = renderOptions

        manualSeed(options.seed)
        printBanner()
        if let path = options.metrics { openMetrics(at: path) }
    }

    /// The seed every random number in this run comes from (`--seed`).
    public var seed: UInt64 { options.seed }

    /// Whether the lesson should use tiny sizes and finish in seconds (`--quick`).
    public var quick: Bool { options.quick }

    /// Whether the lesson should print backward traces (`--trace`).
    public var trace: Bool { options.trace }

    /// The styles for this output, for a lesson that prints something of its own.
    public var style: TerminalStyle { terminal.style }

    /// Seconds since the notebook was created (always 0 in a `--transcript`).
    public var elapsedSeconds: Double { now() - startTime }

    /// A time in seconds as the lesson prints it, `"1.25 s"`; in a `--transcript`, where no
    /// timing may appear, `"(time) s"`.
    public func duration(_ seconds: Double) -> String {
        options.transcript ? "(time) s" : String(format: "%.2f s", seconds)
    }

    /// A time in seconds as a bare figure for a table cell, `"1.25"`; `"(time)"` in a
    /// `--transcript`.
    public func seconds(_ seconds: Double, decimals: Int = 2) -> String {
        options.transcript ? "(time)" : String(format: "%.\(decimals)f", seconds)
    }

    /// Guards a sentence of the lesson's text that states an outcome of this run: when
    /// `holds` is false, the run says so in a warning, so no learner reads a false sentence
    /// without being told, and the lesson tests (which fail on such a warning) catch it.
    ///
    ///     nb.text("The buggy run's loss jumps up and down instead of falling.")
    ///     nb.claim(buggy.losses.isJumpy, "the buggy run's loss jumps up and down")
    public func claim(_ holds: Bool, _ sentence: String) {
        guard !holds else { return }
        contradictions.append(sentence)
        warning(
            "this run contradicts the text above (\(Self.contradictionMarker)): \(sentence). "
                + "The text was written for the default settings; with these, read the numbers instead.")
    }

    /// The words every contradiction warning carries, for tests to look for.
    public static let contradictionMarker = "contradicted claim"

    /// Ends the lesson: logs `{"event":"finish","seconds":...}`, closes the metrics file and
    /// prints how long the lesson took. Calling it again does nothing.
    public func finish() {
        guard !isFinished else { return }
        isFinished = true
        let seconds = elapsedSeconds
        log(["event": "finish", "seconds": (seconds * 1000).rounded() / 1000])
        metricsLog?.close()
        metricsLog = nil
        if page != nil { writePage() }
        beginCell(.closing)
        writeLines([style.faint(options.transcript ? "Finished." : "Finished in " + duration(seconds))])
        endCell()
    }

    // MARK: - Cells

    /// The kinds of output, which decide the spacing between them.
    enum CellKind {
        case banner, section, text, code, value, callout, table, figure, progress, closing

        /// Kinds that stack without blank lines in between (a run of values, one bar per epoch).
        var stacksWithItsKind: Bool { self == .value || self == .progress }
    }

    /// Starts a cell: one blank line after the previous cell, except between stacking kinds.
    func beginCell(_ kind: CellKind) {
        if let previous = previousCell, !(previous == kind && kind.stacksWithItsKind) {
            output.write("\n")
        }
        previousCell = kind
    }

    /// Ends a cell by flushing, so its text is out before any other program writes.
    func endCell() {
        output.flush()
    }

    func writeLines(_ lines: [String]) {
        output.write(lines.map { $0 + "\n" }.joined())
    }

    private func printBanner() {
        var settings = ["seed \(seed)", "plots: \(plotOutputs) → \(plotDirectory)"]
        if quick { settings.append("quick") }
        if trace { settings.append("trace") }
        if options.transcript { settings.append("transcript") }
        if options.page { settings.append("page → \(pagePath)") }
        if let metrics = options.metrics { settings.append("metrics → \(metrics)") }
        let rule = style.faint(String(repeating: "═", count: terminal.width))
        beginCell(.banner)
        let heading = style.title("\(lesson) · \(title)")
        writeLines([rule, heading, style.faint(settings.joined(separator: " · ")), rule])
        endCell()
    }
}
