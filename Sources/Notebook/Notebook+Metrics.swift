/// Metrics for `--metrics FILE`, one JSON object per line.
extension Notebook {
    /// Writes one record to the metrics file, e.g. once per epoch:
    ///
    ///     nb.log(["epoch": epoch, "loss": loss, "accuracy": accuracy])
    ///     // {"accuracy":0.9,"epoch":1,"loss":0.25}
    ///
    /// Nothing happens without `--metrics`. Keys are sorted, each line is flushed at once, and
    /// NaN or infinite numbers are written as `null` (see `JSONLine`). The file also gets a
    /// `"start"` record when the notebook opens it and a `"finish"` record from `finish()`.
    public func log(_ record: [String: any MetricConvertible]) {
        guard let metricsLog else { return }
        do {
            try metricsLog.write(record)
        } catch {
            self.metricsLog = nil
            metricsLog.close()
            let reason = error.localizedDescription
            warning("could not write to '\(metricsLog.path)' (\(reason)); no more metrics will be written")
        }
    }

    /// Whether metrics are being written (`--metrics` was given and the file is open).
    public var isLoggingMetrics: Bool { metricsLog != nil }

    /// Opens the metrics file and writes the `"start"` record; a failure is reported and the
    /// lesson carries on without metrics.
    func openMetrics(at path: String) {
        do {
            metricsLog = try MetricsLog(path: path)
            log(["event": "start", "lesson": lesson, "seed": seed, "quick": quick])
        } catch {
            warning("could not create the metrics file '\(path)'; the lesson runs without writing metrics")
        }
    }
}
