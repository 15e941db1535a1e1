import ClassifierTraining
import Datasets
import Foundation
import Notebook
import Plot
import Torchlet

/// Lesson 06: a multilayer perceptron on Fashion-MNIST (or MNIST).
///
/// Read this file next to its output (`swift run Lesson06`): each `nb.code()` prints the lines
/// that run right below it. The network and its training live in MLPTraining.swift and the
/// studies in Studies.swift, so that the tests can run them on a tiny dataset; they show their
/// own lines when they run. The loop itself is shared with Lesson07, in
/// Sources/ClassifierTraining. The flags are in Lesson06+Options.swift.
@main
struct Lesson06: ParsableCommand {
    @OptionGroup var options: Options

    func run() throws {
        let nb = Notebook(lesson: "Lesson06", title: "A multilayer perceptron on \(options.dataset.displayName)",
                          options: options.common)
        let settings = options.settings
        nb.log(TrainingSettings(epochs: settings.epochs, learningRate: Double(settings.learningRate),
                                batchSize: settings.batchSize, optimizer: settings.optimizer.pytorchName,
                                dataset: options.dataset.rawValue))
        let data: (train: MNIST, test: MNIST)
        do {
            data = try loadData(nb)
        } catch {
            FileHandle.standardError.write(Data(("error: " + error.description + "\n").utf8))
            throw ExitCode.failure
        }
        recallSoftmax(nb)
        let model = theNetwork(nb, data.train)
        let run = training(nb, model, data)
        guard run.divergence == nil else {
            nb.finish()
            throw ExitCode.failure
        }
        let predictions = confusion(nb, model, data.test)
        misclassified(nb, data.test, predictions: predictions)
        studies(nb, data)
        nb.section("Exercises")
        nb.text("""
            Three small functions from this lesson are yours to write in Exercises/Lesson06.swift:

            - 6.1 `multiclassAccuracy(logits:labels:)`: the accuracy printed after every epoch, \
            from raw scores (argmax over dim 1).
            - 6.2 `batchesPerEpoch(samples:batchSize:dropLast:)`: how many steps one epoch takes, \
            the number the batch-size study turns into time.
            - 6.3 `oneHot(labels:classes:)`: the targets that cross-entropy compares with softmax, \
            written out as rows of 0s and a 1.

            Check them with `swift run check 6` (or `swift run check 6.1` for one).
            """)
        nb.section("What's next")
        nb.text("""
            The network treats a picture as 784 unrelated numbers: shift a picture by two pixels \
            and it is a new problem. Next, `swift run Lesson07` builds a convolutional network \
            that looks at small patches wherever they are, and gets further on the same data.
            """)
        nb.finish()
    }

    // MARK: - 1. The data

    func loadData(_ nb: Notebook) throws(DatasetError) -> (train: MNIST, test: MNIST) {
        let variant = options.dataset
        nb.section("The data: \(variant.displayName)")
        nb.text(variant == .fashionMNIST ? """
            Fashion-MNIST is MNIST's format with pictures of clothes instead of digits: 28x28 grey \
            pictures in ten classes, 60,000 to learn from and 10,000 to test on. It was made as a \
            harder drop-in replacement: a simple network gets about 98% on the digits but under 90% \
            here, so the differences between settings show. `--dataset mnist` runs the same lesson on \
            the handwritten digits.
            """ : """
            MNIST: handwritten digits 0 to 9 as 28x28 grey pictures, 60,000 to learn from and \
            10,000 to test on. The classic first dataset: a simple network gets about 98%.
            """)
        nb.code()
        let trainLimit = options.trainLimit ?? (nb.quick ? 2000 : nil)  // nil: all 60,000
        let testLimit = options.testLimit ?? (nb.quick ? 500 : nil)  // nil: all 10,000
        let train = try MNIST(root: options.dataDir, train: true, variant: options.dataset,
                              limit: trainLimit, progress: nb.downloadBars())
        let test = try MNIST(root: options.dataDir, train: false, variant: options.dataset,
                             limit: testLimit, progress: nb.downloadBars())
        nb.show(train.folder)
        nb.show(train.images.shape)
        nb.show(train.labels.shape)
        nb.show(test.images.shape)
        nb.text("""
            Each picture is [1, 28, 28]: one channel (grey), 28 rows, 28 columns, scaled from \
            bytes 0...255 to 0...1 as torchvision's ToTensor() does, 0 being the black background.
            """)
        nb.show(train.images.max())
        nb.show(train.images.mean())
        let mean = train.images.mean().item()
        nb.claim(train.images.scalars.min() == 0 && train.images.max().item() == 1, "the pixels run from 0 to 1")
        if train.count == 60_000 {
            nb.text("""
                That mean over all 60,000 training pictures, \(fixed(mean)), is the number \
                torchvision's Normalize subtracts for \(variant.displayName) (`MNIST.Variant.mean`, \
                \(fixed(variant.mean))). This lesson does not normalise: its pixels stay in 0...1.
                """)
            nb.claim(abs(mean - variant.mean) < 0.00005,
                     "the mean pixel of the 60,000 training pictures is \(fixed(variant.mean))")
        } else {
            nb.text("""
                That is the mean of the first \(train.count) training pictures; over all 60,000 it is \
                \(fixed(variant.mean)), the number torchvision's Normalize subtracts for \
                \(variant.displayName) (`MNIST.Variant.mean`). This lesson does not normalise: its \
                pixels stay in 0...1.
                """)
        }
        nb.text("A label is the class index:")
        let labels = train.labels.scalars.map { Int($0) }
        nb.table(headers: ["label", "class", "training pictures"], rows: variant.classNames.enumerated().map { index, name in
            [String(index), name, String(labels.filter { $0 == index }.count)]
        })
        let shown = min(24, train.count)
        nb.plot(Figure("training-samples", title: "The first \(shown) training pictures and their labels")
            .imageGrid(planes(of: train.images, 0..<shown), columns: 8,
                       titles: (0..<shown).map { shortName(labels[$0]) }, colorRange: 0...1))
        return (train, test)
    }

    // MARK: - 2. Softmax and cross-entropy

    func recallSoftmax(_ nb: Notebook) {
        nb.section("Softmax and cross-entropy, recalled")
        nb.text("""
            The network's last layer gives 10 raw scores per picture, the logits: any real \
            numbers, larger meaning "more likely". Softmax turns them into probabilities, \
            positive and adding up to 1, keeping their order:

                softmax(x)ᵢ = exp(xᵢ) / Σⱼ exp(xⱼ)

            exp makes every score positive (and is smooth, so it has a gradient); dividing by the \
            sum makes them add up to 1. Take three classes and the scores 2, 1 and 0.1:
            """)
        nb.code()
        let logits = Tensor([[2.0, 1.0, 0.1]])
        let p = logits.softmax(dim: 1)
        nb.show(p)
        let (first, last) = (p.scalars[0], p.scalars[2])
        nb.text("""
            Cross-entropy compares these probabilities with the truth t, which is all 0 except a \
            1 at the right class:

                H(t, p) = -Σᵢ tᵢ log pᵢ = -log p[right class]

            So the loss is minus the log of the probability given to the right answer: 0 when it \
            is 1, large when it is near 0. If class 0 is right, H = -log \(fixed(first)) = \
            \(fixed(-Foundation.log(first))); if class 2 is right, H = -log \(fixed(last)) = \
            \(fixed(-Foundation.log(last))). CrossEntropyLoss does both steps at once, from the \
            logits and the index of the right class:
            """)
        nb.code()
        let right = CrossEntropyLoss()(logits, Tensor([0]))  // class 0 is right
        let wrong = CrossEntropyLoss()(logits, Tensor([2]))  // class 2 is right
        nb.show(right)
        nb.show(wrong)
        nb.claim(abs(right.item() + Foundation.log(first)) < 1e-4 && abs(wrong.item() + Foundation.log(last)) < 1e-4,
                 "CrossEntropyLoss gives -log p of the right class")
        nb.text("""
            The same two numbers. CrossEntropyLoss takes the logits, not the probabilities: it \
            applies softmax itself, in a form that cannot overflow. That is why the network below \
            ends in a Linear layer with no softmax after it. A network that knows nothing gives \
            all 10 classes the same score, so p = 0.1 for each and the loss is -log 0.1 = log 10 = \
            2.3026: the number every training run should start near.
            """)
        nb.log(["softmax_p0": first, "loss_class0": right.item(), "loss_class2": wrong.item()])
    }

    // MARK: - 3. The network

    func theNetwork(_ nb: Notebook, _ train: MNIST) -> Sequential {
        let settings = options.settings
        nb.section("A 784-256-256-10 network with normal_ weights")
        let names = settings.activations.map(\.rawValue)
        let activations = Set(names).count == 1 ? "each followed by \(names[0])" : "followed by " + list(names)
        nb.text("""
            A multilayer perceptron: the 28x28 picture flattened into 784 numbers, two hidden \
            layers of 256 units, \(activations), and 10 outputs, one score per class. The weights are drawn from a normal \
            distribution with mean 0 and standard deviation \(settings.initStd). The seed's \
            tutorial draws its weights with torch.nn.init.normal_, but it shows only that \
            function's signature (mean 0 and std 1 by default), not the std it used; \
            \(settings.initStd) is this lesson's choice, small enough that the untrained \
            network's scores all start near 0. makeMLP, in MLPTraining.swift, builds it:
            """)
        let model = makeMLP(settings, listing: nb)
        nb.display(model)
        nb.show(model.parameterCount)
        let byHand = (784 * 256 + 256) + (256 * 256 + 256) + (256 * 10 + 10)
        nb.text("""
            A Linear(in, out) layer has in·out weights and out biases: (784·256 + 256) + \
            (256·256 + 256) + (256·10 + 10) = \(byHand). The first layer's weights, drawn with \
            std \(settings.initStd):
            """)
        nb.claim(model.parameterCount == byHand, "the network has \(byHand) parameters")
        nb.code()
        let w = (model[1] as! Linear).weight.detach()  // [256, 784]
        nb.show(w.mean())
        nb.show((w - w.mean()).pow(2).mean().sqrt())  // their standard deviation
        let spread = Double((w - w.mean()).pow(2).mean().sqrt().item())
        nb.claim(abs(spread - settings.initStd) < 0.05 * settings.initStd,
                 "the first layer's weights have the standard deviation asked for")
        nb.text("The untrained network on the first training pictures:")
        nb.code()
        let first = Array(0..<min(100, train.count))  // the first 100 pictures
        let (images, labels) = train.batch(at: first)
        let logits = noGrad { model(images) }
        let loss = CrossEntropyLoss()(logits, labels)
        nb.show(logits[0])
        nb.show(loss)
        let largest = logits.abs().max().item()
        nb.text("""
            With weights this small every score is close to 0 (the largest here is \
            \(fixed(largest)) away from it), so the untrained network gives each class about 0.1 \
            and the loss, \(fixed(loss.item())), sits near log 10 = 2.3026, as promised.
            """)
        nb.claim(largest < 0.5 && abs(loss.item() - Foundation.log(10)) < 0.05,
                 "the untrained network's scores are near 0 and its loss near log 10")
        if nb.trace {
            traceOfTheFirstLoss(nb, model, train)
        }
        return model
    }

    /// `--trace`: the backward pass of the loss on two pictures, printed step by step.
    func traceOfTheFirstLoss(_ nb: Notebook, _ model: Sequential, _ train: MNIST) {
        nb.text("""
            --trace: the backward pass of the loss on two pictures, from the loss down to the \
            weights. Each Linear layer is an addmm (x·Wᵀ + b); ReLU passes the gradient where \
            its input was positive and blocks it elsewhere.
            """)
        for (name, parameter) in model.namedParameters() { parameter.labeled(name) }
        nb.code()
        let (two, twoLabels) = train.batch(at: [0, 1])
        let trace = CrossEntropyLoss()(model(two), twoLabels).labeled("loss").backwardTrace()
        nb.display(trace)
        model.zeroGrad()
        // The largest gradient arriving at each Linear layer (each addmm), from the top down.
        let arriving = trace.steps.filter { $0.node.gradFn?.name == "AddmmBackward0" }
            .map { $0.incoming.abs().max().item() }
        nb.text("""
            Watch max |x| of the gradient arriving at each Linear layer on the way down: \
            \(list(arriving.map { fixed($0) })). Each layer multiplies the gradient by its \
            weights (the g · W of its rule), and with weights of about \(options.settings.initStd) \
            that shrinks it at every layer. That is why the first steps of training are slow \
            with this initialisation; Adam, which scales each step by the gradient's own size, \
            does not mind much.
            """)
        nb.claim(zip(arriving, arriving.dropFirst()).allSatisfy { $1 < $0 },
                 "the gradient shrinks at every Linear layer on the way down")
    }

    // MARK: - 4. Training

    func training(_ nb: Notebook, _ model: Sequential, _ data: (train: MNIST, test: MNIST)) -> TrainingRun<MLPSettings> {
        let settings = options.settings
        nb.section("Training")
        let batches = (data.train.count + settings.batchSize - 1) / settings.batchSize
        nb.text("""
            One epoch is one pass over the \(data.train.count) training pictures in shuffled \
            batches of \(settings.batchSize): \(batches) steps, each the same five lines (forward, \
            loss, zeroGrad, backward, step). After each epoch the network is measured on the \
            \(data.test.count) test pictures it never learns from.

            train, in MLPTraining.swift, makes the optimizer (here \(settings.optimizer.pytorchName), \
            learning rate \(settings.learningRate)) and hands it to trainClassifier, in \
            Sources/ClassifierTraining, the loop Lesson07 uses too, here for \(settings.epochs) \
            epoch\(settings.epochs == 1 ? "" : "s"). Both are listed as they run. The tally keeps \
            the epoch's loss and right answers for the table below, and stops the run if the loss \
            is no longer a number:
            """)
        let run = train(model, settings, trainSet: data.train, testSet: data.test, seed: nb.seed &+ 1,
                        hooks: nb.progressBars { "epoch \($0)/\(settings.epochs)" }, listing: nb)
        if let divergence = run.divergence {
            nb.warning(divergence.explanation(learningRate: settings.learningRate,
                                              optimizer: settings.optimizer.pytorchName))
            return run
        }
        nb.table(headers: ["epoch", "train loss", "train acc", "test loss", "test acc", "time"],
                 rows: run.epochs.map { record in
                     [String(record.epoch), fixed(record.trainLoss), percent(record.trainAccuracy),
                      fixed(record.testLoss), percent(record.testAccuracy), nb.duration(record.seconds)]
                 })
        let last = run.epochs.last!
        nb.text("""
            Test accuracy after \(settings.epochs) epoch\(settings.epochs == 1 ? "" : "s"): \
            \(percent(last.testAccuracy)), at \(nb.duration(run.secondsPerEpoch)) per epoch of \
            training (the median).
            """ + (last.testAccuracy < 0.2 ? "" : overfittingRemark(run)))
        if last.testAccuracy < 0.2 {
            nb.warning("""
                The network has not learned: \(percent(last.testAccuracy)) is close to the 10% that \
                guessing gets with 10 classes. The loss started at \(fixed(run.epochs[0].trainLoss)) \
                and ended at \(fixed(last.trainLoss)) (log 10 = 2.3026 is the loss of a network that \
                knows nothing). A loss far above 2.3 means the steps were too large and threw the \
                weights about (try --lr \(settings.learningRate / 10)); one stuck at 2.3 can also mean \
                the units died. The rest of the lesson shows what such a network does.
                """)
        }
        nb.log(["final_test_accuracy": last.testAccuracy, "final_train_loss": last.trainLoss,
                "seconds_per_epoch": run.secondsPerEpoch])
        let epochs = run.epochs.map { Double($0.epoch) }
        let axis = 1...Double(max(2, run.epochs.count))
        nb.plot(Figure("training-curves", title: "\(settings.architecture), \(settings.optimizer.rawValue) lr \(settings.learningRate), batch \(settings.batchSize)")
            .panel("loss").xLabel("epoch").yLabel("cross-entropy").yRange(0...).epochTicks(settings.epochs).xRange(axis)
            .line(epochs, run.epochs.map(\.trainLoss), label: "train")
            .line(epochs, run.epochs.map(\.testLoss), label: "test", style: .dashed)
            .panel("accuracy").xLabel("epoch").yLabel("accuracy").epochTicks(settings.epochs).xRange(axis)
            .line(epochs, run.epochs.map(\.trainAccuracy), label: "train")
            .line(epochs, run.epochs.map(\.testAccuracy), label: "test", style: .dashed))
        return run
    }

    /// What the curves say about overfitting, from the numbers of this run.
    func overfittingRemark(_ run: TrainingRun<MLPSettings>) -> String {
        guard run.epochs.count >= 3, let last = run.epochs.last else { return "" }
        let best = run.epochs.min { $0.testLoss < $1.testLoss }!
        let gap = last.trainAccuracy - last.testAccuracy
        var remark = zip(run.trainLosses, run.trainLosses.dropFirst()).allSatisfy({ $1 < $0 })
            ? " The training loss fell in every epoch." : " The training loss fell, with a bump or two."
        if best.epoch < last.epoch && last.testLoss > best.testLoss * 1.03 {
            remark += " The test loss was lowest after epoch \(best.epoch) (\(fixed(best.testLoss))) and has crept up "
                + "since, to \(fixed(last.testLoss)): the network has started to learn its training pictures by heart "
                + "(overfitting), which helps on them and not on new ones."
        } else {
            remark += " The test loss is still about its lowest (\(fixed(best.testLoss)) after epoch \(best.epoch))."
        }
        if gap > 0.01 {
            remark += " Train accuracy is \(fixed(100 * gap, 1)) points above test accuracy: "
                + "the usual gap between pictures the network has seen and pictures it has not."
        }
        return remark
    }

    // MARK: - 5. Confusion matrix

    func confusion(_ nb: Notebook, _ model: Sequential, _ test: MNIST) -> [Int] {
        let names = options.dataset.classNames
        nb.section("Which classes are confused: the confusion matrix")
        nb.text("""
            Accuracy is one number; the confusion matrix shows where the errors are. Row t, \
            column p counts the test pictures of class t that the network called p: right answers \
            on the diagonal, every mistake off it. Each row adds up to the number of test \
            pictures of that class.
            """)
        nb.code()
        let predictions = evaluate(model, on: test).predictions  // each picture's top class
        let counts = confusionMatrix(labels: test.labels, predictions: predictions)
        nb.plot(Figure("confusion-matrix", title: "Test set: true class (rows) against predicted class (columns)")
            .confusionMatrix(counts, classNames: names.map(shortLabel)))
        let summary = ConfusionSummary(counts)
        let worst = summary.mostConfused
        nb.table(headers: ["", "class", "right"], rows: [
            ["easiest", names[summary.easiest], percent(summary.rightShare[summary.easiest])],
            ["hardest", names[summary.hardest], percent(summary.rightShare[summary.hardest])],
        ])
        let remark = options.dataset == .fashionMNIST ? summary.lookAlikeRemark(fashionLookAlikes) : nil
        nb.text("""
            The hardest classes in this run: \(summary.hardestClasses(3, names: names) { percent($0, decimals: 1) }). \
            The largest count off the diagonal: \(worst.count) pictures of \(names[worst.truth]) \
            taken for \(names[worst.predicted]).\(remark.map { " " + $0 } ?? "")
            """)
        nb.log(["most_confused_true": worst.truth, "most_confused_predicted": worst.predicted,
                "most_confused_count": worst.count])
        return predictions
    }

    // MARK: - 6. Misclassified pictures

    func misclassified(_ nb: Notebook, _ test: MNIST, predictions: [Int]) {
        nb.section("What the mistakes look like")
        nb.code()
        let labels = test.labels.scalars.map { Int($0) }
        let wrong = predictions.indices.filter { predictions[$0] != labels[$0] }
        let shown = Array(wrong.prefix(20))
        nb.text("""
            \(wrong.count) of the \(test.count) test pictures are misclassified. Here are the \
            first \(shown.count), each titled with its true class and, after the arrow, the \
            network's answer. Which would you have got wrong yourself?
            """)
        guard !wrong.isEmpty else { return }
        nb.plot(Figure("misclassified", title: "Misclassified test pictures: true → predicted")
            .size(width: 900, height: 900)
            .imageGrid(planes(of: test.images, shown), columns: 5,
                       titles: shown.map { "\(shortName(labels[$0])) → \(shortName(predictions[$0]))" },
                       colorRange: 0...1))
    }

    // MARK: - 7. Studies

    func studies(_ nb: Notebook, _ data: (train: MNIST, test: MNIST)) {
        nb.section("Hyperparameter studies")
        guard let study = options.study else {
            nb.text("""
                The seed's notebook trained this network again and again, changing one thing at a \
                time. Each study is behind a flag, because each trains 4 networks (the epochs study \
                one, for 100 epochs):

                    swift run Lesson06 --study lr           # 0.1, 0.01, 0.001, 0.0001
                    swift run Lesson06 --study epochs       # 5, 30, 50, 100 epochs
                    swift run Lesson06 --study batch-size   # 10, 30, 100, 1000, timed
                    swift run Lesson06 --study activation   # sigmoid or ReLU, per layer

                What the seed found, on MNIST: lr 0.1 left its network stuck at 10% accuracy (a \
                loss of 2.30: guessing); 0.01 and 0.001 learned fast; 0.0001 learned slowly but \
                surely. More epochs kept raising the accuracy, by less and less. A batch of 10 took \
                about 3 times as long as a batch of 100 (15:53 against 5:26), and 1000 was no faster \
                than 100. Add --quick to any of them for a first look in seconds.
                """)
            return
        }
        // The seed ran two of its studies with settings of their own: the learning-rate study
        // for 50 epochs, the epochs study at lr 0.0001. So do these, unless a flag says otherwise.
        var base = options.settings
        var seedSettings: [String] = []
        if study == .lr, options.epochs == nil, !nb.quick {
            base.epochs = 50
            seedSettings.append("50 epochs")
        }
        if study == .epochs, options.lr == nil {
            base.learningRate = 0.0001
            seedSettings.append("lr 0.0001")
        }
        let epochCount = study == .epochs ? Study.epochCounts(quick: nb.quick).max()! : base.epochs
        nb.text((study == .epochs
            ? "Study: \(study.title). One run, read after " + list(Study.epochCounts(quick: nb.quick).map(String.init))
                + " epochs."
            : "Study: \(study.title). Every run starts from the same seed (the same first weights and the same "
                + "shuffling of the pictures), so only the studied setting differs.") + """
             Base: \(base.architecture), \
            \(base.optimizer.rawValue) lr \(base.learningRate), batch \(base.batchSize), \
            \(epochCount) epochs, \(data.train.count) training pictures\
            \(seedSettings.isEmpty ? "" : " (" + list(seedSettings) + ", as the seed ran this study)").
            """)
        let runs = runStudy(study, base: base, quick: nb.quick, seed: nb.seed, trainSet: data.train,
                            testSet: data.test) { label in
            nb.progressBars({ "\(label): epoch \($0)" }, metrics: ["study": study.rawValue, "run": label])
        }
        for run in runs {
            if let divergence = run.run.divergence {
                nb.warning("\(run.label) diverged: \(divergence.summary); its curve stops there and the other runs carried on.")
            }
        }
        if study == .epochs {
            epochsTable(nb, runs[0].run)
        } else {
            nb.table(headers: ["run", "final train loss", "test acc", "time per epoch", "outcome"], rows: runs.map { run in
                [run.label, run.run.epochs.last.map { fixed($0.trainLoss) } ?? "-",
                 run.run.epochs.last.map { percent($0.testAccuracy) } ?? "-",
                 run.run.epochs.isEmpty ? "-" : nb.duration(run.run.secondsPerEpoch), run.outcome]
            })
        }
        nb.plot(studyFigure(study, runs, epochCount: epochCount, quick: nb.quick))
        nb.text(studyConclusion(nb, study, runs, trainCount: data.train.count)
            + (nb.quick ? " (With --quick, on \(data.train.count) pictures and a few epochs, these are first signs; "
                + "run without it for the full picture.)" : ""))
    }

    func epochsTable(_ nb: Notebook, _ run: TrainingRun<MLPSettings>) {
        let marks = Study.epochCounts(quick: nb.quick).filter { $0 <= run.epochs.count }
        var previous: Float?
        nb.table(headers: ["epochs", "train loss", "train acc", "test acc", "gain"], rows: marks.map { epoch in
            let record = run.epochs[epoch - 1]
            defer { previous = record.testAccuracy }
            let gain = previous.map { String(format: "%+.2f points", 100 * (record.testAccuracy - $0)) } ?? ""
            return [String(epoch), fixed(record.trainLoss), percent(record.trainAccuracy), percent(record.testAccuracy), gain]
        })
    }

    func studyFigure(_ study: Study, _ runs: [StudyRun], epochCount: Int, quick: Bool) -> Figure {
        let axis = 1...Double(max(2, epochCount))
        var figure = Figure("study-\(study.rawValue)", title: "Study: \(study.title)")
            .panel("training loss").xLabel("epoch").yLabel("cross-entropy").logScale(.y).epochTicks(epochCount).legend(.below).xRange(axis)
        for run in runs where !run.run.epochs.isEmpty {
            figure = figure.line(run.run.epochs.map { Double($0.epoch) }, run.run.trainLosses, label: run.label)
        }
        figure = figure.panel("test accuracy").xLabel("epoch").yLabel("accuracy").epochTicks(epochCount).legend(.below).xRange(axis)
        for run in runs where !run.run.epochs.isEmpty {
            figure = figure.line(run.run.epochs.map { Double($0.epoch) }, run.run.testAccuracies, label: run.label)
        }
        if study == .batchSize {
            let timed = runs.filter { !$0.run.epochs.isEmpty }
            figure = figure.panel("seconds per epoch").xLabel("batch size").yLabel("seconds").logScale(.x)
                .yRange(0...).legend(.hidden)
                .line(timed.map { Double($0.run.settings.batchSize) }, timed.map(\.run.secondsPerEpoch))
                .scatter(timed.map { Double($0.run.settings.batchSize) }, timed.map(\.run.secondsPerEpoch), size: 1.5)
                .columns(3)
        }
        if study == .epochs, let run = runs.first?.run {
            let marks = Study.epochCounts(quick: quick).filter { $0 <= run.epochs.count }
            figure = figure.scatter(marks.map(Double.init), marks.map { Double(run.epochs[$0 - 1].testAccuracy) },
                                    label: "read at " + marks.map(String.init).joined(separator: ", "), size: 1.5)
        }
        return figure
    }

    /// What the study shows: the general reason, then what this run's numbers say, computed
    /// from them.
    func studyConclusion(_ nb: Notebook, _ study: Study, _ runs: [StudyRun], trainCount: Int) -> String {
        func accuracy(_ run: StudyRun) -> String {
            run.run.divergence == nil ? percent(run.run.finalTestAccuracy) : "nothing (it diverged)"
        }
        switch study {
        case .lr:
            let trained = runs.filter { $0.run.divergence == nil }
            let best = trained.max { $0.run.finalTestAccuracy < $1.run.finalTestAccuracy }
            var text = """
                Too large a rate overshoots: the steps jump across the valley instead of down into \
                it, and the network ends up guessing (or the loss overflows). Too small a rate is \
                safe but slow. The loss is on a log scale so both ends show. In this run the final \
                test accuracy was
                """ + " " + list(runs.map { "\(accuracy($0)) for \($0.label)" }) + "."
            if let best {
                text += " The best rate here was \(best.run.settings.learningRate)."
                let largest = runs[0], smallest = runs[runs.count - 1]
                if largest.run.divergence != nil {
                    text += " The largest, \(largest.run.settings.learningRate), diverged."
                } else if largest.run.finalTestAccuracy < 0.2 {
                    text += " The largest, \(largest.run.settings.learningRate), ended near chance (10%)."
                } else if largest.label != best.label {
                    text += " The largest, \(largest.run.settings.learningRate), trained, but ended below the best."
                }
                if smallest.label != best.label, smallest.run.divergence == nil {
                    text += " The smallest, \(smallest.run.settings.learningRate), ended with a training loss of "
                        + "\(fixed(smallest.run.trainLosses.last ?? 0)) against \(fixed(best.run.trainLosses.last ?? 0)) "
                        + "for the best: still on its way down."
                }
            }
            return text
        case .epochs:
            let run = runs[0].run
            let marks = Study.epochCounts(quick: nb.quick).filter { $0 <= run.epochs.count }
            let records = marks.map { run.epochs[$0 - 1] }
            guard marks.count >= 2 else { return "The run stopped before its second mark, so there is nothing to compare." }
            var text = """
                One run of \(run.epochs.count) epochs gives all \(marks.count) answers: with a fixed learning \
                rate, training for \(marks[marks.count - 2]) epochs is exactly the first \
                \(marks[marks.count - 2]) epochs of training for \(marks.last!).
                """
            let falling = zip(records, records.dropFirst()).allSatisfy { $1.trainLoss < $0.trainLoss }
            text += " The training loss went from \(fixed(records[0].trainLoss)) after epoch \(marks[0]) to "
                + "\(fixed(records.last!.trainLoss)) after epoch \(marks.last!)"
                + (falling ? ", lower at every mark." : ", though not lower at every mark.")
            let perEpoch = (1..<marks.count).map { index in
                100 * (records[index].testAccuracy - records[index - 1].testAccuracy) / Float(marks[index] - marks[index - 1])
            }
            let stretches = (1..<marks.count).map { "\(String(format: "%+.2f", perEpoch[$0 - 1])) points per epoch from epoch \(marks[$0 - 1]) to \(marks[$0])" }
            text += " The test accuracy changed by " + list(stretches)
            if zip(perEpoch, perEpoch.dropFirst()).allSatisfy({ $1 < $0 }) {
                text += ": less and less for each extra epoch"
            }
            text += perEpoch.contains { $0 < 0 }
                ? ", and it even dropped: beyond some point the network learns its training pictures, not the classes."
                : "."
            return text
        case .batchSize:
            let smallest = runs[0], middle = runs[2], largest = runs[runs.count - 1]
            var text = """
                A small batch means many steps per epoch (\(trainCount) / \(smallest.run.settings.batchSize) = \
                \((trainCount + smallest.run.settings.batchSize - 1) / smallest.run.settings.batchSize)) and each \
                step pays for a forward pass, a backward pass and an update, however few pictures it \
                holds: the time per epoch follows the number of steps until batches are large enough \
                to keep the matrix products busy.
                """
            if !smallest.run.epochs.isEmpty && !middle.run.epochs.isEmpty {
                text += " Here \(smallest.label) took \(nb.duration(smallest.run.secondsPerEpoch)) per epoch, "
                    + "\(middle.label) \(nb.duration(middle.run.secondsPerEpoch))."
                nb.claim(smallest.run.secondsPerEpoch > middle.run.secondsPerEpoch,
                         "\(smallest.label) takes longer per epoch than \(middle.label)")
            }
            text += " A large batch is fast per epoch but takes fewer steps, so after the same number of epochs it "
                + "has usually learned less:"
            let comparison = largest.run.finalTestAccuracy < middle.run.finalTestAccuracy ? "below"
                : largest.run.finalTestAccuracy > middle.run.finalTestAccuracy ? "above" : "level with"
            text += " here \(largest.label) ended at \(accuracy(largest)), \(comparison) \(middle.label)'s \(accuracy(middle))."
            // The seed's other point: generalisation. Measured as the gap between the accuracy on
            // the training pictures and on the test pictures, at the end of each run.
            let gaps = runs.compactMap { run -> (label: String, points: Float)? in
                guard run.run.divergence == nil, let last = run.run.epochs.last else { return nil }
                return (run.label, 100 * (last.trainAccuracy - last.testAccuracy))
            }
            if gaps.count >= 2 {
                text += " The seed adds a point about generalisation: a batch as large as the training set follows "
                    + "its gradient exactly and can fit those pictures more than the task, while a small batch gives "
                    + "a noisy gradient whose noise both slows the descent and shakes it out of narrow dips. "
                    + "The gap between training and test accuracy measures it: "
                    + list(gaps.map { String(format: "%.1f points for %@", $0.points, $0.label) }) + "."
                let widest = gaps.max { $0.points < $1.points }!
                let caughtUp = largest.run.finalTestAccuracy >= middle.run.finalTestAccuracy - 0.02
                text += widest.label == largest.label && caughtUp
                    ? " The largest batch had the widest gap, as the seed says."
                    : " Here the widest gap was \(widest.label)'s, and the gaps follow no clear order: each network "
                        + "is still learning (the training accuracy is taken during the epoch, while the weights "
                        + "change, so it lags behind), and the seed's effect needs runs long enough to fit the "
                        + "training pictures."
            }
            return text
        case .activation:
            let firstLosses = runs.map { $0.run.epochs.first?.trainLoss ?? .infinity }
            let slowest = firstLosses.indices.max { firstLosses[$0] < firstLosses[$1] }!
            let fastest = firstLosses.indices.min { firstLosses[$0] < firstLosses[$1] }!
            var text = """
                Sigmoid squashes every value into (0, 1) and its slope is at most 0.25, so the \
                gradient shrinks on its way back through each sigmoid layer; ReLU passes it through \
                unchanged wherever a unit is active. So two sigmoids should start slowest, and each \
                ReLU should help. After the first epoch the training loss was
                """ + " " + list(runs.indices.map { "\(fixed(firstLosses[$0])) with \(runs[$0].label)" }) + "."
            if slowest == 0 && fastest == runs.count - 1 {
                text += " As expected: two sigmoids started slowest, two ReLUs fastest."
            } else {
                text += " The slowest start was \(runs[slowest].label) and the fastest \(runs[fastest].label): "
                    + "not quite the order the slopes predict, which only holds on average."
            }
            return text
        }
    }
}

// MARK: - Helpers

/// "a, b and c".
func list(_ items: [String]) -> String {
    items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
}


extension Lesson06 {
    /// A class's name, short enough for a picture's title: "3" or "Boot".
    func shortName(_ label: Int) -> String {
        let fashion = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Boot"]
        return options.dataset == .mnist ? String(label) : fashion[label]
    }

    /// A class's name for the confusion matrix's axes.
    func shortLabel(_ name: String) -> String {
        options.dataset == .mnist ? String(name.prefix(1)) : name
    }
}
