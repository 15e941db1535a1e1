import Datasets
import Notebook
import Torchlet

// MARK: - What the notebook draws while it trains

extension Notebook {
    /// Training hooks that draw one of this notebook's progress bars per epoch, named
    /// `label(epoch)`, and write each epoch's numbers to the metrics file, with `metrics` added
    /// (a study's name and run). Lessons 06 and 07 both draw their training this way.
    public func progressBars(_ label: @escaping (Int) -> String,
                      metrics: [String: any MetricConvertible] = [:]) -> TrainingHooks {
        TrainingHooks.progressBars(label: label, bar: { label, batches in
            let bar = self.progress(total: batches, label: label)
            return { progress in
                switch progress {
                case .batch(let loss):
                    bar.set(postfix: ["batch loss": loss])
                    bar.advance()
                case .finished(let record):
                    bar.set(postfix: ["epoch loss": record.trainLoss, "test acc": record.testAccuracy])
                    bar.finish()
                }
            }
        }, epochFinished: { record in
            let numbers: [String: any MetricConvertible] = [
                "epoch": record.epoch, "train_loss": record.trainLoss, "train_accuracy": record.trainAccuracy,
                "test_loss": record.testLoss, "test_accuracy": record.testAccuracy, "seconds": record.seconds,
            ]
            self.log(metrics.merging(numbers) { _, epoch in epoch })
        })
    }

    /// A progress bar per file, for `MNIST`'s downloads (when the data is not there yet).
    public func downloadBars() -> (DownloadEvent) -> Void {
        var bar: ProgressBar?
        return { event in
            switch event {
            case let .started(file, _, bytes): bar = self.progress(total: bytes ?? 0, label: file)
            case let .received(_, bytes): bar?.advance(by: bytes)
            case .finished, .failed: bar?.finish()
            }
        }
    }
}
