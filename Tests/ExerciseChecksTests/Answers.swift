@testable import check
import ExerciseChecks

/// The check of exercise `id` on `answers` (the learner's in `Exercises/`, the reference in
/// `Solutions/`), run in this process exactly as the `check` command runs it in a child.
func check(_ id: String, in answers: AnswerSource) -> CheckResult {
    answers.check(Exercise.named(id)!)
}
