/// Saving a model (and its optimizer) to a `.safetensors` file and loading it back.
///
///     try model.save(to: "xor.safetensors")
///     try model.load(from: "xor.safetensors")
///
///     try model.save(to: "run.safetensors", optimizer: optimizer)   // to resume training later
///     try model.load(from: "run.safetensors", optimizer: optimizer)
///
/// The file holds the model's `stateDict()` under its own names (`0.weight`, `0.bias`, ...),
/// so in Python `model.load_state_dict(load_file(path))` reads a file saved without an
/// optimizer as it is (with one, pass `strict=False` or filter the keys). The optimizer's
/// state (momentum buffers, running averages, step counts) goes in under the prefix
/// `optimizer.`: `optimizer.state.0.momentum_buffer`; Python can pick it out with
/// `{k[10:]: v for k, v in load_file(path).items() if k.startswith("optimizer.")}`. The header's
/// metadata says `{"format": "pt"}`, as Hugging Face's PyTorch checkpoints do.
extension Module {
    /// Writes the model's state, and `optimizer`'s if given, to a safetensors file at `path`.
    /// The write is atomic, so a failed save leaves an older file at `path` as it was.
    public func save(to path: String, optimizer: (any Optimizer)? = nil) throws {
        var tensors = stateDict()
        if let optimizer {
            let prefix = optimizerStatePrefix
            if let clash = tensors.first(where: { $0.name.hasPrefix(prefix) }) {
                throw CheckpointError.io(
                    path: path,
                    reason: "the model has a tensor named \"\(clash.name)\", which "
                        + "would be mistaken for the optimizer's state; rename that submodule, or save the optimizer's "
                        + "stateDict() in a file of its own with SafeTensors.write")
            }
            tensors += optimizer.stateDict().map { (prefix + $0.name, $0.tensor) }
        }
        try SafeTensors.write(tensors, metadata: ["format": "pt"], to: path)
    }

    /// Reads a file written by `save(to:optimizer:)` (or by PyTorch with safetensors) and
    /// copies its values into the model, and into `optimizer` if given.
    ///
    /// The whole file and every name and shape are checked first: a corrupt or truncated
    /// file, a missing or unexpected key, or a shape mismatch throws a `CheckpointError` and
    /// leaves both the model and the optimizer untouched. Without an optimizer, optimizer state
    /// in the file is ignored.
    public func load(from path: String, optimizer: (any Optimizer)? = nil) throws {
        let saved = try SafeTensors.read(from: path)
        let prefix = optimizerStatePrefix
        let modelNames = Set(stateDict().map(\.name))
        var modelState: [String: Tensor] = [:]
        var optimizerState: [String: Tensor] = [:]
        for (name, tensor) in saved {
            if name.hasPrefix(prefix) && !modelNames.contains(name) {
                optimizerState[String(name.dropFirst(prefix.count))] = tensor
            } else {
                modelState[name] = tensor
            }
        }
        // Check the model first, then let the optimizer check and load (it changes nothing when
        // it throws), and only then copy into the model, which can no longer fail.
        let copyIntoModel = try checkedStateLoading(modelState, strict: true)
        do {
            try optimizer?.loadStateDict(optimizerState)
        } catch let error as CheckpointError {
            throw error.withOptimizerPrefix
        }
        copyIntoModel()
    }
}

/// The prefix of the optimizer's names in a checkpoint.
private let optimizerStatePrefix = "optimizer."

extension CheckpointError {
    /// The error with its key named as in the file (`optimizer.state.0.momentum_buffer`), not as
    /// the optimizer knows it (`state.0.momentum_buffer`).
    fileprivate var withOptimizerPrefix: CheckpointError {
        let prefix = optimizerStatePrefix
        return switch self {
        case let .missingKey(key): .missingKey(prefix + key)
        case let .unexpectedKey(key): .unexpectedKey(prefix + key)
        case let .shapeMismatch(key, saved, expected):
            .shapeMismatch(key: prefix + key, saved: saved, expected: expected)
        case .io, .corrupt: self
        }
    }
}
