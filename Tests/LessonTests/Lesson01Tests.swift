import Foundation
import Notebook
import Testing
import Torchlet
@testable import Lesson01

/// Runs Lesson01 as `swift run Lesson01 <arguments>` would, into a capture, and returns the
/// numbers it taught and the text it printed.
private func runLesson01(_ arguments: [String] = ["--quick", "--plot", "none"]) throws
    -> (results: Lesson01Results, text: String, contradictions: [String])
{
    let lesson = try Lesson01.parse(arguments)
    let output = CapturedText()
    // A private generator: the notebook seeds it with --seed, and tests running in parallel
    // cannot disturb each other's numbers.
    let (results, contradictions) = withSeed(0) {
        let nb = Notebook(
            lesson: "Lesson01", title: "The perceptron", options: lesson.common, output: output,
            terminal: Terminal(isInteractive: false, width: 88, usesColour: false), now: { 0 })
        return (lesson.teach(nb), nb.contradictions)
    }
    return (results, output.text, contradictions)
}

@Suite("Lesson01: the perceptron")
struct Lesson01Tests {
    @Test("sections 1 and 2: the hand-worked score, probability and batch of scores")
    func affineMap() throws {
        let z = (Tensor([0.5, 1.5]) * Tensor([2.0, -1])).sum() + Tensor(0.25)
        #expect(z.item() == -0.25)
        #expect(abs(z.sigmoid().item() - 0.4378) < 5e-5)
        let X = Tensor([[2.0, -1], [0, 0], [1, 1], [-1, 2]]), W = Tensor([[0.5, 1.5]]), b = Tensor([0.25])
        #expect((X.matmul(W.t()) + b).scalars == [-0.25, 0.25, 2.25, 2.75])
        let layer = Linear(2, 1)
        noGrad {
            layer.weight.copy(from: W)
            layer.bias!.copy(from: b)
        }
        #expect(layer(X).scalars == [-0.25, 0.25, 2.25, 2.75])
        // The lesson lists these very lines and prints what they computed.
        let text = try runLesson01().text
        #expect(text.contains("│ let X = Tensor([[2.0, -1], [0, 0], [1, 1], [-1, 2]])  // [4, 2]"))
        #expect(text.contains("z = tensor(-0.2500)\nz.sigmoid() = tensor(0.4378)"))
        // A multi-line tensor's rows line up under the first, past the "Z = ".
        let Z = "\(X.matmul(W.t()) + b)".replacingOccurrences(of: "\n", with: "\n    ")
        #expect(text.contains("Z = \(Z)\nZ.shape = [4, 1]"))
    }

    @Test("section 3 lists the Perceptron class from Perceptron.swift, as it is written")
    func perceptronClassIsListed() throws {
        let text = try runLesson01().text
        let source = try String(contentsOfFile: perceptronListing.file, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let classLines = source[perceptronListing.line...].prefix { !$0.isEmpty }
        #expect(classLines.first == "final class Perceptron: Module {" && classLines.last == "}")
        #expect(text.contains(classLines.map { "│ " + $0 }.joined(separator: "\n") + "\n\n"))
        // The training loop of section 5 is listed from GradientTraining.swift.
        #expect(text.contains("│ for epoch in 1...epochs {\n│     for (x, y) in loader {"))
    }

    @Test("the Perceptron module prints as PyTorch's and returns one probability per sample")
    func module() {
        let model = withSeed(1) { Perceptron(inputDim: 2) }
        #expect(model.description == "Perceptron(\n  (fc1): Linear(in_features=2, out_features=1, bias=True)\n)")
        #expect(model.namedParameters().map(\.name) == ["fc1.weight", "fc1.bias"])
        let x = Tensor([[1.0, 2], [-1, 0.5], [0, 0]])
        let y = model(x)
        #expect(y.shape == [3])
        let w = model.weights, b = model.biasValue
        let expected = [[1.0, 2], [-1, 0.5], [0, 0]].map { p -> Float in
            1 / (1 + exp(-(w[0] * Float(p[0]) + w[1] * Float(p[1]) + b)))
        }
        for (got, want) in zip(y.scalars, expected) { #expect(abs(got - want) < 1e-6) }
        // A batch of one keeps its batch dimension.
        #expect(model(Tensor([[1.0, 2]])).shape == [1])
    }

    @Test("section 4: the printed gradients equal dL/dw = mean((ŷ - y)·x), dL/db = mean(ŷ - y)")
    func trainingStepGradients() throws {
        let (results, text, _) = try runLesson01()
        let step = results.step
        let batch = results.data.balancedBatch(perClass: 3)
        #expect(batch.count == 6 && batch.labels.scalars.filter { $0 == 1 }.count == 3)
        // The formula in plain Floats, independently of the lesson's tensor version.
        let yHat = step.predictions.scalars, y = batch.labels.scalars, x1 = batch.x1, x2 = batch.x2
        let n = Float(yHat.count)
        let errors = zip(yHat, y).map { $0 - $1 }
        let dw1 = zip(errors, x1).map { $0 * $1 }.reduce(0, +) / n
        let dw2 = zip(errors, x2).map { $0 * $1 }.reduce(0, +) / n
        let db = errors.reduce(0, +) / n
        #expect(abs(step.weightGrad.scalars[0] - dw1) < 1e-6)
        #expect(abs(step.weightGrad.scalars[1] - dw2) < 1e-6)
        #expect(abs(step.biasGrad.scalars[0] - db) < 1e-6)
        #expect(step.largestGradientDifference < 1e-6)
        // The gradients are not trivially zero, and the step moved the weights by lr · grad.
        #expect(abs(dw1) + abs(dw2) + abs(db) > 0.01)
        for i in 0..<2 {
            #expect(
                abs(step.weightAfter.scalars[i] - (step.weightBefore.scalars[i] - 0.5 * step.weightGrad.scalars[i]))
                    < 1e-6)
        }
        #expect(abs(step.biasAfter.item() - (step.biasBefore.item() - 0.5 * step.biasGrad.item())) < 1e-6)
        // The BCE the lesson printed is the BCE of these predictions.
        let bce = -zip(yHat, y).map { $1 * log($0) + (1 - $1) * log(1 - $0) }.reduce(0, +) / n
        #expect(abs(step.loss.item() - bce) < 1e-5)
        // What the learner reads is what was computed.
        #expect(text.contains("model.fc1.weight.grad = \(step.weightGrad)"))
        #expect(text.contains("model.fc1.bias!.grad = \(step.biasGrad)"))
        #expect(step.movedAgainstTheGradient(learningRate: 0.5))
        #expect(step.lossAfter.item() < step.loss.item())
    }

    @Test("section 5: the separable set reaches 100% accuracy, and the lesson says after which epoch")
    func separableSetIsLearned() throws {
        let (results, text, _) = try runLesson01()
        let records = results.separable
        #expect(records.count == 21)  // epoch 0 and 20 epochs (--quick)
        #expect(records.last!.accuracy == 1)
        #expect(records.last!.loss < records[0].loss / 5)
        let firstPerfect = try #require(records.first { $0.accuracy == 1 })
        #expect(text.contains("Accuracy reaches 100% after epoch \(firstPerfect.epoch)"))
        // The learned line points roughly the way of the hidden rule's weights (1, 2): within
        // about 18° (seed 42 ends 13.6° away), as a line that separates every point must.
        let w = records.last!.weights
        let cosine = (w[0] + 2 * w[1]) / ((w[0] * w[0] + w[1] * w[1]).squareRoot() * Float(5).squareRoot())
        #expect(cosine > 0.95)
        // The data really is separable with the gap the lesson describes.
        let margins = zip(results.data.x1, results.data.x2).map { TeacherLine.distance($0, $1) }
        #expect(margins.allSatisfy { abs($0) >= 0.25 })
        #expect(zip(margins, results.data.labels.scalars).allSatisfy { ($0 > 0) == ($1 == 1) })
    }

    @Test("section 6: Rosenblatt's rule stops after an epoch without mistakes, at 100%")
    func perceptronRuleConverges() throws {
        let (results, _, _) = try runLesson01()
        let run = results.rule
        #expect(run.converged)
        #expect(run.accuracy == 1)
        #expect(run.mistakesPerEpoch.last == 0)
        #expect(run.mistakesPerEpoch.dropLast().allSatisfy { $0 > 0 })
        // The first update is the rule: w ← w + lr·(t − ŷ)·x, b ← b + lr·(t − ŷ), lr = 0.1.
        let u = try #require(run.firstUpdate)
        let error = u.target - u.prediction
        #expect(error == 1 || error == -1)
        #expect((u.score >= 0 ? 1 : 0) == u.prediction)
        for i in 0..<2 { #expect(abs(u.weightsAfter[i] - (u.weightsBefore[i] + 0.1 * error * u.x[i])) < 1e-6) }
        #expect(abs(u.biasAfter - (u.biasBefore + 0.1 * error)) < 1e-6)
        // It starts from the gradient run's untrained line (the first mistake is the first update).
        #expect(u.weightsBefore == results.separable[0].weights && u.biasBefore == results.separable[0].bias)
    }

    @Test("one step of the rule: a right guess changes nothing, a miss moves the line")
    func ruleStep() {
        var rule = PerceptronRule(weights: [0.5, -0.5], bias: 0, learningRate: 0.1)
        #expect(rule.update(x: [1, 2], target: 1) == 1)  // z = -0.5 < 0: a missed class-1 point
        #expect(abs(rule.weights[0] - 0.6) < 1e-6 && abs(rule.weights[1] + 0.3) < 1e-6 && abs(rule.bias - 0.1) < 1e-7)
        #expect(rule.update(x: [1, 2], target: 0) == -1)  // now z = 0.1 ≥ 0: a false alarm
        #expect(abs(rule.weights[0] - 0.5) < 1e-6 && abs(rule.weights[1] + 0.5) < 1e-6 && abs(rule.bias) < 1e-7)
        let unchanged = PerceptronRule(weights: [0.2, 0.4], bias: -0.1, learningRate: 0.5)
        var copy = unchanged
        #expect(copy.update(x: [1, 1], target: 1) == 0)
        #expect(copy.weights == unchanged.weights && copy.bias == unchanged.bias)
    }

    @Test("section 7: XOR stays at or below 75%, its loss goes to log 2, and no line does better")
    func xorCannotBeLearned() throws {
        let (results, text, _) = try runLesson01()
        #expect(results.xorRecords.count == 101)  // epoch 0 and 100 epochs (--quick)
        #expect(results.xorRecords.allSatisfy { $0.accuracy <= 0.75 })
        #expect(abs(results.xorRecords.last!.loss - Float(log(2.0))) < 1e-3)
        #expect(results.xorSearch.bestAccuracy == 0.75)
        #expect(results.xorSearch.linesTried == 41 * 41 * 41 - 41)
        #expect(results.xorRule.mistakesPerEpoch.count == 20)
        #expect(results.xorRule.mistakesPerEpoch.allSatisfy { $0 >= 1 })
        #expect(!results.xorRule.converged)
        #expect(results.xorRule.accuracy <= 0.75)
        #expect(text.contains("search.bestAccuracy = 0.75"))
        // The two parallel lines of the figure each get exactly 3 of 4 right.
        let xor = makeXORData()
        for bias: Float in [-0.5, -1.5] {
            let scores = zip(xor.x1, xor.x2).map { $0 + $1 + bias }
            let above = zip(scores, xor.labels.scalars).filter { ($0 >= 0 ? 1 : 0) == $1 }.count
            #expect(max(above, 4 - above) == 3)
        }
    }

    @Test("the lesson is seeded: the same seed prints the same text, another seed other numbers")
    func seeded() throws {
        let first = try runLesson01()
        let again = try runLesson01()
        #expect(first.text == again.text)
        let other = try runLesson01(["--quick", "--plot", "none", "--seed", "7"])
        #expect(other.text != first.text)
        #expect(other.results.separable.last!.accuracy == 1)
        #expect(other.results.xorRecords.allSatisfy { $0.accuracy <= 0.75 })
    }

    @Test(
        "no sentence of the lesson contradicts its run, for several seeds, quick or not",
        arguments: [["--quick"], ["--quick", "--seed", "7"], ["--quick", "--seed", "123"], ["--seed", "1"], []])
    func noContradiction(flags: [String]) throws {
        let run = try runLesson01(flags + ["--plot", "none"])
        #expect(run.contradictions.isEmpty, "\(flags): \(run.contradictions)")
    }

    @Test("the decision line stays inside the plot box and lies on w·x + b = 0")
    func decisionLinePoints() {
        let line = decisionLine(weights: [1, 2], bias: -0.5, x1Range: -2.2...2.2, x2Range: -2.2...2.2)
        #expect(!line.x1.isEmpty)
        for (a, b) in zip(line.x1, line.x2) {
            #expect((-2.2...2.2).contains(a) && (-2.2...2.2).contains(b))
            #expect(abs(a + 2 * b - 0.5) < 1e-9)
        }
        let vertical = decisionLine(weights: [1, 0], bias: -1, x1Range: -2...2, x2Range: -2...2)
        #expect(vertical.x1.allSatisfy { $0 == 1 } && vertical.x2.count > 100)
        #expect(decisionLine(weights: [0, 0], bias: 1, x1Range: -1...1, x2Range: -1...1).x1.isEmpty)
    }
}
