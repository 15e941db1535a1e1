import Foundation
import Testing
import Plot
import Notebook

@Suite("The common command-line flags")
struct CommonOptionsTests {
    /// The message a learner would see for `arguments`, or `nil` if they parse and validate.
    func errorMessage(_ arguments: [String]) -> String? {
        do {
            _ = try CommonOptions.parse(arguments)
            return nil
        } catch {
            return CommonOptions.message(for: error)
        }
    }

    /// A fresh empty folder for one test.
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("NotebookTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("the defaults: seed 42, no quick, no trace, no metrics, plots chosen automatically")
    func defaults() throws {
        let options = try CommonOptions.parse([])
        #expect(options.seed == 42)
        #expect(!options.quick && !options.trace)
        #expect(options.metrics == nil && options.plot == nil && options.plotDir == nil)
        #expect(options.plotDirectory(lesson: "Lesson05") == "plots/Lesson05")
    }

    @Test("every flag is read")
    func flags() throws {
        let options = try CommonOptions.parse(
            ["--seed", "7", "--plot", "svg", "--plot-dir", "figures", "--quick", "--trace"])
        #expect(options.seed == 7)
        #expect(options.plot == .svg)
        #expect(options.plotOutputs(outputIsTerminal: true) == .svg)
        #expect(options.plotDirectory(lesson: "Lesson05") == "figures")
        #expect(options.quick && options.trace)
    }

    @Test("without --plot: both on a terminal, png in a file")
    func automaticPlotOutputs() throws {
        let options = try CommonOptions.parse([])
        #expect(options.plotOutputs(outputIsTerminal: true) == [.terminal, .png])
        #expect(options.plotOutputs(outputIsTerminal: false) == .png)
    }

    @Test("--plot takes a list, and none means nothing at all")
    func plotLists() throws {
        #expect(try CommonOptions.parse(["--plot", "png,svg"]).plot == [.png, .svg])
        #expect(try CommonOptions.parse(["--plot", "all"]).plot == [.terminal, .png, .svg])
        #expect(try CommonOptions.parse(["--plot", "none"]).plot == .nowhere)
    }

    @Test("a bad --plot value is named, with the values allowed")
    func badPlotValue() {
        let message = errorMessage(["--plot", "pdf"]) ?? ""
        #expect(message.contains("'pdf'"))
        #expect(message.contains("--plot"))
        for value in PlotOutputs.flagValues {
            #expect(message.contains("- \(value)"))
        }
    }

    @Test("a seed that is not a whole number is refused")
    func badSeed() {
        let message = errorMessage(["--seed", "forty-two"]) ?? ""
        #expect(message.contains("'forty-two'") && message.contains("--seed"))
    }

    @Test("a metrics file in a missing folder is refused before any work starts")
    func metricsInMissingFolder() throws {
        let folder = try temporaryFolder().appendingPathComponent("x/y").path
        #expect(
            errorMessage(["--metrics", folder + "/m.jsonl"])
                == "--metrics: folder '\(folder)' does not exist; create it or choose another path")
    }

    @Test("a metrics path that is a folder is refused with a suggestion")
    func metricsIsAFolder() throws {
        let folder = try temporaryFolder().path
        #expect(
            errorMessage(["--metrics", folder])
                == "--metrics: '\(folder)' is a folder; give a file name such as '\(folder)/metrics.jsonl'")
    }

    @Test("a metrics file in an existing folder, or in the current one, is fine")
    func metricsAccepted() throws {
        let folder = try temporaryFolder().path
        #expect(errorMessage(["--metrics", folder + "/m.jsonl"]) == nil)
        #expect(errorMessage(["--metrics", "m.jsonl"]) == nil)
    }

    @Test("a plot folder that is really a file is refused")
    func plotFolderIsAFile() throws {
        let file = try temporaryFolder().appendingPathComponent("figure.png").path
        try #require(FileManager.default.createFile(atPath: file, contents: Data()))
        #expect(
            errorMessage(["--plot-dir", file])
                == "--plot-dir: '\(file)' is a file, not a folder; choose a folder path")
    }

    @Test("a plot folder that cannot be made is refused once, before any work, in plain words")
    func plotFolderNotWritable() throws {
        let folder = try temporaryFolder()
        let locked = folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
        // As root every folder is writable: then there is nothing to refuse.
        guard !FileManager.default.isWritableFile(atPath: locked.path) else { return }
        #expect(
            errorMessage(["--plot-dir", locked.path + "/plots"])
                == "--plot-dir: '\(locked.path)/plots' cannot be made, because folder '\(locked.path)' is not writable; choose another path"
        )
    }

    /// `/proc` looks writable to root but refuses new folders: only trying tells.
    @Test("a plot folder where nothing can be written is refused, and the probe leaves nothing behind")
    func plotFolderThatRefusesWrites() throws {
        #if os(Linux)
        #expect(
            errorMessage(["--plot", "png", "--plot-dir", "/proc/torchlet-plots"])
                == "--plot-dir: nothing can be written into '/proc', so the figures cannot go to '/proc/torchlet-plots'; "
                + "choose a folder you can write to, or --plot terminal or --plot none")
        #endif
        #expect(errorMessage(["--plot", "none", "--plot-dir", "/proc/torchlet-plots"]) == nil)
        let folder = try temporaryFolder()
        _ = try CommonOptions.parse(["--plot", "png", "--plot-dir", folder.path + "/figures"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("a plot folder under a file cannot be made and says so")
    func plotFolderUnderAFile() throws {
        let file = try temporaryFolder().appendingPathComponent("notes.txt").path
        try #require(FileManager.default.createFile(atPath: file, contents: Data()))
        #expect(
            errorMessage(["--plot-dir", file + "/plots/Lesson05"])
                == "--plot-dir: '\(file)' is a file, so '\(file)/plots/Lesson05' cannot be made; choose another path")
    }

    @Test("a negative seed reaches the seed's own message, not 'Missing value'")
    func negativeSeed() {
        let message = errorMessage(["--seed", "-1"]) ?? ""
        #expect(
            message.contains("-1") && message.contains("--seed") && !message.contains("Missing value"), "\(message)")
    }

    @Test("with --plot none, files a lesson writes go to a temporary folder, not plots/")
    func filesWithoutPlots() throws {
        let (nb, _) = try makeNotebook(["--plot", "none"])
        #expect(!nb.fileDirectory.hasPrefix("plots"))
        #expect(nb.fileDirectory.hasPrefix(NSTemporaryDirectory()))
        let (withPlots, _) = try makeNotebook(["--plot", "png"])
        #expect(withPlots.fileDirectory == withPlots.plotDirectory)
    }
}
