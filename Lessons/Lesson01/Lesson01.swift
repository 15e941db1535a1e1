import Foundation
import Notebook
import Plot
import Torchlet

/// Lesson 01: the perceptron.
///
/// Read this file next to its output (`swift run Lesson01`): each `nb.code` shows the line that
/// runs right below it. The computations live in the files beside this one (`Perceptron.swift`,
/// `GradientTraining.swift`, `PerceptronRule.swift`, ...), so the tests can check the numbers.
@main
struct Lesson01: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Lesson01",
        abstract: "The perceptron: y = f(w·x + b), trained by gradient descent and by Rosenblatt's rule.",
        discussion: """
            The affine map on a batch, a Perceptron module (Linear, sigmoid, squeeze), one \
            training step with every gradient printed and checked against the formula, training \
            on a linearly separable set with the decision line drawn as it moves, Rosenblatt's \
            rule on the same data, and XOR, which no single line can separate. Runs in about a \
            second (--quick: less).
            """)

    @OptionGroup var common: CommonOptions

    func run() {
        let nb = Notebook(lesson: "Lesson01", title: "The perceptron", options: common)
        teach(nb)
        nb.finish()
    }

    /// The whole lesson, section by section, returning the numbers it taught (for the tests).
    @discardableResult
    func teach(_ nb: Notebook) -> Lesson01Results {
        let sizes = LessonSizes(quick: nb.quick)
        oneNeuron(nb)
        affineMapOnABatch(nb)
        let data = makeSeparableData(count: sizes.points)
        let batch = data.balancedBatch(perClass: 3)
        let firstModel = perceptronModule(nb, batch: batch)
        let step = oneTrainingStep(nb, model: firstModel, batch: batch)
        let (trained, records) = trainOnSeparableSet(nb, data: data, sizes: sizes)
        let rule = perceptronRule(nb, data: data, start: records[0], gradientModel: trained, sizes: sizes)
        let xorResults = xor(nb, sizes: sizes)
        whatsNext(nb)
        return Lesson01Results(data: data, step: step, separable: records, rule: rule,
                               xorRecords: xorResults.records, xorRule: xorResults.rule,
                               xorSearch: xorResults.search)
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
        nb.code("""
            let x = Tensor([2, -1]), w = Tensor([0.5, 1.5]), b = Tensor(0.25)
            let z = (w * x).sum() + b
            """)
        let x = Tensor([2.0, -1]), w = Tensor([0.5, 1.5]), b = Tensor(0.25)
        let z = (w * x).sum() + b
        nb.show("z", z)
        nb.show("z.sigmoid()", z.sigmoid())
        nb.text("""
            The score is below 0, so the step would say class 0, and the sigmoid says the same \
            thing more softly: a 44% chance of class 1.
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
        nb.code("""
            let X = Tensor([[2, -1], [0, 0], [1, 1], [-1, 2]])     // [4, 2]
            let W = Tensor([[0.5, 1.5]])                            // [1, 2]
            let b = Tensor([0.25])                                  // [1]
            let Z = X.matmul(W.t()) + b                             // [4, 1]
            """)
        let (X, W, b) = Self.batchExample()
        let Z = X.matmul(W.t()) + b
        nb.show("Z", Z)
        nb.show("Z.shape", Z.shape)
        nb.text("""
            Check the rows by hand: 1 - 1.5 + 0.25 = -0.25;  0 + 0.25 = 0.25;  0.5 + 1.5 + 0.25 \
            = 2.25;  -0.5 + 3 + 0.25 = 2.75. This is exactly what a Linear(2, 1) layer does. \
            Give one the same weight and bias, and it returns the same column:
            """)
        nb.code("""
            let layer = Linear(2, 1)
            noGrad { layer.weight.copy(from: W); layer.bias!.copy(from: b) }
            layer(X)
            """)
        let layer = Linear(2, 1)
        noGrad {
            layer.weight.copy(from: W)
            layer.bias!.copy(from: b)
        }
        nb.show("layer(X)", layer(X))
        nb.text("""
            The grad_fn says the layer's output remembers how it was made: Linear's weight and \
            bias require gradients, so everything computed from them joins the graph.
            """)
    }

    /// The batch of section 2: four samples, the weights (0.5, 1.5) and the bias 0.25.
    static func batchExample() -> (X: Tensor, W: Tensor, b: Tensor) {
        (Tensor([[2.0, -1], [0, 0], [1, 1], [-1, 2]]), Tensor([[0.5, 1.5]]), Tensor([0.25]))
    }

    // MARK: - 3. The Perceptron module

    func perceptronModule(_ nb: Notebook, batch: TwoClassData) -> Perceptron {
        nb.section("A Perceptron module")
        nb.text("""
            In PyTorch a model is a class derived from nn.Module: its layers are stored \
            properties and forward(x) says how they are used. Torchlet reads the same way. Our \
            perceptron is one Linear layer to a single score, then the sigmoid, then squeeze:
            """)
        nb.code("""
            final class Perceptron: Module {
                let fc1: Linear
                init(inputDim: Int) { fc1 = Linear(inputDim, 1); super.init() }
                override func forward(_ x: Tensor) -> Tensor {
                    fc1(x).sigmoid().squeeze(dim: 1)       // [N, 1] -> [N]
                }
            }
            let model = Perceptron(inputDim: 2)
            print(model)
            """)
        let model = Perceptron(inputDim: 2)
        nb.show(model)
        nb.text("""
            That is PyTorch's printout, word for word. The module finds its parameters by itself, \
            from its stored properties; they start random, uniform in ±1/√2 (PyTorch's default \
            for a Linear layer with 2 inputs), from the seeded generator:
            """)
        for (name, parameter) in model.namedParameters() {
            nb.show(name, parameter)
        }
        nb.text("""
            Run it on a batch: \(batch.count) points of the data set we will train on in a \
            moment, \(batch.count / 2) from each class (x has shape [\(batch.count), 2]).
            """)
        nb.code("let probabilities = model(x)")
        let probabilities = model(batch.inputs)
        nb.show("x", batch.inputs)
        nb.show("probabilities", probabilities)
        nb.show("probabilities.shape", probabilities.shape)
        nb.text("""
            fc1(x) has shape [\(batch.count), 1], one column; squeeze(dim: 1) drops that column \
            dimension so the output is a plain vector [\(batch.count)], one probability per \
            sample, the shape the targets \
            have. PyTorch tutorials often write a bare squeeze(), which removes every dimension \
            of size 1: for a batch of one sample it would turn [1, 1] into a shape-[] number and \
            lose the batch dimension too. Naming the dimension avoids that surprise.
            """)
        let right = Int((accuracy(probabilities: probabilities, labels: batch.labels) * Float(batch.count)).rounded())
        nb.note("""
            these probabilities mean nothing yet: they come from random weights. Read with a \
            threshold of 0.5, they get \(right) of the \(batch.count) classes right (the first \
            \(batch.count / 2) points are class 1, the others class 0). Training is what gives \
            them meaning.
            """)
        return model
    }

    // MARK: - 4. One training step

    func oneTrainingStep(_ nb: Notebook, model: Perceptron, batch: TwoClassData) -> TrainingStepResult {
        nb.section("One training step, every gradient printed")
        nb.text("""
            Training is one step repeated many times, and each step has five parts, in the \
            same order in every PyTorch program you will ever read:
            """)
        nb.code("""
            let optimizer = SGD(model.parameters(), lr: 0.5)
            let lossFunction = BCELoss()
            optimizer.zeroGrad()                    // 1. clear the old gradients
            let yHat = model(x)                     // 2. forward: predict
            let loss = lossFunction(yHat, y)        // 3. loss: how wrong, as one number
            loss.backward()                         // 4. backward: dloss/dparameter for each parameter
            optimizer.step()                        // 5. step: w <- w - lr · w.grad
            """)
        nb.text("""
            The loss for yes/no answers given as probabilities is the binary cross-entropy, \
            BCELoss: with target y ∈ {0, 1} and prediction ŷ,

                L = -mean( y·log ŷ + (1 - y)·log(1 - ŷ) )

            which is -log ŷ for a sample of class 1 (small when ŷ is near 1) and -log(1 - ŷ) for \
            class 0. Take the same model and the same \(batch.count) samples, with their \
            classes y:
            """)
        let step = trainingStep(model: model, x: batch.inputs, y: batch.labels, learningRate: 0.5,
                                trace: nb.trace)
        nb.show("y", batch.labels)
        nb.show("yHat", step.predictions)
        nb.show("loss", step.loss)
        if let trace = step.trace {
            nb.text("--trace: the backward pass, node by node, from the loss down to fc1's parameters:")
            nb.show(trace)
            nb.text("""
                Step [3] is the sigmoid's rule: it multiplies the incoming (ŷ - y) / (ŷ(1 - ŷ)) / N \
                by ŷ(1 - ŷ), and what it passes on is simply (ŷ - y) / N: for the first sample, \
                (\(Self.format(step.predictions.scalars[0])) - \(Self.format(batch.labels.scalars[0], decimals: 0))) / \
                \(batch.count) = \(Self.format((step.predictions.scalars[0] - batch.labels.scalars[0]) / Float(batch.count))). \
                The cancellation described below, happening in the engine.
                """)
        }
        nb.text("After loss.backward(), each parameter holds its gradient:")
        nb.show("fc1.weight.grad", step.weightGrad)
        nb.show("fc1.bias.grad", step.biasGrad)
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
        nb.code("""
            let error = yHat - y                                   // [\(batch.count)]
            let dw = (error.unsqueeze(1) * x).mean(dim: 0)         // [\(batch.count), 1] * [\(batch.count), 2] -> [2]
            let db = error.mean()
            """)
        nb.table(headers: ["parameter", "autograd (.grad)", "formula", "|difference|"], rows: [
            ["w₁", Self.format(step.weightGrad.scalars[0]), Self.format(step.weightGradByHand.scalars[0]),
             Self.format(abs(step.weightGrad.scalars[0] - step.weightGradByHand.scalars[0]), decimals: 8)],
            ["w₂", Self.format(step.weightGrad.scalars[1]), Self.format(step.weightGradByHand.scalars[1]),
             Self.format(abs(step.weightGrad.scalars[1] - step.weightGradByHand.scalars[1]), decimals: 8)],
            ["b", Self.format(step.biasGrad.scalars[0]), Self.format(step.biasGradByHand.scalars[0]),
             Self.format(abs(step.biasGrad.scalars[0] - step.biasGradByHand.scalars[0]), decimals: 8)],
        ])
        nb.text("""
            They agree to the last digits Float can hold. Then step() moves each parameter \
            against its gradient, by lr = 0.5 times it:
            """)
        nb.show("weight before", step.weightBefore)
        nb.show("weight after ", step.weightAfter)
        nb.show("bias before  ", step.biasBefore)
        nb.show("bias after   ", step.biasAfter)
        let lossAfter = noGrad { BCELoss()(model(batch.inputs), batch.labels).item() }
        nb.text("""
            weight after = weight before - 0.5 · weight.grad, and the same for the bias. On the \
            same \(batch.count) samples the loss went from \(Self.format(step.loss.item())) to \
            \(Self.format(lossAfter)): one step downhill.
            """)
        nb.log(["section": "one step", "loss": step.loss.item(), "loss_after": lossAfter,
                "max_gradient_difference": step.largestGradientDifference])
        return step
    }

    // MARK: - 5. Training on a separable set

    func trainOnSeparableSet(_ nb: Notebook, data: TwoClassData, sizes: LessonSizes)
        -> (model: Perceptron, records: [EpochRecord]) {
        nb.section("Training on a linearly separable set")
        let ones = data.labels.scalars.filter { $0 == 1 }.count
        nb.text("""
            The data: \(data.count) points drawn at random from the square [-2, 2]², labelled by \
            a hidden rule, class 1 where x₁ + 2x₂ - 0.5 > 0 (\(ones) points) and class 0 \
            elsewhere (\(data.count - ones) points). Points closer than 0.25 to that line were \
            left out, so a gap runs between the classes: the set is linearly separable, some \
            line puts every point on its right side. The perceptron does not know the rule; it \
            has to find a line from the examples.

            The perceptron's own line is where its score is 0, which is where its probability is \
            exactly 0.5: w₁x₁ + w₂x₂ + b = 0. Training moves that line. We train for \
            \(sizes.epochs) epochs (passes over the data) in shuffled mini-batches of \
            \(sizes.batchSize) points, SGD with lr = \(Self.format(sizes.learningRate, decimals: 1)), \
            and measure loss and accuracy on the whole set after each epoch.
            """)
        nb.code("""
            let model = Perceptron(inputDim: 2)
            let loader = DataLoader(TensorDataset(x, y), batchSize: \(sizes.batchSize), shuffle: true)
            let optimizer = SGD(model.parameters(), lr: \(Self.format(sizes.learningRate, decimals: 1)))
            for epoch in 1...\(sizes.epochs) {
                for (xb, yb) in loader {
                    optimizer.zeroGrad()
                    let loss = BCELoss()(model(xb), yb)
                    loss.backward()
                    optimizer.step()
                }
            }
            """)
        let model = Perceptron(inputDim: 2)
        let records = trainWithGradients(model, on: data, epochs: sizes.epochs, learningRate: sizes.learningRate,
                                         batchSize: sizes.batchSize) { record in
            nb.log(["section": "separable", "epoch": record.epoch, "loss": record.loss, "accuracy": record.accuracy])
        }
        let shown = Self.epochsToShow(records.count - 1)
        nb.table(headers: ["epoch", "loss", "accuracy", "w₁", "w₂", "b"], rows: shown.map { epoch in
            let r = records[epoch]
            return ["\(epoch)", Self.format(r.loss), Self.percent(r.accuracy), Self.format(r.weights[0]),
                    Self.format(r.weights[1]), Self.format(r.bias)]
        })
        let final = records.last!
        let firstPerfect = records.first { $0.accuracy == 1 }
        if let firstPerfect {
            nb.text("""
                Accuracy reaches 100% after epoch \(firstPerfect.epoch): from then on every point \
                is on its side of the line. The loss keeps falling after that, because BCE asks \
                for more than the right side: it wants probabilities near 0 and 1, and gets them \
                by growing the weights, which makes the sigmoid steeper across the line. Only \
                the direction of (w₁, w₂) decides where the line lies, and it has turned towards \
                the hidden rule's (1, 2): the angle between them is \
                \(Self.format(Self.angleInDegrees(final.weights, TeacherLine.weight), decimals: 1))°.
                """)
        } else {
            nb.warning("""
                with these settings the perceptron did not reach 100% in \(sizes.epochs) epochs \
                (final accuracy \(Self.percent(final.accuracy))); try more epochs with --seed or \
                without --quick.
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
            figure = figure.line(line.x1, line.x2, label: "epoch \(epoch): \(Self.percent(r.accuracy))",
                                 style: styles[index], color: colors[index], lineWidth: index == epochs.count - 1 ? 3 : 2)
        }
        nb.plot(figure.legend(.outside).size(width: 900, height: 600))

        nb.text("""
            Loss and accuracy per epoch, on the whole set. Accuracy moves in jumps (a point \
            crosses the line or it does not); the loss moves smoothly, which is why we \
            differentiate the loss and only report the accuracy.
            """)
        nb.plot(Figure("loss-and-accuracy", title: "Training on the separable set", columns: 2)
            .panel("BCE loss").xLabel("epoch").yRange(0...)
            .line(records.map { Double($0.epoch) }, records.map(\.loss), label: "loss")
            .panel("accuracy").xLabel("epoch").yRange(0...1.05)
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

    func perceptronRule(_ nb: Notebook, data: TwoClassData, start: EpochRecord, gradientModel: Perceptron,
                        sizes: LessonSizes) -> RuleRun {
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
            through the points in order:
            """)
        let run = runPerceptronRule(on: data, weights: start.weights, bias: start.bias, learningRate: 0.1,
                                    maxEpochs: sizes.ruleEpochs)
        if let u = run.firstUpdate {
            let x = u.x.map { Self.format($0) }.joined(separator: ", ")
            nb.text("""
                The first mistake is sample \(u.sample), x = (\(x)), class t = \(Int(u.target)). Its \
                score is z = \(Self.format(u.score)), so ŷ = \(Int(u.prediction)) and t - ŷ = \
                \(Self.signed(u.target - u.prediction)):

                    w: (\(Self.format(u.weightsBefore[0])), \(Self.format(u.weightsBefore[1]))) -> \
                (\(Self.format(u.weightsAfter[0])), \(Self.format(u.weightsAfter[1])))
                    b: \(Self.format(u.biasBefore)) -> \(Self.format(u.biasAfter))
                """)
        }
        nb.table(headers: ["epoch", "mistakes (= updates)"],
                 rows: run.mistakesPerEpoch.enumerated().map { ["\($0.offset + 1)", "\($0.element)"] })
        if run.converged {
            nb.text("""
                After \(run.mistakesPerEpoch.count) epochs a whole pass goes by without a mistake, \
                and then the rule never moves again: the line separates the set, accuracy \
                \(Self.percent(run.accuracy)). That is no luck. The perceptron convergence theorem \
                (Novikoff, 1962) says that on a linearly separable set the rule makes only a \
                finite number of mistakes, fewer the wider the gap between the classes.
                """)
        } else {
            nb.text("""
                In \(run.mistakesPerEpoch.count) epochs the rule still made mistakes (accuracy \
                \(Self.percent(run.accuracy))); with more epochs it would get there: on a separable \
                set it always does, after a finite number of mistakes (Novikoff, 1962).
                """)
        }
        nb.text("""
            Both lines separate the data, but they are not the same line. The rule stops at the \
            first line that makes no mistake, however close it passes to a point; gradient \
            descent on BCE keeps pushing every point further from its line, and so tends to \
            settle nearer the middle of the gap.
            """)
        let box = Self.box
        let rule = decisionLine(weights: run.rule.weights, bias: run.rule.bias, x1Range: box.x1, x2Range: box.x2)
        let gradient = decisionLine(weights: gradientModel.weights, bias: gradientModel.biasValue,
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

    func xor(_ nb: Notebook, sizes: LessonSizes)
        -> (records: [EpochRecord], rule: RuleRun, search: LineSearchResult) {
        nb.section("XOR: where one line is not enough")
        let data = makeXORData()
        nb.text("""
            Now four points, the corners of the unit square, labelled by exclusive or: class 1 \
            when exactly one input is 1.

                x₁  x₂  |  y
                 0   0  |  0
                 0   1  |  1
                 1   0  |  1
                 1   1  |  0

            Train a fresh perceptron on them, full batch, SGD with lr = 0.5, for \
            \(sizes.xorEpochs) epochs:
            """)
        let model = Perceptron(inputDim: 2)
        let records = trainWithGradients(model, on: data, epochs: sizes.xorEpochs, learningRate: 0.5, batchSize: 4)
        let shown = Self.epochsToShow(records.count - 1)
        nb.table(headers: ["epoch", "loss", "accuracy", "w₁", "w₂", "b"], rows: shown.map { epoch in
            let r = records[epoch]
            return ["\(epoch)", Self.format(r.loss), Self.percent(r.accuracy), Self.format(r.weights[0]),
                    Self.format(r.weights[1]), Self.format(r.bias)]
        })
        let final = records.last!
        let best = records.map(\.accuracy).max() ?? 0
        nb.show("model(x)", noGrad { model(data.inputs) })
        nb.text("""
            The accuracy never gets past \(Self.percent(best)), and the loss creeps towards \
            log 2 = 0.6931 (it ends at \(Self.format(final.loss))): the weights shrink towards 0 \
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
            ceiling for any line. To check without algebra, try lines by brute force:
            """)
        let search = searchLines(on: data)
        nb.code("searchLines(on: xor)      // every w₁, w₂, b in -2, -1.9, ..., 2")
        nb.show("lines tried", search.linesTried)
        nb.show("best accuracy", Self.percent(search.bestAccuracy))
        nb.show("lines at 75%", search.linesAtBest)
        let rule = runPerceptronRule(on: data, weights: [0, 0], bias: 0, learningRate: 0.1, maxEpochs: sizes.ruleEpochs)
        let mistakes = rule.mistakesPerEpoch
        nb.text("""
            Rosenblatt's rule fares no better: from w = 0 it made \(mistakes.min() ?? 0) to \
            \(mistakes.max() ?? 0) mistakes in every one of its \(mistakes.count) epochs and \
            never settles, because there is no line where it could stop. The picture says the \
            same: a line can cut off one corner, or two neighbouring corners, never the two \
            diagonal pairs.
            """)
        let box = (x1: -0.5...1.5, x2: -0.5...1.5)
        let lower = decisionLine(weights: [1, 1], bias: -0.5, x1Range: box.x1, x2Range: box.x2)
        let upper = decisionLine(weights: [1, 1], bias: -1.5, x1Range: box.x1, x2Range: box.x2)
        nb.plot(Figure("xor", title: "XOR: no single line separates the classes", columns: 2)
            .panel("each line alone gets 3 of 4 right")
            .xLabel("x₁").yLabel("x₂").xRange(box.x1).yRange(box.x2)
            .scatter(data.x1, data.x2, classes: data.classes, names: ["class 0", "class 1"], size: 2.5)
            .line(lower.x1, lower.x2, label: "x₁ + x₂ = 0.5 (wrong on (1,1))", color: .purple)
            .line(upper.x1, upper.x2, label: "x₁ + x₂ = 1.5 (wrong on (0,0))", style: .dashed, color: .red)
            .legend(.below)
            .panel("gradient descent on XOR").xLabel("epoch").yRange(0...1.05)
            .line(records.map { Double($0.epoch) }, records.map(\.loss), label: "BCE loss (→ log 2 = 0.6931)")
            .line(records.map { Double($0.epoch) }, records.map(\.accuracy), label: "accuracy", color: .green)
            .legend(.topRight)
            .size(width: 1100, height: 560))
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

// MARK: - Results, sizes and formatting

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

/// The sizes of the lesson's runs: full, or tiny with `--quick`.
struct LessonSizes {
    let points: Int
    let epochs: Int
    let batchSize: Int
    let learningRate: Float
    let ruleEpochs: Int
    let xorEpochs: Int

    init(quick: Bool) {
        points = quick ? 40 : 100
        epochs = quick ? 20 : 30
        batchSize = 10
        learningRate = 0.5
        ruleEpochs = quick ? 20 : 50
        xorEpochs = quick ? 100 : 300
    }
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

    /// The angle between two vectors of the plane, in degrees.
    static func angleInDegrees(_ u: [Float], _ v: [Float]) -> Float {
        let dot = u[0] * v[0] + u[1] * v[1]
        let lengths = (u[0] * u[0] + u[1] * u[1]).squareRoot() * (v[0] * v[0] + v[1] * v[1]).squareRoot()
        guard lengths > 0 else { return .nan }
        return Float(acos(Double(max(-1, min(1, dot / lengths))))) * 180 / .pi
    }

    static func format(_ value: Float, decimals: Int = 4) -> String {
        String(format: "%.\(decimals)f", Double(value))
    }

    static func signed(_ value: Float) -> String {
        value > 0 ? "+\(Int(value))" : "\(Int(value))"
    }

    static func percent(_ value: Float) -> String {
        String(format: "%.0f%%", Double(value) * 100)
    }
}
