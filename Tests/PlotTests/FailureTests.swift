import Foundation
import Testing
@testable import Plot

/// A lesson never dies for want of a plot: a missing gnuplot is announced once, a gnuplot error
/// is reported with gnuplot's words and the figure's name.
@Suite struct FailureTests {
    @Test func missingGnuplotIsAnnouncedOnceAndDataIsStillWritten() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nowhere = "/nonexistent-\(UUID().uuidString)/gnuplot"
        let options = quietOptions([.terminal, .png], in: folder, gnuplot: nowhere)

        let first = Figure("first").line(sampleLosses()).render(options)
        let second = Figure("second").scatter([1.0, 2], [3.0, 4]).render(options)

        for result in [first, second] {
            #expect(result.problem == .gnuplotMissing(executable: nowhere))
            #expect(result.pngFile == nil && result.terminalDrawing == nil)
            let data = try #require(result.dataFile)
            let script = try #require(result.scriptFile)
            #expect(FileManager.default.fileExists(atPath: data.path))
            #expect(FileManager.default.fileExists(atPath: script.path))
        }
        let notice = try #require(first.notice, "the first render says gnuplot is missing")
        #expect(notice.contains("gnuplot not found") && notice.contains(nowhere))
        #expect(notice.contains("sudo apt-get install gnuplot-nox") || notice.contains("brew install gnuplot"))
        #expect(notice.contains(".dat/.gp"))
        #expect(!notice.contains("\n"), "one line")
        #expect(second.notice == nil, "said once per process")
    }

    @Test func missingGnuplotWithTerminalOnlyWritesNothing() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nowhere = "/nonexistent-\(UUID().uuidString)/gnuplot"
        let result = Figure("terminal-only").line([1.0, 2]).render(
            quietOptions(.terminal, in: folder, gnuplot: nowhere))
        #expect(result.problem == .gnuplotMissing(executable: nowhere))
        #expect(result.notice?.contains("not drawn") == true)
        #expect(result.files.isEmpty)
    }

    @Test func aGnuplotErrorIsReportedWithItsMessageAndTheFigureName() throws {
        _ = try requireGnuplot()
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = Figure("broken-figure").line(sampleLosses()).gnuplot("set nonsense on")
            .render(quietOptions([.terminal, .png], in: folder))

        let problem = try #require(result.problem)
        guard case .gnuplotFailed(let figure, let message) = problem else {
            Issue.record("expected a gnuplot failure, got \(problem)")
            return
        }
        #expect(figure == "broken-figure")
        #expect(
            message.contains("unrecognized option") || message.contains("invalid"), "gnuplot's own words: \(message)")
        #expect(message.contains("nonsense"), "gnuplot echoes the bad command: \(message)")
        #expect(problem.description.contains("broken-figure"))
        #expect(problem.description.contains("gnuplot said"))
        #expect(result.pngFile == nil)
        #expect(result.scriptFile != nil, "the script is kept, to look at")
    }

    @Test func aProgramThatStopsReadingDoesNotKillUs() throws {
        // /bin/true exits at once: writing a lot into its pipe raises SIGPIPE, which the bridge
        // must swallow. The write fails, the process reports, we carry on.
        let process = try GnuplotProcess(path: "/bin/true")
        let big = [Double](repeating: 1.5, count: 400_000)
        var accepted = true
        for _ in 0..<5 {
            accepted = process.sendDataBlock("block0", values: big, columns: 2) && accepted
        }
        #expect(!accepted, "the writes fail once the reader is gone")
        #expect(!process.send("print 1"))
        let outcome = process.finish()
        #expect(outcome.status == 0)
    }

    @Test func inputProblemsBecomeWarnings() throws {
        let figure = Figure("ragged").line([1.0, 2, 3], [1.0, 2], label: "short")
        #expect(figure.issues.count == 1)
        #expect(figure.issues[0].contains("ragged") && figure.issues[0].contains("3 x values but 2 y values"))
        #expect(figure.panels[0].series[0].x.count == 2)

        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = figure.render(quietOptions(.png, in: folder, gnuplot: "/nonexistent-\(UUID().uuidString)"))
        #expect(result.warnings == figure.issues)
    }

    @Test func nothingHappensWithPlotNone() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = Figure("nothing").line([1.0, 2]).render(quietOptions(.nowhere, in: folder))
        #expect(result.succeeded && result.files.isEmpty && result.terminalDrawing == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
