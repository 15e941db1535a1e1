import Foundation
import Notebook
import Plot
import Torchlet

/// Lesson 05: XOR with `BCEWithLogitsLoss`, the whole training loop.
///
/// Read this file next to its output (`swift run Lesson05`): each `nb.code()` prints the lines
/// that run right below it, and `nb.show(x)` prints `x = ...`. The computations that the tests
/// run without the narrative live in the files beside this one: `XORDataset.swift` (the data),
/// `XORClassifier.swift` (the model) and `XORTraining.swift` (the loop, the evaluation and the
/// experiments), which list their own loops where the lesson shows them. The flags are in
/// `Lesson05+Options.swift`.
@main
struct Lesson05: ParsableCommand {
    @OptionGroup var options: Options

    func run() {
        let nb = Notebook(lesson: "Lesson05", title: "XOR with BCEWithLogitsLoss", options: options.common)
        let settings = options.settings(quick: nb.quick)
        nb.log(TrainingSettings(epochs: settings.epochs, learningRate: Double(settings.learningRate),
                                batchSize: settings.batchSize, optimizer: "SGD", dataset: "xor"))
        problem(nb)
        let (trainSet, testSet) = data(nb, settings)
        let (model, corners) = makeModel(nb)
        whyLogits(nb)
        oneStepSlowly(nb, model: model, corners: corners)
        forgottenZeroGrad(nb, model: model, trainSet: trainSet)
        let (losses, loader, buggy) = training(nb, model: model, trainSet: trainSet, settings: settings)
        wholeRunWithoutZeroGrad(nb, trained: model, buggy: buggy, loader: loader, testSet: testSet,
                                losses: losses, settings: settings)
        let accuracy = evaluation(nb, model: model, testSet: testSet, epochs: settings.epochs)
        decisionBoundary(nb, model: model, testSet: testSet, accuracy: accuracy)
        saveAndLoad(nb, model: model, testSet: testSet, accuracy: accuracy, settings: settings)
        stalledStart(nb)
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
            its data set, its network and its training loop, in Torchlet. Along the way you meet \
            every piece of a PyTorch training program: Dataset, DataLoader, Module, a loss, an \
            optimizer, train() and eval(), and saving a model.
            """)
    }

    // MARK: - 2. The data

    func data(_ nb: Notebook, _ settings: XORSettings) -> (XORDataset, XORDataset) {
        nb.section("A Dataset of noisy XOR points")
        nb.text("""
            Four points are too few to learn from, so the tutorial makes a continuous version: \
            pick a corner at random, label it with XOR, and move it by Gaussian noise of standard \
            deviation \(settings.std). A Dataset says how many samples it has (count, PyTorch's \
            __len__) and hands out sample i (dataset[i], PyTorch's __getitem__); XORDataset in \
            Lessons/Lesson05/XORDataset.swift is one, a short struct. The sizes and \
            hyperparameters of this run (the tutorial's, unless a flag changed them):
            """)
        nb.show(settings)
        nb.text("""
            So we make \(settings.trainSize) points to train on and \(settings.testSize) more, \
            never trained on, to test with:
            """)
        nb.code()
        let trainSet = XORDataset(size: settings.trainSize, std: settings.std)
        let testSet = XORDataset(size: settings.testSize, std: settings.std)
        nb.show(trainSet.count)
        nb.show(trainSet[0])
        nb.show(trainSet[1])
        nb.show(trainSet[2])
        let ones = trainSet.labels.scalars.filter { $0 == 1 }.count
        let share = Float(ones) / Float(trainSet.count)
        nb.text("""
            Each sample is a point (a float tensor of 2 numbers) and its label (an int64 tensor, \
            printed without a dot, as PyTorch prints class numbers). \(ones) of the \
            \(trainSet.count) labels are 1 (\(percent(share, decimals: 1))), so the two classes \
            are about the same size. Here is the training set; each cloud is one corner blurred by \
            the noise.
            """)
        nb.claim(abs(share - 0.5) < 0.05, "the two classes are about the same size")
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

    func makeModel(_ nb: Notebook) -> (model: XORClassifier, corners: Tensor) {
        nb.section("The model: a Module with a hidden layer")
        nb.text("""
            The tutorial's SimpleClassifier: a Linear layer from the 2 inputs to 4 hidden units, \
            tanh, and a Linear layer from the 4 hidden units to 1 output. In Torchlet, as in \
            PyTorch, a model is a subclass of Module whose layers are stored properties; \
            parameters(), stateDict() and printing find them by their names. Here is the class, \
            from XORClassifier.swift:
            """)
        nb.code(file: xorClassifierSource.file, line: xorClassifierSource.line)
        nb.text("Make one and print it:")
        nb.code()
        let model = XORClassifier()
        nb.show(model)
        nb.text("""
            That is PyTorch's printout, word for word. Its parameters, with their names and \
            shapes (a Linear layer's weight is [out, in], one row per output, as in PyTorch):
            """)
        nb.table(headers: ["name", "shape", "numbers"], rows: model.namedParameters().map {
            [$0.name, "\($0.tensor.shape)", "\($0.tensor.count)"]
        })
        nb.show(model.parameterCount)
        nb.text("""
            \(model.parameterCount) numbers to learn. They start random (PyTorch's default: \
            uniform in ±1/√inputs), so the untrained model says nothing useful yet. Run it on the \
            four corners:
            """)
        nb.code()
        let corners = Tensor([[0.0, 0], [0, 1], [1, 0], [1, 1]])
        let logits = model(corners)
        nb.show(logits)
        nb.show(logits.sigmoid())
        let probabilities = noGrad { logits.sigmoid() }.scalars
        let right = zip(probabilities, [0, 1, 1, 0] as [Float]).filter { ($0 >= 0.5 ? 1 : 0) == $1 }.count
        nb.text("""
            The output is one raw score per point, a logit: any real number, positive for "class \
            1", negative for "class 0". The sigmoid turns it into the probability of class 1. \
            Here the four probabilities lie between \(fixed(probabilities.min()!)) and \
            \(fixed(probabilities.max()!)), and \(right) of the 4 corners are on the right side \
            of 0.5: whatever the random start gets right, it gets right by chance. Note the shape \
            [4, 1]: one column, because the last layer has one output. Training will squeeze it \
            to [4] to match the labels.
            """)
        return (model, corners)
    }

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
        nb.code()
        let x = Tensor([20.0])  // a confident logit
        let y = Tensor([0.0])  // for a point of class 0
        nb.show(BCELoss()(x.sigmoid(), y))
        nb.show(BCEWithLogitsLoss()(x, y))
        nb.text("""
            The same comparison for other logits, with the gradient of each loss with respect to \
            x after it ("its dx"; saturation(logit:) in XORTraining.swift computes a row):
            """)
        let rows = [Float(1), 5, 10, 15, 17, 20, 50].map(saturation(logit:))
        nb.table(
            headers: ["logit x", "σ(x) as Float", "sigmoid + BCELoss", "its dx", "BCEWithLogitsLoss", "its dx"],
            rows: rows.map { row in
                ["\(Int(row.logit))", row.probability == 1 ? "1 (exactly)" : fixed(row.probability, 7),
                 fixed(row.twoStepLoss), fixed(row.twoStepGradient), fixed(row.logitsLoss), fixed(row.logitsGradient)]
            })
        nb.text("""
            The right loss grows with x (it is about x for large x) and its gradient, σ(x) - y, \
            stays 1: the more confidently wrong, the stronger the push back. The two-step version \
            starts to drift at 15 and from 17 on reports 100 with a gradient of 0, so a confidently \
            wrong model would never be corrected. That is why the model ends in a plain Linear \
            layer (no sigmoid) and the loss is BCEWithLogitsLoss: the network outputs logits, \
            and the sigmoid is applied only when we want probabilities to look at.
            """)
        let saturated = rows.filter { $0.logit >= 17 }
        nb.claim(saturated.allSatisfy { $0.probability == 1 && $0.twoStepLoss == 100 && $0.twoStepGradient == 0 }
                    && rows.allSatisfy { abs($0.logitsGradient - $0.probability) < 1e-4 },
                 "from a logit of 17 on, sigmoid + BCELoss reports 100 with a gradient of 0, and the gradient of "
                    + "BCEWithLogitsLoss is σ(x)")
    }

    // MARK: - 5. One training step, slowly

    func oneStepSlowly(_ nb: Notebook, model: XORClassifier, corners: Tensor) {
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
        nb.code()
        let stepModel = model.copy()
        let lossFunction = BCEWithLogitsLoss()
        let optimizer = SGD(stepModel.parameters(), lr: 0.1)
        let (inputs, labels) = (corners, Tensor([0, 1, 1, 0]))  // 1. a batch
        let predictions = stepModel(inputs).squeeze(dim: 1)     // 2. [4, 1] -> [4]
        let loss = lossFunction(predictions, labels.float())    // 3. the loss
        nb.show(predictions)
        nb.show(loss)
        nb.text("""
            labels.float() turns the int64 labels into floats, as the tutorial's \
            data_labels.float(): the loss compares numbers with numbers. A loss near log 2 = \
            0.6931 is what a model that answers 0.5 everywhere gets. Now step 4:
            """)
        if nb.trace {
            // Name the tensors, so the trace says linear1.weight rather than "leaf [4, 2]".
            for (name, parameter) in stepModel.namedParameters() { parameter.labeled(name) }
            loss.labeled("loss")
        }
        nb.code()
        optimizer.zeroGrad()            // 4. clear old gradients (none yet: grads are nil)
        loss.backward(trace: nb.trace)  //    and backpropagate (--trace prints each step)
        nb.show(stepModel.linear2.weight.grad)
        nb.show(stepModel.linear2.bias!.grad)
        if !nb.trace {
            nb.note("run with --trace to watch backward() go through this step node by node.")
        }
        nb.text("Every parameter now has a gradient. Step 5 moves each one a little downhill:")
        nb.code()
        let biasBefore = stepModel.linear2.bias!.detach()  // a copy, to compare
        optimizer.step()                                   // 5. θ ← θ - 0.1 × θ.grad
        let lossAfter = noGrad {  // the loss on the same batch, after the step
            lossFunction(stepModel(inputs).squeeze(dim: 1), labels.float())
        }
        nb.show(biasBefore)
        nb.show(stepModel.linear2.bias!)
        nb.show(lossAfter)
        let bias = stepModel.linear2.bias!
        nb.text("""
            \(fixed(biasBefore.scalars[0])) - 0.1 × (\(fixed(bias.grad!.scalars[0]))) = \
            \(fixed(bias.scalars[0])). And the loss on the same batch went from \
            \(fixed(loss.item())) to \(fixed(lossAfter.item())): one small step downhill.
            """)
        nb.claim(lossAfter.item() < loss.item(), "one step of SGD lowered the loss on its batch")
    }

    // MARK: - 6. Forgetting zeroGrad

    func forgottenZeroGrad(_ nb: Notebook, model: XORClassifier, trainSet: XORDataset) {
        nb.section("What goes wrong without zeroGrad()")
        nb.text("""
            backward() adds into .grad; it never overwrites it (Lesson00). So step 4 starts by \
            clearing the gradients. Forget it, and the gradient of step 2 is added to that of \
            step 1, the gradient of step 3 to both, and so on. Take one batch:
            """)
        nb.code()
        let (inputs, labels) = trainSet.batch(at: Array(0..<128))  // the first 128 points
        nb.text("""
            and run three steps on it twice, from two copies of the model, once with zeroGrad() \
            and once without, keeping linear2.weight.grad after each backward() \
            (gradientGrowth in XORTraining.swift):
            """)
        let growth = gradientGrowth(start: model, inputs: inputs, labels: labels, listingIn: nb)
        for (step, gradient) in growth.cleared.enumerated() {
            nb.show("with zeroGrad, step \(step + 1)   ", gradient)
        }
        for (step, gradient) in growth.accumulated.enumerated() {
            nb.show("without zeroGrad, step \(step + 1)", gradient)
        }
        let cleared = growth.cleared.map(norm), accumulated = growth.accumulated.map(norm)
        nb.table(headers: ["step", "|grad| with zeroGrad()", "|grad| without"], rows: (0..<3).map { step in
            ["\(step + 1)", fixed(cleared[step]), fixed(accumulated[step])]
        })
        nb.text("""
            With zeroGrad() each step sees its own gradient, about the same size every time. \
            Without it the "gradient" is the running sum of all of them: \
            \(fixed(accumulated[1] / cleared[1], 1)) times as long as the real one after 2 steps, \
            \(fixed(accumulated[2] / cleared[2], 1)) times after 3, and step() moves the \
            parameters by that sum. Nothing crashes, no error is printed: the bug only shows in \
            how training behaves. We will see what it does to a whole run after the real training.
            """)
        nb.claim(cleared.allSatisfy { abs($0 / cleared[0] - 1) < 0.2 },
                 "with zeroGrad() the gradient is about the same size at every step")
    }

    // MARK: - 7. Training

    func training(
        _ nb: Notebook, model: XORClassifier, trainSet: XORDataset, settings: XORSettings
    ) -> (losses: [Float], loader: DataLoader, buggy: XORClassifier) {
        nb.section("Training: \(settings.epochs) epoch\(settings.epochs == 1 ? "" : "s")")
        let batches = (trainSet.count + settings.batchSize - 1) / settings.batchSize
        nb.text("""
            Now the real thing. A DataLoader cuts the training set into batches of \
            \(settings.batchSize), in a new random order every epoch (shuffle: true), so the \
            batches differ from one pass to the next. With \(trainSet.count) points that is \
            \(batches == 1 ? "one batch" : "\(batches) batches") per epoch\
            \(trainSet.count % settings.batchSize == 0 ? "" : ", the last one smaller, since \(settings.batchSize) does not divide \(trainSet.count)").
            """)
        nb.code()
        let loader = DataLoader(trainSet, batchSize: settings.batchSize, shuffle: true, seed: randomSeed())
        let lossFunction = BCEWithLogitsLoss()
        let optimizer = SGD(model.parameters(), lr: settings.learningRate)
        let buggy = model.copy()  // the same start, for section 8
        nb.show(loader.count)
        nb.text("""
            The loop is the tutorial's train_model, trainModel in XORTraining.swift; the five \
            steps are numbered as above. model.train() switches the model to training mode, which \
            matters for layers such as Dropout (Lesson07) and is a good habit everywhere.

            The tutorial also writes model.to(device) once, and data_inputs.to(device) for every \
            batch (seed 000 writes input.cuda()). In PyTorch a tensor lives on a device, the CPU \
            or a GPU, and an operation needs all its tensors on the same one: to(device) copies \
            the parameters, or a batch, into the GPU's memory, where thousands of cores do the \
            matrix products. Torchlet has no such line because it has one device, the CPU: its \
            tensors are Swift arrays, its matrix products go to OpenBLAS, and every number stays \
            where you can print it. For networks of this course's size a CPU is fast enough, and \
            a GPU would spend much of its time copying small batches back and forth.
            """)
        var bar: ProgressBar?
        let losses = trainModel(model, optimizer: optimizer, loader: loader, lossFunction: lossFunction,
                                epochs: settings.epochs, listingIn: nb) { epoch, loss in
            if bar == nil { bar = nb.progress(total: settings.epochs, label: "training") }
            nb.log(["epoch": epoch, "loss": loss])
            bar?.set(postfix: ["epoch loss": loss])  // the mean over the epoch's batches
            bar?.advance()
        }
        bar?.finish()
        guard let last = losses.last, last.isFinite else {
            nb.warning("""
                the loss became \(losses.last.map { "\($0)" } ?? "nan") at epoch \(losses.count): the \
                steps were so large that the weights overflowed. Lower the learning rate (--lr \
                \(settings.learningRate), try \(settings.learningRate / 10)); the rest of the lesson \
                runs on the broken model.
                """)
            return (losses, loader, buggy)
        }
        let shown = Set([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, losses.count])
            .filter { $0 <= losses.count }.sorted()
        nb.table(headers: ["epoch", "mean training loss"], rows: shown.map { ["\($0)", fixed(losses[$0 - 1])] })
        let first = losses[0]
        let opening = abs(first - 0.6931) < 0.1
            ? "The loss of the first epoch, \(fixed(first)), is near log 2 = 0.6931, which is what answering 0.5 "
                + "everywhere costs."
            : "The loss of the first epoch, \(fixed(first)), is already far from log 2 = 0.6931, which is what "
                + "answering 0.5 everywhere costs: "
                + (first > 0.6931 ? "steps this large overshoot from the start." : "with these settings the model "
                    + "learns within its first epoch.")
        let story: String
        if losses.count == 1 {
            story = "One epoch is too short to see the loss fall; run more (--epochs 20) to watch it."
        } else if last < 0.5 * first {
            story = """
                Then it falls, as the hidden units find their directions: to \(fixed(last)) after \
                \(losses.count) epochs (the figure shows how: often a slow start, then a steep \
                descent).
                """
        } else if last < first {
            story = """
                In this run it has only come down to \(fixed(last)) after \(losses.count) epochs (more \
                epochs or another learning rate may help; see also section "A start that stalls").
                """
        } else {
            story = "In this run it has not come down: it is \(fixed(last)) after \(losses.count) epochs."
        }
        nb.text("""
            \(opening) \(story) Each number is the mean over the epoch's batches, so it trails the \
            model by half an epoch.
            """)
        nb.plot(Figure("training-loss", title: "Mean training loss per epoch")
            .xLabel("epoch").yLabel("BCEWithLogitsLoss").yRange(0...).epochTicks(losses.count)
            .line(losses, label: "lr \(settings.learningRate), batch \(settings.batchSize)"))
        return (losses, loader, buggy)
    }

    // MARK: - 8. A whole run without zeroGrad

    func wholeRunWithoutZeroGrad(
        _ nb: Notebook, trained: XORClassifier, buggy: XORClassifier, loader: DataLoader,
        testSet: XORDataset, losses: [Float], settings: XORSettings
    ) {
        nb.section("A whole run without zeroGrad()")
        nb.text("""
            Back to the bug. Train the copy of the untrained model again, on the same batches in \
            the same order (a DataLoader with the same seed), with trainForgettingZeroGrad, which \
            is trainModel's loop without the line optimizer.zeroGrad():
            """)
        nb.code()
        let sameBatches = DataLoader(loader.dataset, batchSize: loader.batchSize,
                                     shuffle: true, seed: loader.seed!)
        let buggyOptimizer = SGD(buggy.parameters(), lr: settings.learningRate)
        let buggyLosses = trainForgettingZeroGrad(
            buggy, optimizer: buggyOptimizer, loader: sameBatches,
            lossFunction: BCEWithLogitsLoss(), epochs: settings.epochs)

        func largestRise(_ values: [Float]) -> Float {
            max(0, zip(values, values.dropFirst()).map { $1 - $0 }.max() ?? 0)
        }
        func firstEpochBelow(_ level: Float, _ values: [Float]) -> Int? {
            values.firstIndex { $0 < level }.map { $0 + 1 }
        }
        let (goodBelow, buggyBelow) = (firstEpochBelow(0.1, losses), firstEpochBelow(0.1, buggyLosses))
        let (goodRise, buggyRise) = (largestRise(losses), largestRise(buggyLosses))
        let (goodWeight, buggyWeight) = (largestWeight(trained), largestWeight(buggy))
        nb.table(headers: ["run", "epoch < 0.1", "largest rise", "final loss", "max |weight|", "accuracy"],
                 rows: [
                    ["with zeroGrad()", goodBelow.map { "\($0)" } ?? "never", fixed(goodRise), fixed(losses.last!),
                     fixed(goodWeight, 2), percent(evaluate(trained, on: testSet))],
                    ["without", buggyBelow.map { "\($0)" } ?? "never", fixed(buggyRise), fixed(buggyLosses.last!),
                     fixed(buggyWeight, 2), percent(evaluate(buggy, on: testSet))],
                 ])
        nb.text("""
            (Epoch < 0.1 is the first epoch whose mean loss is below 0.1, the largest rise the \
            biggest increase of the loss from one epoch to the next, and the accuracy is on the \
            test set.) Forgetting zeroGrad() does not stop learning: it turns SGD into another optimizer, \
            whose step is the sum of every gradient so far. While the gradients agree, that is an \
            ever longer step in their direction, so the loss can fall much sooner. But nothing \
            ever shortens the step again: the sum only shrinks when the gradients turn around, so \
            the parameters overshoot and the weights keep growing.
            """)
        let epochs = "\(losses.count) epoch\(losses.count == 1 ? "" : "s")"
        var facts: [String] = []
        switch (goodBelow, buggyBelow) {
        case let (good?, bug?) where bug < good:
            facts.append("the loss without zeroGrad() went below 0.1 in epoch \(bug), the one with it only in "
                + "epoch \(good)")
        case let (nil, bug?):
            facts.append("the loss without zeroGrad() went below 0.1 in epoch \(bug), the one with it not within \(epochs)")
        case (nil, nil):
            facts.append("neither loss went below 0.1 within \(epochs)")
        case let (good?, bug):
            facts.append("the loss with zeroGrad() went below 0.1 first, in epoch \(good)"
                + (bug.map { " (the one without it in epoch \($0))" } ?? " (the one without it never did)"))
        }
        let (goodLast, buggyLast) = (losses.last!, buggyLosses.last!)
        facts.append("at the end the loss without zeroGrad() is \(buggyLast < goodLast ? "the lower" : "the higher"), "
            + "\(fixed(buggyLast)) against \(fixed(goodLast))")
        facts.append("its largest weight is \(fixed(buggyWeight / goodWeight, 1)) times the largest with zeroGrad()")
        if buggyRise > 0.01 {
            facts.append("and its loss rose by up to \(fixed(buggyRise)) from one epoch to the next, where the loss "
                + (goodRise > 0 ? "with zeroGrad() rose by at most \(fixed(goodRise))" : "with zeroGrad() never rose")
                + ": that is the overshooting")
        } else {
            facts.append("but its loss has not jumped up yet (the largest rise is \(fixed(buggyRise))): the "
                + "overshooting can show in longer runs and with larger steps")
        }
        nb.text("In this run, " + facts.joined(separator: "; ") + ".")
        nb.plot(Figure("forgot-zerograd", title: "The same run with and without zeroGrad()")
            .xLabel("epoch").yLabel("mean training loss").yRange(0...).epochTicks(losses.count)
            .line(losses, label: "with zeroGrad()")
            .line(buggyLosses, label: "without zeroGrad()", style: .dashed))
        nb.text("""
            Try larger steps, such as --lr 1, and watch the buggy run's loss. A bug like this \
            does not announce itself; in a bigger model it shows as training that is "a bit \
            unstable". Keep zeroGrad() in every step, before backward(). (The good half of the \
            idea, remembering past gradients but letting them fade, is a real optimizer option: \
            momentum, SGD(momentum: 0.9), in Lesson08.)
            """)
    }

    // MARK: - 9. Evaluation

    func evaluation(_ nb: Notebook, model: XORClassifier, testSet: XORDataset, epochs: Int) -> Float {
        nb.section("Evaluation: accuracy on the test set")
        nb.text("""
            The loss is what training minimises; the accuracy, the share of points put in the \
            right class, is what we care about. Measure it on the \(testSet.count) test points, \
            which the model never trained on. The tutorial's eval_model, evaluate in \
            XORTraining.swift, does three things differently from training: model.eval() \
            switches to evaluation mode (Dropout off, Lesson07), noGrad { } stops recording the \
            graph (no backward() will follow, so why pay for it), and the predicted class is 1 \
            where the probability σ(logit) ≥ 0.5, which is where the logit is ≥ 0.
            """)
        let accuracy = evaluate(model, on: testSet, listingIn: nb)
        nb.show("test accuracy", percent(accuracy))
        nb.log(["test_accuracy": accuracy])
        let (inputs, labels) = testSet.batch(at: Array(0..<6))
        let logits = noGrad { model(inputs).squeeze(dim: 1) }
        let probabilities = noGrad { logits.sigmoid() }
        let classes = predictedClasses(logits)
        nb.text("The first six test points, one by one:")
        nb.table(headers: ["x1", "x2", "logit", "σ(logit)", "predicted", "label"], rows: (0..<6).map { i in
            [fixed(inputs.scalars[2 * i]), fixed(inputs.scalars[2 * i + 1]),
             fixed(logits.scalars[i]), fixed(probabilities.scalars[i]),
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
            let hint = epochs < 50
                ? "\(epochs) epoch\(epochs == 1 ? " is" : "s are") too few for this network; the default is 100."
                : "With more epochs or another learning rate it usually does; section \"A start that stalls\" "
                    + "below shows why it may not."
            nb.warning("this run did not learn XOR fully (\(percent(accuracy))). " + hint)
        }
        return accuracy
    }

    // MARK: - 10. The decision boundary

    func decisionBoundary(_ nb: Notebook, model: XORClassifier, testSet: XORDataset, accuracy: Float) {
        nb.section("What the network learned: the decision boundary")
        nb.text("""
            A picture says more than an accuracy. Run the model on a grid of points covering \
            [-0.5, 1.5]², all in one forward pass, and colour each point by σ(logit), the \
            probability of class 1. Then scatter the test points on top.
            """)
        nb.code()
        let steps = nb.quick ? 101 : 201  // points along each side
        let grid = probabilityGrid(model, range: -0.5...1.5, steps: steps)  // [[Float]]

        let points = testSet.inputs.scalars
        nb.plot(Figure("decision-boundary", title: "σ(model(x)) and the \(testSet.count) test points")
            .xLabel("x1").yLabel("x2")
            .heatmap(grid, x: -0.5...1.5, y: -0.5...1.5, palette: .softDiverging, colorRange: 0...1)
            .colorBarLabel("probability of class 1")
            .scatter(stride(from: 0, to: points.count, by: 2).map { points[$0] },
                     stride(from: 1, to: points.count, by: 2).map { points[$0] },
                     classes: testSet.labels.scalars.map { Int($0) }, names: ["class 0", "class 1"], size: 0.8)
            .legend(.outside))
        nb.text("""
            That is \(steps) × \(steps) = \(steps * steps) points. The boundary, where the \
            probability crosses 0.5, is made of curves, not one line: each tanh unit of the hidden \
            layer contributes a soft step along its own line, and the output layer adds them up. \
            \(accuracy >= 0.99
                ? "The two class-1 corners sit on one side, the class-0 corners on the other, with a margin of "
                    + "uncertain colours between them."
                : "In this run they do not yet separate all four clouds: look for the clouds whose colour "
                    + "stays near 0.5, where the model has not decided, or that sit on the wrong colour.") \
            Far from the data (the corners of the picture) the model can still answer \
            confidently: it was never told anything about those regions.
            """)
    }

    // MARK: - 11. Saving and loading

    func saveAndLoad(_ nb: Notebook, model: XORClassifier, testSet: XORDataset, accuracy: Float,
                     settings: XORSettings) {
        nb.section("Saving and loading the model")
        nb.text("""
            Training is expensive; its result is only the \(model.parameterCount) numbers in the \
            model's state. stateDict() lists them by name (PyTorch's state_dict()):
            """)
        nb.code()
        for (name, tensor) in model.stateDict() { nb.show(name, tensor.detach()) }
        // Benchmarks/pytorch_lesson05.py runs the lesson's default settings only.
        nb.text(settings == .standard ? """
            PyTorch, doing this lesson's steps in the same order, ends with these very numbers \
            (to the four decimals shown), after the same training points, untrained logits and \
            epoch losses: the random numbers are PyTorch's. See for yourself with \
            `python3 Benchmarks/pytorch_lesson05.py --numbers --seed \(nb.seed)`.
            """ : """
            With the lesson's default settings PyTorch, doing its steps in the same order, ends \
            with the very numbers the lesson prints (compare `swift run Lesson05 --seed \(nb.seed)` \
            with `python3 Benchmarks/pytorch_lesson05.py --numbers --seed \(nb.seed)`); this run \
            changed the settings, so these numbers are its own.
            """)
        nb.text("""
            save(to:) writes them to a .safetensors file, the format of Hugging Face's \
            checkpoints (PyTorch can read it with safetensors.torch.load_file). A new model starts \
            with other random numbers; load(from:) copies the saved ones in, after checking every \
            name and shape.
            """)
        do {
            try FileManager.default.createDirectory(atPath: nb.fileDirectory, withIntermediateDirectories: true)
            nb.code()
            // The folder is plots/Lesson05, or a temporary one with --plot none:
            let path = nb.fileDirectory + "/xor-model.safetensors"
            try model.save(to: path)
            let loaded = XORClassifier()  // new random numbers
            nb.show("loaded.linear2.weight before load", loaded.linear2.weight.detach())
            nb.code()
            try loaded.load(from: path)
            nb.show("loaded.linear2.weight after load ", loaded.linear2.weight.detach())
            nb.show("model.linear2.weight             ", model.linear2.weight.detach())
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            let difference = zip(model.stateDict(), loaded.stateDict()).map { pair in
                zip(pair.0.tensor.scalars, pair.1.tensor.scalars).map { abs($0 - $1) }.max() ?? 0
            }.max() ?? 0
            nb.show("size of the file", "\(size) bytes")
            nb.show("largest |model - loaded| over all \(model.parameterCount) numbers", difference)
            let loadedAccuracy = evaluate(loaded, on: testSet)
            nb.show("test accuracy of the loaded model", percent(loadedAccuracy))
            let folder = nb.fileDirectory == nb.plotDirectory ? " The file is \(path)." : ""
            nb.text("""
                The same numbers, bit for bit, so the same answers: the loaded model has the \
                accuracy of the one we trained (\(percent(accuracy))).\(folder) To resume training \
                later, save the optimizer too: model.save(to: path, optimizer: optimizer) (SGD \
                without momentum has no state, Adam has).
                """)
            nb.claim(difference == 0 && loadedAccuracy == accuracy,
                     "the loaded model has the same numbers and the same accuracy as the trained one")
        } catch {
            nb.warning("could not save or load the model in \(nb.fileDirectory): \(error)")
        }
    }

    // MARK: - 12. A start that stalls

    func stalledStart(_ nb: Notebook) {
        nb.section("A start that stalls")
        nb.text("""
            Not every random start is as lucky. Some land on a plateau, where the gradient is \
            small and SGD creeps: the loss hardly moves for many epochs. --seed \(stallingSeed) \
            is such a start for this lesson. Here is its run with the lesson's settings, trained \
            three times as long, and the same start with ten times the learning rate (runXOR in \
            XORTraining.swift is this lesson's run without the text):
            """)
        guard !nb.quick else {
            nb.note("skipped with --quick (it trains two more networks); run without --quick to see it.")
            return
        }
        nb.code()
        var longRun = XORSettings.standard  // the lesson's sizes and hyperparameters
        longRun.epochs = 300
        let stalled = withSeed(stallingSeed) { runXOR(longRun, accuracyAt: [100]) }
        var bigSteps = XORSettings.standard
        bigSteps.learningRate = 1
        let faster = withSeed(stallingSeed) { runXOR(bigSteps) }

        let longer = longRun.epochs
        let atHundred = stalled.cornerProbabilities[100]!
        let atEnd = cornerProbabilities(stalled.model)
        func cornerCells(_ probabilities: [Float]) -> [String] { probabilities.map { fixed($0, 2) } }
        nb.table(headers: ["--seed \(stallingSeed)", "loss", "accuracy", "σ(0,0)", "σ(0,1)", "σ(1,0)", "σ(1,1)"],
                 rows: [
                    ["lr 0.1, 100 epochs", fixed(stalled.losses[99]), percent(stalled.accuracies[100]!)] + cornerCells(atHundred),
                    ["lr 0.1, \(longer) epochs", fixed(stalled.losses.last!), percent(stalled.testAccuracy)] + cornerCells(atEnd),
                    ["lr 1, 100 epochs", fixed(faster.losses.last!), percent(faster.testAccuracy)]
                        + cornerCells(cornerProbabilities(faster.model)),
                 ])
        let labels: [Float] = [0, 1, 1, 0]
        let solved = zip(atHundred, labels).filter { abs($0 - $1) < 0.25 }.count
        let undecided = atHundred.filter { abs($0 - 0.5) < 0.25 }.count
        nb.text("""
            (σ(0,1) is the probability of class 1 that the model gives the corner (0, 1); the \
            labels of the corners are 0, 1, 1, 0.) After 100 epochs, the default, the network \
            has \(solved) of the 4 corners right with \
            some confidence (σ within 0.25 of the label) and answers between 0.25 and 0.75 for \
            \(undecided): its test accuracy is \(percent(stalled.accuracies[100]!)).
            """)
        nb.claim(stalled.accuracies[100]! < 0.9 && stalled.losses[99] > 0.2,
                 "--seed \(stallingSeed) is still on its plateau after 100 epochs")
        let escape = stalled.losses.indices.first { $0 >= 100 && stalled.losses[$0] < 0.3 }
        let ending: String
        if let escape {
            ending = """
                It is not stuck for ever: the loss drops below 0.3 at epoch \(escape + 1), and the \
                test accuracy reaches \(percent(stalled.testAccuracy)) by epoch \(longer).
                """
        } else {
            ending = "Even \(longer) epochs are not enough here: the loss stays above 0.3."
        }
        nb.text("""
            \(ending) Ten times the learning rate gets the same start to \
            \(percent(faster.testAccuracy)) within 100 epochs. Plateaus are common in small \
            networks with tanh units and a small learning rate, in PyTorch too; more epochs or a \
            larger learning rate get out of them. This very start stalls in PyTorch as well: the \
            same program there (Benchmarks/pytorch_lesson05.py) reaches 74.20% after 100 epochs \
            and 100.00% after 300, as here.
            """)
        nb.claim(percent(stalled.accuracies[100] ?? 0) == "74.20%" && percent(stalled.testAccuracy) == "100.00%",
                 "seed \(stallingSeed) gives PyTorch's 74.20% after 100 epochs and 100.00% after 300")
        nb.plot(Figure("stalled-start", title: "--seed \(stallingSeed): a plateau, then the fall")
            .xLabel("epoch").yLabel("mean training loss").yRange(0...0.8).epochTicks(stalled.losses.count)
            .line(stalled.losses, label: "seed \(stallingSeed), lr 0.1")
            .line(faster.losses, label: "seed \(stallingSeed), lr 1", style: .dashed)
            .line([100, 100], [0, 0.8], label: "epoch 100, the default", style: .dotted, color: .grey, lineWidth: 1))
        nb.text("""
            Try the flags, and predict what each run will print before it does:

            """ + "\n" + flagExamples([
                ("--seed \(stallingSeed)", "the stalled start, all the way through"),
                ("--seed \(stallingSeed) --epochs \(longer)", "the same run, three times as long"),
                ("--lr 1", "bigger steps"),
                ("--lr 0.01", "smaller steps"),
                ("--batch-size 2500", "one batch per epoch: only 100 steps"),
            ]))
    }

    /// `swift run Lesson05 <flags>` lines with their comments lined up in one column.
    func flagExamples(_ examples: [(flags: String, meaning: String)]) -> String {
        let width = examples.map(\.flags.count).max() ?? 0
        return examples.map { flags, meaning in
            "    swift run Lesson05 " + flags.padding(toLength: width, withPad: " ", startingAt: 0) + "   " + meaning
        }.joined(separator: "\n")
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
            that sorts photos of clothes (Fashion-MNIST), with ten classes and CrossEntropyLoss.
            """)
    }
}
