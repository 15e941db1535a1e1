/// A model's state: every parameter and buffer by its dotted name, PyTorch's `state_dict()`.
extension Module {
    /// Every parameter and buffer with its dotted name (`0.weight`, `linear1.bias`, ...), in
    /// the order of `namedTensors()`: what a checkpoint saves.
    ///
    /// As in PyTorch, these are the model's own tensors, not copies: training the model later
    /// changes them. Keep a snapshot (say, of the best epoch) with
    /// `model.stateDict().map { ($0.name, $0.tensor.detach()) }`.
    public func stateDict() -> [(name: String, tensor: Tensor)] {
        namedTensors()
    }

    /// Copies the values of `state` into this model's parameters and buffers, by name (PyTorch's
    /// `load_state_dict`).
    ///
    /// Everything is checked before anything is copied, so on error the model is untouched:
    /// with `strict` (the default), a name the model has but `state` lacks throws
    /// `CheckpointError.missingKey`, and a name `state` has but the model lacks throws
    /// `.unexpectedKey`; with `strict: false` both are skipped. A tensor of another shape than
    /// the one it would replace always throws `.shapeMismatch`, naming the key and both shapes.
    /// Each model tensor keeps its dtype (an int64 buffer stays int64, as with PyTorch's `copy_`).
    public func loadStateDict(_ state: [String: Tensor], strict: Bool = true) throws {
        try checkedStateLoading(state, strict: strict)()
    }

    /// The checks of `loadStateDict`, in PyTorch's order (missing keys, unexpected keys, shapes):
    /// throws the first problem, or returns the copying, which can no longer fail.
    func checkedStateLoading(_ state: [String: Tensor], strict: Bool) throws(CheckpointError) -> () -> Void {
        let own = stateDict()
        if strict {
            if let missing = own.first(where: { state[$0.name] == nil }) {
                throw .missingKey(missing.name)
            }
            let names = Set(own.map(\.name))
            if let unexpected = state.keys.filter({ !names.contains($0) }).sorted().first {
                throw .unexpectedKey(unexpected)
            }
        }
        var pairs: [(target: Tensor, source: Tensor)] = []
        for (name, target) in own {
            guard let source = state[name] else { continue }
            guard source.shape == target.shape else {
                throw .shapeMismatch(key: name, saved: source.shape, expected: target.shape)
            }
            pairs.append((target, source))
        }
        return {
            for (target, source) in pairs where target !== source {
                switch target.dtype {
                case .float32: target.scalars = source.scalars
                case .int64: target.scalars = source.scalars.map { $0.rounded(.towardZero) }
                case .bool: target.scalars = source.scalars.map { $0 != 0 ? 1 : 0 }
                }
            }
        }
    }
}
