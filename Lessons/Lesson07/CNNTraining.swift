import ClassifierTraining
import Datasets
import Foundation
import Notebook
import Torchlet

/// What a training run of the lesson's CNN produced.
typealias CNNRun = TrainingRun<CNNSettings>

/// The loss above which a run counts as diverged: a network that guesses scores log 10 = 2.30,
/// so a loss of 100 means the scores have exploded and nothing sensible can follow.
let divergedLoss: Float = 100

/// Trains `model` with Adam and cross-entropy on `trainSet`, evaluating on `testSet` (100
/// pictures at a time, so memory stays small) after each epoch. The batches are shuffled by a
/// loader seeded with `seed`. Stops at the first batch whose loss is not a finite number, or
/// above `divergedLoss`, and records where (`divergence`). With `listing`, the optimizer and
/// the loop are shown in that notebook as they run.
func trainCNN(_ model: Sequential, _ settings: CNNSettings, trainSet: any Dataset, testSet: any Dataset,
              seed: UInt64, hooks: TrainingHooks = TrainingHooks(), listing nb: Notebook? = nil) -> CNNRun {
    nb?.code()
    let optimizer = Adam(model.parameters(), lr: settings.learningRate)
    return trainClassifier(model, settings: settings, optimizer: optimizer,
                           epochs: settings.epochs, batchSize: settings.batchSize,
                           trainSet: trainSet, testSet: testSet, evaluationBatchSize: 100,
                           seed: seed, divergenceLimit: divergedLoss, hooks: hooks,
                           listing: nb?.code)
}

// MARK: - What the notebook draws while it trains

extension Notebook {
    /// Training hooks that draw one of this notebook's progress bars per epoch, named
    /// `label(epoch)`, and write each epoch's numbers to the metrics file, with `metrics` added
    /// (a study's name and run). The bars' logic is ClassifierTraining's, shared with Lesson06.
    func progressBars(_ label: @escaping (Int) -> String,
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
    func downloadBars() -> (DownloadEvent) -> Void {
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
