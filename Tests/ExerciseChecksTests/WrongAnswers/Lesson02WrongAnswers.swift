import ExerciseChecks
import Foundation
import Torchlet

/// Lesson 02's plausible wrong answers (activation functions), each of which its check must reject.
extension WrongAnswer {
    static var lesson02: [WrongAnswer] {
        [
            WrongAnswer("sigmoidWithTheSignFlipped", Lesson02Checks.sigmoid) { x in 1 / (1 + x.exp()) },
            // Right on paper, nan at x = 100 in Float.
            WrongAnswer("sigmoidAsExpOverOnePlusExp", Lesson02Checks.sigmoid, mentioning: ["nan"]) { x in
                x.exp() / (1 + x.exp())
            },
            WrongAnswer(
                "sigmoidDerivativeAsTheSigmoidAlone", Lesson02Checks.sigmoidDerivative,
                mentioning: ["0.25"]
            ) { x in
                x.sigmoid()
            },
            WrongAnswer(
                "softmaxWithoutSubtractingTheMax", Lesson02Checks.stableSoftmax,
                mentioning: ["1000", "nan", "largest"]
            ) { x, dim in
                let exponentials = x.exp()
                return exponentials / exponentials.sum(dim: dim, keepDim: true)
            },
            WrongAnswer("softmaxIgnoringDim", Lesson02Checks.stableSoftmax, mentioning: ["dim: 0"]) { x, _ in
                let exponentials = (x - x.max(dim: 1, keepDim: true).values).exp()
                return exponentials / exponentials.sum(dim: 1, keepDim: true)
            },
            WrongAnswer("leakyReluWithTheSlopeOnThePositiveSide", Lesson02Checks.leakyRelu) { x, slope in
                slope * x.relu() - (-x).relu()
            },
            WrongAnswer("leakyReluWithAFixedSlope", Lesson02Checks.leakyRelu, mentioning: ["0.2"]) { x, _ in
                x.relu() - 0.01 * (-x).relu()
            },
            // Right for every single-row case; nan on a batch with a row near 1000 and one near -1000.
            WrongAnswer(
                "softmaxWithTheMaxOfTheWholeTensor", Lesson02Checks.stableSoftmax,
                mentioning: ["[-1000., -1001., -1002.]", "nan", "Each row needs its own largest score"]
            ) { x, dim in
                let exponentials = (x - x.max()).exp()
                return exponentials / exponentials.sum(dim: dim, keepDim: true)
            },
        ]
    }
}
