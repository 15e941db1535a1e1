/// Progress bars for long loops.
extension Notebook {
    /// Starts a progress bar for a loop of `total` steps (see `ProgressBar`). Bars made one after
    /// the other, one per epoch say, stack without blank lines in between.
    ///
    ///     let bar = nb.progress(total: batches.count, label: "epoch \(epoch)")
    ///     for batch in batches { ...; bar.set(postfix: ["loss": loss]); bar.advance() }
    ///     bar.finish()
    public func progress(total: Int, label: String) -> ProgressBar {
        beginCell(.progress)
        let bar = ProgressBar(total: total, label: label, output: output, terminal: terminal, now: now)
        if let page { bar.whenFinished = { page.append(.progress($0)) } }
        return bar
    }
}
