/// The verdict on one exercise.
public enum CheckResult: Sendable, Equatable {
    /// Every check passed.
    case done
    /// The stub still throws `NotImplemented`.
    case notStarted
    /// A check failed: for `input`, the answer should have been `expected` but was `got`.
    /// `hint` says what usually causes this. The texts print tensors as PyTorch does and may span
    /// several lines.
    case wrong(input: String, expected: String, got: String, hint: String)

    /// "done", "wrong" or "not_started": the status's name in JSON reports.
    public var status: String {
        switch self {
        case .done: "done"
        case .notStarted: "not_started"
        case .wrong: "wrong"
        }
    }

    public var isDone: Bool { self == .done }
    public var isNotStarted: Bool { self == .notStarted }
    public var isWrong: Bool { status == "wrong" }
}
