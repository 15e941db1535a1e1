import Testing
@testable import Notebook

@Suite("Progress bars")
struct ProgressBarTests {
    @Test(
        "durations are mm:ss, or h:mm:ss from an hour on, as in tqdm",
        arguments: [(0.0, "00:00"), (59.9, "00:59"), (61, "01:01"), (3725, "1:02:05"), (.infinity, "00:00")])
    func intervals(seconds: Double, expected: String) {
        #expect(ProgressLine.interval(seconds) == expected)
    }

    @Test("speed is steps per second, or seconds per step when slower than one a second")
    func rates() {
        #expect(ProgressLine(label: "", count: 42, total: 100, elapsedSeconds: 1.2).rateText == "35.00it/s")
        #expect(ProgressLine(label: "", count: 1, total: 100, elapsedSeconds: 2.5).rateText == " 2.50s/it")
        #expect(ProgressLine(label: "", count: 0, total: 100, elapsedSeconds: 0).rateText == "?it/s")
    }

    @Test("the bar fills in eighths of a cell")
    func bar() {
        #expect(ProgressLine.bar(fraction: 0, width: 10) == "          ")
        #expect(ProgressLine.bar(fraction: 0.42, width: 10) == "████▏     ")  // 3.36 cells: 4 + 1/8
        #expect(ProgressLine.bar(fraction: 0.45, width: 10) == "████▌     ")
        #expect(ProgressLine.bar(fraction: 1, width: 10) == "██████████")
    }

    @Test("in a file: one plain line per quarter and one at the end, no \\r, no colour")
    func plainLines() {
        let output = CapturedText()
        let clock = FakeClock()
        let terminal = Terminal(isInteractive: false, width: 60, usesColour: true)
        let bar = ProgressBar(total: 8, label: "train", output: output, terminal: terminal, now: clock.now)
        for step in 1...8 {
            clock.seconds = Double(step) * 0.5
            if step == 5 { bar.set(postfix: ["loss": 0.3412]) }
            if step == 8 { bar.set(postfix: ["loss": 0.125]) }
            bar.advance()
        }
        bar.finish()
        bar.finish()  // a second call changes nothing
        #expect(
            output.lines == [
                "train:  25%|████▎            | 2/8 [00:01<00:03,  2.00it/s]",
                "train:  50%|████████▌        | 4/8 [00:02<00:02,  2.00it/s]",
                "train:  75%|███████▌  | 6/8 [00:03<00:01,  2.00it/s, loss=0.3412]",
                "train: 100%|██████████| 8/8 [00:04<00:00,  2.00it/s, loss=0.125]",
            ])
        #expect(!output.text.contains("\r") && !output.text.contains("\u{1B}"))
    }

    @Test("a jump past several quarters prints one line, not one per quarter")
    func bigJump() {
        let output = CapturedText()
        let bar = ProgressBar(total: 100, label: "", output: output, terminal: plainTerminal, now: { 1 })
        bar.advance(by: 80)
        #expect(output.lines.count == 1)
        #expect(output.lines.first?.hasPrefix(" 80%|") == true)
    }

    @Test("on a terminal: one line redrawn with \\r, at most 10 times a second, then a newline")
    func terminalRedraw() {
        let output = CapturedText()
        let clock = FakeClock()
        let terminal = Terminal(isInteractive: true, width: 80, usesColour: true)
        let bar = ProgressBar(total: 100, label: "fit", output: output, terminal: terminal, now: clock.now)
        clock.seconds = 0.05
        bar.advance()  // too soon after the first drawing: not redrawn
        bar.set(postfix: ["loss": 0.3412])
        clock.seconds = 1.2
        bar.advance(by: 41)
        #expect(!output.text.contains("\n"))
        clock.seconds = 2
        bar.finish()
        #expect(
            output.text == "\r" + "fit:   0%|                         | 0/100 [00:00<?, ?it/s]"
                + "\r" + "fit:  42%|█████████▋             | 42/100 [00:01<00:01, 35.00it/s, loss=0.3412]"
                + "\r" + "fit:  42%|█████████▋             | 42/100 [00:02<00:02, 21.00it/s, loss=0.3412]"
                + "\n")
    }

    @Test("a shorter redraw blanks out what is left of the longer line before it")
    func shorterRedraw() throws {
        let output = CapturedText()
        let clock = FakeClock()
        let terminal = Terminal(isInteractive: true, width: 80)
        let bar = ProgressBar(total: 10, label: "", output: output, terminal: terminal, now: clock.now)
        bar.set(postfix: ["note": "a long piece of text"])
        clock.seconds = 1
        bar.advance()
        bar.set(postfix: [:])
        clock.seconds = 2
        bar.finish()
        let drawings = output.text.split(separator: "\r").map(String.init)
        try #require(drawings.count == 3)
        #expect(drawings[1].count == drawings[2].count - 1)  // the last one ends with "\n"
        #expect(drawings[2].hasSuffix("                      \n"))
    }

    @Test("a bar that is dropped without finish() still ends its line")
    func finishesOnDeinit() {
        let output = CapturedText()
        do {
            let bar = ProgressBar(
                total: 3, label: "", output: output, terminal: Terminal(isInteractive: true), now: { 0 })
            bar.advance()
        }
        #expect(output.text.hasSuffix("\n"))
    }
}
