import Foundation
import Notebook
import Plot
import Torchlet

/// Lesson 05: XOR with `BCEWithLogitsLoss`, the whole training loop.
///
/// Read this file next to its output (`swift run Lesson05`): each `nb.code` shows the lines that
/// run right below it. The computations live in the files beside this one: `XORDataset.swift`
/// (the data), `XORClassifier.swift` (the model) and `XORTraining.swift` (the loop, the
/// evaluation and the experiments), so the tests can run them without the narrative.
@main
struct Lesson05: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Lesson05",
        abstract: "XOR with BCEWithLogitsLoss: a small network trained by the full PyTorch loop.",
        discussion: """
            A Dataset of 2,500 noisy XOR points, a DataLoader, a Linear(2,4)-Tanh-Linear(4,1) \
            classifier, BCEWithLogitsLoss and why it takes logits, the five steps of a training \
            step, what goes wrong without zeroGrad(), 100 epochs of SGD with a progress bar, \
            train() and eval(), accuracy on a test set, saving and loading the model, the decision \
            boundary, and a start that stalls. Runs in 1 to 2 seconds (under a second with --quick).
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: ArgumentHelp("Passes over the training set (default 100; 50 with --quick).", valueName: "n"))
    var epochs: Int?

    @Option(help: ArgumentHelp("SGD's learning rate.", valueName: "rate"))
    var lr: Float = 0.1

    @Option(help: ArgumentHelp("Points per batch.", valueName: "n"))
    var batchSize: Int = 128

    mutating func validate() throws {
        let trainSize = XORSettings.standard.trainSize
        if let epochs, !(1...10_000).contains(epochs) {
            throw ValidationError(
                "--epochs must be between 1 and 10000, but got \(epochs). It counts the passes over the "
                    + "training set; the lesson's default is 100.")
        }
        guard lr.isFinite, lr > 0 else {
            throw ValidationError(
                "--lr must be a positive number, but got \(lr). It scales every step of SGD: "
                    + "the default is 0.1; try 0.01 (slow) to 10 (wild).")
        }
        guard (1...trainSize).contains(batchSize) else {
            throw ValidationError(
                "--batch-size must be between 1 and \(trainSize) (the number of training points), but got "
                    + "\(batchSize). The default is 128; \(trainSize) makes one batch per epoch.")
        }
    }

    func run() {
        let nb = Notebook(lesson: "Lesson05", title: "XOR with BCEWithLogitsLoss", options: common)
        var settings = nb.quick ? XORSettings.quick : XORSettings.standard
        if let epochs { settings.epochs = epochs }
        settings.learningRate = lr
        settings.batchSize = batchSize

        problem(nb)
        let (trainSet, testSet) = data(nb, settings)
        let model = makeModel(nb)
        whyLogits(nb)
        oneStepSlowly(nb, model: model)
        forgottenZeroGrad(nb, model: model, trainSet: trainSet)
        let (losses, loader, untrained) = training(nb, model: model, trainSet: trainSet, settings: settings)
        wholeRunWithoutZeroGrad(nb, trained: model, untrained: untrained, loader: loader, testSet: testSet,
                                losses: losses, settings: settings)
        let accuracy = evaluation(nb, model: model, testSet: testSet)
        decisionBoundary(nb, model: model, testSet: testSet, accuracy: accuracy)
        saveAndLoad(nb, model: model, testSet: testSet, accuracy: accuracy)
        stalledStart(nb, settings: settings)
        exercisesAndNext(nb)
        nb.finish()
    }

    // MARK: - 1. The problem

    func problem(_ nb: Notebook) {
        nb.section("The XOR problem")
        nb.text("""
            XOR ("exclusive or") answers 1 when exactly one of its two inputs is 1:
            """)
        nb.table(headers: ["x1", "x2", "x1 XOR x2"], rows: [
            ["0", "0", "0"], ["0", "1", "1"], ["1", "0", "1"], ["1", "1", "0"],
        ])
        nb.text("""
            Draw the four corners of a square and colour them by their answer: the 1s sit on one \
            diagonal, the 0s on the other. No straight line puts both 1s on one side and both 0s \
            on the other, so the perceptron of Lesson01, which can only draw one line, cannot learn \
            XOR. A network with a hidden layer can: its hidden units draw several lines, and the \
            output combines them.

            This lesson follows the UvA deep-learning tutorial 2 ("Introduction to PyTorch"): \
            its data set, its network, its training loop and its numbers, in Torchlet. Along the way \
            you meet every piece of a PyTorch training program: Dataset, DataLoader, Module, a \
            loss, an optimizer, train() and eval(), and saving a model.
            """)
    }

    // MARK: - 2. The data

    func data(_ nb: Notebook, _ settings: XORSettings) -> (XORDataset, XORDataset) {
        nb.section("A Dataset of noisy XOR points")
        nb.text("""
            Four points are too few to learn from, so the tutorial makes a continuous version: \
            pick a corner at random, label it with XOR, and move it by Gaussian noise of standard \
            deviation 0.1. A Dataset says how many samples it has (count, PyTorch's __len__) and \
            hands out sample i (dataset[i], PyTorch's __getitem__); XORDataset in \
            Lessons/Lesson05/XORDataset.swift is one, a short struct. We make \(settings.trainSize) \
            points to train on and \(settings.testSize) more, never trained on, to test with.
            """)
        nb.code("""
            let trainSet = XORDataset(size: \(settings.trainSize), std: \(settings.std))
            let testSet = XORDataset(size: \(settings.testSize), std: \(settings.std))
            """)
        let trainSet = XORDataset(size: settings.trainSize, std: settings.std)
        let testSet = XORDataset(size: settings.testSize, std: settings.std)
        nb.show("trainSet.count", trainSet.count)
        for index in 0..<3 {
            let (input, label) = trainSet[index]
            nb.show("trainSet[\(index)]", "(\(input), \(label))")
        }
        let ones = trainSet.labels.scalars.filter { $0 == 1 }.count
        nb.text("""
            Each sample is a point (a float tensor of 2 numbers) and its label (an int64 tensor, \
            printed without a dot, as PyTorch prints class numbers). The classes are about \
            balanced: \(ones) of the \(trainSet.count) labels are 1. Here is the training set; each \
            cloud is one corner blurred by the noise.
            """)
        let points = trainSet.inputs.scalars
        nb.plot(Figure("xor-data", title: "The training set: \(trainSet.count) noisy XOR points")
            .xLabel("x1").yLabel("x2").xRange(-0.5...1.5).yRange(-0.5...1.5)
            .scatter(stride(from: 0, to: points.count, by: 2).map { points[$0] },
                     stride(from: 1, to: points.count, by: 2).map { points[$0] },
                     classes: trainSet.labels.scalars.map { Int($0) }, names: ["class 0", "class 1"], size: 0.6)
            .legend(.outside))
        return (trainSet, testSet)
    }

    // MARK: - 3. The model

    func makeModel(_ nb: Notebook) -> XORClassifier {
        nb.section("The model: a Module with a hidden layer")
        nb.text("""
            The tutorial's SimpleClassifier: a Linear layer from the 2 inputs to 4 hidden units, \
            tanh, and a Linear layer from the 4 hidden units to 1 output. In Torchlet, as in \
            PyTorch, a model is a subclass of Module whose layers are stored properties; \
            parameters(), stateDict() and printing find them by their names.
            """)
        nb.code("""
            final class XORClassifier: Module {
                let linear1 = Linear(2, 4)
                let activation = Tanh()
                let linear2 = Linear(4, 1)
                override func forward(_ x: Tensor) -> Tensor {
                    linear2(activation(linear1(x)))
                }
            }
            let model = XORClassifier()
            print(model)
            """)
        let model = XORClassifier()
        nb.show(model)
        nb.text("""
            That is PyTorch's printout, word for word. Its parameters, with their names and \
            shapes (a Linear layer's weight is [out, in], one row per output, as in PyTorch):
            """)
        nb.table(headers: ["name", "shape", "numbers"], rows: model.namedParameters().map {
            [$0.name, "\($0.tensor.shape)", "\($0.tensor.count)"]
        })
        nb.show("model.parameterCount", model.parameterCount)
        nb.text("""
            17 numbers to learn. They start random (PyTorch's default: uniform in ±1/√inputs), so \
            the untrained model says nothing useful yet. Run it on the four corners:
            """)
        let corners = Self.corners
        nb.code("let logits = model(corners)      // corners: [[0, 0], [0, 1], [1, 0], [1, 1]]")
        let logits = model(corners)
        nb.show("logits", logits)
        nb.show("logits.sigmoid()", noGrad { logits.sigmoid() })
        nb.text("""
            The output is one raw score per point, a logit: any real number, positive for "class \
            1", negative for "class 0". The sigmoid turns it into the probability of class 1. The \
            four answers are about the same: the model cannot tell the corners apart yet. Note \
            the shape [4, 1]: one column, \
            because the last layer has one output. Training will squeeze it to [4] to match the \
            labels.
            """)
        return model
    }

    /// The four corners of the unit square, `[4, 2]`, with their XOR labels `[4]` (int64).
    static var corners: Tensor { Tensor([[0.0, 0], [0, 1], [1, 0], [1, 1]]) }
    static var cornerLabels: Tensor { Tensor([0, 1, 1, 0]) }

    // MARK: - 4. Why logits

    func whyLogits(_ nb: Notebook) {
        nb.section("The loss: BCEWithLogitsLoss, and why it takes logits")
        nb.text("""
            A yes/no answer calls for the binary cross-entropy of Lesson03: for a probability p of \
            class 1 and a label y, loss = -[y log p + (1 - y) log(1 - p)]. There are two ways to \
            get it from a logit x:

            - p = sigmoid(x), then BCELoss()(p, y): two steps;
            - BCEWithLogitsLoss()(x, y): one step, which never computes p. It uses the identity \
            -log(1 - σ(x)) = x + log(1 + e^-x) (for y = 0), and the like for y = 1, which hold for \
            every x.

            On paper they are equal. In 32-bit floats they are not: σ(x) rounds to exactly 1 \
            once x is above about 17, and then log(1 - p) = log 0. BCELoss clamps the log at -100 \
            (as PyTorch does), so the loss sticks at 100 and, worse, its gradient is 0. Take label \
            y = 0, so a large x is a confident wrong answer:
            """)
        let rows = [Float(1), 5, 10, 15, 17, 20, 50].map(saturation(logit:))
        nb.table(
            headers: ["logit x", "σ(x) as Float", "sigmoid + BCELoss", "its gradient", "BCEWithLogitsLoss", "its gradient"],
            rows: rows.map { row in
                ["\(Int(row.logit))", row.probability == 1 ? "1 (exactly)" : String(format: "%.7f", row.probability),
                 String(format: "%.4f", row.twoStepLoss), String(format: "%.4f", row.twoStepGradient),
                 String(format: "%.4f", row.logitsLoss), String(format: "%.4f", row.logitsGradient)]
            })
        nb.text("""
            The right loss grows with x (it is about x for large x) and its gradient, σ(x) - y, \
            stays 1: the more confidently wrong, the stronger the push back. The two-step version \
            starts to drift at 15 and from 17 on reports 100 with a gradient of 0, so a confidently \
            wrong model would never be corrected. That is why the model ends in a plain Linear \
            layer (no sigmoid) and the loss is BCEWithLogitsLoss: the network outputs logits, \
            and the sigmoid is applied only when we want probabilities to look at.
            """)
    }

    // MARK: - 5. One training step, slowly

    func oneStepSlowly(_ nb: Notebook, model: XORClassifier) {
        nb.section("One training step, slowly")
        nb.text("""
            Training repeats one step thousands of times. The tutorial splits it into five parts:

            1. load a batch from the DataLoader;
            2. run the model on it to get the predictions;
            3. compute the loss between the predictions and the labels;
            4. backpropagate: clear the old gradients, then compute new ones with backward();
            5. update the parameters with the optimizer's step().

            Here is one step on the four corners, on a copy of the model (the real training \
            below starts from the original). The optimizer is SGD with learning rate 0.1: \
            step() moves each parameter by -0.1 × its gradient.
            """)
        let stepModel = model.copy()
        nb.code("""
            let lossFunction = BCEWithLogitsLoss()
            let optimizer = SGD(stepModel.parameters(), lr: 0.1)
            let (inputs, labels) = (corners, Tensor([0, 1, 1, 0]))              // 1. a batch
            let predictions = stepModel(inputs).squeeze(dim: 1)                 // 2. [4, 1] -> [4]
            let loss = lossFunction(predictions, labels.float())                // 3.
            """)
        let lossFunction = BCEWithLogitsLoss()
        let optimizer = SGD(stepModel.parameters(), lr: 0.1)
        let (inputs, labels) = (Self.corners, Self.cornerLabels)
        let predictions = stepModel(inputs).squeeze(dim: 1)
        let loss = lossFunction(predictions, labels.float()).labeled("loss")
        nb.show("predictions", predictions)
        nb.show("loss", loss)
        nb.text("""
            labels.float() turns the int64 labels into floats, as the tutorial's \
            data_labels.float(): the loss compares numbers with numbers. A loss near log 2 = \
            0.6931 is what a model that answers 0.5 everywhere gets. Now step 4:
            """)
        nb.code("""
            optimizer.zeroGrad()      // 4. clear old gradients (none yet: grads are nil)
            loss.backward()           //    and backpropagate
            """)
        optimizer.zeroGrad()
        if nb.trace {
            // Name the leaves, so the trace says linear1.weight rather than "leaf [4, 2]".
            for (name, parameter) in stepModel.namedParameters() { parameter.labeled(name) }
            nb.show(loss.backwardTrace())
        } else {
            loss.backward()
        }
        nb.show("stepModel.linear2.weight.grad", stepModel.linear2.weight.grad)
        nb.show("stepModel.linear2.bias.grad", stepModel.linear2.bias!.grad)
        if !nb.trace {
            nb.note("run with --trace to watch backward() go through this step node by node.")
        }
        nb.text("Every parameter now has a gradient. Step 5 moves each one a little downhill:")
        let before = stepModel.linear2.bias!.detach()
        nb.code("optimizer.step()          // 5. θ ← θ - 0.1 × θ.grad")
        optimizer.step()
        nb.show("linear2.bias before", before)
        nb.show("linear2.bias after ", stepModel.linear2.bias!.detach())
        let lossAfter = noGrad { lossFunction(stepModel(inputs).squeeze(dim: 1), labels.float()) }
        nb.text("""
            \(String(format: "%.4f", before.scalars[0])) - 0.1 × \
            (\(String(format: "%.4f", stepModel.linear2.bias!.grad!.scalars[0]))) = \
            \(String(format: "%.4f", stepModel.linear2.bias!.scalars[0])). And the loss on the same \
            batch went from \(String(format: "%.4f", loss.item())) to \
            \(String(format: "%.4f", lossAfter.item())): one small step downhill.
            """)
    }

    // MARK: - 6. Forgetting zeroGrad

    func forgottenZeroGrad(_ nb: Notebook, model: XORClassifier, trainSet: XORDataset) {
        nb.section("What goes wrong without zeroGrad()")
        nb.text("""
            backward() adds into .grad; it never overwrites it (Lesson00). So step 4 starts by \
            clearing the gradients. Forget it, and the gradient of step 2 is added to that of \
            step 1, the gradient of step 3 to both, and so on. Three steps on the same batch (the \
            first 128 training points), once with zeroGrad() and once without, printing \
            linear2.weight.grad after each backward():
            """)
        let (inputs, labels) = trainSet.batch(at: Array(0..<128))
        let growth = gradientGrowth(start: model, inputs: inputs, labels: labels, steps: 3)
        nb.code("""
            for step in 1...3 {
                let loss = lossFunction(model(inputs).squeeze(dim: 1), labels.float())
                optimizer.zeroGrad()              // <- the line to forget
                loss.backward()
                print(model.linear2.weight.grad!)
                optimizer.step()
            }
            """)
        for (step, gradient) in growth.cleared.enumerated() {
            nb.show("with zeroGrad, step \(step + 1)   ", gradient)
        }
        for (step, gradient) in growth.accumulated.enumerated() {
            nb.show("without zeroGrad, step \(step + 1)", gradient)
        }
        nb.table(headers: ["step", "|grad| with zeroGrad()", "|grad| without"], rows: (0..<3).map { step in
            ["\(step + 1)", String(format: "%.4f", norm(growth.cleared[step])),
             String(format: "%.4f", norm(growth.accumulated[step]))]
        })
        nb.text("""
            With zeroGrad() each step sees its own gradient, about the same size every time. \
            Without it the "gradient" is the running sum of all of them: about twice as long after \
            2 steps, about three times after 3, and step() moves the parameters by that sum. Nothing \
            crashes, no error is printed: the bug only shows in how training behaves. We will see \
            what it does to a whole run after the real training.
            """)
    }

    // MARK: - 7. Training

    func training(
        _ nb: Notebook, model: XORClassifier, trainSet: XORDataset, settings: XORSettings
    ) -> (losses: [Float], loader: DataLoader, untrained: XORClassifier) {
        nb.section("Training: \(settings.epochs) epochs")
        nb.text("""
            Now the real thing. A DataLoader cuts the training set into batches of \
            \(settings.batchSize), in a new random order every epoch (shuffle: true), so the \
            batches differ from one pass to the next. With \(trainSet.count) points that is \
            \(settings.batchSize >= trainSet.count ? "one batch" : "\((trainSet.count + settings.batchSize - 1) / settings.batchSize) batches") \
            per epoch, the last one smaller when \(settings.batchSize) does not divide \
            \(trainSet.count).
            """)
        nb.code("""
            let loader = DataLoader(trainSet, batchSize: \(settings.batchSize), shuffle: true)
            let lossFunction = BCEWithLogitsLoss()
            let optimizer = SGD(model.parameters(), lr: \(settings.learningRate))
            """)
        let loader = DataLoader(trainSet, batchSize: settings.batchSize, shuffle: true)
        let lossFunction = BCEWithLogitsLoss()
        let optimizer = SGD(model.parameters(), lr: settings.learningRate)
        nb.show("loader.count (batches per epoch)", loader.count)
        let untrained = model.copy()   // for the comparison in the next section
        nb.text("""
            The loop is the tutorial's train_model, in XORTraining.swift; the five steps are \
            numbered as above. model.train() switches the model to training mode, which matters \
            for layers such as Dropout (Lesson07) and is a good habit everywhere.
            """)
        nb.code("""
            for epoch in 1...\(settings.epochs) {
                model.train()
                for (inputs, labels) in loader {                          // 1. a batch
                    let predictions = model(inputs).squeeze(dim: 1)       // 2. predictions [b]
                    let loss = lossFunction(predictions, labels.float())  // 3. the loss
                    optimizer.zeroGrad()                                  // 4. clear, then
                    loss.backward()                                       //    backpropagate
                    optimizer.step()                                      // 5. update
                }
            }
            """)
        let bar = nb.progress(total: settings.epochs, label: "training")
        let losses = trainModel(model, optimizer: optimizer, loader: loader, lossFunction: lossFunction,
                                epochs: settings.epochs) { epoch, loss in
            nb.log(["epoch": epoch, "loss": loss])
            bar.set(postfix: ["loss": loss])
            bar.advance()
        }
        bar.finish()
        guard let last = losses.last, last.isFinite else {
            nb.warning("""
                the loss became \(losses.last.map { "\($0)" } ?? "nan") at epoch \(losses.count): the \
                steps were so large that the weights overflowed. Lower the learning rate (--lr \
                \(settings.learningRate), try \(settings.learningRate / 10)); the rest of the lesson \
                runs on the broken model.
                """)
            return (losses, loader, untrained)
        }
        let shown = Set([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, losses.count])
            .filter { $0 <= losses.count }.sorted()
        nb.table(headers: ["epoch", "mean training loss"], rows: shown.map {
            ["\($0)", String(format: "%.4f", losses[$0 - 1])]
        })
        nb.text("""
            The loss starts near log 2 = 0.6931 (answering 0.5 everywhere), hesitates while the \
            hidden units find their directions, then falls. Each number is the mean over the \
            epoch's batches, so it trails the model by half an epoch.
            """)
        nb.plot(Figure("training-loss", title: "Mean training loss per epoch")
            .xLabel("epoch").yLabel("BCEWithLogitsLoss").yRange(0...)
            .line(losses, label: "lr \(settings.learningRate), batch \(settings.batchSize)"))
        return (losses, loader, untrained)
    }

    // MARK: - 8. A whole run without zeroGrad

    func wholeRunWithoutZeroGrad(
        _ nb: Notebook, trained: XORClassifier, untrained: XORClassifier, loader: DataLoader,
        testSet: XORDataset, losses: [Float], settings: XORSettings
    ) {
        nb.section("A whole run without zeroGrad()")
        nb.text("""
            Back to the bug. Train a copy of the untrained model again, on the same batches in \
            the same order (a DataLoader with the same seed), with zeroGrad() left out:
            """)
        let buggy = untrained
        let sameBatches = DataLoader(loader.dataset, batchSize: loader.batchSize, shuffle: true, seed: loader.seed)
        nb.code("let buggyLosses = trainForgettingZeroGrad(buggy, ...)   // the loop above, minus zeroGrad()")
        let buggyLosses = trainForgettingZeroGrad(
            buggy, optimizer: SGD(buggy.parameters(), lr: settings.learningRate), loader: sameBatches,
            lossFunction: BCEWithLogitsLoss(), epochs: settings.epochs)
        func largestRise(_ values: [Float]) -> String {
            let rises = zip(values, values.dropFirst()).map { $1 - $0 }
            return String(format: "%.4f", max(0, rises.max() ?? 0))
        }
        func firstEpochBelow(_ level: Float, _ values: [Float]) -> String {
            values.firstIndex { $0 < level }.map { "\($0 + 1)" } ?? "never"
        }
        nb.table(headers: ["run", "first epoch < 0.1", "largest rise", "final loss", "largest |weight|", "test accuracy"],
                 rows: [
                    ["with zeroGrad()", firstEpochBelow(0.1, losses), largestRise(losses),
                     String(format: "%.4f", losses.last!), String(format: "%.2f", largestWeight(trained)),
                     percent(evaluate(trained, on: testSet))],
                    ["without", firstEpochBelow(0.1, buggyLosses), largestRise(buggyLosses),
                     String(format: "%.4f", buggyLosses.last!), String(format: "%.2f", largestWeight(buggy)),
                     percent(evaluate(buggy, on: testSet))],
                 ])
        nb.text("""
            (The largest rise is the biggest increase of the loss from one epoch to the next.) \
            Forgetting zeroGrad() does not stop learning: it turns SGD into another optimizer, \
            whose step is the sum of every gradient so far. At first that is an advantage, an \
            ever longer step in the direction the gradients agree on, so the loss usually falls \
            much sooner. But nothing ever shortens the step again: the sum only shrinks when the \
            gradients turn around, so the parameters overshoot, the weights grow far larger and \
            the loss jumps up and down instead of settling.
            """)
        nb.plot(Figure("forgot-zerograd", title: "The same run with and without zeroGrad()")
            .xLabel("epoch").yLabel("mean training loss").yRange(0...)
            .line(losses, label: "with zeroGrad()")
            .line(buggyLosses, label: "without zeroGrad()", style: .dashed))
        nb.text("""
            With bigger steps it runs away: try --lr 1, where the buggy run ends with a loss far \
            above the 0.69 it started from. A bug like this does not announce itself; in a bigger \
            model it shows as training that is "a bit unstable". Keep zeroGrad() in every step, \
            before backward(). (The good half of the idea, remembering past gradients but letting \
            them fade, is a real optimizer option: momentum, SGD(momentum: 0.9), in Lesson08.)
            """)
    }

    // MARK: - 9. Evaluation

    func evaluation(_ nb: Notebook, model: XORClassifier, testSet: XORDataset) -> Float {
        nb.section("Evaluation: accuracy on the test set")
        nb.text("""
            The loss is what training minimises; the accuracy, the share of points put in the \
            right class, is what we care about. Measure it on the \(testSet.count) test points, \
            which the model never trained on. The tutorial's eval_model does three things \
            differently from training: model.eval() switches to evaluation mode (Dropout off, \
            Lesson07), noGrad { } stops recording the graph (no backward() will follow, so why pay \
            for it), and the predicted class is 1 where the probability σ(logit) ≥ 0.5, which is \
            where the logit is ≥ 0.
            """)
        nb.code("""
            model.eval()
            noGrad {
                for (inputs, labels) in DataLoader(testSet, batchSize: 128) {   // in order
                    let logits = model(inputs).squeeze(dim: 1)
                    // predicted class: logit >= 0 ? 1 : 0; count the ones equal to the label
                }
            }
            """)
        let accuracy = evaluate(model, on: testSet)
        nb.show("test accuracy", percent(accuracy))
        nb.log(["test_accuracy": accuracy])
        let (inputs, labels) = testSet.batch(at: Array(0..<6))
        let logits = noGrad { model(inputs).squeeze(dim: 1) }
        let probabilities = noGrad { logits.sigmoid() }
        let classes = predictedClasses(logits)
        nb.text("The first six test points, one by one:")
        nb.table(headers: ["x1", "x2", "logit", "σ(logit)", "predicted", "label"], rows: (0..<6).map { i in
            [String(format: "%.4f", inputs.scalars[2 * i]), String(format: "%.4f", inputs.scalars[2 * i + 1]),
             String(format: "%.4f", logits.scalars[i]), String(format: "%.4f", probabilities.scalars[i]),
             "\(classes[i])", "\(Int(labels.scalars[i]))"]
        })
        let mistakes = Int((1 - accuracy) * Float(testSet.count) + 0.5)
        if accuracy >= 0.99 {
            nb.text("""
                \(mistakes == 0 ? "Every test point is" : "All but \(mistakes) of the \(testSet.count) test points are") \
                classified right, as in the tutorial. The logits are large where the model is sure; \
                the sigmoid squeezes them towards 0 and 1.
                """)
        } else {
            nb.warning("""
                this run did not learn XOR fully (\(percent(accuracy))). With more epochs or another \
                learning rate it usually does; section "A start that stalls" below shows why.
                """)
        }
        return accuracy
    }

    // MARK: - 10. The decision boundary

    func decisionBoundary(_ nb: Notebook, model: XORClassifier, testSet: XORDataset, accuracy: Float) {
        nb.section("What the network learned: the decision boundary")
        let steps = nb.quick ? 101 : 201
        nb.text("""
            A picture says more than an accuracy. Run the model on a \(steps) × \(steps) grid of \
            points covering [-0.5, 1.5]² (one forward pass over all \(steps * steps) of them) and \
            colour each by σ(logit), the probability of class 1. Then scatter the test points on \
            top.
            """)
        nb.code("let probabilities = probabilityGrid(model, range: -0.5...1.5, steps: \(steps))   // [[Float]]")
        let grid = probabilityGrid(model, range: -0.5...1.5, steps: steps)
        let points = testSet.inputs.scalars
        nb.plot(Figure("decision-boundary", title: "σ(model(x)) and the \(testSet.count) test points")
            .xLabel("x1").yLabel("x2")
            .heatmap(grid, x: -0.5...1.5, y: -0.5...1.5, palette: .softDiverging, colorRange: 0...1)
            .gnuplot("set cblabel 'probability of class 1'")
            .scatter(stride(from: 0, to: points.count, by: 2).map { points[$0] },
                     stride(from: 1, to: points.count, by: 2).map { points[$0] },
                     classes: testSet.labels.scalars.map { Int($0) }, names: ["class 0", "class 1"], size: 0.8)
            .legend(.outside))
        nb.text("""
            The boundary, where the probability crosses 0.5, is made of curves, not one line: \
            each tanh unit of the hidden layer contributes a soft step along its own line, and the \
            output layer adds them up. \(accuracy >= 0.99
                ? "The two class-1 corners sit on one side, the class-0 corners on the other, with a margin of "
                    + "uncertain colours between them."
                : "In this run they do not yet separate all four clouds: look for the clouds whose colour "
                    + "stays near 0.5, where the model has not decided.") \
            Far from the data (the corners of the picture) the model can still answer \
            confidently: it was never told anything about those regions.
            """)
    }

    // MARK: - 11. Saving and loading

    func saveAndLoad(_ nb: Notebook, model: XORClassifier, testSet: XORDataset, accuracy: Float) {
        nb.section("Saving and loading the model")
        nb.text("""
            Training is expensive; its result is only the 17 numbers in the model's state. \
            stateDict() lists them by name (PyTorch's state_dict()):
            """)
        nb.code("model.stateDict()")
        let state = model.stateDict()
        for (name, tensor) in state { nb.show(name, tensor.detach()) }
        let path = (nb.plotDirectory as NSString).appendingPathComponent("xor-model.safetensors")
        nb.text("""
            save(to:) writes them to a .safetensors file, the format of Hugging Face's \
            checkpoints (PyTorch can read it with safetensors.torch.load_file). A new model starts \
            with other random numbers; load(from:) copies the saved ones in, after checking every \
            name and shape.
            """)
        nb.code("""
            try model.save(to: "\(path)")
            let loaded = XORClassifier()
            try loaded.load(from: "\(path)")
            """)
        do {
            try FileManager.default.createDirectory(atPath: nb.plotDirectory, withIntermediateDirectories: true)
            try model.save(to: path)
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            nb.show("file", "\(path), \(size) bytes")
            let loaded = XORClassifier()
            nb.show("loaded.linear2.weight before load", loaded.linear2.weight.detach())
            try loaded.load(from: path)
            nb.show("loaded.linear2.weight after load ", loaded.linear2.weight.detach())
            nb.show("model.linear2.weight             ", model.linear2.weight.detach())
            let difference = zip(model.stateDict(), loaded.stateDict()).map { pair in
                zip(pair.0.tensor.scalars, pair.1.tensor.scalars).map { abs($0 - $1) }.max() ?? 0
            }.max() ?? 0
            nb.show("largest |model - loaded| over all 17 numbers", difference)
            let loadedAccuracy = evaluate(loaded, on: testSet)
            nb.show("test accuracy of the loaded model", percent(loadedAccuracy))
            nb.text("""
                The same numbers, bit for bit, so the same answers: the loaded model has the \
                accuracy of the one we trained (\(percent(accuracy))). To resume training later, \
                save the optimizer too: model.save(to: path, optimizer: optimizer) (SGD without \
                momentum has no state, Adam has).
                """)
        } catch {
            nb.warning("could not save or load the model at \(path): \(error)")
        }
    }

    // MARK: - 12. A start that stalls

    func stalledStart(_ nb: Notebook, settings: XORSettings) {
        nb.section("A start that stalls")
        let seed: UInt64 = 1
        let longer = 300
        nb.text("""
            Not every random start is as lucky. With --seed \(seed) the same program stalls: \
            the network solves two corners, answers about 0.5 for the other two, and stays there. \
            It is on a plateau, where the gradient is small and SGD creeps. Here is that run, \
            trained for \(longer) epochs instead of 100:
            """)
        guard !nb.quick else {
            nb.note("skipped with --quick (it trains for \(longer) epochs); run without --quick to see it.")
            return
        }
        var long = XORSettings.standard
        long.epochs = longer
        nb.code("""
            var settings = XORSettings.standard      // the lesson's sizes and hyperparameters
            settings.epochs = \(longer)
            let stalled = withSeed(\(seed)) { runXOR(settings, accuracyAt: [100]) }   // this lesson, minus the text
            """)
        let stalled = withSeed(seed) { runXOR(long, accuracyAt: [100]) }
        nb.table(headers: ["--seed \(seed)", "loss", "test accuracy"], rows: [
            ["after 100 epochs", String(format: "%.4f", stalled.losses[99]), percent(stalled.accuracies[100] ?? 0)],
            ["after \(longer) epochs", String(format: "%.4f", stalled.losses.last!), percent(stalled.testAccuracy)],
        ])
        let escape = stalled.losses.indices.first { $0 >= 100 && stalled.losses[$0] < 0.3 }.map { "\($0 + 1)" }
            ?? "(not within \(longer))"
        nb.plot(Figure("stalled-start", title: "--seed \(seed): a plateau, then the fall")
            .xLabel("epoch").yLabel("mean training loss").yRange(0...0.8)
            .line(stalled.losses, label: "seed \(seed), lr 0.1")
            .line([100, 100], [0, 0.8], label: "epoch 100, the default", style: .dotted, color: .grey, lineWidth: 1))
        nb.text("""
            It is not stuck for ever: the loss drops below 0.3 at epoch \(escape), and the \
            accuracy follows. \
            Plateaus are common in small networks with tanh units and a small learning rate. \
            About 1 start in 30 stalls here for more than 100 epochs, and PyTorch's do too (of \
            its seeds 0 to 39, seed 12 does). More epochs or a larger learning rate (--seed \(seed) \
            --lr 1 learns within 100 epochs) get out of it. Try the flags:

                swift run Lesson05 --seed 1                 the stalled run, all the way through
                swift run Lesson05 --seed 1 --epochs 300    the same run, long enough
                swift run Lesson05 --lr 1                   bigger steps: learns in fewer epochs
                swift run Lesson05 --lr 0.01                smaller steps: too slow for 100 epochs
                swift run Lesson05 --batch-size 2500        one batch per epoch: only 100 steps
            """)
    }

    // MARK: - 13. Exercises and what's next

    func exercisesAndNext(_ nb: Notebook) {
        nb.section("Exercises and what's next")
        nb.text("""
            Your turn, in Exercises/Lesson05.swift:

            - 5.1 makeXORClassifier(hidden:): build the model of this lesson with any number of \
            hidden units;
            - 5.2 trainingStep(model:lossFunction:optimizer:inputs:labels:): the five steps of \
            one training step, returning the loss;
            - 5.3 accuracy(logits:labels:): the share of right answers, from logits.

            Check them with `swift run check 5` (or `swift run check 5.2` for one).

            Next: `swift run Lesson06`, the same loop on a real data set: a multilayer perceptron \
            that reads handwritten digits (MNIST), with ten classes and CrossEntropyLoss.
            """)
    }
}

/// A share as a percentage with two decimals: `99.80%`.
func percent(_ share: Float) -> String {
    String(format: "%.2f%%", share * 100)
}

/// The largest |number| among a model's parameters.
func largestWeight(_ model: Module) -> Float {
    model.parameters().flatMap(\.scalars).map(abs).max() ?? 0
}
