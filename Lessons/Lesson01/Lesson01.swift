import Foundation
import Notebook
import Plot
import Torchlet

/// Lesson 01: the perceptron.
///
/// Read this file next to its output (`swift run Lesson01`): each `nb.code()` prints the lines
/// that run right below it, and `nb.show(x)` prints `x = ...`. Two listings come from the files
/// beside this one: the Perceptron class (Perceptron.swift) and the training loop
/// (GradientTraining.swift), each printed from where it is written.
@main
struct Lesson01: ParsableCommand {
    @OptionGroup var common: CommonOptions

    func run() {
        let nb = Notebook(lesson: "Lesson01", title: "The perceptron", options: common)
        teach(nb)
        nb.finish()
    }

    /// The whole lesson, section by section, returning the numbers it taught (for the tests).
    @discardableResult
    func teach(_ nb: Notebook) -> Lesson01Results {
        oneNeuron(nb)
        affineMapOnABatch(nb)
        let (model, data, batch) = perceptronModule(nb)
        let step = oneTrainingStep(nb, model: model, x: batch.inputs, y: batch.labels)
        let (trained, records) = trainOnSeparableSet(nb, data: data)
        let rule = perceptronRule(nb, data: data, records: records, gradientModel: trained)
        let xor = xorProblem(nb)
        whatsNext(nb)
        return Lesson01Results(data: data, step: step, separable: records, rule: rule,
                               xorRecords: xor.records, xorRule: xor.rule, xorSearch: xor.search)
    }

    // MARK: - 1. One neuron

    func oneNeuron(_ nb: Notebook) {
        nb.section("One neuron: y = f(w·x + b)")
        nb.text("""
            The perceptron is the smallest neural network there is: one neuron. It takes a few \
            numbers x (the features of one sample), gives each a weight w, adds them up with a \
            bias b, and passes the sum through a function f:

                z = w·x + b = w₁x₁ + w₂x₂ + ... + b        (the score)
                y = f(z)                                   (the output)

            The map x -> w·x + b is called an affine map: a linear map (w·x) plus a shift (b). \
            Without b, the score of x = 0 would always be 0, whatever the weights; the bias lets \
            the neuron move its threshold away from the origin.

            Rosenblatt's perceptron (1958) used a hard step for f: output 1 when z ≥ 0, else 0. \
            Today we use the sigmoid σ(z) = 1 / (1 + e⁻ᶻ), which bends z smoothly into a \
            probability between 0 and 1 and, unlike the step, has a slope that gradients can \
            follow. By hand, for x = (2, -1), w = (0.5, 1.5) and b = 0.25:

                z = 0.5·2 + 1.5·(-1) + 0.25 = -0.25
                y = σ(-0.25) = 1 / (1 + e^0.25) = 0.4378
            """)
        nb.code()
        let x = Tensor([2.0, -1]), w = Tensor([0.5, 1.5]), b = Tensor(0.25)
        let z = (w * x).sum() + b
        nb.show(z)
        nb.show(z.sigmoid())
        let probability = z.sigmoid().item()
        nb.claim(z.item() == -0.25 && abs(probability - 0.4378) < 5e-5, "by hand, z = -0.25 and σ(z) = 0.4378")
        nb.text("""
            The score is below 0, so the step would say class 0, and the sigmoid says the same \
            thing more softly: a \(percent(probability, decimals: 0)) chance of class 1.
            """)
    }

    // MARK: - 2. The affine map on a batch

    func affineMapOnABatch(_ nb: Notebook) {
        nb.section("The affine map on a batch: one matrix product")
        nb.text("""
            We never feed a network one sample at a time. Stack N samples as the rows of a matrix \
            X, and the N scores come out of one matrix product. PyTorch stores the weights of a \
            layer with 1 output and 2 inputs as a row W of shape [1, 2] (one row per output), \
            so the product takes its transpose:

                Z  =  X   ·  Wᵀ   +  b
                [N, 1]  [N, 2]  [2, 1]   [1]    (b is added to every row: broadcasting)

            Row n of Z is xₙ · w + b, the score of sample n. Here are four samples, the first \
            being the one from above:
            """)
        nb.code()
        let X = Tensor([[2.0, -1], [0, 0], [1, 1], [-1, 2]])  // [4, 2]
        let W = Tensor([[0.5, 1.5]])  // [1, 2]
        let b = Tensor([0.25])  // [1]
        let Z = X.matmul(W.t()) + b  // [4, 1]
        nb.show(Z)
        nb.show(Z.shape)
        nb.claim(Z.scalars == [-0.25, 0.25, 2.25, 2.75], "the rows of Z are -0.25, 0.25, 2.25 and 2.75")
        nb.text("""
            Check the rows by hand: 1 - 1.5 + 0.25 = -0.25;  0 + 0.25 = 0.25;  0.5 + 1.5 + 0.25 \
            = 2.25;  -0.5 + 3 + 0.25 = 2.75. This is exactly what a Linear(2, 1) layer does. \
            Give one the same weight and bias, and it returns the same column:
            """)
        nb.code()
        let layer = Linear(2, 1)
        noGrad {
            layer.weight.copy(from: W)
            layer.bias!.copy(from: b)
        }
        nb.show(layer(X))
        nb.claim(layer(X).scalars == Z.scalars, "the layer returns the same column as X.matmul(W.t()) + b")
        nb.text("""
            The grad_fn says the layer's output remembers how it was made: Linear's weight and \
            bias require gradients, so everything computed from them joins the graph.
            """)
    }

    // MARK: - 3. The Perceptron module

    func perceptronModule(_ nb: Notebook) -> (model: Perceptron, data: TwoClassData, batch: TwoClassData) {
        nb.section("A Perceptron module")
        nb.text("""
            In PyTorch a model is a class derived from nn.Module: its layers are stored \
            properties and forward(x) says how they are used. Torchlet reads the same way. Our \
            perceptron, in Perceptron.swift, is one Linear layer to a single score, then the \
            sigmoid, then squeeze:
            """)
        nb.code(file: perceptronListing.file, line: perceptronListing.line)
        nb.code()
        let model = Perceptron(inputDim: 2)
        nb.display(model)
        nb.text("""
            That is PyTorch's printout, word for word. The module finds its parameters by itself, \
            from its stored properties; they start random, uniform in ±1/√2 (PyTorch's default \
            for a Linear layer with 2 inputs), from the seeded generator:
            """)
        nb.code()
        for (name, parameter) in model.namedParameters() {
            nb.show(name, parameter)
        }

        let limit = 1 / Float(2).squareRoot()
        nb.claim(model.parameters().allSatisfy { $0.scalars.allSatisfy { abs($0) <= limit } },
                 "the parameters lie within ±1/√2")
        nb.text("""
            Run it on a batch: a few points, of both classes, from the data set we will train on \
            in section 5 (which tells how the points are drawn).
            """)
        nb.code()
        let data = makeSeparableData(count: nb.quick ? 40 : 100)
        let batch = data.balancedBatch(perClass: 3)  // the first 3 of each class
        let x = batch.inputs, y = batch.labels
        let probabilities = model(x)
        nb.show(x)
        nb.show(y)
        nb.show(probabilities)
        nb.show(probabilities.shape)
        let n = batch.count
        nb.text("""
            fc1(x) has shape [\(n), 1], one column; squeeze(dim: 1) drops that column dimension \
            so the output is a plain vector [\(n)], one probability per sample, the shape the \
            targets y have. PyTorch tutorials often write a bare squeeze(), which removes every \
            dimension of size 1: for a batch of one sample it would turn [1, 1] into a shape-[] \
            number and lose the batch dimension too. Naming the dimension avoids that surprise.
            """)
        let right = Int((accuracy(probabilities: probabilities, labels: y) * Float(n)).rounded())
        nb.note("""
            these probabilities mean nothing yet: they come from random weights. Read with a \
            threshold of 0.5 (0.5 or more means class 1), they get \(right) of the \(n) classes \
            in y right. Training is what gives them meaning.
            """)
        return (model, data, batch)
    }

    // MARK: - 4. One training step

    func oneTrainingStep(_ nb: Notebook, model: Perceptron, x: Tensor, y: Tensor) -> TrainingStepResult {
        nb.section("One training step, every gradient printed")
        nb.text("""
            Training is one step repeated many times, and each step has five parts, in the \
            same order in every PyTorch program you will ever read: clear the old gradients, \
            predict (the forward pass), measure how wrong the prediction is (the loss), work out \
            the gradients (the backward pass), and move the parameters (the step).

            The loss for yes/no answers given as probabilities is the binary cross-entropy, \
            BCELoss: with target y ∈ {0, 1} and prediction ŷ,

                L = -mean( y·log ŷ + (1 - y)·log(1 - ŷ) )

            which is -log ŷ for a sample of class 1 (small when ŷ is near 1) and -log(1 - ŷ) for \
            class 0. Take the same model and the same \(x.shape[0]) samples x, with their \
            classes y, and go through the first three parts:
            """)
        nb.code()
        let optimizer = SGD(model.parameters(), lr: 0.5)
        let lossFunction = BCELoss()
        optimizer.zeroGrad()  // 1. clear the old gradients
        let yHat = model(x)  // 2. forward: predict
        let loss = lossFunction(yHat, y)  // 3. loss: how wrong, as one number
        nb.show(yHat)
        nb.show(loss)
        // Names for the lines of the --trace printout.
        yHat.labeled("yHat")
        loss.labeled("loss")
        model.fc1.weight.labeled("fc1.weight")
        model.fc1.bias!.labeled("fc1.bias")
        nb.text("The fourth part fills each parameter's grad (with --trace it also prints every step):")
        nb.code()
        loss.backward(trace: nb.trace)  // 4. backward: dloss/dparameter for every parameter

        if nb.trace {
            let first = (ŷ: yHat.scalars[0], y: y.scalars[0])
            nb.text("""
                Step [3] is the sigmoid's rule: it multiplies the incoming (ŷ - y) / (ŷ(1 - ŷ)) / N \
                by ŷ(1 - ŷ), and what it passes on is simply (ŷ - y) / N: for the first sample, \
                (\(fixed(first.ŷ)) - \(fixed(first.y, 0))) / \(x.shape[0]) = \
                \(fixed((first.ŷ - first.y) / Float(x.shape[0]))). The cancellation described \
                below, happening in the engine.
                """)
        }
        nb.show(model.fc1.weight.grad)
        nb.show(model.fc1.bias!.grad)
        let weightGrad = model.fc1.weight.grad!, biasGrad = model.fc1.bias!.grad!
        nb.text("""
            Where do these numbers come from? Follow one sample through the chain rule, \
            z = w·x + b, ŷ = σ(z), and its share of the loss, ℓ = -(y log ŷ + (1-y) log(1-ŷ)) / N:

                dℓ/dŷ = (ŷ - y) / (ŷ(1 - ŷ)) / N
                dŷ/dz = σ'(z) = ŷ(1 - ŷ)
                dℓ/dz = (ŷ - y) / N              the two ŷ(1 - ŷ) cancel
                dz/dw = x,   dz/db = 1

            Adding up over the N samples:

                dL/dw = mean( (ŷ - y) · x )      dL/db = mean( ŷ - y )

            The gradient is the error ŷ - y times the input: a sample that is already right \
            (ŷ close to y) barely pulls, a badly wrong one pulls hard, in the direction of its \
            own x. Computed straight from that formula:
            """)
        nb.code()
        let error = yHat.detach() - y  // [N]; detach(): the numbers, without the graph
        let dw = (error.unsqueeze(1) * x).mean(dim: 0)  // [N, 1] * [N, 2] -> [2]
        let db = error.mean()
        nb.show(dw)
        nb.show(db)
        let byHand = dw.scalars + [db.item()], fromBackward = weightGrad.scalars + biasGrad.scalars
        nb.table(headers: ["parameter", "autograd (.grad)", "formula", "|difference|"],
                 rows: zip(["w₁", "w₂", "b"], zip(fromBackward, byHand)).map { name, pair in
                     [name, fixed(pair.0), fixed(pair.1), fixed(abs(pair.0 - pair.1), 8)]
                 })
        let largestDifference = zip(fromBackward, byHand).map { abs($0 - $1) }.max() ?? 0
        nb.claim(largestDifference < 1e-6, "autograd and the formula agree to the last digits a Float holds")
        nb.text("""
            They agree to the last digits a Float can hold. The fifth part, step(), moves each \
            parameter against its gradient, by lr = 0.5 times it. Before the step:
            """)
        let weightBefore = model.fc1.weight.detach(), biasBefore = model.fc1.bias!.detach()
        nb.show(model.fc1.weight)
        nb.show(model.fc1.bias)
        nb.code()
        optimizer.step()  // 5. step: each parameter -= lr · its grad
        nb.show(model.fc1.weight)
        nb.show(model.fc1.bias)
        nb.code()
        let lossAfter = noGrad { lossFunction(model(x), y) }
        nb.show(lossAfter)
        let step = TrainingStepResult(
            predictions: yHat, loss: loss, weightBefore: weightBefore, biasBefore: biasBefore,
            weightGrad: weightGrad, biasGrad: biasGrad,
            weightGradByHand: dw.unsqueeze(0), biasGradByHand: db.reshape([1]),
            weightAfter: model.fc1.weight.detach(), biasAfter: model.fc1.bias!.detach(), lossAfter: lossAfter)
        nb.claim(step.movedAgainstTheGradient(learningRate: 0.5), "each parameter moved by -0.5 times its gradient")
        nb.claim(lossAfter.item() < loss.item(), "the loss on these samples went down")
        nb.text("""
            weight after = weight before - 0.5 · weight.grad, and the same for the bias. On the \
            same \(x.shape[0]) samples the loss went from \(fixed(loss.item())) to \
            \(fixed(lossAfter.item())): one step downhill.
            """)
        nb.log(["section": "one step", "loss": loss.item(), "loss_after": lossAfter.item(),
                "max_gradient_difference": step.largestGradientDifference])
        return step
    }

    // MARK: - 5. Training on a separable set

    func trainOnSeparableSet(_ nb: Notebook, data: TwoClassData) -> (model: Perceptron, records: [EpochRecord]) {
        nb.section("Training on a linearly separable set")
        let ones = data.labels.scalars.filter { $0 == 1 }.count
        nb.text("""
            The data of section 3: \(data.count) points drawn at random from the square \
            [-2, 2]², labelled by a hidden rule, class 1 where x₁ + 2x₂ - 0.5 > 0 (\(ones) \
            points) and class 0 elsewhere (\(data.count - ones) points). Points closer than 0.25 \
            to that line were left out, so a gap runs between the classes: the set is linearly \
            separable, some line puts every point on its right side. The perceptron does not \
            know the rule; it has to find a line from the examples.

            The perceptron's own line is where its score is 0, which is where its probability is \
            exactly 0.5: w₁x₁ + w₂x₂ + b = 0. Training moves that line. It repeats the step of \
            section 4 for each mini-batch of a shuffled pass over the data (an epoch), epoch \
            after epoch, and measures loss and accuracy on the whole set after each one. The \
            loop is trainWithGradients, in GradientTraining.swift; here is the call, and then \
            the loop it runs:
            """)
        nb.code()
        let epochs = nb.quick ? 20 : 30
        let model = Perceptron(inputDim: 2)
        let records = trainWithGradients(model, on: data, epochs: epochs, learningRate: 0.5,
                                         batchSize: 10, showingLoopIn: nb)

        for record in records.dropFirst() {
            nb.log(["section": "separable", "epoch": record.epoch, "loss": record.loss, "accuracy": record.accuracy])
        }
        nb.table(headers: ["epoch", "loss", "accuracy", "w₁", "w₂", "b"],
                 rows: Self.epochsToShow(records.count - 1).map { Self.row(records[$0]) })
        let final = records.last!
        if let firstPerfect = records.first(where: { $0.accuracy == 1 }) {
            nb.text(Self.separableStory(records, firstPerfect: firstPerfect))
        } else {
            nb.warning("""
                with these settings the perceptron did not reach 100% in \(epochs) epochs \
                (final accuracy \(percent(final.accuracy, decimals: 0))); try another --seed, or \
                leave out --quick for more epochs.
                """)
        }
        separablePlots(nb, data: data, records: records, model: model)
        return (model, records)
    }

    func separablePlots(_ nb: Notebook, data: TwoClassData, records: [EpochRecord], model: Perceptron) {
        nb.text("""
            Here is the line moving, drawn over the two classes at a few epochs. It starts \
            wherever the random weights put it and swings into the gap between the classes:
            """)
        let box = Self.box
        let candidates = [0, 1, 2, 5, records.count - 1]
        let epochs = candidates.enumerated().filter { $0.element < records.count && !candidates[..<$0.offset].contains($0.element) }.map(\.element)
        let colors: [Color] = [.grey, .purple, .green, .brown, .black]
        let styles: [LineStyle] = [.dotted, .dashDot, .dashed, .dashed, .solid]
        var figure = Figure("decision-line", title: "The perceptron's line w·x + b = 0 as it trains")
            .xLabel("x₁").yLabel("x₂").xRange(box.x1).yRange(box.x2)
            .scatter(data.x1, data.x2, classes: data.classes, names: ["class 0", "class 1"])
        for (index, epoch) in epochs.enumerated() {
            let r = records[epoch]
            let line = decisionLine(weights: r.weights, bias: r.bias, x1Range: box.x1, x2Range: box.x2)
            figure = figure.line(line.x1, line.x2, label: "epoch \(epoch): \(percent(r.accuracy, decimals: 0))",
                                 style: styles[index], color: colors[index], lineWidth: index == epochs.count - 1 ? 3 : 2)
        }
        nb.plot(figure.legend(.outside).size(width: 900, height: 600))

        nb.text("""
            Loss and accuracy per epoch, on the whole set. Accuracy moves in jumps (a point \
            crosses the line or it does not); the loss moves smoothly, which is why we \
            differentiate the loss and only report the accuracy.
            """)
        nb.plot(Figure("loss-and-accuracy", title: "Training on the separable set", columns: 2)
            .panel("BCE loss").xLabel("epoch").yLabel("loss").yRange(0...)
            .line(records.map { Double($0.epoch) }, records.map(\.loss), label: "loss")
            .panel("accuracy").xLabel("epoch").yLabel("accuracy").yRange(0...1.05)
            .line(records.map { Double($0.epoch) }, records.map(\.accuracy), label: "accuracy", color: .green))

        nb.text("""
            Finally, what the trained perceptron says everywhere in the plane: σ(w·x + b) as a \
            colour, 0.5 exactly on its line. Across the line the probability changes over a band \
            whose width shrinks as the weights grow.
            """)
        let grid = Self.probabilityGrid(model: model, x1: box.x1, x2: box.x2, steps: 81)
        let line = decisionLine(weights: model.weights, bias: model.biasValue, x1Range: box.x1, x2Range: box.x2)
        nb.plot(Figure("probability-map", title: "P(class 1) = σ(w·x + b) after training")
            .xLabel("x₁").yLabel("x₂")
            .heatmap(grid, x: box.x1, y: box.x2, palette: .softDiverging, colorRange: 0...1)
            .scatter(data.x1, data.x2, classes: data.classes, names: ["class 0", "class 1"])
            .line(line.x1, line.x2, label: "P = 0.5", color: .black)
            .size(width: 800, height: 620))
    }

    /// The model's probability on an evenly spaced grid; row 0 at the bottom.
    static func probabilityGrid(model: Perceptron, x1: ClosedRange<Double>, x2: ClosedRange<Double>,
                                steps: Int) -> [[Float]] {
        let a = (0..<steps).map { Float(x1.lowerBound + Double($0) * (x1.upperBound - x1.lowerBound) / Double(steps - 1)) }
        let c = (0..<steps).map { Float(x2.lowerBound + Double($0) * (x2.upperBound - x2.lowerBound) / Double(steps - 1)) }
        let points = c.flatMap { v in a.flatMap { u in [u, v] } }
        let probabilities = noGrad { model(Tensor(shape: [steps * steps, 2], scalars: points)).scalars }
        return (0..<steps).map { Array(probabilities[($0 * steps)..<(($0 + 1) * steps)]) }
    }

    // MARK: - 6. Rosenblatt's rule

    func perceptronRule(_ nb: Notebook, data: TwoClassData, records: [EpochRecord], gradientModel: Perceptron)
        -> RuleRun {
        nb.section("Rosenblatt's rule: learning without a gradient")
        nb.text("""
            The first perceptron learned before backpropagation existed. It used the step \
            instead of the sigmoid, and a rule of thumb instead of a loss: look at one sample \
            (x, t), predict ŷ = 1 if w·x + b ≥ 0 else 0, and correct by the error t - ŷ:

                w ← w + lr · (t - ŷ) · x
                b ← b + lr · (t - ŷ)

            A right guess (t - ŷ = 0) changes nothing. A missed class-1 point (t - ŷ = +1) adds \
            x to w, which raises the score of x by lr·(|x|² + 1); a false alarm (-1) lowers it. \
            Notice the likeness to the gradient step: w ← w - lr · (ŷ - y) · x, with the hard \
            error in place of the soft one, applied one sample at a time.

            Start from the same line as the gradient run (epoch 0 above), with lr = 0.1, and go \
            through the points in order, pass after pass, until a whole pass makes no mistake \
            (runPerceptronRule, in PerceptronRule.swift):
            """)
        nb.code()
        let start = records[0]  // the untrained line of section 5
        let run = runPerceptronRule(on: data, weights: start.weights, bias: start.bias,
                                    learningRate: 0.1, maxEpochs: nb.quick ? 20 : 50)

        if let u = run.firstUpdate {
            let x = u.x.map { fixed($0) }.joined(separator: ", ")
            nb.text("""
                The first mistake is sample \(u.sample), x = (\(x)), class t = \(Int(u.target)). Its \
                score is z = \(fixed(u.score)), so ŷ = \(Int(u.prediction)) and t - ŷ = \
                \(String(format: "%+.0f", u.target - u.prediction)):

                    w: (\(fixed(u.weightsBefore[0])), \(fixed(u.weightsBefore[1]))) -> \
                (\(fixed(u.weightsAfter[0])), \(fixed(u.weightsAfter[1])))
                    b: \(fixed(u.biasBefore)) -> \(fixed(u.biasAfter))
                """)
        }
        nb.table(headers: ["epoch", "mistakes (= updates)"],
                 rows: run.mistakesPerEpoch.enumerated().map { ["\($0.offset + 1)", "\($0.element)"] })
        if run.converged {
            nb.text("""
                After \(run.mistakesPerEpoch.count) epochs a whole pass goes by without a mistake, \
                and then the rule never moves again: the line separates the set, accuracy \
                \(percent(run.accuracy, decimals: 0)). That is no luck. The perceptron convergence \
                theorem (Novikoff, 1962) says that on a linearly separable set the rule makes only \
                a finite number of mistakes, fewer the wider the gap between the classes.
                """)
        } else {
            nb.text("""
                In \(run.mistakesPerEpoch.count) epochs the rule still made mistakes (accuracy \
                \(percent(run.accuracy, decimals: 0))); with more epochs it would get there: on a \
                separable set it always does, after a finite number of mistakes (Novikoff, 1962).
                """)
        }
        let gradientLine = (weights: gradientModel.weights, bias: gradientModel.biasValue)
        let gradientAccuracy = evaluate(gradientModel, on: data, epoch: 0).accuracy
        if run.accuracy == 1 && gradientAccuracy == 1 {
            let ruleGap = Self.nearestDistance(of: data, to: run.rule.weights, run.rule.bias)
            let gradientGap = Self.nearestDistance(of: data, to: gradientLine.weights, gradientLine.bias)
            let gaps = "the nearest point is \(fixed(ruleGap, 3)) from the rule's line and \(fixed(gradientGap, 3)) "
                + "from the gradient's (every point is at least 0.25 from the hidden rule's line)"
            let thisRun = gradientGap > ruleGap ? "In this run it does: \(gaps)."
                : "Not yet in this run: \(gaps). That pull towards the middle is slow, and \(records.count - 1) "
                + "epochs are few."
            nb.text("""
                Both lines separate the data, but they are not the same line. The rule stops at the \
                first line that makes no mistake, however close it passes to a point; gradient \
                descent on BCE keeps pushing every point further from its line, and so tends to \
                settle nearer the middle of the gap. \(thisRun)
                """)
        } else {
            nb.text("""
                Here the two lines do not both separate the data yet (the rule's accuracy \
                \(percent(run.accuracy, decimals: 0)), the gradient's \(percent(gradientAccuracy, decimals: 0))). \
                When they do, they are still not the same line: the rule stops at the first line \
                that makes no mistake, however close it passes to a point, while gradient descent \
                on BCE keeps pushing every point further from its line.
                """)
        }
        let box = Self.box
        let rule = decisionLine(weights: run.rule.weights, bias: run.rule.bias, x1Range: box.x1, x2Range: box.x2)
        let gradient = decisionLine(weights: gradientLine.weights, bias: gradientLine.bias,
                                    x1Range: box.x1, x2Range: box.x2)
        let teacher = decisionLine(weights: TeacherLine.weight, bias: TeacherLine.bias, x1Range: box.x1, x2Range: box.x2)
        nb.plot(Figure("rule-versus-gradient", title: "Two ways to learn a separating line")
            .xLabel("x₁").yLabel("x₂").xRange(box.x1).yRange(box.x2)
            .scatter(data.x1, data.x2, classes: data.classes, names: ["class 0", "class 1"])
            .line(teacher.x1, teacher.x2, label: "hidden rule x₁ + 2x₂ = 0.5", style: .dotted, color: .grey)
            .line(gradient.x1, gradient.x2, label: "sigmoid + BCE + SGD", color: .black)
            .line(rule.x1, rule.x2, label: "Rosenblatt's rule", style: .dashed, color: .red)
            .legend(.outside).size(width: 900, height: 600))
        nb.log(["section": "rule", "epochs": run.mistakesPerEpoch.count, "accuracy": run.accuracy,
                "converged": run.converged])
        return run
    }

    // MARK: - 7. XOR

    func xorProblem(_ nb: Notebook) -> (records: [EpochRecord], rule: RuleRun, search: LineSearchResult) {
        nb.section("XOR: where one line is not enough")
        nb.text("""
            Now four points, the corners of the unit square, labelled by exclusive or: class 1 \
            when exactly one input is 1.

                x₁  x₂  |  y
                 0   0  |  0
                 0   1  |  1
                 1   0  |  1
                 1   1  |  0

            Train a fresh perceptron on them with the loop of section 5, full batch (all four \
            points in every step), SGD with lr = 0.5:
            """)
        nb.code()
        let xor = makeXORData()  // the four corners and their classes, as in the table
        let model = Perceptron(inputDim: 2)
        let records = trainWithGradients(model, on: xor, epochs: nb.quick ? 100 : 300,
                                         learningRate: 0.5, batchSize: 4)
        nb.table(headers: ["epoch", "loss", "accuracy", "w₁", "w₂", "b"],
                 rows: Self.epochsToShow(records.count - 1).map { Self.row(records[$0]) })
        nb.show(model(xor.inputs))
        let final = records.last!
        let best = records.map(\.accuracy).max() ?? 0
        let log2 = Float(log(2.0))
        nb.claim(best <= 0.75, "the accuracy never gets past 75%")
        nb.claim(abs(final.loss - log2) < abs(records[0].loss - log2) && abs(final.loss - log2) < 0.01,
                 "the loss ends close to log 2, closer than it started")
        nb.claim(Self.length(final.weights + [final.bias]) < Self.length(records[0].weights + [records[0].bias]),
                 "the weights shrink towards 0")
        nb.claim(Self.farthestFromHalf(final, on: xor) < Self.farthestFromHalf(records[0], on: xor),
                 "the probabilities move towards 0.5")
        nb.text("""
            The accuracy never gets past \(percent(best, decimals: 0)), and the loss creeps towards \
            log 2 = 0.6931 (it ends at \(fixed(final.loss))): the weights shrink towards 0 \
            and every probability towards 0.5. That is the perceptron saying "I don't know" to \
            every point, because for XOR that is the best a single line can do under BCE. (Once \
            the weights are nearly 0, which side of 0.5 each point falls on is decided by tiny \
            leftovers, so the accuracy may flicker; it cannot climb.)

            Why can no line get all four right? Ask the step for each point:

                (0,0) is class 0:   b < 0
                (0,1) is class 1:   w₂ + b ≥ 0
                (1,0) is class 1:   w₁ + b ≥ 0
                (1,1) is class 0:   w₁ + w₂ + b < 0

            Add the middle two: w₁ + w₂ + 2b ≥ 0, so w₁ + w₂ + b ≥ -b > 0, which contradicts \
            the last line. Any three of the four can be satisfied, never all four: 75% is the \
            ceiling for any line. To check without algebra, try lines by brute force \
            (searchLines, in LineSearch.swift):
            """)
        nb.code()
        let search = searchLines(on: xor)  // every w₁, w₂ and b in -2, -1.9, ..., 2
        nb.show(search.linesTried)
        nb.show(search.bestAccuracy)
        nb.show(search.linesAtBest)
        nb.claim(search.bestAccuracy == 0.75, "the best line gets 75% right")
        nb.text("Rosenblatt's rule, from w = 0 and b = 0:")
        nb.code()
        let rule = runPerceptronRule(on: xor, weights: [0, 0], bias: 0, learningRate: 0.1,
                                     maxEpochs: nb.quick ? 20 : 50)
        nb.show(rule.converged)
        nb.show(rule.accuracy)

        let mistakes = rule.mistakesPerEpoch
        nb.claim(!rule.converged && (mistakes.min() ?? 0) >= 1, "the rule makes a mistake in every epoch")
        nb.text("""
            It fares no better: it made \(mistakes.min() ?? 0) to \(mistakes.max() ?? 0) \
            mistakes in every one of its \(mistakes.count) epochs and never settles, because \
            there is no line where it could stop. The picture says the same: a line can cut off \
            one corner, or two neighbouring corners, never the two diagonal pairs.
            """)
        xorPlot(nb, data: xor, records: records)
        nb.text("""
            The left panel also shows the way out. Class 1 is the band between the two lines: \
            a point is class 1 when it is above the first line and below the second. One neuron \
            draws one line; a layer of a few neurons with a nonlinear activation can draw \
            several, and one more neuron on top can combine them ("above this one and below \
            that one"). That is the multilayer perceptron, and Lesson05 uses one to solve XOR \
            with 100% accuracy.
            """)
        nb.log(["section": "xor", "accuracy": final.accuracy, "best_accuracy": best, "loss": final.loss,
                "best_line_accuracy": search.bestAccuracy])
        return (records, rule, search)
    }

    func xorPlot(_ nb: Notebook, data: TwoClassData, records: [EpochRecord]) {
        let box = (x1: -0.5...1.5, x2: -0.5...1.5)
        let lower = decisionLine(weights: [1, 1], bias: -0.5, x1Range: box.x1, x2Range: box.x2)
        let upper = decisionLine(weights: [1, 1], bias: -1.5, x1Range: box.x1, x2Range: box.x2)
        let epochs = records.map { Double($0.epoch) }
        let last = epochs.last ?? 1
        nb.plot(Figure("xor", title: "XOR: no single line separates the classes", columns: 3)
            .panel("each line alone gets 3 of 4 right")
            .xLabel("x₁").yLabel("x₂").xRange(box.x1).yRange(-0.5...2.1)
            .scatter(data.x1, data.x2, classes: data.classes, names: ["class 0", "class 1"], size: 2.5)
            .line(lower.x1, lower.x2, label: "x₁ + x₂ = 0.5", color: .purple)
            .line(upper.x1, upper.x2, label: "x₁ + x₂ = 1.5", style: .dashed, color: .red)
            .legend(.topRight)
            .panel("BCE loss of gradient descent").xLabel("epoch").yLabel("BCE loss")
            .line(epochs, records.map(\.loss), label: "loss")
            .line([0, last], [log(2.0), log(2.0)], label: "log 2 = 0.6931", style: .dotted, color: .grey)
            .legend(.topRight)
            .panel("accuracy of gradient descent").xLabel("epoch").yLabel("accuracy").yRange(0...1.05)
            .line(epochs, records.map(\.accuracy), label: "accuracy", color: .green)
            .line([0, last], [0.75, 0.75], label: "75%, the best of any line", style: .dotted, color: .grey)
            .legend(.bottomRight)
            .size(width: 1400, height: 500))
    }

    // MARK: - 8. What's next

    func whatsNext(_ nb: Notebook) {
        nb.section("Exercises and what's next")
        nb.text("""
            A perceptron is an affine map and an activation; it learns by nudging its weights \
            against the gradient of a loss (or, the old way, by correcting its mistakes), and \
            whatever it learns is one straight line through the input space.

            Your turn, in Exercises/Lesson01.swift:

            - 1.1 perceptronForward: the forward pass, σ(x · wᵀ + b) squeezed to [batch], built \
            from Tensor operations so backward() reaches the weight and the bias.
            - 1.2 perceptronRuleStep: one step of Rosenblatt's rule on tensors, the update of \
            section 6.

            Check your answers with `swift run check 1`.

            Next: `swift run Lesson02`, activation functions: the sigmoid's relatives, and why \
            deep networks mostly use ReLU.
            """)
    }
}

// MARK: - Results and helpers

/// The numbers the lesson teaches, as `teach(_:)` computed them.
struct Lesson01Results {
    /// The separable set.
    let data: TwoClassData
    /// Section 4: one training step on 6 samples.
    let step: TrainingStepResult
    /// Section 5: the gradient run on the separable set, epoch 0 (untrained) to the last.
    let separable: [EpochRecord]
    /// Section 6: Rosenblatt's rule on the separable set.
    let rule: RuleRun
    /// Section 7: the gradient run on XOR, Rosenblatt's rule on XOR, and the search over lines.
    let xorRecords: [EpochRecord]
    let xorRule: RuleRun
    let xorSearch: LineSearchResult
}

extension Lesson01 {
    /// The plotting box for the separable set.
    static let box = (x1: -2.2...2.2, x2: -2.2...2.2)

    /// Epochs for a table: the first few, then every so often, and the last.
    static func epochsToShow(_ last: Int) -> [Int] {
        let step = last <= 40 ? 5 : last / 10
        let picks = [0, 1, 2, 3] + stride(from: step, through: last, by: step) + [last]
        return Array(Set(picks.filter { $0 <= last })).sorted()
    }

    /// What section 5's run did after it first reached 100%, told from its records: whether the
    /// accuracy stayed there, how the loss and the weights went on, where the line points.
    static func separableStory(_ records: [EpochRecord], firstPerfect: EpochRecord) -> String {
        let final = records.last!
        let k = firstPerfect.epoch
        var story = "Accuracy reaches 100% after epoch \(k)"
        if k == final.epoch {
            story += ", the last one: only then is every point on its side of the line."
        } else if records[k...].allSatisfy({ $0.accuracy == 1 }) {
            story += ": from then on every point is on its side of the line."
        } else {
            let end = final.accuracy == 1 ? "before the last epoch ends at 100% again"
                : "and the last epoch ends at \(percent(final.accuracy, decimals: 0))"
            story += """
                , though not for good: a later step, which follows its own mini-batch rather \
                than the whole set, pushes a point back across the line for a while, \(end).
                """
        }
        let (before, after) = (length(firstPerfect.weights), length(final.weights))
        if final.epoch > k && final.loss < firstPerfect.loss && after > before {
            story += """
                 The loss keeps falling after that, from \(fixed(firstPerfect.loss)) to \
                \(fixed(final.loss)), because BCE asks for more than the right side: it wants \
                probabilities near 0 and 1, and gets them by growing the weights (the length of \
                (w₁, w₂) goes from \(fixed(before, 2)) to \(fixed(after, 2))), which makes the \
                sigmoid steeper across the line.
                """
        } else {
            story += """
                 BCE asks for more than the right side, though: it wants probabilities near 0 \
                and 1, and more epochs would get them by growing the weights, which makes the \
                sigmoid steeper across the line.
                """
        }
        let angle = angleInDegrees(final.weights, TeacherLine.weight)
        let startAngle = angleInDegrees(records[0].weights, TeacherLine.weight)
        story += """
             Only the direction of (w₁, w₂) decides where the line lies: it ends \
            \(fixed(angle, 1))° from the hidden rule's (1, 2), having started \(fixed(startAngle, 1))° \
            away.
            """
        return story
    }

    /// One row of a training table: epoch, loss, accuracy, w₁, w₂, b.
    static func row(_ r: EpochRecord) -> [String] {
        ["\(r.epoch)", fixed(r.loss), percent(r.accuracy, decimals: 0), fixed(r.weights[0]), fixed(r.weights[1]),
         fixed(r.bias)]
    }

    /// The length of a vector.
    static func length(_ v: [Float]) -> Float {
        v.map { $0 * $0 }.reduce(0, +).squareRoot()
    }

    /// The angle between two vectors of the plane, in degrees.
    static func angleInDegrees(_ u: [Float], _ v: [Float]) -> Float {
        let dot = u[0] * v[0] + u[1] * v[1]
        let lengths = length(u) * length(v)
        guard lengths > 0 else { return .nan }
        return Float(acos(Double(max(-1, min(1, dot / lengths))))) * 180 / .pi
    }

    /// The distance from the line w₁x₁ + w₂x₂ + b = 0 to the nearest point of the set.
    static func nearestDistance(of data: TwoClassData, to weights: [Float], _ bias: Float) -> Float {
        let norm = length(weights)
        return zip(data.x1, data.x2).map { abs(weights[0] * $0 + weights[1] * $1 + bias) / norm }.min() ?? 0
    }

    /// How far from 0.5 the model of `record` puts the farthest of the points' probabilities.
    static func farthestFromHalf(_ record: EpochRecord, on data: TwoClassData) -> Float {
        zip(data.x1, data.x2).map { x1, x2 in
            let z = record.weights[0] * x1 + record.weights[1] * x2 + record.bias
            return abs(1 / (1 + exp(-z)) - 0.5)
        }.max() ?? 0
    }
}
