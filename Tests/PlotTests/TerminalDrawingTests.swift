import Foundation
import Testing
@testable import Plot

/// Drawings in the terminal: gnuplot's dumb terminal, sized to the terminal, without the form
/// feed it starts its page with.
@Suite struct TerminalDrawingTests {
    @Test(arguments: [40, 72, 120])
    func drawingFitsTheWidthAndHasNoFormFeed(columns: Int) throws {
        _ = try requireGnuplot()
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = Figure("loss", title: "Training loss").xLabel("epoch").line(sampleLosses(), label: "train")
            .render(quietOptions(.terminal, in: folder, columns: columns))

        #expect(result.succeeded, "\(String(describing: result.problem))")
        let drawing = try #require(result.terminalDrawing)
        #expect(!drawing.contains("\u{0C}"))
        let lines = drawing.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 10)
        #expect(lines.allSatisfy { $0.count <= columns }, "widest line: \(lines.map(\.count).max() ?? 0)")
        #expect(lines.contains { $0.count >= columns * 3 / 4 }, "uses the width")
        #expect(drawing.contains("Training loss") && drawing.contains("epoch"))
        #expect(result.files.isEmpty, "the terminal alone writes no files")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func picturesWithoutColoursAreDrawnWithShades() throws {
        _ = try requireGnuplot()
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ring = (0..<784).map { index -> Double in
            let (row, column) = (Double(index / 28) - 13.5, Double(index % 28) - 13.5)
            return abs((row * row + column * column).squareRoot() - 8) < 2.5 ? 1 : 0
        }
        let result = Figure("digit").image(ring, width: 28, height: 28)
            .render(quietOptions(.terminal, in: folder, columns: 60))
        #expect(result.succeeded, "\(String(describing: result.problem))")
        let drawing = try #require(result.terminalDrawing)
        #expect(drawing.contains("@"), "bright pixels use the darkest character")
        #expect(drawing.split(separator: "\n").allSatisfy { $0.count <= 60 })
    }

    @Test func coloursUseANSIEscapes() throws {
        _ = try requireGnuplot()
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = Figure("heat").matrix([[0.0, 1], [2, 3]], cellLabels: .counts)
            .render(quietOptions(.terminal, in: folder, columns: 50, colors: true))
        #expect(result.succeeded, "\(String(describing: result.problem))")
        let drawing = try #require(result.terminalDrawing)
        #expect(drawing.contains("\u{1B}["))
        let visible = drawing.replacing(/\u{1B}\[[0-9;]*m/, with: "")
        #expect(visible.split(separator: "\n").allSatisfy { $0.count <= 50 })
    }

    @Test func cleaningStripsTheFormFeedAndBlankEdges() {
        let page = "\u{0C}   \n  \n 1 +---+   \n   |   |\n\n  \n"
        #expect(Figure.cleanTerminalDrawing(page) == " 1 +---+\n   |   |")
    }
}
