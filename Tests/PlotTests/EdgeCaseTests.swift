import Foundation
import Testing
@testable import Plot

/// Unusual but legal figures still draw, without gnuplot complaining.
@Suite struct EdgeCaseTests {
    static let figures: [Figure] = [
        Figure("empty", title: "Nothing yet"),
        Figure("empty-panel").panel("a").line([1.0, 2]).panel("b"),
        Figure("gap", title: "A diverging run").line([1.0, 0.5, .nan, .infinity, 0.2], label: "loss"),
        Figure("log-with-zero").logScale(.y).line([1.0, 0.1, 0, 0.001], label: "loss"),
        Figure("one-picture", title: "label: 7").image((0..<784).map { Double($0 % 28) / 27 }, width: 28, height: 28),
        Figure("one-titled-picture").imageGrid([(0..<9).map { Double($0) }], titles: ["nine pixels"]),
        Figure("wide-pictures").imageGrid(
            [[1.0, 2, 3, 4, 5, 6], [6.0, 5, 4, 3, 2, 1]], width: 3, titles: ["a", "b"]),
        Figure("one-value").histogram([3.0, 3, 3], bins: 5, label: "constant"),
        Figure("named-matrix").matrix(
            [[0.25, -0.5, 1], [0.75, 0, -1]], palette: .diverging, cellLabels: .values(decimals: 2),
            rowNames: ["first row", "second row"], columnNames: ["alpha", "beta", "gamma"]),
        Figure("quote's \"name\"", title: "It's a \"title\"").xLabel("x's").line([1.0, 2], label: "it's"),
        Figure("floats").line([Float(1), 2, 3], label: "Float").scatter([Float(1)], [Float(2)], label: "point")
            .xRange(0...4).yRange(...5),
    ]

    @Test(arguments: EdgeCaseTests.figures.indices)
    func drawsCleanly(index: Int) throws {
        _ = try requireGnuplot()
        let figure = Self.figures[index]
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = figure.render(quietOptions([.terminal, .png, .svg], in: folder))
        #expect(result.succeeded, "\(figure.name): \(String(describing: result.problem))")
        #expect(result.warnings.isEmpty, "\(figure.name): \(result.warnings)")
        #expect(result.pngFile != nil && result.svgFile != nil)
        #expect((result.terminalDrawing != nil) == !figure.isPictureGrid, "grids of pictures skip the terminal")
    }
}
