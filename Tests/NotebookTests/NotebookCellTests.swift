import Testing
import Foundation
import Plot
import Torchlet
@testable import Notebook

@Suite("Notebook cells")
struct NotebookCellTests {
    @Test("the banner names the lesson and the settings that shape its numbers")
    func banner() throws {
        let (nb, output) = try makeNotebook(["--quick"])
        let rule = String(repeating: "═", count: 60)
        #expect(output.lines == [rule, "Lesson00 · Tensors", "seed 42 · plots: png → plots/Lesson00 · quick", rule])
        #expect(nb.quick && !nb.trace && nb.seed == 42)
        #expect(nb.plotOutputs == .png && nb.plotDirectory == "plots/Lesson00")
    }

    @Test("the notebook seeds the default generator with --seed")
    func seeds() throws {
        let options = try CommonOptions.parse(["--seed", "7"])
        let drawn = withSeed(1) {
            _ = Notebook(lesson: "L", title: "T", options: options, output: CapturedText(), terminal: plainTerminal)
            return DefaultGenerator.withGenerator { $0.next() }
        }
        var reference = Generator(seed: 7)
        #expect(drawn == reference.next())
    }

    @Test("sections are numbered and underlined, one blank line between cells")
    func sections() throws {
        let (nb, output) = try makeNotebook()
        nb.section("What is a tensor?")
        nb.section("Autograd")
        #expect(
            linesAfterBanner(output) == [
                "1. What is a tensor?", "────────────────────", "", "2. Autograd", "───────────",
            ])
    }

    @Test("text cells are wrapped to the terminal width")
    func text() throws {
        let (nb, output) = try makeNotebook()
        nb.text(
            """
            A tensor is a grid of numbers. Every operation on it is recorded, so that backward()
            can replay the operations in reverse.
            """)
        #expect(
            linesAfterBanner(output) == [
                "A tensor is a grid of numbers. Every operation on it is",
                "recorded, so that backward() can replay the operations in",
                "reverse.",
            ])
    }

    @Test("a one-line value follows its label")
    func showOneLine() throws {
        let (nb, output) = try makeNotebook()
        nb.show("n", 3)
        nb.show("name", "SGD")
        #expect(linesAfterBanner(output) == ["n = 3", "name = SGD"])
    }

    @Test("a multi-line value keeps its columns lined up under the first line")
    func showMultiLine() throws {
        let (nb, output) = try makeNotebook()
        nb.show("x", "tensor([[1., 2.],\n        [3., 4.]])")
        #expect(linesAfterBanner(output) == ["x = tensor([[1., 2.],", "            [3., 4.]])"])
    }

    @Test("with a label too long for that, the value starts on its own line")
    func showLongLabel() throws {
        let (nb, output) = try makeNotebook()
        nb.show("the gradient of the loss with respect to w", "tensor([[1., 2.],\n        [3., 4.]])")
        #expect(
            linesAfterBanner(output) == [
                "the gradient of the loss with respect to w =",
                "    tensor([[1., 2.],",
                "            [3., 4.]])",
            ])
    }

    @Test("a one-line value too long beside its label goes below it, if it fits there")
    func showLongOneLine() throws {
        let (nb, output) = try makeNotebook()  // 60 columns
        let row = "tensor([-0.3940, -0.4117, -0.4235, -0.4273, -0.5000])"  // 54 characters
        nb.show("predictions", row)
        nb.show("x", row)
        nb.show("far too long to fit anywhere", row + row)
        #expect(
            linesAfterBanner(output) == [
                "predictions =", "    " + row, "x = " + row, "far too long to fit anywhere = " + row + row,
            ])
    }

    @Test("optionals show their value, or nil")
    func showOptionals() throws {
        let (nb, output) = try makeNotebook()
        let present: Int? = 5
        let missing: Int? = nil
        nb.show("present", present)
        nb.show("missing", missing)
        nb.show("nested", [Optional(1), nil] as Any)
        #expect(linesAfterBanner(output) == ["present = 5", "missing = nil", "nested = [Optional(1), nil]"])
    }

    @Test("values stack without blank lines; other cells are set apart")
    func spacing() throws {
        let (nb, output) = try makeNotebook()
        nb.show("a", 1)
        nb.show("b", 2)
        nb.text("Then some prose.")
        nb.show("c", 3)
        #expect(linesAfterBanner(output) == ["a = 1", "b = 2", "", "Then some prose.", "", "c = 3"])
    }

    @Test("tables align columns and right-align numbers")
    func table() throws {
        let (nb, output) = try makeNotebook()
        nb.table(headers: ["epoch", "loss", "note"], rows: [["1", "0.6931", "start"], ["10", "0.0312"]])
        #expect(
            linesAfterBanner(output) == [
                "epoch    loss  note",
                "─────  ──────  ─────",
                "    1  0.6931  start",
                "   10  0.0312",
            ])
    }

    @Test("notes and warnings wrap with a hanging indent")
    func callouts() throws {
        let (nb, output) = try makeNotebook()
        nb.note("the `grad` of a leaf stays nil until backward() runs, and it accumulates afterwards")
        nb.warning("lr = 10 diverges")
        #expect(
            linesAfterBanner(output) == [
                "note: the `grad` of a leaf stays nil until backward() runs,",
                "      and it accumulates afterwards",
                "",
                "warning: lr = 10 diverges",
            ])
    }

    @Test("--plot decides where figures go, and the banner says so")
    func plotOutputs() throws {
        let (none, noneText) = try makeNotebook(["--plot", "none"])
        #expect(none.plotOutputs == .nowhere)
        #expect(noneText.text.contains("plots: none"))
        let (files, filesText) = try makeNotebook(["--plot", "png,svg", "--plot-dir", "figures"])
        #expect(files.plotOutputs == [.png, .svg])
        #expect(filesText.text.contains("plots: png+svg → figures"))
    }

    @Test("colour codes appear only when the terminal uses colour")
    func colour() throws {
        for usesColour in [true, false] {
            let terminal = Terminal(isInteractive: true, width: 60, usesColour: usesColour)
            let (nb, output) = try makeNotebook(terminal: terminal)
            nb.section("Title")
            nb.text("Use `x`.")
            nb.show("x", 1)
            #expect(output.text.contains("\u{1B}[") == usesColour)
        }
    }

    @Test("every cell is flushed, so text comes out before another program's output")
    func flushes() throws {
        let (nb, output) = try makeNotebook()
        let afterBanner = output.flushCount
        nb.section("One")
        nb.text("Two")
        nb.show("three", 3)
        #expect(output.flushCount == afterBanner + 3)
    }

    @Test("progress bars stack without blank lines")
    func progressBars() throws {
        let (nb, output) = try makeNotebook()
        for epoch in 1...2 {
            let bar = nb.progress(total: 1, label: "epoch \(epoch)")
            bar.advance()
            bar.finish()
        }
        let lines = linesAfterBanner(output)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.contains("1/1") })
    }

    @Test("finish prints the time taken, once")
    func finish() throws {
        let clock = FakeClock()
        let (nb, output) = try makeNotebook(clock: clock)
        clock.seconds = 1.234
        nb.finish()
        nb.finish()
        #expect(nb.isFinished)
        #expect(linesAfterBanner(output) == ["Finished in 1.23 s"])
    }
}

@Suite("Notebook figures")
struct NotebookFigureTests {
    @Test("nb.plot writes the PNG with its .dat and .gp into --plot-dir and says where")
    func plotWritesFiles() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("notebook-plot-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (nb, output) = try makeNotebook(["--plot", "png", "--plot-dir", folder])
        let result = nb.plot(Figure("squares").line([1.0, 4, 9, 16], label: "n²"))
        #expect(result.succeeded)
        for file in ["squares.png", "squares.dat", "squares.gp"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + file), "\(file) is missing")
        }
        #expect(output.text.contains("figure: " + folder + "/squares.png"))
    }

    @Test("a grid of pictures is not drawn in characters; the notebook says where the PNG is")
    func pictureGridsSkipTheTerminal() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("notebook-plot-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (nb, output) = try makeNotebook(["--plot", "both", "--plot-dir", folder])
        let grid = nb.plot(Figure("filters", title: "Two filters").imageGrid([[0.0, 1, 1, 0], [1.0, 0, 0, 1]]))
        #expect(grid.terminalDrawing == nil && grid.pngFile != nil)
        #expect(
            output.text.contains(
                "figure: \"Two filters\", a grid of pictures, is not drawn in the terminal: open \(folder)/filters.png")
        )
        let curve = nb.plot(Figure("squares").line([1.0, 4, 9, 16]))
        #expect(curve.terminalDrawing != nil, "curves are still drawn in the terminal")
        let (terminalOnly, text) = try makeNotebook(["--plot", "terminal"])
        terminalOnly.plot(Figure("filters", title: "Two filters").imageGrid([[0.0, 1, 1, 0], [1.0, 0, 0, 1]]))
        #expect(text.text.contains("run with --plot both to get it as a PNG"))
    }

    @Test("--plot none writes nothing")
    func plotNone() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("notebook-plot-\(UUID().uuidString)").path
        let (nb, output) = try makeNotebook(["--plot", "none", "--plot-dir", folder])
        nb.plot(Figure("squares").line([1.0, 4, 9, 16]))
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(!output.text.contains("figure:"))
    }
}
