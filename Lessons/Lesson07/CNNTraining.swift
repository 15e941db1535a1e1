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
