/// Why a saved state could not be loaded. Each case names what is wrong and where, and loading
/// that throws changes nothing.
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    /// The file could not be read or written.
    case io(path: String, reason: String)
    /// The file is not a valid checkpoint (truncated, bad header, data of the wrong size).
    case corrupt(path: String, reason: String)
    /// The model or optimizer needs `key`, but the saved state lacks it.
    case missingKey(String)
    /// The saved state has `key`, which the model or optimizer does not know.
    case unexpectedKey(String)
    /// The saved tensor for `key` has another shape than the one it would replace.
    case shapeMismatch(key: String, saved: [Int], expected: [Int])

    public var description: String {
        switch self {
        case let .io(path, reason):
            return "checkpoint '\(path)': \(reason)"
        case let .corrupt(path, reason):
            return "checkpoint '\(path)' is corrupt: \(reason). It was not loaded; save it again."
        case let .missingKey(key):
            return
                "error loading state: missing key \"\(key)\" (what is being loaded expects it, the saved state lacks it; "
                + "was it saved from the same architecture?)"
        case let .unexpectedKey(key):
            return
                "error loading state: unexpected key \"\(key)\" (the saved state has it, what is being loaded does not; "
                + "was it saved from the same architecture?)"
        case let .shapeMismatch(key, saved, expected):
            return "error loading state: size mismatch for \(key): copying a param with shape \(saved.formatted) "
                + "from checkpoint, the shape in current model is \(expected.formatted)."
        }
    }
}
