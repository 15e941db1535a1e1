import Foundation
import ExerciseChecks
import Testing
import Torchlet

/// Plausible wrong answers, one or more per exercise, each of which its check must reject.
@Suite("Exercise checks: wrong answers are rejected")
struct WrongAnswerTests {
    /// Expects `result` to be wrong, and its texts to mention each of `mentions`.
    func expectWrong(_ result: CheckResult, mentioning mentions: [String] = [],
                     sourceLocation: SourceLocation = #_sourceLocation) {
        guard case let .wrong(input, expected, got, hint) = result else {
            Issue.record("expected a wrong answer to be rejected, got \(result)", sourceLocation: sourceLocation)
            return
        }
        let text = [input, expected, got, hint].joined(separator: "\n")
        for mention in mentions {
            #expect(text.contains(mention), "'\(mention)' not in:\n\(text)", sourceLocation: sourceLocation)
        }
        #expect(!expected.isEmpty && !got.isEmpty && !hint.isEmpty, sourceLocation: sourceLocation)
    }

    // MARK: Lesson 01

    @Test func perceptronForwardWithoutBias() {
        expectWrong(Lesson01Checks.perceptronForward { x, weight, _ in
            x.matmul(weight.t()).sigmoid().squeeze(dim: 1)
        }, mentioning: ["bias"])
    }

    @Test func perceptronForwardSqueezingEverything() {
        // Right for a batch of four, but a batch of one collapses to a scalar.
        expectWrong(Lesson01Checks.perceptronForward { x, weight, bias in
            (x.matmul(weight.t()) + bias).sigmoid().squeeze()
        }, mentioning: ["shape [1]", "squeeze(dim: 1)"])
    }

    @Test func perceptronForwardLeavingTheColumn() {
        expectWrong(Lesson01Checks.perceptronForward { x, weight, bias in
            (x.matmul(weight.t()) + bias).sigmoid()
        }, mentioning: ["[4, 1]"])
    }

    @Test func perceptronForwardCutOffFromTheGraph() {
        // Right numbers, computed outside autograd: the gradient check must notice.
        expectWrong(Lesson01Checks.perceptronForward { x, weight, bias in
            let values = (x.matmul(weight.t()) + bias).sigmoid().squeeze(dim: 1)
            return Tensor(shape: values.shape, scalars: values.scalars)
        }, mentioning: ["backward()"])
    }

    @Test func perceptronRuleStepWithTheSignFlipped() {
        expectWrong(Lesson01Checks.perceptronRuleStep { weight, bias, x, target, learningRate in
            let prediction: Float = ((weight * x).sum() + bias).item() >= 0 ? 1 : 0
            let error = target - prediction
            return (weight - (learningRate * error) * x, bias - learningRate * error)
        })
    }

    @Test func perceptronRuleStepWithTheThresholdOnTheWrongSide() {
        expectWrong(Lesson01Checks.perceptronRuleStep { weight, bias, x, target, learningRate in
            let prediction: Float = ((weight * x).sum() + bias).item() > 0 ? 1 : 0
            let error = target - prediction
            return (weight + (learningRate * error) * x, bias + learningRate * error)
        }, mentioning: ["z ≥ 0"])
    }

    @Test func perceptronRuleStepInPlace() {
        expectWrong(Lesson01Checks.perceptronRuleStep { weight, bias, x, target, learningRate in
            let prediction: Float = ((weight * x).sum() + bias).item() >= 0 ? 1 : 0
            let error = target - prediction
            weight += (learningRate * error) * x
            bias += learningRate * error
            return (weight, bias)
        }, mentioning: ["in place"])
    }

    // MARK: Lesson 02

    @Test func sigmoidWithTheSignFlipped() {
        expectWrong(Lesson02Checks.sigmoid { x in 1 / (1 + x.exp()) })
    }

    @Test func sigmoidAsExpOverOnePlusExp() {
        // Right on paper, nan at x = 100 in Float.
        expectWrong(Lesson02Checks.sigmoid { x in x.exp() / (1 + x.exp()) }, mentioning: ["nan"])
    }

    @Test func sigmoidDerivativeAsTheSigmoidAlone() {
        expectWrong(Lesson02Checks.sigmoidDerivative { x in x.sigmoid() }, mentioning: ["0.25"])
    }

    @Test func softmaxWithoutSubtractingTheMax() {
        expectWrong(Lesson02Checks.stableSoftmax { x, dim in
            let exponentials = x.exp()
            return exponentials / exponentials.sum(dim: dim, keepDim: true)
        }, mentioning: ["1000", "nan", "largest"])
    }

    @Test func softmaxIgnoringDim() {
        expectWrong(Lesson02Checks.stableSoftmax { x, _ in
            let exponentials = (x - x.max(dim: 1, keepDim: true).values).exp()
            return exponentials / exponentials.sum(dim: 1, keepDim: true)
        }, mentioning: ["dim: 0"])
    }

    @Test func leakyReluWithTheSlopeOnThePositiveSide() {
        expectWrong(Lesson02Checks.leakyRelu { x, slope in slope * x.relu() - (-x).relu() })
    }

    @Test func leakyReluWithAFixedSlope() {
        expectWrong(Lesson02Checks.leakyRelu { x, _ in x.relu() - 0.01 * (-x).relu() }, mentioning: ["0.2"])
    }

    // MARK: Lesson 03

    @Test func mseWithoutTheMean() {
        expectWrong(Lesson03Checks.mseLoss { input, target in (input - target).pow(2).sum() })
    }

    @Test func mseWithTheAbsoluteValue() {
        expectWrong(Lesson03Checks.mseLoss { input, target in (input - target).abs().mean() })
    }

    @Test func mseWithoutReducing() {
        expectWrong(Lesson03Checks.mseLoss { input, target in (input - target).pow(2) }, mentioning: ["shape"])
    }

    @Test func bceWithTheSignFlipped() {
        expectWrong(Lesson03Checks.binaryCrossEntropy { p, t in
            (t * p.log() + (1 - t) * (1 - p).log()).mean()
        }, mentioning: ["minus"])
    }

    @Test func bceWithOnlyThePositiveTerm() {
        expectWrong(Lesson03Checks.binaryCrossEntropy { p, t in -(t * p.log()).mean() })
    }

    /// A cross-entropy as the textbook writes it, with the right class picked by a one-hot mask.
    static func crossEntropy(_ logits: Tensor, _ targets: Tensor, shift: Bool, reduce: (Tensor, Int) -> Tensor) -> Tensor {
        let n = logits.size(0), c = logits.size(1)
        var mask = [Float](repeating: 0, count: n * c)
        for (row, label) in targets.scalars.enumerated() { mask[row * c + Int(label)] = 1 }
        let right = (logits * Tensor(shape: [n, c], scalars: mask)).sum(dim: 1)
        let largest = logits.max(dim: 1, keepDim: true).values
        let logSumExp = shift
            ? (logits - largest).exp().sum(dim: 1).log() + largest.squeeze(dim: 1)
            : logits.exp().sum(dim: 1).log()
        return reduce(logSumExp - right, c)
    }

    @Test func crossEntropyWithoutTheMaxShift() {
        expectWrong(Lesson03Checks.crossEntropy { logits, targets in
            Self.crossEntropy(logits, targets, shift: false) { losses, _ in losses.mean() }
        }, mentioning: ["1000", "overflows"])
    }

    @Test func crossEntropySummedOverTheBatch() {
        expectWrong(Lesson03Checks.crossEntropy { logits, targets in
            Self.crossEntropy(logits, targets, shift: true) { losses, _ in losses.sum() }
        }, mentioning: ["mean over the N samples"])
    }

    @Test func crossEntropyAveragedOverEveryScore() {
        expectWrong(Lesson03Checks.crossEntropy { logits, targets in
            Self.crossEntropy(logits, targets, shift: true) { losses, classes in losses.mean() / Float(classes) }
        })
    }

    // MARK: Lesson 04

    /// The gradients of the mean squared error, with knobs for the usual slips.
    static func gradients(_ weight: Float, _ bias: Float, _ x: Tensor, _ y: Tensor, factor: Float = 2,
                          reduce: (Tensor) -> Tensor = { $0.mean() }, flipped: Bool = false) -> (dWeight: Float, dBias: Float) {
        let error = flipped ? y - (weight * x + bias) : weight * x + bias - y
        return (factor * reduce(error * x).item(), factor * reduce(error).item())
    }

    @Test func mseGradientsWithoutTheFactorTwo() {
        expectWrong(Lesson04Checks.mseGradients { w, b, x, y in Self.gradients(w, b, x, y, factor: 1) },
                    mentioning: ["times 2"])
    }

    @Test func mseGradientsWithTheSumInsteadOfTheMean() {
        expectWrong(Lesson04Checks.mseGradients { w, b, x, y in Self.gradients(w, b, x, y) { $0.sum() } },
                    mentioning: ["mean, not the sum"])
    }

    @Test func mseGradientsWithTheMissTheWrongWayRound() {
        expectWrong(Lesson04Checks.mseGradients { w, b, x, y in Self.gradients(w, b, x, y, flipped: true) })
    }

    @Test func mseGradientsWithTheBiasMultipliedByXToo() {
        expectWrong(Lesson04Checks.mseGradients { w, b, x, y in
            let g = Self.gradients(w, b, x, y)
            return (g.dWeight, g.dWeight)
        })
    }

    @Test func sgdStepUphill() {
        expectWrong(Lesson04Checks.sgdStep { w, b, x, y, lr in
            let g = Self.gradients(w, b, x, y)
            return (w + lr * g.dWeight, b + lr * g.dBias)
        }, mentioning: ["0.54"])
    }

    @Test func sgdStepWithoutTheLearningRate() {
        expectWrong(Lesson04Checks.sgdStep { w, b, x, y, _ in
            let g = Self.gradients(w, b, x, y)
            return (w - g.dWeight, b - g.dBias)
        })
    }

    @Test func sgdStepTakingTheBiasGradientAtTheNewWeight() {
        expectWrong(Lesson04Checks.sgdStep { w, b, x, y, lr in
            let newWeight = w - lr * Self.gradients(w, b, x, y).dWeight
            return (newWeight, b - lr * Self.gradients(newWeight, b, x, y).dBias)
        }, mentioning: ["old (w, b)"])
    }

    @Test func closedFormWithXAndYSwapped() {
        expectWrong(Lesson04Checks.closedFormLeastSquares { x, y in
            let dx = x - x.mean(), dy = y - y.mean()
            let weight = (dx * dy).sum().item() / dy.pow(2).sum().item()
            return (weight, y.mean().item() - weight * x.mean().item())
        }, mentioning: ["spread of x"])
    }

    @Test func closedFormThroughTheOrigin() {
        // Σxy / Σx² without centring: the best line through (0, 0), not the best line.
        expectWrong(Lesson04Checks.closedFormLeastSquares { x, y in
            let weight = (x * y).sum().item() / x.pow(2).sum().item()
            return (weight, y.mean().item() - weight * x.mean().item())
        })
    }

    @Test func closedFormWithTheBiasSignFlipped() {
        expectWrong(Lesson04Checks.closedFormLeastSquares { x, y in
            let dx = x - x.mean(), dy = y - y.mean()
            let weight = (dx * dy).sum().item() / dx.pow(2).sum().item()
            return (weight, y.mean().item() + weight * x.mean().item())
        })
    }

    @Test func closedFormExpandedInFloat() {
        // Right on paper; in Float it cancels catastrophically when x is around 1000.
        expectWrong(Lesson04Checks.closedFormLeastSquares { x, y in
            let meanX = x.mean().item(), meanY = y.mean().item()
            let weight = ((x * y).mean().item() - meanX * meanY) / (x.pow(2).mean().item() - meanX * meanX)
            return (weight, meanY - weight * meanX)
        }, mentioning: ["1000", "Subtract the means"])
    }

    // MARK: Lesson 07

    @Test func convOutputSizeWithoutPadding() {
        expectWrong(Lesson07Checks.convOutputSize { n, k, s, _ in (n - k) / s + 1 }, mentioning: ["n + 2p"])
    }

    @Test func convOutputSizeWithPaddingOnOneSide() {
        expectWrong(Lesson07Checks.convOutputSize { n, k, s, p in (n + p - k) / s + 1 }, mentioning: ["both sides"])
    }

    @Test func convOutputSizeRoundingUp() {
        expectWrong(Lesson07Checks.convOutputSize { n, k, s, p in (n + 2 * p - k + s - 1) / s + 1 },
                    mentioning: ["Round down"])
    }

    @Test func convOutputSizeWithoutThePlusOne() {
        expectWrong(Lesson07Checks.convOutputSize { n, k, s, p in (n + 2 * p - k) / s }, mentioning: ["+ 1"])
    }

    /// The reference loops, with one thing changeable, for the wrong answers of 7.2.
    static func loopConv(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?, stride: Int, padding: Int,
                         flip: Bool = false, useBias: Bool = true) -> Tensor {
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let (o, kh, kw) = (weight.shape[0], weight.shape[2], weight.shape[3])
        let oh = (h + 2 * padding - kh) / stride + 1, ow = (w + 2 * padding - kw) / stride + 1
        var out = [Float](repeating: 0, count: n * o * oh * ow)
        for b in 0..<n { for f in 0..<o { for y in 0..<oh { for x in 0..<ow {
            var sum = useBias ? (bias?.scalars[f] ?? 0) : 0
            for ch in 0..<c { for i in 0..<kh { for j in 0..<kw {
                let row = y * stride - padding + i, column = x * stride - padding + j
                guard (0..<h).contains(row), (0..<w).contains(column) else { continue }
                let (wi, wj) = flip ? (kh - 1 - i, kw - 1 - j) : (i, j)
                sum += weight.scalars[((f * c + ch) * kh + wi) * kw + wj] * input.scalars[((b * c + ch) * h + row) * w + column]
            } } }
            out[((b * o + f) * oh + y) * ow + x] = sum
        } } } }
        return Tensor(shape: [n, o, oh, ow], scalars: out)
    }

    @Test func directConv2dWithTheFilterFlipped() {
        expectWrong(Lesson07Checks.directConv2d { x, w, b, s, p in Self.loopConv(x, w, b, stride: s, padding: p, flip: true) },
                    mentioning: ["180°"])
    }

    @Test func directConv2dWithoutTheBias() {
        expectWrong(Lesson07Checks.directConv2d { x, w, b, s, p in
            Self.loopConv(x, w, b, stride: s, padding: p, useBias: false)
        }, mentioning: ["bias is missing"])
    }

    @Test func directConv2dIgnoringTheStride() {
        expectWrong(Lesson07Checks.directConv2d { x, w, b, _, p in Self.loopConv(x, w, b, stride: 1, padding: p) },
                    mentioning: ["shape"])
    }

    @Test func directConv2dIgnoringThePadding() {
        expectWrong(Lesson07Checks.directConv2d { x, w, b, s, _ in Self.loopConv(x, w, b, stride: s, padding: 0) },
                    mentioning: ["shape"])
    }

    /// Pooling with loops, with the window's summary and the start of the maximum changeable.
    static func loopPool(_ input: Tensor, kernel: Int, stride: Int, start: Float = -.infinity,
                         average: Bool = false) -> Tensor {
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let oh = (h - kernel) / stride + 1, ow = (w - kernel) / stride + 1
        var out: [Float] = []
        for plane in 0..<(n * c) { for y in 0..<oh { for x in 0..<ow {
            var largest = start, sum: Float = 0
            for i in 0..<kernel { for j in 0..<kernel {
                let value = input.scalars[(plane * h + y * stride + i) * w + x * stride + j]
                largest = max(largest, value)
                sum += value
            } }
            out.append(average ? sum / Float(kernel * kernel) : largest)
        } } }
        return Tensor(shape: [n, c, oh, ow], scalars: out)
    }

    @Test func maxPoolAveraging() {
        expectWrong(Lesson07Checks.maxPool2d { x, k, s in Self.loopPool(x, kernel: k, stride: s, average: true) },
                    mentioning: ["average"])
    }

    @Test func maxPoolStartingAtZero() {
        expectWrong(Lesson07Checks.maxPool2d { x, k, s in Self.loopPool(x, kernel: k, stride: s, start: 0) },
                    mentioning: ["-Float.infinity"])
    }

    @Test func maxPoolIgnoringTheStride() {
        expectWrong(Lesson07Checks.maxPool2d { x, k, _ in Self.loopPool(x, kernel: k, stride: k) })
        expectWrong(Lesson07Checks.maxPool2d { x, k, _ in Self.loopPool(x, kernel: k, stride: 1) })
    }

    // MARK: Lesson 08

    @Test func momentumWithDampeningOnTheFirstStep() {
        // v = μ·0 + (1 − μ)·g on the first step: the buffer starts ten times too small.
        expectWrong(Lesson08Checks.momentumUpdate { p, g, v, lr, mu in
            let velocity = (v.map { mu * $0 } ?? Tensor.zeros(g.shape)) + (1 - mu) * g
            return (p - lr * velocity, velocity)
        }, mentioning: ["step 1", "first step"])
    }

    @Test func momentumWithTheLearningRateInTheVelocity() {
        // v ← μ·v − lr·g, p ← p + v: the other textbook form, whose velocity is not PyTorch's.
        expectWrong(Lesson08Checks.momentumUpdate { p, g, v, lr, mu in
            let velocity = (v.map { mu * $0 } ?? Tensor.zeros(g.shape)) - lr * g
            return (p + velocity, velocity)
        }, mentioning: ["velocity"])
    }

    @Test func momentumWithTheSignFlipped() {
        expectWrong(Lesson08Checks.momentumUpdate { p, g, v, lr, mu in
            let velocity = v.map { mu * $0 + g } ?? g
            return (p + lr * velocity, velocity)
        }, mentioning: ["parameter"])
    }

    @Test func momentumIgnoringThePreviousVelocity() {
        // Right on the first step, plain SGD after it.
        expectWrong(Lesson08Checks.momentumUpdate { p, g, _, lr, _ in (p - lr * g, g) },
                    mentioning: ["step 2"])
    }

    @Test func momentumInPlace() {
        expectWrong(Lesson08Checks.momentumUpdate { p, g, v, lr, mu in
            let velocity = v.map { mu * $0 + g } ?? g
            p -= lr * velocity
            return (p, velocity)
        }, mentioning: ["in place"])
    }

    /// Adam as a learner might write it, with switches for the usual slips.
    static func adam(_ p: Tensor, _ g: Tensor, _ m: Tensor, _ v: Tensor, _ t: Int, _ lr: Float, _ b1: Float,
                     _ b2: Float, _ eps: Float, biasCorrection: Bool = true, epsInside: Bool = false,
                     correctedState: Bool = false) -> (parameter: Tensor, m: Tensor, v: Tensor) {
        let m = b1 * m + (1 - b1) * g
        let v = b2 * v + (1 - b2) * g * g
        let mHat = biasCorrection ? m / (1 - Float(pow(Double(b1), Double(t)))) : m
        let vHat = biasCorrection ? v / (1 - Float(pow(Double(b2), Double(t)))) : v
        let denominator = epsInside ? (vHat + eps).sqrt() : vHat.sqrt() + eps
        let parameter = p - lr * mHat / denominator
        return correctedState ? (parameter, mHat, vHat) : (parameter, m, v)
    }

    @Test func adamWithoutBiasCorrection() {
        expectWrong(Lesson08Checks.adamUpdate { p, g, m, v, t, lr, b1, b2, eps in
            Self.adam(p, g, m, v, t, lr, b1, b2, eps, biasCorrection: false)
        }, mentioning: ["step 1", "bias correction"])
    }

    @Test func adamWithEpsilonInsideTheSquareRoot() {
        expectWrong(Lesson08Checks.adamUpdate { p, g, m, v, t, lr, b1, b2, eps in
            Self.adam(p, g, m, v, t, lr, b1, b2, eps, epsInside: true)
        }, mentioning: ["after the square root"])
    }

    @Test func adamReturningTheCorrectedMoments() {
        expectWrong(Lesson08Checks.adamUpdate { p, g, m, v, t, lr, b1, b2, eps in
            Self.adam(p, g, m, v, t, lr, b1, b2, eps, correctedState: true)
        }, mentioning: ["not the corrected"])
    }

    @Test func adamWithTheDefaultBetasWrittenIn() {
        expectWrong(Lesson08Checks.adamUpdate { p, g, m, v, t, lr, _, _, eps in
            Self.adam(p, g, m, v, t, lr, 0.9, 0.999, eps)
        }, mentioning: ["0.8"])
    }

    @Test func adamWithTheGradientNotSquared() {
        expectWrong(Lesson08Checks.adamUpdate { p, g, m, v, t, lr, b1, b2, eps in
            let m = b1 * m + (1 - b1) * g
            let v = b2 * v + (1 - b2) * g.abs()
            let mHat = m / (1 - Float(pow(Double(b1), Double(t))))
            let vHat = v / (1 - Float(pow(Double(b2), Double(t))))
            return (p - lr * mHat / (vHat.sqrt() + eps), m, v)
        }, mentioning: ["the new v"])
    }

    // MARK: Lesson 05

    @Test func xorClassifierWithReLU() {
        expectWrong(Lesson05Checks.makeXORClassifier { hidden in
            Sequential(Linear(2, hidden), ReLU(), Linear(hidden, 1))
        }, mentioning: ["tanh"])
    }

    @Test func xorClassifierEndingInASigmoid() {
        expectWrong(Lesson05Checks.makeXORClassifier { hidden in
            Sequential(Linear(2, hidden), Tanh(), Linear(hidden, 1), Sigmoid())
        }, mentioning: ["logits"])
    }

    @Test func xorClassifierIgnoringHidden() {
        expectWrong(Lesson05Checks.makeXORClassifier { _ in
            Sequential(Linear(2, 4), Tanh(), Linear(4, 1))
        }, mentioning: ["[3, 2]"])
    }

    @Test func xorClassifierWithZeroWeights() {
        expectWrong(Lesson05Checks.makeXORClassifier { hidden in
            let model = Sequential(Linear(2, hidden), Tanh(), Linear(hidden, 1))
            noGrad { for parameter in model.parameters() { parameter.zero() } }
            return model
        }, mentioning: ["same"])
    }

    @Test func trainingStepForgettingZeroGrad() {
        expectWrong(Lesson05Checks.trainingStep { model, lossFunction, optimizer, inputs, labels in
            let loss = lossFunction(model(inputs).squeeze(dim: 1), labels.float())
            loss.backward()
            optimizer.step()
            return loss.item()
        }, mentioning: ["zeroGrad() before loss.backward()"])
    }

    @Test func trainingStepStepBeforeBackward() {
        expectWrong(Lesson05Checks.trainingStep { model, lossFunction, optimizer, inputs, labels in
            let loss = lossFunction(model(inputs).squeeze(dim: 1), labels.float())
            optimizer.zeroGrad()
            optimizer.step()
            loss.backward()
            return loss.item()
        })
    }

    @Test func trainingStepClearingAfterBackward() {
        expectWrong(Lesson05Checks.trainingStep { model, lossFunction, optimizer, inputs, labels in
            let loss = lossFunction(model(inputs).squeeze(dim: 1), labels.float())
            loss.backward()
            optimizer.zeroGrad()
            optimizer.step()
            return loss.item()
        }, mentioning: ["Nothing moved"])
    }

    @Test func trainingStepReturningTheLossAfterTheUpdate() {
        expectWrong(Lesson05Checks.trainingStep { model, lossFunction, optimizer, inputs, labels in
            let loss = lossFunction(model(inputs).squeeze(dim: 1), labels.float())
            optimizer.zeroGrad()
            loss.backward()
            optimizer.step()
            return noGrad { lossFunction(model(inputs).squeeze(dim: 1), labels.float()).item() }
        }, mentioning: ["before the update"])
    }

    @Test func trainingStepUpdatingByHandWithoutTheOptimizer() {
        // Plain SGD by hand, ignoring the optimizer it was given: wrong once there is momentum.
        expectWrong(Lesson05Checks.trainingStep { model, lossFunction, optimizer, inputs, labels in
            let loss = lossFunction(model(inputs).squeeze(dim: 1), labels.float())
            model.zeroGrad()
            loss.backward()
            noGrad { for parameter in model.parameters() { parameter -= parameter.grad! * optimizer.learningRate } }
            return loss.item()
        }, mentioning: ["momentum"])
    }

    @Test func accuracyThresholdingLogitsAtOneHalf() {
        expectWrong(Lesson05Checks.accuracy { logits, labels in
            let right = zip(logits.scalars, labels.scalars).filter { Float($0 >= 0.5 ? 1 : 0) == $1 }.count
            return Float(right) / Float(labels.count)
        }, mentioning: ["0.5", "0.3"])
    }

    @Test func accuracyWithAStrictThreshold() {
        expectWrong(Lesson05Checks.accuracy { logits, labels in
            let right = zip(logits.scalars, labels.scalars).filter { Float($0 > 0 ? 1 : 0) == $1 }.count
            return Float(right) / Float(labels.count)
        }, mentioning: ["exactly 0"])
    }

    @Test func accuracyAsAPercentage() {
        expectWrong(Lesson05Checks.accuracy { logits, labels in
            let right = zip(logits.scalars, labels.scalars).filter { Float($0 >= 0 ? 1 : 0) == $1 }.count
            return 100 * Float(right) / Float(labels.count)
        }, mentioning: ["between 0 and 1"])
    }

    @Test func accuracyComparingAColumnWithARowByBroadcasting() {
        // [N, 1] predictions against [N] labels broadcast to [N, N]: every prediction is compared
        // with every label.
        expectWrong(Lesson05Checks.accuracy { logits, labels in
            let predictions = logits.scalars.map { Float($0 >= 0 ? 1 : 0) }
            let pairs = predictions.flatMap { p in labels.scalars.map { $0 == p ? Float(1) : 0 } }
            return pairs.reduce(0, +) / Float(pairs.count)
        })
    }

    // MARK: Errors

    struct Oops: Error {}

    @Test func anotherErrorIsWrongNotNotStarted() {
        expectWrong(Lesson02Checks.sigmoid { _ in throw Oops() }, mentioning: ["threw Oops"])
    }

    @Test func notImplementedAfterTheFirstCaseIsStillNotStarted() {
        var calls = 0
        let result = Lesson02Checks.sigmoid { x in
            calls += 1
            if calls > 1 { throw NotImplemented("2.1 sigmoid") }
            return x.sigmoid()
        }
        #expect(result == .notStarted)
    }
}
