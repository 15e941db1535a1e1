import Foundation
import Testing
@testable import Plot

/// What goes into the `.dat` and `.gp` files, checked without running gnuplot.
@Suite struct ScriptTests {
    @Test func dataFileHasOneIndexedBlockPerSeries() {
        let figure = Figure("two").line([1.0, 2], label: "a").scatter([0.5, 1.5], [Double.nan, 0.25], label: "b")
        let text = DataBlock.dataFile(GnuplotScript(figure).blocks, figure: "two")
        #expect(
            text.contains(
                "# block 0: curve \"a\": x, y\n1 1\n2 2\n\n\n# block 1: points \"b\": x, y\n0.5 NaN\n1.5 0.25\n"))
    }

    @Test func numbersAreShortAndExact() {
        #expect(GnuplotText.number(3) == "3")
        #expect(GnuplotText.number(-0.1) == "-0.1")
        #expect(GnuplotText.number(1e-5) == "1e-05")
        #expect(Double(GnuplotText.number(1 / 3.0)) == 1 / 3.0)
        #expect(GnuplotText.number(.infinity) == "NaN")
        #expect(GnuplotText.quoted("it's\nfine") == "'it''s fine'")
    }

    @Test func scriptFindsItsDataNextToItself() {
        let figure = Figure("loss").logScale(.y).xRange(1...).line([1.0, 0.1, 0.01], label: "train")
        let script = GnuplotScript(figure).scriptFile(
            shownPath: "plots/Lesson00/loss.gp", format: .png, size: .standard)
        #expect(script.contains("gnuplot plots/Lesson00/loss.gp"))
        #expect(script.contains("here = ARG0"))
        #expect(script.contains("data = here.'loss.dat'"))
        #expect(script.contains("set output here.'loss.png'"))
        #expect(script.contains("set logscale y 10"))
        #expect(script.contains("set xrange [1:*]"))
        #expect(script.contains("plot data index 0 using 1:2 with lines lw 2 lc rgb '#1f77b4' title 'train'"))
    }

    @Test func panelsBecomeAMultiplot() {
        let figure = Figure("grid", title: "Four").panel("a").line([1.0, 2]).panel("b").line([2.0, 1])
            .panel("c").line([1.0]).panel("d").line([3.0])
        #expect(figure.grid == (2, 2))
        let body = GnuplotScript(figure).body(for: .picture(figure.resolvedPixelSize), source: .dataFile)
        #expect(body.contains("set multiplot layout 2,2 title 'Four'"))
        #expect(body.components(separatedBy: "\nplot ").count == 5)
        #expect(body.contains("reset"))
        #expect(body.hasSuffix("unset multiplot\n"))
        #expect(Figure("x").panel("only").panels.count == 1, "naming the first, empty panel")
    }

    @Test func legendAvoidsTheData() {
        let area = PlotArea(width: 670, height: 390, isTerminal: false)
        let falling = Figure("loss").line(sampleLosses(), label: "train").panels[0]
        #expect(LegendPlacement.command(for: falling, area: area).hasPrefix("set key top right"))
        let rising = Figure("accuracy").line(sampleLosses().map { 3 - $0 }, label: "accuracy").panels[0]
        #expect(!LegendPlacement.command(for: rising, area: area).hasPrefix("set key top right"))
        let everywhere = Figure("noise").scatter(
            (0..<400).map { Double($0 % 20) }, (0..<400).map { Double($0 / 20) }, label: "grid"
        ).panels[0]
        #expect(LegendPlacement.command(for: everywhere, area: area).hasPrefix("set key outside"))
        let unnamed = Figure("plain").line([1.0, 2]).panels[0]
        #expect(LegendPlacement.command(for: unnamed, area: area) == "unset key")
        let chosen = Figure("chosen").line([1.0, 2], label: "a").legend(.bottomLeft).panels[0]
        #expect(LegendPlacement.command(for: chosen, area: area).hasPrefix("set key bottom left"))
    }

    @Test func confusionMatrixLabelsReadOnTheirCells() {
        let figure = Figure("confusion").confusionMatrix([[50, 0], [3, 47]], classNames: ["cat", "dog"])
        let script = GnuplotScript(figure)
        guard case .text(let lines) = script.blocks[1].content else {
            Issue.record("cell labels block")
            return
        }
        #expect(lines == ["0 0 \"50\" 16777215", "1 0 \"0\" 0", "0 1 \"3\" 0", "1 1 \"47\" 16777215"])
        let body = script.body(for: .picture(.standard), source: .dataFile)
        #expect(body.contains("set xtics ('cat' 0, 'dog' 1)"))
        #expect(body.contains("set yrange [1.5:-0.5]"))
        #expect(body.contains("with labels tc rgb variable"))
        #expect(body.contains("set xlabel 'predicted class'"))
    }

    @Test func longClassNamesAreTiltedFarEnoughNotToTouch() {
        let names = ["T-shirt/top", "Sneaker", "Bag", "Ankle boot"]
        let figure = Figure("confusion").confusionMatrix(
            [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]],
            classNames: names)
        let body = GnuplotScript(figure).body(for: .picture(.standard), source: .dataFile)
        #expect(body.contains("'Ankle boot' 3) rotate by 45 right"))
    }

    @Test func threeCurvesOrMoreAlsoDifferByMarker() {
        let three = Figure("three").line([1.0, 2, 3], label: "a").line([2.0, 1, 0], label: "b").line(
            [0.0, 0, 1], label: "c")
        let body = GnuplotScript(three).body(for: .picture(.standard), source: .dataFile)
        #expect(body.contains("with linespoints pt 7 ps 1.1 pi -1"))
        #expect(body.contains("with linespoints pt 5 ps 1.1 pi -1"))
        #expect(body.contains("with linespoints pt 9 ps 1.1 pi -1"))
        let two = Figure("two").line([1.0, 2, 3], label: "a").line([2.0, 1, 0], label: "b")
        #expect(!GnuplotScript(two).body(for: .picture(.standard), source: .dataFile).contains("linespoints"))
    }

    @Test func inCharactersColumnNamesAreCutToTheirColumn() {
        let names = [
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
        ]
        let counts = (0..<10).map { row in (0..<10).map { $0 == row ? 9 : 0 } }
        let figure = Figure("confusion").confusionMatrix(counts, classNames: names)
        let body = GnuplotScript(figure).body(for: .terminal(columns: 88, rows: 30, colors: false), source: .dataBlocks)
        // 88 columns less 12 for the frame, less the row names (12 wide, plus 2): 6 a column, 5 a name.
        #expect(
            body.contains(
                "set xtics ('T-shi' 0, 'Trous' 1, 'Pullo' 2, 'Dress' 3, 'Coat' 4, 'Sanda' 5, 'Shirt' 6, "
                    + "'Sneak' 7, 'Bag' 8, 'Ankle' 9)"))
        #expect(body.contains("set ytics ('T-shirt/top' 0"))
        let picture = GnuplotScript(figure).body(for: .picture(.standard), source: .dataFile)
        #expect(picture.contains("'Ankle boot' 9"))
    }

    @Test func aPictureGridsColourBarKeepsItsNumbers() {
        let figure = Figure("filters").imageGrid([[-2.0, 0, 1, 0], [0.5, 0.5, 0.5, 0.5]], palette: .diverging)
        let body = GnuplotScript(figure).body(for: .picture(.standard), source: .dataFile)
        #expect(body.contains("unset tics"))
        #expect(body.contains("set cbtics out nomirror format '%g'"))
        let plain = Figure("digits").imageGrid([[0.0, 0.5, 1, 0], [0.5, 0.5, 0.5, 0.5]])
        #expect(!GnuplotScript(plain).body(for: .picture(.standard), source: .dataFile).contains("cbtics"))
    }

    @Test func imageGridsShareOneColourRange() {
        let filters = [[-2.0, 0, 1, 0], [0.5, 0.5, 0.5, 0.5]]
        let figure = Figure("filters").imageGrid(filters, palette: .diverging)
        let layer = figure.panels[0].images[0]
        #expect(layer.rows == 2 && layer.columns == 2 && layer.tiles.count == 2)
        #expect(layer.colorRange == -2...2, "symmetric around zero for a diverging palette")
        #expect(layer.showsColorBar)
        let body = GnuplotScript(figure).body(for: .picture(.standard), source: .dataFile)
        #expect(body.contains("plot for [k=0:1] data index k matrix"))
        #expect(Figure("bad").imageGrid([[1.0, 2, 3]]).issues.count == 1, "3 values is no square")
    }

    @Test func histogramCountsEveryValueOnce() {
        let histogram = Histogram([0, 0.1, 0.5, 0.99, 1, .nan, 2], bins: 2, range: 0...1, normalized: false)
        #expect(histogram.centres == [0.25, 0.75])
        #expect(histogram.heights == [2, 3])
        let density = Histogram([0, 1, 2, 3], bins: 4, range: nil, normalized: true)
        #expect(abs(density.heights.reduce(0, +) * density.binWidth - 1) < 1e-12)
    }

    @Test func classesGetTheirOwnColourMarkerAndName() {
        let figure = Figure("xor").scatter(
            [0.0, 1, 0, 1], [0.0, 0, 1, 1], classes: [0, 1, 1, 0], names: ["no", "yes"])
        let series = figure.panels[0].series
        #expect(series.map(\.label) == ["no", "yes"])
        #expect(series.map(\.x) == [[0, 1], [1, 0]])
        #expect(series[0].marker != series[1].marker && series[0].color != series[1].color)
    }

    @Test func plotFlagValues() {
        #expect(PlotOutputs(flag: "terminal") == .terminal)
        #expect(PlotOutputs(flag: "png") == .png)
        #expect(PlotOutputs(flag: "both") == [.terminal, .png])
        #expect(PlotOutputs(flag: "none") == .nowhere)
        #expect(PlotOutputs(flag: "png,svg") == [.png, .svg])
        #expect(PlotOutputs(flag: "PNG") == .png)
        #expect(PlotOutputs(flag: "jpeg") == nil)
        #expect(PlotOutputs.automatic(stdoutIsTerminal: true) == [.terminal, .png])
        #expect(PlotOutputs.automatic(stdoutIsTerminal: false) == .png)
        #expect(RenderOptions.lesson("Lesson05").directory == "plots/Lesson05")
        #expect(PlotOutputs.both.description == "terminal+png")
    }

    @Test func sixelIsChosenOnlyWhereTheEnvironmentNamesATerminalThatShowsIt() {
        #expect(PlotOutputs(flag: "sixel") == .sixel)
        #expect(PlotOutputs(flag: "sixel,png") == [.sixel, .png])
        #expect(PlotOutputs.sixel.writesFiles)
        #expect(PlotOutputs.showsSixel(["TERM": "foot"]))
        #expect(PlotOutputs.showsSixel(["TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"]))
        #expect(!PlotOutputs.showsSixel(["TERM": "xterm-256color"]))
        #expect(!PlotOutputs.showsSixel(["TERM": "foot", "TMUX": "/tmp/tmux-0/default,1,0"]))
        #expect(PlotOutputs.automatic(stdoutIsTerminal: true, showsSixel: true) == [.sixel, .png])
        #expect(PlotOutputs.automatic(stdoutIsTerminal: false, showsSixel: true) == .png)
    }
}
