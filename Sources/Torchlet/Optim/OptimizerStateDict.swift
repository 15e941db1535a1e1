/// How an optimizer's memory is named in a state dict, and how a saved one is checked before it
/// is loaded.
///
/// The names are PyTorch's `optimizer.state_dict()["state"]`, flattened with dots:
/// `state.<i>.<name>`, where `i` is the parameter's position in the list the optimizer was
/// given and `name` is PyTorch's (`momentum_buffer`, `exp_avg`, `exp_avg_sq`, `step`, ...).
/// `step` is a single number (a tensor of shape `[]`, as in PyTorch); every other entry has the
/// parameter's shape.
struct OptimizerStateLayout {
    /// The entries each parameter with state has, in order (e.g. `["step", "exp_avg", "exp_avg_sq"]`).
    let names: [String]

    /// The name of the step count, the one entry that is a single number.
    static let stepName = "step"

    /// The flattened key, `state.3.exp_avg`.
    static func key(_ index: Int, _ name: String) -> String { "state.\(index).\(name)" }

    /// The step count as a state-dict entry: a float tensor of shape `[]`, as PyTorch saves it.
    static func stepTensor(_ step: Int) -> Tensor { Tensor(shape: [], scalars: [Float(step)]) }

    /// Checks `state` against `parameters` and returns, for each parameter, its saved entries by
    /// name, or `nil` if the saved state has none for it (it had no gradient yet).
    ///
    /// A parameter either has all of `names` or none of them, unless `everyParameter` (for an
    /// optimizer such as Adagrad whose state exists from the start): then all are required.
    /// Problems are reported in PyTorch's order: missing keys, then unexpected keys (the first in
    /// sorted order), then shapes. Nothing is changed here, so a caller that applies the result
    /// only after this returns changes nothing when it throws.
    func check(
        _ state: [String: Tensor], parameters: [Tensor], everyParameter: Bool
    ) throws(CheckpointError) -> [[String: Tensor]?] {
        var saved = [[String: Tensor]](repeating: [:], count: parameters.count)
        var unexpected: [String] = []
        for (key, tensor) in state {
            if let (index, name) = parse(key), index < parameters.count, names.contains(name) {
                saved[index][name] = tensor
            } else {
                unexpected.append(key)
            }
        }
        for index in parameters.indices where everyParameter || !saved[index].isEmpty {
            if let name = names.first(where: { saved[index][$0] == nil }) {
                throw .missingKey(Self.key(index, name))
            }
        }
        if let key = unexpected.sorted().first {
            throw .unexpectedKey(key)
        }
        for (index, parameter) in parameters.enumerated() {
            for name in names {
                guard let tensor = saved[index][name] else { continue }
                let expected = name == Self.stepName ? [] : parameter.shape
                if tensor.shape != expected {
                    throw .shapeMismatch(key: Self.key(index, name), saved: tensor.shape, expected: expected)
                }
            }
        }
        return saved.map { $0.isEmpty ? nil : $0 }
    }

    /// `("state.12.exp_avg")` -> `(12, "exp_avg")`, or `nil` if the key is not of that form.
    private func parse(_ key: String) -> (Int, String)? {
        let parts = key.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "state", let index = Int(parts[1]), index >= 0,
            String(index) == parts[1]
        else { return nil }
        return (index, String(parts[2]))
    }
}

extension Tensor {
    /// The step count saved in a state dict (a tensor of shape `[]`), as a whole number.
    var savedStepCount: Int { Int(scalars[0].rounded(.towardZero)) }
}
