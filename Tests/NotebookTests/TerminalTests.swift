import Testing
@testable import Notebook

@Suite("Terminal detection and styles")
struct TerminalTests {
    @Test("colour on a terminal when NO_COLOR is unset or empty")
    func colourOnTerminal() {
        #expect(Terminal.detect(isInteractive: true, environment: [:], measuredColumns: 80).usesColour)
        #expect(Terminal.detect(isInteractive: true, environment: ["NO_COLOR": ""], measuredColumns: 80).usesColour)
    }

    @Test("no colour when NO_COLOR is set to anything", arguments: ["1", "0", "yes"])
    func noColourWhenAsked(value: String) {
        let terminal = Terminal.detect(isInteractive: true, environment: ["NO_COLOR": value], measuredColumns: 80)
        #expect(!terminal.usesColour)
        #expect(terminal.isInteractive)
        #expect(terminal.style.heading("Title") == "Title")
    }

    @Test("no colour and 88 columns when the output is not a terminal, whatever COLUMNS says")
    func fileOutput() {
        let terminal = Terminal.detect(isInteractive: false, environment: ["COLUMNS": "70"], measuredColumns: nil)
        #expect(terminal == Terminal(isInteractive: false, width: 88, usesColour: false))
    }

    @Test(
        "the width comes from COLUMNS, else the terminal, kept within 60...100",
        arguments: [
            (["COLUMNS": "72"], 120, 72),
            (["COLUMNS": "200"], nil, 100),
            (["COLUMNS": "20"], nil, 60),
            (["COLUMNS": "wide"], 75, 75),
            ([:], 75, 75),
            ([:], nil, 88),
        ] as [([String: String], Int?, Int)])
    func width(environment: [String: String], measured: Int?, expected: Int) {
        let terminal = Terminal.detect(isInteractive: true, environment: environment, measuredColumns: measured)
        #expect(terminal.width == expected)
    }

    @Test("styles produce ANSI codes only when enabled")
    func styles() {
        #expect(TerminalStyle(isEnabled: false).warningTag("warning:") == "warning:")
        #expect(TerminalStyle(isEnabled: true).warningTag("warning:") == "\u{1B}[1;33mwarning:\u{1B}[0m")
    }

    @Test("inline code loses its backticks and gains a colour, only when colour is on")
    func inlineCode() {
        let line = "call `backward()` on `loss`, not on `x"
        #expect(TerminalStyle(isEnabled: false).highlightingInlineCode(line) == line)
        #expect(
            TerminalStyle(isEnabled: true).highlightingInlineCode(line)
                == "call \u{1B}[36mbackward()\u{1B}[0m on \u{1B}[36mloss\u{1B}[0m, not on `x")
    }
}
