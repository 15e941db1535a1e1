import ClassifierTraining
import Torchlet

/// The hyperparameter studies of the lesson, one per `--study` value: each trains the network
/// several times, changing one thing.
enum Study: String, CaseIterable, Sendable {
    case lr
    case epochs
    case batchSize = "batch-size"
    case activation

    /// What changes, for headings and legends.
    var title: String {
        switch self {
        case .lr: "the learning rate"
        case .epochs: "the number of epochs"
        case .batchSize: "the batch size"
        case .activation: "sigmoid or ReLU in each hidden layer"
        }
    }

    /// The epochs at which the `epochs` study reads the test accuracy: the seed's 5, 30, 50 and
    /// 100, or 1, 2, 3 and 5 for `--quick`.
    static func epochCounts(quick: Bool) -> [Int] { quick ? [1, 2, 3, 5] : [5, 30, 50, 100] }

    /// The runs of the study, each named and with its settings, starting from `base`.
    /// The `epochs` study is one run: a run of 30 epochs *is* the first 30 epochs of a run of
    /// 100 (same seed, same batches, no schedule), so it trains once for the largest count.
    func variants(of base: MLPSettings, quick: Bool) -> [(label: String, settings: MLPSettings)] {
        switch self {
        case .lr:
            return [0.1, 0.01, 0.001, 0.0001].map { lr in
                var settings = base
                settings.learningRate = Float(lr)
                return ("lr \(lr)", settings)
            }
        case .epochs:
            var settings = base
            settings.epochs = Study.epochCounts(quick: quick).max()!
            return [("\(settings.epochs) epochs", settings)]
        case .batchSize:
            return [10, 30, 100, 1000].map { size in
                var settings = base
                settings.batchSize = size
                return ("batch \(size)", settings)
            }
        case .activation:
            let pairs: [(Activation, Activation)] = [(.sigmoid, .sigmoid), (.sigmoid, .relu), (.relu, .sigmoid), (.relu, .relu)]
            return pairs.map { first, second in
                var settings = base
                settings.activations = [first, second]
                return ("\(first.rawValue), \(second.rawValue)", settings)
            }
        }
    }
}

/// One run of a study: its name and what it produced.
struct StudyRun {
    let label: String
    let run: TrainingRun<MLPSettings>

    /// What became of it, for the summary table.
    var outcome: String {
        if let divergence = run.divergence {
            return "diverged (\(divergence.summary))"
        }
        if run.finalTestAccuracy < 0.2 { return "stuck near chance (10%)" }
        return "trained"
    }
}

/// Runs every variant of `study`, each from the same seed, so only the studied setting differs.
/// A run that diverges is kept (marked) and the others carry on.
func runStudy(_ study: Study, base: MLPSettings, quick: Bool, seed: UInt64, trainSet: any Dataset,
              testSet: any Dataset, hooks: (String) -> TrainingHooks = { _ in TrainingHooks() }) -> [StudyRun] {
    study.variants(of: base, quick: quick).map { label, settings in
        withSeed(seed) {
            let model = makeMLP(settings)
            let run = train(model, settings, trainSet: trainSet, testSet: testSet, seed: seed &+ 1,
                            hooks: hooks(label))
            return StudyRun(label: label, run: run)
        }
    }
}
