import Notebook
import Torchlet

/// A clock the test moves by hand, so rates, ETAs and timings are exact.
final class FakeClock {
    var seconds = 0.0
    func now() -> Double { seconds }
}

/// A plain (non-interactive, colourless) 60-column output, the simplest to compare exactly.
let plainTerminal = Terminal(isInteractive: false, width: 60, usesColour: false)

/// Makes a notebook that writes into a capture, from command-line `arguments`.
///
/// The notebook reseeds the default random generator; `withSeed` gives it a private one, so
/// tests running in parallel (here and in other suites) never disturb each other's numbers.
func makeNotebook(
    _ arguments: [String] = [],
    terminal: Terminal = plainTerminal,
    clock: FakeClock = FakeClock()
) throws -> (Notebook, CapturedText) {
    let options = try CommonOptions.parse(arguments)
    let output = CapturedText()
    let notebook = withSeed(0) {
        Notebook(
            lesson: "Lesson00", title: "Tensors", options: options,
            output: output, terminal: terminal, now: { clock.seconds })
    }
    return (notebook, output)
}

/// The lines written after the banner (and the blank line that follows it).
func linesAfterBanner(_ output: CapturedText) -> [String] {
    Array(output.lines.dropFirst(5))
}
