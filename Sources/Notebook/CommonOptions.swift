import ArgumentParser
import Plot
import Foundation

/// The flags every lesson understands, parsed by swift-argument-parser.
///
/// A lesson includes them with `@OptionGroup`, then hands them to its `Notebook`:
///
///     @main
///     struct Lesson05: ParsableCommand {
///         @OptionGroup var common: CommonOptions
///         func run() throws {
///             let nb = Notebook(lesson: "Lesson05", title: "XOR", options: common)
///             ...
///         }
///     }
///
/// `validate()` runs before `run()`, so a mistyped path is reported before any training starts.
public struct CommonOptions: ParsableArguments {
    /// The seed for every random number the lesson draws (weights, shuffling, dropout).
    /// (`.unconditional`, so `--seed -1` reaches the seed's own message instead of being taken
    /// for a flag.)
    @Option(
        parsing: .unconditional,
        help: "Seed for all random numbers; the same seed prints the same numbers on every machine.")
    public var seed: UInt64 = 42

    /// Where figures go, if the learner chose; `nil` means "decide from the terminal".
    /// Read `plotOutputs(outputIsTerminal:)` or `Notebook.plotOutputs` for what is actually used.
    @Option(
        help: ArgumentHelp(
            "Where figures go: terminal (drawn in characters), sixel (the picture itself, in a terminal that "
                + "shows sixel graphics), png, svg, both (terminal + png), all, none, or a list like png,svg. "
                + "Default: both on a terminal (sixel + png where the terminal is known to show sixel), png otherwise.",
            valueName: "outputs"))
    public var plot: PlotOutputs?

    /// The folder for image files, if the learner chose; the default is `plots/<LessonName>`.
    @Option(help: ArgumentHelp("Folder for plot files (default: plots/<LessonName>).", valueName: "path"))
    public var plotDir: String?

    /// Tiny sizes so the whole lesson runs in seconds (for a first look, and for CI).
    @Flag(help: "Run with tiny sizes so the lesson finishes in seconds.")
    public var quick = false

    /// Print the backward traces of the `backward()` calls a lesson picks to show (its text says
    /// which, with "run with --trace"): each node, the rule applied and the gradient passed on.
    @Flag(
        help: ArgumentHelp(
            "Print the backward trace of the backward() calls the lesson picks (its text says which): "
                + "every node, its gradient rule and the gradient it passes on."))
    public var trace = false

    /// A file to receive metrics as JSON lines (one object per epoch, plus start and finish).
    @Option(help: ArgumentHelp("Write metrics as JSON lines to this file.", valueName: "file"))
    public var metrics: String?

    /// Print a transcript: plain text, no colour and no timings, so the output is the same on
    /// every machine (the golden transcripts beside each lesson are `--quick --transcript`).
    @Flag(help: "Print plain text without timings, comparable with Lessons/<LessonName>/<LessonName>.transcript.txt.")
    public var transcript = false

    /// Also write the run as one HTML page, `<plot folder>/<LessonName>.html`.
    @Flag(help: "Also write this run as a self-contained HTML page, plots/<LessonName>/<LessonName>.html.")
    public var page = false

    /// Creates the default options, as if no flag were given.
    public init() {}

    /// Checks the paths before the lesson starts, so a mistake costs a second, not a training run.
    public func validate() throws {
        if let metrics {
            try Self.checkMetricsPath(metrics)
        }
        if let plotDir {
            try Self.checkPlotFolder(plotDir)
            // Figures or a page will be written there: make sure they can be, once, now.
            if page || (plot ?? PlotOutputs.automatic).writesFiles {
                try Self.probePlotFolder(plotDir)
            }
        }
    }

    /// Where figures go: the learner's choice, or `PlotOutputs.automatic(stdoutIsTerminal:)`.
    public func plotOutputs(outputIsTerminal: Bool) -> PlotOutputs {
        plot ?? PlotOutputs.automatic(stdoutIsTerminal: outputIsTerminal)
    }

    /// The folder for plot files: `--plot-dir`, or `plots/<lesson>`.
    public func plotDirectory(lesson: String) -> String {
        plotDir ?? "plots/\(lesson)"
    }
}

// MARK: - Path checks

extension CommonOptions {
    static func checkMetricsPath(_ path: String) throws {
        guard !path.isEmpty else {
            throw ValidationError("--metrics: the file name is empty; give a path such as 'metrics.jsonl'")
        }
        let files = FileManager.default
        var isFolder: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw ValidationError(
                "--metrics: '\(path)' is a folder; give a file name such as '\(path)/metrics.jsonl'")
        }
        let parent = (path as NSString).deletingLastPathComponent
        let folder = parent.isEmpty ? "." : parent
        guard files.fileExists(atPath: folder, isDirectory: &isFolder) else {
            throw ValidationError(
                "--metrics: folder '\(folder)' does not exist; create it or choose another path")
        }
        guard isFolder.boolValue else {
            throw ValidationError("--metrics: '\(folder)' is a file, not a folder; choose another path")
        }
        guard files.isWritableFile(atPath: folder) else {
            throw ValidationError("--metrics: folder '\(folder)' is not writable; choose another path")
        }
    }

    static func checkPlotFolder(_ path: String) throws {
        guard !path.isEmpty else {
            throw ValidationError("--plot-dir: the folder name is empty; give a path such as 'plots'")
        }
        let files = FileManager.default
        var isFolder: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw ValidationError("--plot-dir: '\(path)' is a file, not a folder; choose a folder path")
            }
            guard files.isWritableFile(atPath: path) else {
                throw ValidationError("--plot-dir: folder '\(path)' is not writable; choose a folder you can write to")
            }
            return
        }
        // The folder is made at the first figure: its nearest existing parent must allow that.
        var parent = (path as NSString).deletingLastPathComponent
        while !parent.isEmpty, !files.fileExists(atPath: parent, isDirectory: &isFolder) {
            parent = (parent as NSString).deletingLastPathComponent
        }
        let existing = parent.isEmpty ? "." : parent
        guard files.fileExists(atPath: existing, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError(
                "--plot-dir: '\(existing)' is a file, so '\(path)' cannot be made; choose another path")
        }
        guard files.isWritableFile(atPath: existing) else {
            throw ValidationError(
                "--plot-dir: '\(path)' cannot be made, because folder '\(existing)' is not writable; choose another path"
            )
        }
    }

    /// Tries it: permissions alone do not tell (as root every folder looks writable, and `/proc`
    /// refuses new entries anyway). Makes and removes a probe folder in `path`, or in its nearest
    /// existing parent when `path` is still to be made, so nothing is left behind.
    static func probePlotFolder(_ path: String) throws {
        let files = FileManager.default
        var existing = path
        while !existing.isEmpty, !files.fileExists(atPath: existing) {
            existing = (existing as NSString).deletingLastPathComponent
        }
        let probe = URL(fileURLWithPath: existing.isEmpty ? "." : existing, isDirectory: true)
            .appendingPathComponent(".torchlet-probe-\(UUID().uuidString)")
        do {
            try files.createDirectory(at: probe, withIntermediateDirectories: false)
            try files.removeItem(at: probe)
        } catch {
            throw ValidationError(
                "--plot-dir: nothing can be written into '\(existing.isEmpty ? "." : existing)', "
                    + "so the figures cannot go to '\(path)'; choose a folder you can write to, "
                    + "or --plot terminal or --plot none")
        }
    }
}
