import Foundation
import Notebook
import Plot
import Torchlet

/// Lesson 04: linear regression, by hand and then with `Linear` + `MSELoss`.
///
/// Read this file next to its output (`swift run Lesson04`): each `nb.code()` prints the lines
/// that run right below it, and `nb.show(x)` prints `x = ...`. The data and the three training
/// loops live in `LinearRegression.swift`, as functions the lesson tests check against
/// PyTorch's; the lesson lists each of them from there, as it is written. The flags are in
/// `Lesson04+Options.swift`.
@main
struct Lesson04: ParsableCommand {
    @OptionGroup var options: Options

    func run() {
        let nb = Notebook(lesson: "Lesson04", title: "Linear regression", options: options.common)
        let epochs = options.epochs ?? (nb.quick ? 2000 : 10_000)
        nb.log(TrainingSettings(epochs: epochs, learningRate: Double(options.lr), batchSize: RegressionData.x.count,
                                optimizer: "SGD", dataset: "line-30"))
        let lesson = Story(nb: nb, epochs: epochs, learningRate: options.lr)
        lesson.tell()
        nb.finish()
    }
}

/// The lesson, cell by cell.
struct Story {
    let nb: Notebook
    let epochs: Int
    let learningRate: Float
    /// How often the runs print a line: every 1,000 epochs for the seed's 10,000.
    var reportEvery: Int { max(1, epochs / 10) }

    let x = RegressionData.xColumn
    let y = RegressionData.yColumn
    let exact = LeastSquares(x: RegressionData.x, y: RegressionData.y)
    let curvature = CostCurvature(x: RegressionData.x)

    func tell() {
        dataAndModel()
        gradientsAtTheStart()
        let byHand = descentByHand()
        let autograd = descentWithAutograd(comparedWith: byHand)
        if autograd.divergedAt != nil {
            diverged(autograd)
            return
        }
        let linear = descentWithLinear()
        exactAnswer(byHand: byHand, autograd: autograd, linear: linear)
        costPerEpoch(autograd: autograd, linear: linear)
        whyTheBiasIsSlow(autograd)
        tooLargeAStep()
        exercises()
    }

    // MARK: - 1. Data and model

    func dataAndModel() {
        nb.section("Thirty points and a line")
        nb.text("""
            Linear regression fits a straight line through measurements. Our data are 30 points: \
            x = 1, 2, ..., 30 and a y measured for each, roughly 0.9 x with some noise. We look \
            for the weight w and the bias b of the line
                ŷ = w · x + b
            that misses the points by as little as possible. "As little as possible" needs a \
            number: the cost, here the mean squared error over all N = 30 points,
                L(w, b) = (1/N) Σᵢ (w xᵢ + b - yᵢ)²
            Each point stands in a row of its own, so x and y are columns of shape [30, 1], as \
            `torch.FloatTensor([[1], [2], ...])` makes them (LinearRegression.swift):
            """)
        nb.code(file: regressionDataListing.file, line: regressionDataListing.line)
        nb.code()
        let x = RegressionData.xColumn, y = RegressionData.yColumn
        nb.show(x.shape)
        nb.show(y[0..<5])
        let start = cost(weight: 0, bias: 0, x: RegressionData.x, y: RegressionData.y)
        nb.text("""
            Training starts from w = 0 and b = 0: the line y = 0, which misses every point by \
            its whole height. Its cost is the mean of y², \(fixed(start, 2)). The best line \
            costs about 1.37; gradient descent has to find its way from one to the other.
            """)
    }

    // MARK: - 2. The gradients, by hand and by autograd

    func gradientsAtTheStart() {
        nb.section("The gradients, by hand")
        nb.text("""
            Gradient descent needs to know which way is downhill: the partial derivatives of L \
            with respect to w and b. With eᵢ = w xᵢ + b - yᵢ (the miss on point i), the chain \
            rule gives d(eᵢ²)/dw = 2 eᵢ · xᵢ and d(eᵢ²)/db = 2 eᵢ · 1, so
                dL/dw = (2/N) Σᵢ (w xᵢ + b - yᵢ) · xᵢ
                dL/db = (2/N) Σᵢ (w xᵢ + b - yᵢ)
            At the start, w = b = 0 and the miss is eᵢ = -yᵢ, so dL/dw = -2 · mean(x · y) and \
            dL/db = -2 · mean(y): both negative, so both should grow. In tensors, with no graph \
            recorded (error is [30, 1], every miss at once):
            """)
        nb.code(file: gradientsByHandListing.file, line: gradientsByHandListing.line)
        nb.code()
        let weight = Tensor.zeros([1], requiresGrad: true)
        let bias = Tensor.zeros([1], requiresGrad: true)
        let byHand = gradientsByHand(weight: weight, bias: bias, x: x, y: y)

        nb.show(byHand.dWeight)
        nb.show(byHand.dBias)
        nb.text("Now let autograd work them out from the cost alone:")
        weight.labeled("weight")  // names for the --trace printout
        bias.labeled("bias")
        nb.code()
        let cost = (weight * x + bias - y).pow(2).mean()
        cost.backward(trace: nb.trace)

        nb.show(cost)
        nb.show(weight.grad)
        nb.show(bias.grad)
        let pointer = nb.trace
            ? "In the trace above,"
            : "(Run with --trace to watch backward() apply the chain rule step by step.) On the way back,"
        nb.text("""
            The same numbers. The weight's gradient is 20 times the bias's: every miss is \
            multiplied by its x, up to 30, on the way to the weight. Remember this; it is why \
            the bias will learn so slowly. \(pointer) MeanBackward0 hands each miss 1/30, \
            PowBackward0 multiplies by 2 e, and MulBackward0 multiplies by x on the way to the \
            weight, where the 30 numbers of the broadcast [1] -> [30, 1] are summed back into one.
            """)
    }

    // MARK: - 3. Gradient descent by hand

    func descentByHand() -> RegressionRun {
        nb.section("Gradient descent by hand")
        let thisRun = epochs == 10_000 && learningRate == 0.001
            ? ", as this run does" : "; this run uses lr = \(learningRate) and \(epochs.formatted()) epochs"
        nb.text("""
            One step of gradient descent moves each parameter a little downhill, by the \
            learning rate lr times its gradient:
                w ← w - lr · dL/dw        b ← b - lr · dL/db
            Both gradients are taken at the old (w, b), and then both parameters move. The seed \
            uses lr = 0.001 and \(10_000.formatted()) epochs, each one step on the whole data set \
            (full batch)\(thisRun). Here it is with the hand-made gradients, under noGrad; \
            run.record keeps every epoch's numbers, and a report line every \(reportEvery.formatted()):
            """)
        nb.code(file: trainByHandListing.file, line: trainByHandListing.line)
        nb.code()
        let run = trainByHand(x: x, y: y, epochs: epochs, learningRate: learningRate,
                              reportEvery: reportEvery)

        if !run.reports.isEmpty { nb.display(run.reports.map(\.line).joined(separator: "\n")) }
        if let epoch = run.divergedAt {
            nb.warning("the cost blew up at epoch \(epoch); see the next section.")
        }
        return run
    }

    // MARK: - 4. With autograd and SGD

    func descentWithAutograd(comparedWith byHand: RegressionRun) -> RegressionRun {
        nb.section("The same with requiresGrad, backward() and SGD")
        nb.text("""
            Now the seed's program, line for line. The weight and the bias are tensors that \
            require gradients; SGD owns them and does the update w ← w - lr · w.grad. Each \
            epoch clears the old gradients (they would add up otherwise), computes the cost, \
            calls backward() and steps. Each report line is the seed's print, with its format:
            """)
        nb.code(file: trainWithAutogradListing.file, line: trainWithAutogradListing.line)
        nb.code()
        let run = trainWithAutograd(x: x, y: y, epochs: epochs, learningRate: learningRate,
                                    reportEvery: reportEvery)

        if !run.reports.isEmpty { nb.display(run.reports.map(\.line).joined(separator: "\n")) }
        for report in run.reports {
            nb.log(["run": "autograd", "epoch": report.epoch, "weight": report.weight, "bias": report.bias,
                    "cost": report.cost])
        }
        guard run.divergedAt == nil else { return run }
        if epochs == 10_000 && learningRate == 0.001 {
            nb.text("""
                These are the lines PyTorch prints for the seed's program, digit for digit (the \
                lesson's tests hold them to it). Note that the cost printed at epoch 1000 was \
                computed before that epoch's step, the weight and bias after it, exactly as in \
                the seed.
                """)
        }
        let difference = byHand.largestDifference(from: run)
        nb.show("largest |by hand - autograd| over every epoch's weight, bias and cost", scientific(difference))
        nb.text("""
            The two runs agree to the last few bits of a 32-bit float: autograd computed exactly \
            the derivatives we wrote down, only without our help. The tiny differences are \
            rounding: autograd does the same arithmetic in another order (it divides each miss \
            by 30 before adding them up; we add up first), and floats round differently for each.
            """)
        return run
    }

    // MARK: - 5. Linear + MSELoss

    func descentWithLinear() -> (model: Linear, run: RegressionRun) {
        nb.section("Linear(1, 1) and MSELoss")
        nb.text("""
            A neural-network library packs this into parts. Linear(1, 1) holds a weight [1, 1] \
            and a bias [1] and computes x · Wᵀ + b for a batch of rows; MSELoss computes the \
            mean squared error; SGD takes model.parameters(). Unlike our zeros, Linear starts \
            from random numbers (uniform in ±1/√in_features = ±1, seeded by --seed), so its \
            first epochs differ from the previous runs; the line it ends up on does not.
            """)
        nb.code(file: trainLinearListing.file, line: trainLinearListing.line)
        nb.code()
        let (model, initial, run) = trainLinear(x: x, y: y, epochs: epochs,
                                                learningRate: learningRate, seed: nb.seed,
                                                reportEvery: reportEvery)

        nb.text("""
            Linear(1, 1)'s random start, printed as PyTorch prints `list(model.parameters())`: for \
            the same seed, torch.manual_seed(\(nb.seed)) and then torch.nn.Linear(1, 1), PyTorch draws \
            the same two numbers.
            """)
        nb.display(parameterList([Tensor([[initial.weight]], requiresGrad: true),
                                  Tensor([initial.bias], requiresGrad: true)]))
        nb.table(headers: ["epoch", "weight", "bias", "cost"], rows: run.reports.map {
            [String($0.epoch), fixed($0.weight, 4), fixed($0.bias, 4), fixed($0.cost, 4)]
        })
        for report in run.reports {
            nb.log(["run": "linear", "epoch": report.epoch, "weight": report.weight, "bias": report.bias,
                    "cost": report.cost])
        }
        nb.text("The parameters after training:")
        nb.display(parameterList(model.parameters()))
        nb.show("the learned line", "ŷ = \(fixed(run.finalWeight, 4)) x \(signed(run.finalBias, 4))")
        staleOptimizer()
        return (model, run)
    }

    /// Seed 004's second program as written: the optimizer of the first one does the steps.
    func staleOptimizer() {
        nb.text("""
            Here trainLinear makes its own SGD(model.parameters(), ...). The seed's second \
            program does not: it goes on with the optimizer of the first program, \
            optim.SGD([weight, bias], ...). That runs without an error, and trains nothing. \
            Run it as written:
            """)
        nb.code(file: trainLinearAsTheSeedWritesListing.file, line: trainLinearAsTheSeedWritesListing.line)
        nb.code()
        let (costs, stale) = trainLinearAsTheSeedWrites(
            x: x, y: y, epochs: epochs, learningRate: learningRate, seed: nb.seed)

        let unchanged = costs.allSatisfy { $0 == costs[0] }
        nb.show("costs[0]", fixed(costs[0], 3))
        nb.show("costs.last!", fixed(costs.last!, 3))
        nb.show(stale.weight.grad)
        nb.claim(unchanged, "the cost of the seed's program as written never changes")
        nb.text("""
            The cost is \(fixed(costs[0], 3)) at every one of the \(costs.count.formatted()) epochs: \
            the model's weight and bias never move, because no optimizer holds them. Worse, \
            nothing clears their gradients either (zeroGrad() clears only the parameters the \
            optimizer holds), so model.weight.grad is the sum of all \(costs.count.formatted()) \
            epochs' gradients. An optimizer is made for a list of parameters; a new model needs \
            a new optimizer, SGD(model.parameters(), ...), as trainLinear does. (The seed's \
            program in PyTorch, after torch.manual_seed(\(nb.seed)), prints this same cost at every \
            report.)
            """)
    }

    // MARK: - 6. The exact answer

    func exactAnswer(byHand: RegressionRun, autograd: RegressionRun, linear: (model: Linear, run: RegressionRun)) {
        nb.section("The exact answer")
        nb.text("""
            For a line, the best weight and bias have a formula: set both derivatives to zero. \
            dL/db = 0 says the line passes through the centre of the data, b = ȳ - w x̄; put \
            that into dL/dw = 0 and
                w = cov(x, y) / var(x) = Σ (xᵢ - x̄)(yᵢ - ȳ) / Σ (xᵢ - x̄)²
                b = ȳ - w · x̄
            Equivalently, the normal equations XᵀX [w, b] = Xᵀy with X = [x 1]. In Double:
            """)
        let normal = normalEquations(x: RegressionData.x, y: RegressionData.y)
        nb.show("x̄, ȳ", "\(fixed(exact.meanX, 4)), \(fixed(exact.meanY, 4))")
        nb.show("var(x), cov(x, y)", "\(fixed(exact.varianceX, 4)), \(fixed(exact.covarianceXY, 4))")
        nb.show("w = cov / var", fixed(exact.weight, 6))
        nb.show("b = ȳ - w x̄", fixed(exact.bias, 6))
        nb.show("normal equations (w, b)", "\(fixed(normal.weight, 6)), \(fixed(normal.bias, 6))")
        let best = cost(weight: exact.weight, bias: exact.bias, x: RegressionData.x, y: RegressionData.y)
        func row(_ name: String, _ w: Double, _ b: Double) -> [String] {
            [name, fixed(w, 6), fixed(b, 6), fixed(cost(weight: w, bias: b, x: RegressionData.x, y: RegressionData.y), 6),
             scientific(abs(w - exact.weight)), scientific(abs(b - exact.bias))]
        }
        nb.table(headers: ["after \(epochs.formatted()) epochs", "weight", "bias", "cost", "|w - w*|", "|b - b*|"], rows: [
            row("by hand", Double(byHand.finalWeight), Double(byHand.finalBias)),
            row("autograd + SGD", Double(autograd.finalWeight), Double(autograd.finalBias)),
            row("Linear + MSELoss", Double(linear.run.finalWeight), Double(linear.run.finalBias)),
            row("closed form", exact.weight, exact.bias),
        ])
        nb.log(["closed_form_weight": exact.weight, "closed_form_bias": exact.bias, "closed_form_cost": best])
        let finalCost = cost(weight: Double(autograd.finalWeight), bias: Double(autograd.finalBias),
                             x: RegressionData.x, y: RegressionData.y)
        let nearlyThere = finalCost < 1.1 * best
        nb.text("""
            After \(epochs.formatted()) epoch\(epochs == 1 ? "" : "s") the weight is \
            \(fixed(abs(Double(autograd.finalWeight) - exact.weight), 4)) from the best one and \
            the bias \(fixed(abs(Double(autograd.finalBias) - exact.bias), 4)), \
            \(nearlyThere
                ? "even though the cost is only \(percentAbove(finalCost, best)) above the minimum. The last section shows why."
                : "and the cost is still \(percentAbove(finalCost, best)) above the minimum: run more epochs to see the bias lag behind.")
            """)
        let xs = RegressionData.x.map(Double.init)
        let domain = 0.0...31.0
        nb.plot(Figure("data-and-fits", title: "The data and the fitted lines")
            .xLabel("x").yLabel("y").xRange(domain).yRange(-2...30)
            .scatter(xs, RegressionData.y.map(Double.init), label: "data", marker: .openCircle, color: .black)
            .function(domain, samples: 2, label: "by hand", color: .blue, lineWidth: 5) {
                Double(byHand.finalWeight) * $0 + Double(byHand.finalBias)
            }
            .function(domain, samples: 2, label: "autograd + SGD", style: .dashed, color: .orange, lineWidth: 3) {
                Double(autograd.finalWeight) * $0 + Double(autograd.finalBias)
            }
            .function(domain, samples: 2, label: "Linear + MSELoss", style: .dotted, color: .green, lineWidth: 3) {
                Double(linear.run.finalWeight) * $0 + Double(linear.run.finalBias)
            }
            .function(domain, samples: 2, label: "closed form", style: .dashDot, color: .red, lineWidth: 1.5) {
                exact.weight * $0 + exact.bias
            }
            .legend(.topLeft))
        // The largest vertical gap between a fitted line and the exact one, over x in 0...31,
        // against the data's height (about 29).
        let fits: [(String, Double, Double)] = [
            ("by hand", Double(byHand.finalWeight), Double(byHand.finalBias)),
            ("autograd + SGD", Double(autograd.finalWeight), Double(autograd.finalBias)),
            ("Linear + MSELoss", Double(linear.run.finalWeight), Double(linear.run.finalBias)),
        ]
        let gaps = fits.map { name, w, b in
            (name, [0.0, 31].map { Swift.abs((w - exact.weight) * $0 + (b - exact.bias)) }.max()!)
        }
        let widest = gaps.max { $0.1 < $1.1 }!
        let farthest = "\(widest.0)'s is \(fixed(widest.1, 2)) away from the exact line at its farthest, after "
            + "\(epochs.formatted()) epoch\(epochs == 1 ? "" : "s")."
        nb.text(widest.1 < 0.3 ? "On the scale of the data, the four lines lie on top of each other."
            : widest.1 < 3 ? "On the scale of the data the lines lie close, but not on top of each other: " + farthest
            : "The lines are still apart: " + farthest)
    }

    // MARK: - 7. The cost, epoch by epoch

    func costPerEpoch(autograd: RegressionRun, linear: (model: Linear, run: RegressionRun)) {
        nb.section("The cost, epoch by epoch")
        let best = cost(weight: exact.weight, bias: exact.bias, x: RegressionData.x, y: RegressionData.y)
        let fastEpochs = (autograd.costs.firstIndex { $0 < 1.5 } ?? 0) + 1
        let n = autograd.costs.count, half = max(1, n / 2)
        let excessAtHalf = Double(autograd.costs[half - 1]) - best, excessAtEnd = Double(autograd.costs[n - 1]) - best
        let perEpoch = n > half && excessAtHalf > 0 && excessAtEnd > 0 ? pow(excessAtEnd / excessAtHalf, 1 / Double(n - half)) : 1
        if n < 4 || !autograd.costs.contains(where: { $0 < 1.5 }) {
            nb.text("""
                After \(n.formatted()) epoch\(n == 1 ? "" : "s") the cost went from \(fixed(autograd.costs[0], 1)) to \(fixed(autograd.costs[n - 1], 4)); \
                the minimum is L* = \(fixed(best, 4)). Run with more epochs to see the whole story.
                """)
        } else {
        nb.text("""
            The cost falls from \(fixed(autograd.costs[0], 1)) to below 1.5 in \(fastEpochs) epochs, \
            and then hardly moves. On a log scale the excess over the minimum, \
            L - L* = L - \(fixed(best, 4)), tells the rest of the story: a sudden drop, then a \
            straight line, a steady exponential decay that is slow: from epoch \(half.formatted()) to \
            \(n.formatted()) the excess shrinks by a factor \(fixed(perEpoch, 5)) per epoch, about \
            \(fixed(100 * (1 - perEpoch), 2))%. (The wiggles below 10⁻⁴ are the \
            resolution of a 32-bit float: the cost itself is \(fixed(best, 4)).)
            """)
        }
        let epochsAxis = (1...autograd.costs.count).map(Double.init)
        let excess = { (run: RegressionRun) in run.costs.map { max(Double($0) - best, 1e-7) } }
        nb.plot(Figure("cost-per-epoch", title: "The cost of every epoch (lr \(learningRate))", columns: 2)
            .panel("cost L").xLabel("epoch").yLabel("L (log scale)").logScale(.x, .y)
            .line(epochsAxis, autograd.costs.map(Double.init), label: "zeros start (autograd)")
            .line(epochsAxis, linear.run.costs.map(Double.init), label: "Linear(1, 1)", style: .dashed)
            .legend(.topRight)
            .panel("excess cost L - L*").xLabel("epoch").yLabel("L - L* (log scale)").logScale(.y)
            .gnuplot("set format y '%.0e'").gnuplot("set xtics \(max(1, epochs / 4))")
            .line(epochsAxis, excess(autograd), label: "zeros start (autograd)")
            .line(epochsAxis, excess(linear.run), label: "Linear(1, 1)", style: .dashed)
            .legend(.topRight))
    }

    // MARK: - 8. The valley

    func whyTheBiasIsSlow(_ run: RegressionRun) {
        nb.section("Why the bias is slow: a long, narrow valley")
        nb.text("""
            The seed's author draws the cost as a function of the weight alone: a parabola, \
            lowest at the best weight, where its slope is zero. Here it is with the bias held \
            at its best value, b* = \(fixed(exact.bias, 4)), and, dashed, at b = 0.
            """)
        let (wStar, bStar) = (exact.weight, exact.bias)
        let (xs, ys) = (RegressionData.x, RegressionData.y)
        nb.plot(Figure("cost-vs-weight", title: "The cost as a function of the weight")
            .xLabel("weight w").yLabel("L(w, b)")
            .function(0...1.8, label: "b = b* = \(fixed(bStar, 3))") { cost(weight: $0, bias: bStar, x: xs, y: ys) }
            .function(0...1.8, label: "b = 0", style: .dashed) { cost(weight: $0, bias: 0, x: xs, y: ys) }
            .scatter([wStar], [cost(weight: wStar, bias: bStar, x: xs, y: ys)],
                     label: "minimum: w* = \(fixed(wStar, 4))", marker: .diamond, color: .red, size: 2)
            .yRange(0...330).legend(.topRight))
        let atBiasZero = cost(weight: wStar, bias: 0, x: xs, y: ys)
        let atWeightMoved = cost(weight: wStar + abs(bStar), bias: bStar, x: xs, y: ys)
        let best = cost(weight: wStar, bias: bStar, x: xs, y: ys)
        nb.text("""
            The two parabolas are almost the same. At w*, moving the bias from b* to 0 raises \
            the cost from \(fixed(best, 3)) to \(fixed(atBiasZero, 3)); moving the weight by the \
            same \(fixed(abs(bStar), 2)) raises it to \(fixed(atWeightMoved, 1)). The cost over \
            (w, b) is a valley that is steep across and nearly flat along. Its curvature is the \
            same everywhere (L is a quadratic), the matrix of second derivatives
                H = 2 [mean(x²)  mean(x)]  =  [\(fixed(2 * curvature.meanXSquared, 2))  \(fixed(2 * curvature.meanX, 1))]
                      [mean(x)   1      ]     [\(fixed(2 * curvature.meanX, 1))     2.0 ]
            and its two eigenvalues measure how steep the valley is across and along:
            """)
        nb.show("λ_max (across the valley)", fixed(curvature.largest, 2))
        nb.show("λ_min (along the valley)", fixed(curvature.smallest, 4))
        nb.show("condition number λ_max / λ_min", fixed(curvature.conditionNumber, 0))
        nb.show("the valley's direction (w, b)", "(\(fixed(curvature.valley.weight, 4)), \(fixed(curvature.valley.bias, 4)))")
        let lr = Double(learningRate), shownLr = "\(learningRate)"
        let startAlong = -(wStar * curvature.valley.weight + bStar * curvature.valley.bias)
        let left = curvature.remaining(startAlong, epochs: run.costs.count, learningRate: lr)
        let actualAlong = (Double(run.finalWeight) - wStar) * curvature.valley.weight
            + (Double(run.finalBias) - bStar) * curvature.valley.bias
        nb.text("""
            Each step of gradient descent shrinks the distance to the minimum along an \
            eigenvector by the factor (1 - lr · λ). Across the valley that is 1 - \(shownLr) · \
            \(fixed(curvature.largest, 1)) = \(fixed(1 - lr * curvature.largest, 3)): gone in a few \
            epochs. Along it, 1 - \(shownLr) · \(fixed(curvature.smallest, 3)) = \
            \(fixed(1 - lr * curvature.smallest, 6)): after \(run.costs.count.formatted()) epochs, a \
            start \(fixed(startAlong, 4)) away along the valley is still \
            \(fixed(startAlong, 4)) · \(fixed(1 - lr * curvature.smallest, 6))^\(run.costs.count) = \
            \(fixed(left, 4)) away (measured: \(fixed(actualAlong, 4))). The valley runs almost \
            parallel to the bias axis, so that leftover is the bias's error.
            """)
        nb.text("""
            The learning rate cannot simply be raised: across the valley the factor 1 - lr · λ_max \
            must stay above -1, so lr < 2 / λ_max = \(fixed(curvature.stableLearningRateLimit, 6)). \
            The steep direction caps the step, and the flat one then crawls: that is what a large \
            condition number means. It comes from the data: x runs from 1 to 30, so the weight's \
            gradient carries a factor x up to 30 and the bias's does not. Centring x (x - x̄) \
            would make the two directions independent, and scaling it to variance 1 would make the \
            valley round: gradient descent would then reach the minimum in a handful of steps.
            """)
        surface(run)
    }

    /// The cost over (w, b) as a heatmap, with the path gradient descent took.
    func surface(_ run: RegressionRun) {
        nb.text("""
            Here is the valley seen from above: the colour is log₁₀ of the cost above its \
            minimum, L - L*, so each step up the colour bar is ten times higher. The red \
            path is gradient descent from (0, 0): one jump across the valley, then a long \
            slide along its floor. The right panel zooms in on the floor.
            """)
        let (xs, ys) = (RegressionData.x, RegressionData.y)
        let best = cost(weight: exact.weight, bias: exact.bias, x: xs, y: ys)
        func grid(w: ClosedRange<Double>, b: ClosedRange<Double>, size: Int = 161) -> [[Double]] {
            (0..<size).map { i in
                let bias = b.lowerBound + (b.upperBound - b.lowerBound) * Double(i) / Double(size - 1)
                return (0..<size).map { j in
                    let weight = w.lowerBound + (w.upperBound - w.lowerBound) * Double(j) / Double(size - 1)
                    return log10(max(cost(weight: weight, bias: bias, x: xs, y: ys) - best, 1e-6))
                }
            }
        }
        // Every epoch at first, then every 10th: the path has 10,000 points.
        let picked = (0..<run.weights.count).filter { $0 < 100 || $0 % 10 == 9 }
        let pathW = [0.0] + picked.map { Double(run.weights[$0]) }
        let pathB = [0.0] + picked.map { Double(run.biases[$0]) }
        let wide = (w: -0.1...1.9, b: -2.0...1.0)
        let zoom = (w: 0.84...0.92, b: -0.7...0.2)
        let inZoom = zip(pathW, pathB).filter { zoom.w.contains($0.0) && zoom.b.contains($0.1) }
        nb.plot(Figure("cost-surface", title: "log₁₀(L - L*) over (w, b), and the path of gradient descent", columns: 2)
            .size(width: 1200, height: 560)
            .panel("the whole valley").xLabel("weight w").yLabel("bias b")
            .heatmap(grid(w: wide.w, b: wide.b), x: wide.w, y: wide.b, colorRange: -4...3)
            .line(pathW, pathB, label: "gradient descent", color: .red, lineWidth: 2.5)
            .scatter([exact.weight], [exact.bias], label: "minimum", marker: .circle, color: .cyan, size: 1.5)
            .legend(.bottomLeft)
            .panel("its floor, zoomed in").xLabel("weight w").yLabel("bias b").gnuplot("set xtics 0.02")
            .heatmap(grid(w: zoom.w, b: zoom.b), x: zoom.w, y: zoom.b, colorRange: -4...0)
            .line(inZoom.map(\.0), inZoom.map(\.1), label: "gradient descent", color: .red, lineWidth: 2.5)
            .scatter([exact.weight], [exact.bias], label: "minimum", marker: .circle, color: .cyan, size: 1.5)
            .legend(.bottomLeft))
    }

    // MARK: - 9. Too large a step

    func tooLargeAStep() {
        let limit = curvature.stableLearningRateLimit
        nb.section("Too large a step")
        nb.text("""
            To see the limit, run 40 epochs just below and just above lr = 2 / λ_max = \
            \(fixed(limit, 6)):
            """)
        let rates: [Float] = [0.003, 0.0033]
        let runs = rates.map { trainWithAutograd(x: x, y: y, epochs: 40, learningRate: $0, reportEvery: 10) }
        nb.table(headers: ["epoch"] + rates.map { "cost at lr \($0)" }, rows: [1, 10, 20, 30, 40].map { epoch in
            [String(epoch)] + runs.map { fixed($0.costs[epoch - 1], 3) }
        })
        nb.text("""
            At 0.003 the weight overshoots across the valley at every step, but by less each \
            time, and settles. At 0.0033 each overshoot is larger than the last: the cost grows \
            by about 18% per epoch and would reach infinity. Try `swift run Lesson04 --lr \
            0.0033` to see the lesson stop on it.
            """)
    }

    /// What the lesson says when the chosen learning rate makes the cost blow up.
    func diverged(_ run: RegressionRun) {
        let epoch = run.divergedAt ?? 0
        let shown = Array(Set([1, 2, 3] + stride(from: 10, to: epoch, by: 10) + [epoch])).sorted().filter { $0 <= epoch }
        nb.table(headers: ["epoch", "weight", "bias", "cost"], rows: shown.map { e in
            [String(e), fixed(run.weights[e - 1], 3), fixed(run.biases[e - 1], 3), fixed(run.costs[e - 1], 1)]
        })
        nb.warning("""
            the cost blew up at epoch \(epoch) (cost \(run.costs.last.map { String(describing: $0) } ?? "?")), \
            so the lesson stops here. With lr = \(learningRate) each step overshoots the valley of \
            the cost and lands higher on the other side; for these data, gradient descent only \
            converges when lr < 2 / λ_max = \(fixed(curvature.stableLearningRateLimit, 6)), where \
            λ_max = \(fixed(curvature.largest, 1)) is the steepest curvature of the cost. Run again \
            with a smaller --lr, such as the seed's 0.001.
            """)
    }

    // MARK: - 10. Exercises

    func exercises() {
        nb.section("What's next")
        nb.text("""
            You have trained the smallest model there is three ways (gradients by hand, \
            autograd with SGD, Linear with MSELoss) and checked them against the exact answer. \
            Every network in the coming lessons trains the same way, only with more parameters \
            and a cost whose valleys have no formula.

            Your turn, in Exercises/Lesson04.swift:
            - 4.1 mseGradients: dL/dw and dL/db of the mean squared error, by hand;
            - 4.2 sgdStep: one step of gradient descent on a line;
            - 4.3 closedFormLeastSquares: the exact weight and bias.

            Check your answers with `swift run check 4`.

            Next: `swift run Lesson05`, XOR, where one line is not enough.
            """)
    }

    // MARK: - Formatting

    /// How far `value` is above `minimum`, in percent with two significant digits: "0.59%",
    /// "0.00027%".
    func percentAbove(_ value: Double, _ minimum: Double) -> String {
        let percent = 100 * (value - minimum) / minimum
        guard percent > 0 else { return "0%" }
        let decimals = max(0, 1 - Int(Foundation.floor(Foundation.log10(percent))))
        return fixed(percent, decimals) + "%"
    }

    /// "+ 0.5000" or "- 0.4335", to follow a term.
    func signed<T: BinaryFloatingPoint>(_ value: T, _ decimals: Int) -> String {
        (value < 0 ? "- " : "+ ") + fixed(abs(value), decimals)
    }

}
