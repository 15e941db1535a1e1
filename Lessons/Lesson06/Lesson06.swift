import ClassifierTraining
import Datasets
import Foundation
import Notebook
import Plot
import Torchlet

/// Lesson 06: a multilayer perceptron on MNIST or Fashion-MNIST.
///
/// Read this file next to its output (`swift run Lesson06`): each `nb.code` shows the line that
/// runs right below it. The training itself lives in MLPTraining.swift, the studies in
/// Studies.swift, so that the tests can run them on a tiny dataset.
@main
struct Lesson06: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Lesson06",
        abstract: "A multilayer perceptron on MNIST: softmax, cross-entropy, a training loop and what the errors look like.",
        discussion: """
            Softmax and cross-entropy recalled, a 784-256-256-10 network with normal_ weights, \
            a training loop with a progress bar per epoch, loss and accuracy curves, a confusion \
            matrix and a grid of misclassified pictures. With --study, one of four \
            hyperparameter studies: the learning rate (0.1, 0.01, 0.001, 0.0001), the number of \
            epochs (5, 30, 50, 100), the batch size (10, 30, 100, 1000, with the time per epoch) \
            and sigmoid or ReLU in each hidden layer.

            The data: Fashion-MNIST by default, because Debian's dataset-fashion-mnist package \
            installs it in /usr/share/datasets/fashion-mnist, where it is found without a \
            network; otherwise it is downloaded once into ~/.cache/torchlet. --dataset mnist \
            uses the handwritten digits (downloaded the same way); --data-dir FOLDER reads the \
            four IDX files from a folder of your own.

            Time: about a minute for the default 15 epochs on the 60,000 training images \
            (2 cores); seconds with --quick (2,000 training and 500 test images, 3 epochs). A \
            study trains 4 networks (the epochs study one, for 100 epochs), so it takes 4 times \
            as long or more; cut it with --train-limit or --epochs.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "Passes over the training set (default 15; 3 with --quick).")
    var epochs: Int?

    @Option(help: ArgumentHelp("The learning rate (default 0.001 for adam, 0.01 for sgd).", valueName: "rate"))
    var lr: Float?

    @Option(help: "Images per batch.")
    var batchSize = 100

    @Option(help: "adam, or sgd (with momentum 0.9).")
    var optimizer: OptimizerChoice = .adam

    @Option(help: ArgumentHelp("mnist (handwritten digits) or fashion-mnist (clothes).", valueName: "name"))
    var dataset: DatasetChoice = .fashionMNIST

    @Option(help: ArgumentHelp("A folder holding the four IDX files (.gz or unpacked); default: the cache, "
        + "or Debian's folder for Fashion-MNIST.", valueName: "folder"))
    var dataDir: String?

    @Option(help: "Use only the first N training images (default all 60,000; 2,000 with --quick).")
    var trainLimit: Int?

    @Option(help: "Use only the first N test images (default all 10,000; 500 with --quick).")
    var testLimit: Int?

    @Option(help: ArgumentHelp("Also run a hyperparameter study: lr, epochs, batch-size or activation.",
                               valueName: "study"))
    var study: Study?

    func validate() throws {
        if let epochs, epochs < 1 || epochs > 1000 {
            throw ValidationError("--epochs must be between 1 and 1000, but got \(epochs)")
        }
        if let lr, !(lr.isFinite && lr > 0) {
            throw ValidationError("--lr must be a positive number such as 0.001, but got \(lr)")
        }
        if batchSize < 1 {
            throw ValidationError("--batch-size must be 1 or more, but got \(batchSize)")
        }
        if let trainLimit, trainLimit < 1 {
            throw ValidationError("--train-limit must be 1 or more (or left out for all images), but got \(trainLimit)")
        }
        if let testLimit, testLimit < 1 {
            throw ValidationError("--test-limit must be 1 or more (or left out for all images), but got \(testLimit)")
        }
        if let dataDir, dataDir.isEmpty {
            throw ValidationError("--data-dir: the folder name is empty; give a folder holding the four IDX files")
        }
    }

    /// The run's settings: the flags, on top of the defaults (smaller with `--quick`).
    var settings: MLPSettings {
        var settings = MLPSettings.standard
        settings.epochs = epochs ?? (common.quick ? 3 : settings.epochs)
        settings.optimizer = optimizer
        settings.learningRate = lr ?? (optimizer == .adam ? 1e-3 : 1e-2)
        settings.batchSize = batchSize
        return settings
    }

    func run() throws {
        let nb = Notebook(lesson: "Lesson06", title: "A multilayer perceptron on \(dataset.variant.displayName)",
                          options: common)
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
        let predictions = evaluate(model, on: data.test, batchSize: 1000).predictions
        let labels = data.test.labels.scalars.map { Int($0) }
        confusion(nb, labels: labels, predictions: predictions)
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
            The network treats a picture as 784 unrelated numbers: shift a digit by two pixels and \
            it is a new problem. Next, `swift run Lesson07` builds a convolutional network that \
            looks at small patches wherever they are, and gets further on the same data.
            """)
        nb.finish()
    }

    // MARK: - 1. The data

    func loadData(_ nb: Notebook) throws(DatasetError) -> (train: MNIST, test: MNIST) {
        let variant = dataset.variant
        nb.section("The data: \(variant.displayName)")
        nb.text(dataset == .fashionMNIST ? """
            Fashion-MNIST is MNIST's format with pictures of clothes instead of digits: 28x28 grey \
            pictures in ten classes, 60,000 to learn from and 10,000 to test on. It was made as a \
            harder drop-in replacement: a simple network gets about 98% on the digits but under 90% \
            here, so the differences between settings show. `--dataset mnist` runs the same lesson on \
            the handwritten digits.
            """ : """
            MNIST: handwritten digits 0 to 9 as 28x28 grey pictures, 60,000 to learn from and \
            10,000 to test on. The classic first dataset: a simple network gets about 98%.
            """)
        let trainLimit = self.trainLimit ?? (nb.quick ? 2000 : nil)
        let testLimit = self.testLimit ?? (nb.quick ? 500 : nil)
        let root = dataDir.map { "root: \"\($0)\", " } ?? ""
        let name = variant == .mnist ? "mnist" : "fashionMNIST"
        nb.code("""
            let train = try MNIST(\(root)train: true, variant: .\(name)\(trainLimit.map { ", limit: \($0)" } ?? ""))
            let test = try MNIST(\(root)train: false, variant: .\(name)\(testLimit.map { ", limit: \($0)" } ?? ""))
            """)
        var bar: ProgressBar?
        let progress: (DownloadEvent) -> Void = { event in
            switch event {
            case let .started(file, _, bytes): bar = nb.progress(total: bytes ?? 0, label: file)
            case let .received(_, bytes): bar?.advance(by: bytes)
            case .finished, .failed: bar?.finish()
            }
        }
        let train = try MNIST(root: dataDir, train: true, variant: variant, limit: trainLimit, progress: progress)
        let test = try MNIST(root: dataDir, train: false, variant: variant, limit: testLimit, progress: progress)
        nb.show("read from", train.folder)
        nb.show("train.images.shape", train.images.shape)
        nb.show("train.labels.shape", train.labels.shape)
        nb.show("test.images.shape", test.images.shape)
        let pixels = train.images.scalars
        nb.show("pixel values", "from \(pixels.min() ?? 0) to \(pixels.max() ?? 0), mean \(String(format: "%.4f", mean(pixels)))")
        nb.text("""
            Each picture is [1, 28, 28]: one channel (grey), 28 rows, 28 columns, scaled from \
            bytes 0...255 to 0...1 as torchvision's ToTensor() does. A label is the class index:
            """)
        nb.table(headers: ["label", "class", "training pictures"], rows: variant.classNames.enumerated().map { index, name in
            [String(index), name, String(train.labels.scalars.filter { Int($0) == index }.count)]
        })
        let shown = min(24, train.count)
        nb.plot(Figure("training-samples", title: "The first \(shown) training pictures and their labels")
            .imageGrid((0..<shown).map { Array(pixels[($0 * 784)..<(($0 + 1) * 784)]) }, columns: 8,
                       titles: (0..<shown).map { shortName(Int(train.labels.scalars[$0])) },
                       colorRange: 0...1))
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
        let logits = Tensor([[2.0, 1.0, 0.1]])
        nb.code("""
            let logits = Tensor([[2.0, 1.0, 0.1]])
            let p = logits.softmax(dim: 1)
            """)
        let p = logits.softmax(dim: 1)
        nb.show("p", p)
        nb.text("""
            Cross-entropy compares these probabilities with the truth t, which is all 0 except a \
            1 at the right class:

                H(t, p) = -Σᵢ tᵢ log pᵢ = -log p[right class]

            So the loss is minus the log of the probability given to the right answer: 0 when it \
            is 1, large when it is near 0. If class 0 is right, H = -log 0.6590 = 0.4170; if \
            class 2 is right, H = -log 0.0986 = 2.3170.
            """)
        nb.code("CrossEntropyLoss()(logits, Tensor([0]))      // softmax and -log in one step")
        let right = CrossEntropyLoss()(logits, Tensor([0]))
        let wrong = CrossEntropyLoss()(logits, Tensor([2]))
        nb.show("loss if class 0 is right", right)
        nb.show("loss if class 2 is right", wrong)
        nb.text("""
            CrossEntropyLoss takes the logits, not the probabilities: it applies softmax itself, \
            in a form that cannot overflow. That is why the network below ends in a Linear layer \
            with no softmax after it. A network that knows nothing gives all 10 classes the same \
            score, so p = 0.1 for each and the loss is -log 0.1 = log 10 = 2.3026: the number \
            every training run should start near.
            """)
        nb.log(["softmax_p0": p.scalars[0], "loss_class0": right.item(), "loss_class2": wrong.item()])
    }

    // MARK: - 3. The network

    func theNetwork(_ nb: Notebook, _ train: MNIST) -> Sequential {
        let settings = self.settings
        nb.section("A 784-256-256-10 network with normal_ weights")
        nb.text("""
            A multilayer perceptron: the 28x28 picture flattened into 784 numbers, two hidden \
            layers of 256 units, each followed by ReLU, and 10 outputs, one score per class. The \
            weights are drawn from a normal distribution with mean 0 and standard deviation \
            0.01, as the seed's notebook does with torch.nn.init.normal_.
            """)
        nb.code("""
            let model = Sequential(Flatten(), Linear(784, 256), ReLU(), Linear(256, 256), ReLU(), Linear(256, 10))
            for case let linear as Linear in model.layers { Init.normal_(linear.weight, std: 0.01) }
            """)
        let model = makeMLP(hidden: settings.hidden, activations: settings.activations, initStd: settings.initStd)
        nb.show(model)
        nb.show("parameters", "\(model.parameterCount) = (784·256 + 256) + (256·256 + 256) + (256·10 + 10)")
        let first = model.layers[1] as! Linear
        nb.show("std of the first layer's weights", String(format: "%.5f", std(first.weight.scalars)))
        let count = min(100, train.count)
        let (images, labels) = train.batch(at: Array(0..<count))
        let logits = noGrad { model(images) }
        let loss = CrossEntropyLoss()(logits, labels)
        nb.code("CrossEntropyLoss()(model(images), labels)     // the first \(count) training pictures")
        nb.show("logits[0]", logits[0])
        nb.show("loss before training", loss)
        nb.text("""
            With weights this small every score is close to 0, so the untrained network gives \
            each class about 0.1 and the loss sits at log 10 = 2.3026, as promised.
            """)
        if nb.trace {
            nb.text("""
                --trace: the backward pass of the loss on two pictures, from the loss down to the \
                weights. Each Linear layer is an addmm (x·Wᵀ + b); ReLU passes the gradient where \
                its input was positive and blocks it elsewhere.
                """)
            for (name, parameter) in model.namedParameters() { parameter.labeled(name) }
            let (two, twoLabels) = train.batch(at: [0, 1])
            nb.show(CrossEntropyLoss()(model(two), twoLabels).labeled("loss").backwardTrace())
            model.zeroGrad()
            nb.text("""
                Watch max |x| on the way down: each layer multiplies the gradient by its weights, \
                and with weights of about 0.01 the gradient shrinks tenfold or more per layer. \
                That is why the first steps of training are slow with this initialisation; Adam, \
                which scales each step by the gradient's own size, does not mind much.
                """)
        }
        return model
    }

    // MARK: - 4. Training

    func training(_ nb: Notebook, _ model: Sequential, _ data: (train: MNIST, test: MNIST)) -> TrainingRun<MLPSettings> {
        let settings = self.settings
        nb.section("Training")
        let batches = (data.train.count + settings.batchSize - 1) / settings.batchSize
        nb.text("""
            One epoch is one pass over the \(data.train.count) training pictures in shuffled \
            batches of \(settings.batchSize): \(batches) steps, each the same five lines. After \
            each epoch the network is measured on the \(data.test.count) test pictures it never \
            learns from.
            """)
        nb.code("""
            let loader = DataLoader(train, batchSize: \(settings.batchSize), shuffle: true)
            let optimizer = \(settings.optimizer.code(lr: settings.learningRate))
            for epoch in 1...\(settings.epochs) {
                for (images, labels) in loader {
                    let loss = CrossEntropyLoss()(model(images), labels)
                    optimizer.zeroGrad()
                    loss.backward()
                    optimizer.step()
                }
            }
            """)
        var bar: ProgressBar?
        let hooks = TrainingHooks(
            epochStarted: { epoch, batches in bar = nb.progress(total: batches, label: "epoch \(epoch)/\(settings.epochs)") },
            batchFinished: { loss in bar?.set(postfix: ["loss": loss]); bar?.advance() },
            epochFinished: { record in
                bar?.set(postfix: ["loss": record.trainLoss, "test acc": record.testAccuracy])
                bar?.finish()
                nb.log(["epoch": record.epoch, "train_loss": record.trainLoss, "train_accuracy": record.trainAccuracy,
                        "test_loss": record.testLoss, "test_accuracy": record.testAccuracy, "seconds": record.seconds])
            })
        let run = train(model, settings, trainSet: data.train, testSet: data.test, seed: nb.seed &+ 1, hooks: hooks)
        bar?.finish()
        if let divergence = run.divergence {
            nb.warning("""
                Training stopped: at epoch \(divergence.epoch), batch \(divergence.batch), the loss \
                became \(divergence.loss). A step was so large that some weights overshot to huge \
                values, the scores overflowed, and from then on every number computed from them is \
                nan or inf: nothing further could be learned or shown. The learning rate \
                \(settings.learningRate) is too large for \(settings.optimizer.rawValue); try one \
                ten times smaller (--lr \(settings.learningRate / 10)).
                """)
            return run
        }
        nb.table(headers: ["epoch", "train loss", "train acc", "test loss", "test acc", "seconds"],
                 rows: run.epochs.map { record in
                     [String(record.epoch), f4(record.trainLoss), percent(record.trainAccuracy),
                      f4(record.testLoss), percent(record.testAccuracy), nb.seconds(record.seconds, decimals: 2)]
                 })
        let last = run.epochs.last!
        nb.text("""
            Test accuracy after \(settings.epochs) epochs: \(percent(last.testAccuracy)), at \
            \(nb.seconds(run.secondsPerEpoch, decimals: 2)) s per epoch of training (the median).
            """ + (last.testAccuracy < 0.2 ? "" : overfittingRemark(run)))
        if last.testAccuracy < 0.2 {
            nb.warning("""
                The network has not learned: \(percent(last.testAccuracy)) is what guessing gives with 10 classes. \
                The loss started at \(f4(run.epochs[0].trainLoss)) and ended at \(f4(last.trainLoss)) (log 10 = \
                2.3026 is the loss of a network that knows nothing). A loss far above 2.3 means the steps were too \
                large and threw the weights about (try --lr \(settings.learningRate / 10)); one stuck at 2.3 can \
                also mean the units died. The rest of the lesson shows what such a network does.
                """)
        }
        nb.log(["final_test_accuracy": last.testAccuracy, "final_train_loss": last.trainLoss,
                "seconds_per_epoch": run.secondsPerEpoch])
        let epochs = run.epochs.map { Double($0.epoch) }
        nb.plot(Figure("training-curves", title: "\(settings.architecture), \(settings.optimizer.rawValue) lr \(settings.learningRate), batch \(settings.batchSize)")
            .panel("loss").xLabel("epoch").yLabel("cross-entropy").yRange(0...).gnuplot(epochTicks(settings.epochs)).xRange(1...Double(max(2, run.epochs.count)))
            .line(epochs, run.epochs.map(\.trainLoss), label: "train")
            .line(epochs, run.epochs.map(\.testLoss), label: "test", style: .dashed)
            .panel("accuracy").xLabel("epoch").yLabel("accuracy").gnuplot(epochTicks(settings.epochs)).xRange(1...Double(max(2, run.epochs.count)))
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
            remark += " The test loss was lowest after epoch \(best.epoch) (\(f4(best.testLoss))) and has crept up "
                + "since, to \(f4(last.testLoss)): the network has started to learn its training pictures by heart "
                + "(overfitting), which helps on them and not on new ones."
        } else {
            remark += " The test loss is still about its lowest (\(f4(best.testLoss)) after epoch \(best.epoch))."
        }
        if gap > 0.01 {
            remark += " Train accuracy is \(String(format: "%.1f", 100 * gap)) points above test accuracy: "
                + "the usual gap between pictures the network has seen and pictures it has not."
        }
        return remark
    }

    // MARK: - 5. Confusion matrix

    func confusion(_ nb: Notebook, labels: [Int], predictions: [Int]) {
        let names = dataset.variant.classNames
        nb.section("Which classes are confused: the confusion matrix")
        nb.text("""
            Accuracy is one number; the confusion matrix shows where the errors are. Row t, \
            column p counts the test pictures of class t that the network called p: right answers \
            on the diagonal, every mistake off it. Each row adds up to the number of test \
            pictures of that class.
            """)
        let counts = confusionMatrix(labels: labels, predictions: predictions)
        nb.code("""
            let predictions = model(test.images).argmax(dim: 1)      // the class with the highest score
            let counts = confusionMatrix(labels: test.labels, predictions: predictions)
            """)
        nb.plot(Figure("confusion-matrix", title: "Test set: true class (rows) against predicted class (columns)")
            .confusionMatrix(counts, classNames: names.map(shortLabel)))
        let worst = mostConfused(counts)
        let perClass = counts.indices.map { Float(counts[$0][$0]) / Float(max(1, counts[$0].reduce(0, +))) }
        let hardest = perClass.indices.min { perClass[$0] < perClass[$1] }!
        let easiest = perClass.indices.max { perClass[$0] < perClass[$1] }!
        nb.table(headers: ["", "class", "right"], rows: [
            ["easiest", names[easiest], percent(perClass[easiest])],
            ["hardest", names[hardest], percent(perClass[hardest])],
        ])
        nb.text("""
            The largest count off the diagonal: \(worst.count) pictures of \(names[worst.truth]) \
            taken for \(names[worst.predicted]).\(dataset == .fashionMNIST ? " Shirts, T-shirts, pullovers and coats have the same outline at 28x28; a bag or a trouser has no look-alike." : "")
            """)
        nb.log(["most_confused_true": worst.truth, "most_confused_predicted": worst.predicted,
                "most_confused_count": worst.count])
    }

    // MARK: - 6. Misclassified pictures

    func misclassified(_ nb: Notebook, _ test: MNIST, predictions: [Int]) {
        nb.section("What the mistakes look like")
        let wrong = predictions.indices.filter { Float(predictions[$0]) != test.labels.scalars[$0] }
        nb.text("""
            \(wrong.count) of the \(test.count) test pictures are misclassified. Here are the \
            first ones, each titled with its true class and, after the arrow, the network's answer.
            """ + (wrong.count * 5 < test.count ? " Many are hard for a person too." : ""))
        guard !wrong.isEmpty else { return }
        let shown = Array(wrong.prefix(20))
        let pixels = test.images.scalars
        nb.plot(Figure("misclassified", title: "Misclassified test pictures: true → predicted")
            .size(width: 900, height: 900)
            .imageGrid(shown.map { Array(pixels[($0 * 784)..<(($0 + 1) * 784)]) }, columns: 5,
                       titles: shown.map { "\(shortName(Int(test.labels.scalars[$0]))) → \(shortName(predictions[$0]))" },
                       colorRange: 0...1))
    }

    // MARK: - 7. Studies

    func studies(_ nb: Notebook, _ data: (train: MNIST, test: MNIST)) {
        nb.section("Hyperparameter studies")
        guard let study else {
            nb.text("""
                The seed's notebook trained this network again and again, changing one thing at a \
                time. Each study is behind a flag, because each trains 4 networks (the epochs study \
                one, for 100 epochs):

                    swift run Lesson06 --study lr           # 0.1, 0.01, 0.001, 0.0001
                    swift run Lesson06 --study epochs       # 5, 30, 50, 100 epochs
                    swift run Lesson06 --study batch-size   # 10, 30, 100, 1000, with the time per epoch
                    swift run Lesson06 --study activation   # sigmoid or ReLU in each hidden layer

                What it found: lr 0.1 left the network stuck at 10% accuracy (a loss of 2.30: \
                guessing); 0.01 and 0.001 learned fast; 0.0001 learned slowly but surely. More epochs \
                kept lowering the training loss while the test accuracy gained less and less. A \
                batch of 10 took 3 times as long per epoch as a batch of 100 (15:53 against 5:26 \
                for 50 epochs), and 1000 was no faster than 100. Add --quick to any of them for a \
                first look in seconds.
                """)
            return
        }
        let base = settings
        let epochCount = study == .epochs ? Study.epochCounts(quick: nb.quick).max()! : base.epochs
        nb.text((study == .epochs
            ? "Study: \(study.title). One run, read after " + Study.epochCounts(quick: nb.quick).map(String.init)
                .joined(separator: ", ") + " epochs."
            : "Study: \(study.title). Every run starts from the same seed (the same first weights and the same "
                + "batches), so only the studied setting differs.") + """
             Base: \(base.architecture), \
            \(base.optimizer.rawValue) lr \(base.learningRate), batch \(base.batchSize), \
            \(epochCount) epochs, \(data.train.count) training pictures.
            """)
        var bar: ProgressBar?
        let hooks: (String) -> TrainingHooks = { label in
            TrainingHooks(
                epochStarted: { epoch, batches in
                    bar?.finish()
                    bar = nb.progress(total: batches, label: "\(label): epoch \(epoch)")
                },
                batchFinished: { loss in bar?.set(postfix: ["loss": loss]); bar?.advance() },
                epochFinished: { record in
                    bar?.set(postfix: ["test acc": record.testAccuracy]); bar?.finish()
                    nb.log(["study": study.rawValue, "run": label, "epoch": record.epoch, "train_loss": record.trainLoss,
                            "test_accuracy": record.testAccuracy, "seconds": record.seconds])
                })
        }
        let runs = runStudy(study, base: base, quick: nb.quick, seed: nb.seed, trainSet: data.train,
                            testSet: data.test, hooks: hooks)
        bar?.finish()
        for run in runs where run.run.divergence != nil {
            let d = run.run.divergence!
            nb.warning("\(run.label) diverged: the loss became \(d.loss) at epoch \(d.epoch), batch \(d.batch); "
                + "its curve stops there and the other runs carried on.")
        }
        if study == .epochs {
            epochsTable(nb, runs[0].run)
        } else {
            nb.table(headers: ["run", "final train loss", "test acc", "s/epoch", "outcome"], rows: runs.map { run in
                [run.label, run.run.epochs.last.map { f4($0.trainLoss) } ?? "-",
                 run.run.epochs.last.map { percent($0.testAccuracy) } ?? "-",
                 run.run.epochs.isEmpty ? "-" : nb.seconds(run.run.secondsPerEpoch, decimals: 2), run.outcome]
            })
        }
        let ticks = epochTicks(epochCount)
        var figure = Figure("study-\(study.rawValue)", title: "Study: \(study.title)")
            .panel("training loss").xLabel("epoch").yLabel("cross-entropy").logScale(.y).gnuplot(ticks).legend(.below).xRange(1...Double(max(2, epochCount)))
        for run in runs where !run.run.epochs.isEmpty {
            figure = figure.line(run.run.epochs.map { Double($0.epoch) }, run.run.trainLosses, label: run.label)
        }
        figure = figure.panel("test accuracy").xLabel("epoch").yLabel("accuracy").gnuplot(ticks).legend(.below).xRange(1...Double(max(2, epochCount)))
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
            let marks = Study.epochCounts(quick: nb.quick).filter { $0 <= run.epochs.count }
            figure = figure.scatter(marks.map(Double.init), marks.map { Double(run.epochs[$0 - 1].testAccuracy) },
                                    label: "read at " + marks.map(String.init).joined(separator: ", "), size: 1.5)
        }
        nb.plot(figure)
        nb.text(studyConclusion(study, runs, trainCount: data.train.count)
            + (nb.quick ? " (With --quick, on \(data.train.count) pictures and a few epochs, the differences are only "
                + "beginning to show; run without it for the full picture.)" : ""))
    }

    func epochsTable(_ nb: Notebook, _ run: TrainingRun<MLPSettings>) {
        let marks = Study.epochCounts(quick: nb.quick).filter { $0 <= run.epochs.count }
        var previous: Float?
        nb.table(headers: ["epochs", "train loss", "train acc", "test acc", "gain"], rows: marks.map { epoch in
            let record = run.epochs[epoch - 1]
            defer { previous = record.testAccuracy }
            let gain = previous.map { String(format: "%+.2f points", 100 * (record.testAccuracy - $0)) } ?? ""
            return [String(epoch), f4(record.trainLoss), percent(record.trainAccuracy), percent(record.testAccuracy), gain]
        })
    }

    func studyConclusion(_ study: Study, _ runs: [StudyRun], trainCount: Int) -> String {
        switch study {
        case .lr:
            return """
                Too large a rate overshoots: the steps jump across the valley instead of down into \
                it, and the network ends up guessing (or the loss overflows). Too small a rate is \
                safe but slow: after the same number of epochs it is still far from the others. \
                The loss is on a log scale so both ends show.
                """
        case .epochs:
            return """
                One run of \(runs[0].run.epochs.count) epochs gives all four answers: with a fixed \
                learning rate, training for 30 epochs is exactly the first 30 epochs of training \
                for 100. The training loss keeps falling; the test accuracy gains less with each \
                extra epoch, and may even drop: beyond some point the network learns its \
                training pictures, not the classes. The time grows with every epoch.
                """
        case .batchSize:
            return """
                A small batch means many steps per epoch (\(trainCount) / 10 = \((trainCount + 9) / 10)) and each step pays \
                for a forward pass, a backward pass and an update, however few pictures it holds: \
                the time per epoch is dominated by the number of steps until batches are large \
                enough to keep the matrix products busy. A large batch is fast per epoch but takes \
                fewer steps, so after the same number of epochs it has learned less.
                """
        case .activation:
            return """
                Sigmoid squashes every value into (0, 1) and its slope is at most 0.25, so the \
                gradient shrinks on its way back through each sigmoid layer; ReLU passes it through \
                unchanged wherever a unit is active. With two sigmoids the network starts slowest; \
                each ReLU helps.
                """
        }
    }
}

// MARK: - Helpers

/// `--dataset`: which of the two datasets.
enum DatasetChoice: String, CaseIterable, ExpressibleByArgument {
    case mnist
    case fashionMNIST = "fashion-mnist"

    var variant: MNIST.Variant { self == .mnist ? .mnist : .fashionMNIST }
}

extension Study: ExpressibleByArgument {}
extension OptimizerChoice: ExpressibleByArgument {}

/// Whole-epoch tick marks on an axis of `epochs` epochs: every one, every other one, or every ten.
func epochTicks(_ epochs: Int) -> String {
    epochs <= 10 ? "set xtics 1" : epochs <= 20 ? "set xtics 2" : "set xtics 10"
}

func f4(_ value: Float) -> String { String(format: "%.4f", value) }

func percent(_ value: Float) -> String { String(format: "%.2f%%", 100 * value) }

func mean(_ values: [Float]) -> Float { values.reduce(0, +) / Float(max(1, values.count)) }

func std(_ values: [Float]) -> Float {
    let m = mean(values)
    return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Float(max(1, values.count))).squareRoot()
}

extension Lesson06 {
    /// A class's name, short enough for a picture's title: "3" or "Boot".
    func shortName(_ label: Int) -> String {
        let fashion = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Boot"]
        return dataset == .mnist ? String(label) : fashion[label]
    }

    /// A class's name for the confusion matrix's axes.
    func shortLabel(_ name: String) -> String {
        dataset == .mnist ? String(name.prefix(1)) : name
    }
}
