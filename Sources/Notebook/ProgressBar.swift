import Foundation

/// A tqdm-style progress bar for a loop whose length is known, such as the batches of an epoch.
///
/// On a terminal it is one line, redrawn in place at most 10 times a second:
///
///     epoch 1:  42%|██████████▌              | 42/100 [00:01<00:02, 35.20it/s, loss=0.3412]
///
/// When the output is a file or a pipe (a CI log), redrawing would leave a mess, so it prints
/// plain lines instead: one as each quarter of the work is passed, and one at the end.
///
///     let bar = nb.progress(total: loader.count, label: "epoch \(epoch)")
///     for (x, y) in loader {
///         ...
///         bar.set(postfix: ["loss": loss])
///         bar.advance()
///     }
///     bar.finish()
public final class ProgressBar {
    /// The number of steps that make the work complete.
    public let total: Int

    /// The text in front of the bar.
    public let label: String

    /// The number of steps done so far.
    public private(set) var count = 0

    /// Whether `finish()` has been called.
    public private(set) var isFinished = false

    /// Called with the final line when the bar finishes (the notebook's page keeps it).
    var whenFinished: ((String) -> Void)?

    /// The shortest time between two redraws on a terminal, in seconds.
    public static let redrawInterval = 0.1

    private let output: TextSink
    private let isInteractive: Bool
    private let width: Int
    private let now: () -> Double
    private let startTime: Double
    private var postfix: [(key: String, value: MetricValue)] = []
    private var lastRedrawTime = -Double.infinity
    private var lastDrawnLength = 0
    private var quartersReported = 0
    private var barWidth = ProgressLine.barWidthRange.upperBound

    /// Creates a bar and, on a terminal, draws it at 0%.
    ///
    /// - Parameters:
    ///   - total: the number of steps in the loop.
    ///   - label: the text in front of the bar, such as `"epoch 3"`.
    ///   - output: where the bar is written.
    ///   - terminal: decides between a redrawn line and plain lines, and the line's width.
    ///   - now: a clock in seconds (tests pass a fake one to get exact rates and times).
    public init(
        total: Int, label: String, output: TextSink, terminal: Terminal,
        now: @escaping () -> Double = { ProcessInfo.processInfo.systemUptime }
    ) {
        self.total = max(0, total)
        self.label = label
        self.output = output
        self.isInteractive = terminal.isInteractive
        self.width = terminal.width
        self.now = now
        self.startTime = now()
        if isInteractive { redraw(at: startTime) }
    }

    deinit {
        // A forgotten `finish()` should not leave the cursor in the middle of a line.
        if !isFinished { finish() }
    }

    /// Records `steps` more steps done (one by default) and updates the display if it is time.
    public func advance(by steps: Int = 1) {
        guard !isFinished else { return }
        count += steps
        if isInteractive {
            let time = now()
            if time - lastRedrawTime >= Self.redrawInterval { redraw(at: time) }
        } else {
            reportQuarterIfPassed()
        }
    }

    /// Sets the values shown after the speed, in the order given, e.g. `["loss": loss]`.
    /// They appear at the next redraw; real numbers are shown with 4 significant digits.
    public func set(postfix: KeyValuePairs<String, any MetricConvertible>) {
        self.postfix = postfix.map { (key: $0.key, value: $0.value.metricValue) }
    }

    /// Draws the final state and ends the line. Calling it again does nothing.
    public func finish() {
        guard !isFinished else { return }
        isFinished = true
        whenFinished?(currentLine(at: now()))
        if isInteractive {
            redraw(at: now())
            output.write("\n")
        } else {
            output.write(currentLine(at: now()) + "\n")
        }
        output.flush()
    }

    // MARK: - Drawing

    /// The line for the current state. The bar narrows when the rest of the line grows (a
    /// longer postfix) but never widens again, so it does not jump about between redraws.
    private func currentLine(at time: Double) -> String {
        let line = ProgressLine(
            label: label, count: count, total: total,
            elapsedSeconds: time - startTime, postfix: postfix)
        barWidth = min(barWidth, line.barWidth(fitting: width))
        return line.rendered(barWidth: barWidth)
    }

    /// Rewrites the line in place: carriage return, the new text, and spaces over any leftover
    /// characters of a longer previous line. Cut to fit, since a wrapped line cannot be redrawn.
    private func redraw(at time: Double) {
        lastRedrawTime = time
        let line = String(currentLine(at: time).prefix(width - 1))
        let padding = String(repeating: " ", count: max(0, lastDrawnLength - line.count))
        lastDrawnLength = line.count
        output.write("\r" + line + padding)
        output.flush()
    }

    /// Prints a plain line when the count passes 25%, 50% or 75% (the end is left to `finish()`).
    private func reportQuarterIfPassed() {
        guard total > 0, count < total else { return }
        let quarters = min(3, count * 4 / total)
        guard quarters > quartersReported else { return }
        quartersReported = quarters
        output.write(currentLine(at: now()) + "\n")
        output.flush()
    }
}
