/// The hyperparameters of a lesson's training run, recorded in the `--metrics` file under the
/// same keys in every lesson, so one script can read any lesson's runs:
///
///     {"event":"settings","epochs":15,"lr":0.1,"batch_size":100,"optimizer":"SGD","dataset":"fashion-mnist"}
///
/// A value a lesson does not have (Lesson04 has no batches) is left out of the record.
public struct TrainingSettings: Sendable {
    /// How many passes over the training data.
    public var epochs: Int?
    /// The optimizer's learning rate.
    public var learningRate: Double?
    /// Samples per batch.
    public var batchSize: Int?
    /// The optimizer's PyTorch name, such as `"SGD"` or `"Adam"`.
    public var optimizer: String?
    /// The data trained on, such as `"xor"`, `"mnist"` or `"fashion-mnist"`.
    public var dataset: String?

    /// Creates the settings of a run; leave out what the lesson does not have.
    public init(
        epochs: Int? = nil, learningRate: Double? = nil, batchSize: Int? = nil,
        optimizer: String? = nil, dataset: String? = nil
    ) {
        self.epochs = epochs
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.optimizer = optimizer
        self.dataset = dataset
    }

    /// The keys of the record, as the README documents them.
    var record: [String: any MetricConvertible] {
        var record: [String: any MetricConvertible] = ["event": "settings"]
        if let epochs { record["epochs"] = epochs }
        if let learningRate { record["lr"] = learningRate }
        if let batchSize { record["batch_size"] = batchSize }
        if let optimizer { record["optimizer"] = optimizer }
        if let dataset { record["dataset"] = dataset }
        return record
    }
}

extension Notebook {
    /// Records the run's hyperparameters in the `--metrics` file (see `TrainingSettings`).
    public func log(_ settings: TrainingSettings) {
        log(settings.record)
    }
}
