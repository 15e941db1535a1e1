import Foundation
import Notebook
import Plot
import Torchlet

/// Lesson 03: loss functions.
///
/// Read this file next to its output (`swift run Lesson03`): each `nb.code()` prints the lines
/// that run right below it, and `nb.show(x)` prints `x = ...`. Three listings come from the
/// files beside this one, each printed from where it is written: the random inputs
/// (LessonInputs.swift), the two losses of one large score (LargeLogits.swift) and a loss
/// curve (LossCurves.swift). The numbers the text works out by hand are computed again, in
/// plain Swift, in `LossesByHand.swift`, and the tests hold the two equal.
@main
struct Lesson03: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Lesson03",
        abstract: "Loss functions: MSE, L1, RMSE, BCE and cross-entropy, their values and their gradients.",
        discussion: """
            Loss, cost and objective; which loss goes with which output layer; MSELoss, L1Loss and \
            RMSE with their gradients worked out by hand; the mean, sum and none reductions; \
            BCELoss after a sigmoid; why BCEWithLogitsLoss exists (a large score breaks sigmoid + \
            BCELoss); CrossEntropyLoss as logSoftmax + NLLLoss and through log-sum-exp; each loss \
            drawn with its gradient. Ends with exercises 3.1-3.3. Runs in about a second.
            """)

    @OptionGroup var common: CommonOptions

    func run() {
        let nb = Notebook(lesson: "Lesson03", title: "Loss functions", options: common)
        let inputs = LessonInputs.draw()
        lossCostObjective(nb, inputs)
        regressionLosses(nb, inputs)
        reductions(nb, inputs)
        binaryCrossEntropy(nb, inputs)
        largeScores(nb)
        crossEntropy(nb, inputs)
        lossPictures(nb)
        nb.section("Exercises and what's next")
        nb.text("""
            A loss turns "how wrong is the model?" into one number, and its gradient tells every \
            output which way to move. You have seen the three losses that cover most of deep \
            learning, and the one trap worth remembering: give raw scores to BCEWithLogitsLoss \
            and CrossEntropyLoss, never probabilities you rounded yourself.

            Now write them yourself, in Exercises/Lesson03.swift:
            - 3.1 mseLoss: the mean of the squared misses (section 2);
            - 3.2 binaryCrossEntropy: BCE from probabilities (section 4);
            - 3.3 crossEntropy: the cross-entropy through the shifted log-sum-exp (section 6).

            Check your answers with `swift run check 3` (or `swift run check 3.1` for one).

            Next: `swift run Lesson04`, linear regression, where MSELoss and its gradient train \
            a model for the first time.
            """)
        nb.finish()
    }

    // MARK: - 1. Loss, cost and objective

    func lossCostObjective(_ nb: Notebook, _ inputs: LessonInputs) {
        nb.section("Loss, cost and objective")
        nb.text("""
            A model takes an input x and produces an output ŷ; for the training data we also know \
            the answer y. We hope ŷ = y. When it is not, we need one number that says how wrong \
            the model is, so that gradient descent has something to make smaller. Three words \
            name that number, from the narrowest to the widest:
            - the loss is the error of one sample: how far this ŷ is from this y;
            - the cost is the error over the whole data set (or a batch): the sum or mean of \
            the losses;
            - the objective is whatever function training optimises: a cost, perhaps plus a \
            penalty on large weights, to minimise (or a reward to maximise).

            So every loss is part of a cost, and every cost is an objective. PyTorch is looser: \
            its "loss functions" already return the mean over the batch, which is a cost. Here \
            are the two in one pass over a tiny data set, 3 samples of 5 numbers (the targets \
            of section 2, with its outputs as answers), through an untrained Linear(5, 5), one \
            sample per batch:
            """)
        nb.code()
        let model = Linear(5, 5)
        let samples = TensorDataset(inputs.targets, inputs.outputs.detach())
        let lossFunction = MSELoss()
        var losses: [Float] = []
        for (x, y) in DataLoader(samples, batchSize: 1) {
            let loss = lossFunction(model(x), y)  // one sample's loss
            losses.append(loss.item())
        }
        let cost = lossFunction(model(samples.inputs), samples.labels)  // all 3 in one batch
        nb.show(Tensor(losses))
        nb.show(cost)
        let meanOfLosses = losses.reduce(0, +) / Float(losses.count)
        nb.claim(losses.count == 3 && Swift.abs(cost.item() - meanOfLosses) < 1e-6,
                 "three losses, one per sample, and the cost over the batch is their mean")
        nb.text("""
            Three losses, one per sample, and the cost \(fixed(cost.item())) is their mean: given \
            a batch, MSELoss hands back the batch's mean loss, a cost over that batch. Training \
            lowers the cost by lowering every sample's loss at once.
            """)
        nb.text("""
            Which loss? It follows from the question the model answers, and from the function on \
            its last layer that shapes the output into an answer:
            """)
        nb.table(headers: ["problem", "output layer", "loss", "in Torchlet (and PyTorch)"], rows: [
            ["regression (a number)", "identity: ŷ as it is", "squared error", "MSELoss"],
            ["binary (yes or no)", "logistic: σ(x) = 1/(1+e⁻ˣ)", "binary cross-entropy", "BCELoss, or BCEWithLogitsLoss"],
            ["multi-class (one of C)", "softmax", "cross-entropy", "CrossEntropyLoss"],
        ])
        nb.text("""
            The last column has a twist you will meet in sections 5 and 6: BCEWithLogitsLoss and \
            CrossEntropyLoss take the raw scores and apply the sigmoid or the softmax themselves. \
            A network trained with them has no sigmoid or softmax layer at its end.
            """)
    }

    // MARK: - 2. MSE, L1 and RMSE

    func regressionLosses(_ nb: Notebook, _ inputs: LessonInputs) {
        nb.section("Regression: MSE, L1 and RMSE")
        nb.text("""
            A batch of 3 samples, each with 5 outputs, and the targets they should have hit. \
            outputs wants its gradient: it stands for what a model produced. The lesson draws \
            all its random numbers in one place and one order, in LessonInputs.swift, so that \
            the tests can draw the same ones; labeled(_:) names a tensor for --trace's printout:
            """)
        nb.code(file: LessonInputs.drawListing.file, line: LessonInputs.drawListing.line)
        nb.code()
        let outputs = inputs.outputs, targets = inputs.targets
        nb.show(outputs)
        nb.show(targets)
        nb.text("""
            The mean squared error squares each of the N = 15 misses ŷᵢ - yᵢ and takes their \
            mean; the mean absolute error (L1) takes their sizes instead; the root mean squared \
            error is the square root of the MSE, back in the units of the targets:
                MSE  = (1/N) Σ (ŷᵢ - yᵢ)²
                L1   = (1/N) Σ |ŷᵢ - yᵢ|
                RMSE = √MSE
            PyTorch has no RMSE loss: you take the square root of MSELoss yourself.
            """)
        nb.code()
        let mse = MSELoss()(outputs, targets)
        let l1 = L1Loss()(outputs, targets)
        let rmse = MSELoss()(outputs, targets).sqrt()
        nb.show(mse)
        nb.show(l1)
        nb.show(rmse)
        nb.text("""
            Each result remembers how it was made, and prints it as PyTorch does: \
            MseLossBackward0 for the MSE, MeanBackward0 for L1 (PyTorch computes it as \
            abs(ŷ - y).mean(), so that is the last step it remembers), SqrtBackward0 for the \
            square root on top of an MSE. The same numbers, in plain Swift from the 15 pairs:
            """)
        nb.table(headers: ["loss", "Torchlet", "by hand (Double)"], rows: [
            ["MSE", fixed(mse.item()), fixed(ByHand.mse(outputs, targets))],
            ["L1", fixed(l1.item()), fixed(ByHand.l1(outputs, targets))],
            ["RMSE", fixed(rmse.item()), fixed(ByHand.rmse(outputs, targets))],
        ])

        nb.text("""
            What training needs is not the loss but its gradient: how the loss changes when each \
            output moves. Differentiate each formula by ŷᵢ:
                dMSE/dŷᵢ  = 2 (ŷᵢ - yᵢ) / N          (big misses are pushed hard)
                dL1/dŷᵢ   = sign(ŷᵢ - yᵢ) / N        (every miss is pushed by ±1/15)
                dRMSE/dŷᵢ = (ŷᵢ - yᵢ) / (N · RMSE)   (through √ by the chain rule:
                                                        1/(2√MSE) · dMSE)
            """)
        nb.code()
        mse.backward()
        nb.show(outputs.grad)
        nb.show("2 (outputs - targets) / 15", gradientTensor(ByHand.mseGradient(outputs, targets), like: outputs))
        nb.show("largest difference", scientific(ByHand.largestDifference(outputs.grad!.scalars, ByHand.mseGradient(outputs, targets))))
        nb.text("Gradients accumulate, so clear them before the next loss:")
        nb.code()
        outputs.zeroGrad()
        l1.backward()
        nb.show(outputs.grad)
        nb.show("largest |outputs.grad - sign(outputs - targets) / 15|",
                scientific(ByHand.largestDifference(outputs.grad!.scalars, ByHand.l1Gradient(outputs, targets))))
        rmse.labeled("rmse")  // its name in the --trace printout
        nb.code()
        outputs.zeroGrad()
        rmse.backward(trace: nb.trace)  // --trace prints each step
        nb.show(outputs.grad)
        nb.show("largest |outputs.grad - (outputs - targets) / (15 · rmse)|",
                scientific(ByHand.largestDifference(outputs.grad!.scalars, ByHand.rmseGradient(outputs, targets))))
        nb.text("""
            Compare the three. The L1 gradient is ±0.0667 everywhere: a miss of 0.1 is pushed as \
            hard as a miss of 2. The MSE gradient grows with the miss, so MSE fights outliers \
            hardest (and is pulled most by them), and it fades as a prediction closes in on its \
            target, which makes the last steps gentle. RMSE points the same way as MSE, scaled by \
            1/(2 RMSE).\(nb.trace ? "" : " (Run with --trace to watch backward() go through √ and then the MSE.)")
            """)
        outputs.zeroGrad()
        nb.log(["mse": mse.item(), "l1": l1.item(), "rmse": rmse.item()])
    }

    // MARK: - 3. Reductions

    func reductions(_ nb: Notebook, _ inputs: LessonInputs) {
        nb.section("mean, sum or none: the reduction")
        nb.text("""
            Every loss computes one number per element and then reduces them: the mean by \
            default, or the sum, or not at all. Same outputs and targets as above:
            """)
        let outputs = inputs.outputs, targets = inputs.targets
        nb.code()
        let mean = MSELoss(reduction: .mean)(outputs, targets)
        let sum = MSELoss(reduction: .sum)(outputs, targets)
        let none = MSELoss(reduction: .none)(outputs, targets)
        nb.show(mean)
        nb.show(sum)
        nb.show(none)
        nb.text("""
            .none keeps every squared miss in the input's shape; .sum adds them up; .mean divides \
            the sum by 15. So the sum's gradient is 15 times the mean's, and with the sum a \
            bigger batch would mean bigger steps. That is why training uses the mean: the \
            learning rate need not change when the batch size does.
            """)
        nb.table(headers: ["check", "value"], rows: [
            ["sum / 15", fixed(sum.item() / 15)],
            ["none.mean()", fixed(none.mean().item())],
            ["mean", fixed(mean.item())],
        ])
    }

    // MARK: - 4. Binary cross-entropy

    func binaryCrossEntropy(_ nb: Notebook, _ inputs: LessonInputs) {
        nb.section("Yes or no: BCELoss after a sigmoid")
        nb.text("""
            For a yes/no question the model outputs one raw score per sample; the sigmoid turns \
            it into the probability of "yes", and the binary cross-entropy compares that \
            probability p with the answer t (1 for yes, 0 for no):
                BCE = -(1/N) Σ [tᵢ log pᵢ + (1 - tᵢ) log(1 - pᵢ)]
            For t = 1 only -log p is left: 0 when p = 1, growing without bound as p → 0. For \
            t = 0 it is -log(1 - p). A confident wrong answer costs a lot. Four raw scores and \
            their answers 1, 0, 1, 0, drawn with the inputs above:
            """)
        nb.code()
        let scores = inputs.scores, answers = inputs.answers
        let probabilities = Sigmoid()(scores)
        let loss = BCELoss()(probabilities, answers)
        nb.show(scores)
        nb.show(probabilities)
        nb.show(loss)
        let rows = zip(scores.scalars, answers.scalars).map { x, t in
            let p = ByHand.sigmoid(Double(x))
            return [fixed(x), fixed(p), fixed(t, 0),
                    t == 1 ? "-log p" : "-log(1 - p)",
                    fixed(ByHand.bceTerm(probability: p, target: Double(t)))]
        }
        nb.text("By hand, sample by sample:")
        nb.table(headers: ["score x", "p = σ(x)", "t", "loss term", "value"], rows: rows)
        nb.show("mean of the four", fixed(ByHand.bce(scores: scores, targets: answers)))
        nb.text("""
            The gradient reaching the scores has a surprise. The two local derivatives \
            of one sample are
                dBCE/dp = (p - t) / (p (1 - p))        dp/dx = σ(x) (1 - σ(x)) = p (1 - p)
            and when the chain rule multiplies them, p (1 - p) cancels:
                dBCE/dxᵢ = (σ(xᵢ) - tᵢ) / N
            The score is pushed by exactly how far its probability is from the answer.
            """)
        probabilities.labeled("probabilities")  // names for the --trace printout
        loss.labeled("loss")
        nb.code()
        loss.backward(trace: nb.trace)
        nb.show(scores.grad)
        nb.show("(σ(scores) - answers) / 4",
                gradientTensor(ByHand.bceScoreGradient(scores: scores, targets: answers), like: scores))
        nb.log(["bce": loss.item()])
    }

    // MARK: - 5. Why BCEWithLogitsLoss exists

    func largeScores(_ nb: Notebook) {
        nb.section("Why BCEWithLogitsLoss exists")
        nb.text("""
            That cancellation only happens on paper. In the engine, sigmoid and BCELoss are two \
            steps, and between them the probability is a 32-bit Float, which holds about 7 \
            digits. Give the model a sample whose answer is 0 and let it be confidently wrong, \
            with a large score x. The true loss is -log(1 - σ(x)) = log(1 + eˣ), about x itself. \
            But 1 - σ(x) falls below what a Float can tell apart from 1 near x = 16.6, and σ(x) \
            becomes exactly 1. Then log(1 - 1) = -∞, which BCELoss clamps at -100 (as PyTorch \
            does), so the loss says 100, whatever x is.

            BCEWithLogitsLoss takes the raw score and does both steps in one formula that never \
            forms 1 - σ(x):
                loss = max(x, 0) - x·t + log(1 + e^(-|x|))
            Both, for one score x whose answer is 0 (from LargeLogits.swift), each on a leaf of \
            its own so that the gradients stay apart:
            """)
        nb.code(file: LargeLogitComparison.initListing.file, line: LargeLogitComparison.initListing.line)
        nb.code()
        let comparisons = LargeLogitComparison.lessonLogits.map(LargeLogitComparison.init(logit:))
        nb.table(headers: ["score x", "σ(x) as Float", "sigmoid+BCELoss", "its dx", "BCEWithLogitsLoss",
                           "its dx", "exact"],
                 rows: comparisons.map { row in
                     [fixed(row.logit, 0),
                      row.probability == 1 ? "1 exactly" : String(format: "%.8f", row.probability),
                      fixed(row.twoStepLoss), fixed(row.twoStepGradient),
                      fixed(row.fusedLoss), fixed(row.fusedGradient), fixed(row.exactLoss)]
                 })
        nb.text("""
            Read the table down (PyTorch prints the same numbers). At x = 2 both agree. At 10 \
            the two-step loss is off in the fourth decimal, at 15 by 0.16: 1 - σ(x) is losing \
            its digits. From 20 on, σ(x) is exactly 1: the two-step loss is stuck at 100 (too \
            much at 20, far too little at 100), and worse, its gradient is 0, so a model this \
            wrong would never learn its way back. The fused loss stays exact, and its gradient \
            is σ(x) - 0 = 1.

            Here is the gradient dying, step by step, for x = 100. BCELoss's rule (where its x \
            is the probability p) divides by max(p·(1-p), 10⁻¹²) and sends back a huge 10¹²; \
            the sigmoid's rule multiplies that by σ(x)·(1-σ(x)) = 1·0:
            """)
        nb.code()
        let x = Tensor([100.0], requiresGrad: true).labeled("x")
        let p = x.sigmoid().labeled("p")
        let twoSteps = BCELoss()(p, Tensor([0.0])).labeled("loss")
        nb.show(twoSteps.backwardTrace())
        nb.text("""
            This is why Lesson05's XOR network ends in a raw score and trains with \
            BCEWithLogitsLoss, and why CrossEntropyLoss takes raw scores too.
            """)
        nb.log(["bce_two_steps_at_100": comparisons.last!.twoStepLoss,
                "bce_with_logits_at_100": comparisons.last!.fusedLoss])
    }

    // MARK: - 6. Cross-entropy

    func crossEntropy(_ nb: Notebook, _ inputs: LessonInputs) {
        nb.section("One of C classes: CrossEntropyLoss")
        nb.text("""
            For C classes the model outputs C raw scores per sample (logits), and the target is \
            the index of the right class. Softmax turns a row of scores into probabilities, \
            softmax(x)[c] = exp(x[c]) / Σ_k exp(x[k]), and the loss is minus the log of the \
            probability of the right class y:
                ℓ = -log softmax(x)[y]
            3 samples, 5 classes; the right classes are 1, 0 and 3 (int64 class indices, drawn \
            with the inputs of section 2):
            """)
        nb.code()
        let logits = inputs.logits, classes = inputs.classes
        let loss = CrossEntropyLoss()(logits, classes)
        nb.show(logits)
        nb.show(classes)
        nb.show(loss)
        nb.text("""
            The grad_fn says NllLossBackward0, as in PyTorch: CrossEntropyLoss is two steps, \
            logSoftmax (the log of the probabilities) and then NLLLoss (the negative \
            log-likelihood: minus the entry of the right class, averaged). Do them one at a time:
            """)
        nb.code()
        let logProbabilities = logits.logSoftmax(dim: 1)
        let twoSteps = NLLLoss()(logProbabilities, classes)
        nb.show(logProbabilities)
        nb.show(twoSteps)
        nb.show(loss.item() - twoSteps.item())
        nb.claim(loss.item() == twoSteps.item(), "CrossEntropyLoss and logSoftmax + NLLLoss agree to the last digit")
        nb.text("""
            The same number to the last digit. Unlike sigmoid + BCELoss, these two steps are safe \
            to split: logSoftmax never forms a probability that could round to 0 or 1. It writes \
            the log of the sum through log-sum-exp, shifted by the row's largest score m so that \
            no exp can overflow:
                ℓ = -x[y] + log Σ_c exp(x[c])
                  = -x[y] + m + log Σ_c exp(x[c] - m)
            Row by row, in plain Swift:
            """)
        let rows = ByHand.crossEntropyRows(logits: logits, classes: classes)
        nb.table(headers: ["sample", "y", "m = max", "log Σ exp(x - m)", "log-sum-exp", "x[y]", "ℓ", "softmax(x)[y]"],
                 rows: rows.enumerated().map { n, row in
                     ["\(n)", fixed(classes.scalars[n], 0), fixed(row.largest),
                      fixed(row.shiftedLogSum), fixed(row.logSumExp), fixed(row.rightScore),
                      fixed(row.loss), fixed(row.rightProbability)]
                 })
        let meanLoss = ByHand.crossEntropy(logits: logits, classes: classes)
        nb.show("mean of ℓ", fixed(meanLoss))
        let largestRightProbability = rows.map(\.rightProbability).max()!
        nb.text("""
            These scores are random, and it shows: the right classes get at most \
            \(fixed(largestRightProbability)) of the probability, and the mean loss, \
            \(fixed(meanLoss)), is \(meanLoss > Foundation.log(5) ? "worse" : "no worse") than \
            guessing uniformly among 5 classes, which costs log 5 = 1.6094. A model that knew \
            the answers would put softmax(x)[y] near 1 and ℓ near 0.

            The gradient is as simple as BCE's: for each row, the probabilities minus the one-hot \
            answer, over N:
                dℓ/dx[n, c] = (softmax(xₙ)[c] - [c = yₙ]) / N
            The right class is pushed up by how much probability it lacks, every other class \
            down by how much it wrongly has.
            """)
        loss.labeled("loss")  // its name in the --trace printout
        nb.code()
        loss.backward(trace: nb.trace)
        nb.show(logits.grad)
        nb.show("(softmax(logits) - onehot) / 3",
                gradientTensor(ByHand.crossEntropyGradient(logits: logits, classes: classes), like: logits))
        nb.log(["cross_entropy": loss.item(), "log_softmax_plus_nll": twoSteps.item()])
        weightAndIgnoreIndex(nb, logits: logits, classes: classes, rows: rows)
    }

    /// The two other arguments of PyTorch's signature, which seed 000 lists:
    /// `CrossEntropyLoss(weight=None, ..., ignore_index=-100, ...)`.
    func weightAndIgnoreIndex(_ nb: Notebook, logits: Tensor, classes: Tensor, rows: [ByHand.CrossEntropyRow]) {
        nb.text("""
            PyTorch's signature, torch.nn.CrossEntropyLoss(weight=None, ..., ignore_index=-100, \
            ...), has two more arguments, and Torchlet has both. weight gives each class a \
            weight w[c]: every sample's loss is multiplied by the weight of its right class, and \
            the mean becomes a weighted mean, Σ w[yₙ] ℓₙ / Σ w[yₙ]. It makes a rare class count \
            more. ignoreIndex names a class whose samples are left out altogether, as if they \
            were not in the batch (padding, in text models): they cost nothing, get no gradient \
            and do not count in the mean. Make class 0 three times as important, then leave out \
            the samples of class 3:
            """)
        nb.code()
        let weighted = CrossEntropyLoss(weight: Tensor([3.0, 1, 1, 1, 1]))(logits, classes)
        let withoutClass3 = CrossEntropyLoss(ignoreIndex: 3)(logits, classes)

        let ℓ = rows.map(\.loss)
        nb.show(weighted)
        nb.show("(ℓ₀ + 3 ℓ₁ + ℓ₂) / 5", fixed((ℓ[0] + 3 * ℓ[1] + ℓ[2]) / 5))
        nb.show(withoutClass3)
        nb.show("(ℓ₀ + ℓ₁) / 2", fixed((ℓ[0] + ℓ[1]) / 2))
        nb.claim(Swift.abs(Double(weighted.item()) - (ℓ[0] + 3 * ℓ[1] + ℓ[2]) / 5) < 1e-5
                    && Swift.abs(Double(withoutClass3.item()) - (ℓ[0] + ℓ[1]) / 2) < 1e-5,
                 "the weighted and the ignoring losses are the weighted mean and the mean of the rest")
        nb.text("""
            Sample 1, whose right class is 0, counts three times in the weighted mean; sample 2, \
            of class 3, is simply gone from the other.
            """)
    }

    // MARK: - 7. Pictures

    func lossPictures(_ nb: Notebook) {
        nb.section("Each loss and its gradient, drawn")
        let samples = nb.quick ? 61 : 241
        nb.text("""
            The engine computes a loss at many points at once: give it \(samples) predictions, \
            ask for reduction .none (one loss per point) and call backward() on the sum. Each \
            point's loss depends only on its own prediction, so .grad holds the derivative at \
            every point (LossCurves.swift):
            """)
        nb.code(file: LossCurve.initListing.file, line: LossCurve.initListing.line)
        nb.text("First the regression losses, for target 0:")
        nb.code(file: LossCurves.regressionListing.file, line: LossCurves.regressionListing.line)
        let regression = LossCurves.regression(samples: samples)
        nb.plot(Figure("regression-losses", title: "MSE and L1 against the prediction (target 0)")
            .panel("loss").xLabel("prediction ŷ").yLabel("loss").yRange(0...4).legend(.topRight)
            .line(regression.mse.x, regression.mse.loss, label: "MSE: ŷ²")
            .line(regression.l1.x, regression.l1.loss, label: "L1: |ŷ|")
            .panel("gradient, from backward()").xLabel("prediction ŷ").yLabel("dℓ/dŷ").yRange(-4...4)
            .legend(.topLeft)
            .line(regression.mse.x, regression.mse.gradient, label: "MSE: 2ŷ")
            .line(regression.l1.x, regression.l1.gradient, label: "L1: sign(ŷ)"))
        nb.text("""
            MSE is a smooth bowl whose slope shrinks to 0 at the target; L1 is a V whose slope \
            jumps from -1 to +1 there. (For a single number RMSE is √(ŷ²) = |ŷ|, the same V.)

            The binary cross-entropy against the predicted probability, for each answer:
            """)
        let binary = LossCurves.binary(samples: samples)
        nb.plot(Figure("binary-cross-entropy", title: "Binary cross-entropy against the probability p")
            .panel("loss").xLabel("predicted probability p").yLabel("loss").yRange(0...5).legend(.topRight)
            .line(binary.targetOne.x, binary.targetOne.loss, label: "answer 1: -log p")
            .line(binary.targetZero.x, binary.targetZero.loss, label: "answer 0: -log(1-p)")
            .panel("gradient, from backward()").xLabel("predicted probability p").yLabel("dℓ/dp")
            .yRange(-20...20).legend(.topLeft)
            .line(binary.targetOne.x, binary.targetOne.gradient, label: "answer 1: -1/p")
            .line(binary.targetZero.x, binary.targetZero.gradient, label: "answer 0: 1/(1-p)"))
        nb.text("""
            Both curves are 0 at the right answer and climb without bound at the wrong one, and \
            so do their slopes. In practice these steep slopes meet the sigmoid's flat ones and \
            cancel (section 4), unless rounding gets in between. Here is section 5 as a picture, \
            against the raw score x for answer 0:
            """)
        let large = LossCurves.largeScores(samples: samples)
        nb.plot(Figure("bce-large-scores", title: "Answer 0, raw score x: sigmoid + BCELoss vs BCEWithLogitsLoss")
            .panel("loss").xLabel("raw score x").yLabel("loss").yRange(0...130).legend(.topLeft)
            .line(large.fused.x, large.fused.loss, label: "BCEWithLogitsLoss")
            .line(large.twoStep.x, large.twoStep.loss, label: "sigmoid + BCELoss", style: .dashed)
            .panel("gradient, from backward()").xLabel("raw score x").yLabel("dℓ/dx").yRange(-0.1...1.5)
            .legend(.topRight)
            .line(large.fused.x, large.fused.gradient, label: "BCEWithLogitsLoss")
            .line(large.twoStep.x, large.twoStep.gradient, label: "sigmoid + BCELoss", style: .dashed))
        nb.text("""
            Last, the cross-entropy of the scores [z, 1, 0, -1] as z, the score of class 0, \
            moves: once when class 0 is the right answer, once when class 1 is.
            """)
        let ce = LossCurves.crossEntropy(samples: samples)
        nb.plot(Figure("cross-entropy", title: "Cross-entropy of the scores [z, 1, 0, -1] against z")
            .panel("loss").xLabel("score z of class 0").yLabel("loss").yRange(0...8).legend(.topLeft)
            .line(ce.rightClass.x, ce.rightClass.loss, label: "right class 0")
            .line(ce.wrongClass.x, ce.wrongClass.loss, label: "right class 1")
            .panel("gradient, from backward()").xLabel("score z of class 0").yLabel("dℓ/dz").yRange(-1.1...1.6)
            .legend(.topLeft)
            .line(ce.rightClass.x, ce.rightClass.gradient, label: "right class 0: softmax(x)[0] - 1")
            .line(ce.wrongClass.x, ce.wrongClass.gradient, label: "right class 1: softmax(x)[0]"))
        nb.text("""
            When z is the right class's score, raising it lowers the loss towards 0, and the \
            gradient softmax(x)[0] - 1 fades as the model becomes sure. When z belongs to a wrong \
            class, raising it costs more and more, almost linearly: the loss tends to z - 1, and \
            the gradient softmax(x)[0] tends to 1.
            """)
    }

    // MARK: - Formatting

    /// Numbers computed by hand, shaped like `tensor`, so they print next to its gradient.
    func gradientTensor(_ values: [Double], like tensor: Tensor) -> Tensor {
        Tensor(shape: tensor.shape, scalars: values.map(Float.init))
    }
}
