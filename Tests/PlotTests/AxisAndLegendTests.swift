import Testing

@testable import Plot

/// Ticks, legends and labels chosen so figures read cleanly, in pictures and in characters.
@Suite struct AxisAndLegendTests {
    static let picture = ScriptTarget.picture(.standard)
    static let characters = ScriptTarget.terminal(columns: 88, rows: 30, colors: false)

    @Test("an epoch axis ticks on whole epochs: every one up to 10, then every 2nd, 5th, 10th")
    func epochTicks() {
        for (epochs, step) in [(2, 1), (10, 1), (15, 2), (40, 5), (100, 10)] {
            let body = GnuplotScript(Figure("e").line([1.0, 2], label: "a").epochTicks(epochs))
                .body(for: Self.picture, source: .dataFile)
            #expect(body.contains("set xtics \(step)\n"), "\(epochs) epochs")
        }
    }

    @Test("a legend below a picture's panel leaves room for the x label; in characters it needs none")
    func legendBelowKeepsClearOfTheLabel() {
        let figure = Figure("b").xLabel("step").line([1.0, 2], label: "a").legend(.below)
        #expect(GnuplotScript(figure).body(for: Self.picture, source: .dataFile).contains("set key below height 1.5"))
        let drawn = GnuplotScript(figure).body(for: Self.characters, source: .dataBlocks)
        #expect(drawn.contains("set key below\n") && !drawn.contains("height 1.5"))
    }

    @Test("in characters a heatmap's legend goes below it, and a repeated y label is written once")
    func heatmapsInCharacters() {
        let figure = Figure("h", columns: 2)
            .panel("left").yLabel("bias b").heatmap([[0.0, 1], [1, 0]], x: 0...1, y: 0...1)
            .line([0.0, 1], [0.0, 1], label: "path").legend(.bottomLeft)
            .panel("right").yLabel("bias b").heatmap([[0.0, 1], [1, 0]], x: 0...1, y: 0...1)
        let drawn = GnuplotScript(figure).body(for: Self.characters, source: .dataBlocks)
        #expect(drawn.components(separatedBy: "set ylabel 'bias b'").count - 1 == 1)
        #expect(drawn.contains("set key below") && !drawn.contains("set key bottom left"))
        let picture = GnuplotScript(figure).body(for: Self.picture, source: .dataFile)
        #expect(picture.components(separatedBy: "set ylabel 'bias b'").count - 1 == 2)
        #expect(picture.contains("set key bottom left"))
    }

    @Test("a colour bar's label is written beside the bar in pictures, and left out in characters")
    func colorBarLabel() {
        let figure = Figure("h").heatmap([[0, 1], [1, 0]], x: 0...1, y: 0...1).colorBarLabel("probability of class 1")
        #expect(
            GnuplotScript(figure).body(for: Self.picture, source: .dataFile)
                .contains("set cblabel 'probability of class 1'"))
        for colors in [false, true] {
            let drawn = GnuplotScript(figure).body(
                for: .terminal(columns: 80, rows: 30, colors: colors), source: .dataBlocks)
            #expect(!drawn.contains("cblabel"))
        }
    }
}
