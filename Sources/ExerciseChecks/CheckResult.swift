/// The verdict on one exercise.
public enum CheckResult: Sendable, Equatable {
    /// Every check passed.
    case done
    /// The stub still throws its own `NotImplemented`.
    case notStarted
    /// A check failed: for `input`, the answer should have been `expected` but was `got`.
    /// `hint` says what usually causes this. The texts print tensors as PyTorch does and may span
    /// several lines.
    case wrong(input: String, expected: String, got: String, hint: String)
    /// The answer calls (or builds on) exercise `id`, which is not done: not started
    /// (its stub threw `NotImplemented`), or wrong (`dependencyIsWrong`), in which case its
    /// report belongs to `id`, not to this exercise.
    case needs(id: String, dependencyIsWrong: Bool)

    /// "done", "wrong", "not_started" or "needs": the status's name in JSON reports.
    public var status: String {
        switch self {
        case .done: "done"
        case .notStarted: "not_started"
        case .wrong: "wrong"
        case .needs: "needs"
        }
    }

    public var isDone: Bool { self == .done }
    public var isNotStarted: Bool { self == .notStarted }
    public var isWrong: Bool { status == "wrong" }

    /// What to report for an exercise whose own check gave this result, given the results of
    /// the exercises it builds on: a wrong answer while one of those is wrong too is that
    /// one's fault first ("needs 4.1 first"). A dependency that is only not started cannot have
    /// caused it: calling its stub would have thrown `NotImplemented` and given `.needs` already.
    public func settled(dependencies: [(id: String, result: CheckResult)]) -> CheckResult {
        guard isWrong else { return self }
        for (id, result) in dependencies {
            switch result {
            case .wrong: return .needs(id: id, dependencyIsWrong: true)
            case let .needs(root, isWrong) where isWrong: return .needs(id: root, dependencyIsWrong: true)
            default: continue
            }
        }
        return self
    }
}
