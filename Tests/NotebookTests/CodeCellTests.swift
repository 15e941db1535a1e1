import Foundation
import Notebook
import Testing

/// Code cells list the test's own source lines, so these tests are laid out like a lesson: the
/// lines after each `nb.code()` are what the expectations below them read back.
@Suite("Code cells: the listing is the source that runs")
struct CodeCellTests {
    @Test("a listing is the lines below nb.code(), up to the next nb. call, with their values in scope")
    func listingUpToTheNextCell() throws {
        let (nb, output) = try makeNotebook()
        nb.code()
        let x = 3
        let y = x * 2  // a comment is part of the code
        nb.show(y)
        #expect(
            linesAfterBanner(output) == [
                "│ let x = 3",
                "│ let y = x * 2  // a comment is part of the code",
                "",
                "y = 6",
            ])
    }

    @Test("a listing ends at a blank line and at the end of its block, and keeps nested lines")
    func listingEndsAtABlankLineOrTheBlocksEnd() throws {
        let (nb, output) = try makeNotebook()
        var total = 0
        do {
            nb.code()
            for step in 1...3 {
                total += step
                nb.note("nested")
            }

            total += 100
        }
        do {
            nb.code()
            total *= 2
        }
        let listed = output.lines.filter { $0.hasPrefix("│") }
        #expect(
            listed == [
                "│ for step in 1...3 {",
                "│     total += step",
                "│     nb.note(\"nested\")",
                "│ }",
                "│ total *= 2",
            ])
        #expect(total == 212)
    }

    @Test("a marked elision shows as one line with its summary, at its indentation")
    func elision() throws {
        let (nb, output) = try makeNotebook()
        var sum = 0
        nb.code()
        for n in 1...4 {
            sum += n
            // elide: keep the books
            sum += 0
            sum -= 0
            // end elide
        }
        nb.show(sum)
        #expect(
            linesAfterBanner(output) == [
                "│ for n in 1...4 {",
                "│     sum += n",
                "│     … keep the books",
                "│ }",
                "",
                "sum = 10",
            ])
    }

    @Test("show(expression) is labelled with the expression as written, across lines and brackets")
    func labelFromTheExpression() throws {
        let (nb, output) = try makeNotebook()
        let values = [1, 2, 3]
        nb.show(values.map { $0 * 2 }.reduce(0, +)); nb.show(values[1])
        nb.show(
            values.count
                + 1)
        nb.show("Tensor(\"a, b\"), (1, 2)".count)
        #expect(
            linesAfterBanner(output) == [
                "values.map { $0 * 2 }.reduce(0, +) = 12",
                "values[1] = 2",
                "values.count + 1 = 4",
                "\"Tensor(\\\"a, b\\\"), (1, 2)\".count = 22",
            ])
    }

    @Test("a code line wider than the terminal wraps at a space, its continuation marked and indented")
    func longLinesWrap() throws {
        let (nb, output) = try makeNotebook(terminal: Terminal(isInteractive: false, width: 40, usesColour: false))
        nb.code()
        let sentence = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"].joined(separator: " ")

        #expect(sentence.count == 35)
        let listed = output.lines.filter { $0.hasPrefix("│") || $0.hasPrefix("┆") }
        #expect(
            listed == [
                "│ let sentence = [\"alpha\", \"beta\",",
                "┆     \"gamma\", \"delta\", \"epsilon\",",
                "┆     \"zeta\"].joined(separator: \" \")",
            ])
    }

    @Test("without the source file, a listing says where it is in one line and a label falls back")
    func missingSource() throws {
        let (nb, output) = try makeNotebook()
        nb.code(file: "/nowhere/Lessons/Lesson09/Lesson09.swift", line: 1)
        nb.show(42, file: "/nowhere/Lessons/Lesson09/Lesson09.swift", line: 1, column: 1)
        #expect(
            linesAfterBanner(output) == [
                "│ … (the listing is in Lessons/Lesson09/Lesson09.swift, not found here)",
                "",
                "value = 42",
            ])
    }

    @Test("a Python listing has a gutter and a caption of its own")
    func pythonListing() throws {
        let (nb, output) = try makeNotebook()
        nb.pythonCode("PyTorch:", "loss = criterion(model(x), y)\nloss.backward()\n")
        #expect(linesAfterBanner(output) == ["PyTorch:", "╎ loss = criterion(model(x), y)", "╎ loss.backward()"])
    }

    @Test("a claim that holds prints nothing; one this run contradicts prints a warning and is counted")
    func claims() throws {
        let (nb, output) = try makeNotebook()
        nb.claim(1 + 1 == 2, "arithmetic works")
        #expect(output.lines.count == 4)
        nb.claim(false, "the loss falls every epoch")
        #expect(nb.contradictions == ["the loss falls every epoch"])
        let words = output.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains(Notebook.contradictionMarker))
        #expect(words.contains("the loss falls every epoch"))
    }

    @Test("a transcript has no timings and no colour")
    func transcript() throws {
        let clock = FakeClock()
        let (nb, output) = try makeNotebook(
            ["--transcript"], terminal: Terminal(isInteractive: true, width: 70, usesColour: true), clock: clock)
        clock.seconds = 12.5
        #expect(nb.duration(nb.elapsedSeconds) == "(time) s")
        nb.finish()
        #expect(output.lines.last == "Finished.")
        #expect(!output.text.contains("\u{1B}["))
    }
}

@Suite("Number formatting")
struct NumberFormattingTests {
    @Test("fixed decimals, non-finite values, scientific for huge numbers; percentages")
    func formats() {
        #expect(fixed(0.31234, 3) == "0.312")
        #expect(fixed(Float(2), 0) == "2")
        #expect(fixed(-0.5) == "-0.5000")
        #expect(fixed(Double.nan) == "nan")
        #expect(fixed(Float.infinity) == "inf")
        #expect(fixed(12_345_678.0) == "1.23e+07")
        #expect(percent(Float(0.9876)) == "98.76%")
        #expect(percent(0.75, decimals: 0) == "75%")
    }
}

@Suite("Tables on a narrow terminal")
struct NarrowTableTests {
    @Test("a table wider than the terminal is split into tables that fit, each keeping the first column")
    func wideTableSplits() throws {
        let (nb, output) = try makeNotebook(terminal: Terminal(isInteractive: false, width: 30, usesColour: false))
        nb.table(
            headers: ["loss", "value", "gradient", "by hand"],
            rows: [["MSELoss", "0.2500", "-0.5000", "-0.5000"], ["L1Loss", "0.5000", "-1.0000", "-1.0000"]])
        #expect(
            linesAfterBanner(output) == [
                "loss      value  gradient",
                "───────  ──────  ────────",
                "MSELoss  0.2500   -0.5000",
                "L1Loss   0.5000   -1.0000",
                "",
                "loss     by hand",
                "───────  ───────",
                "MSELoss  -0.5000",
                "L1Loss   -1.0000",
            ])
        #expect(linesAfterBanner(output).allSatisfy { $0.count <= 30 })
    }
}
