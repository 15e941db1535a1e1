import ClassifierTraining
import Datasets
import Foundation
import Notebook
import Plot
import Torchlet

/// Lesson 07: a convolutional network on MNIST or Fashion-MNIST.
///
/// Read this file next to its output (`swift run Lesson07`): each `nb.code` shows the line that
/// runs right below it. The network lives in CNNModel.swift, its training in CNNTraining.swift,
/// the hand-made filters of the first sections in ConvolutionTerms.swift and the studies in
/// Studies.swift, so that the tests can run them on a tiny dataset.
@main
struct Lesson07: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Lesson07",
        abstract: "A convolutional network on MNIST: filters, feature maps, stride, padding, pooling and flatten, then the seed's CNN trained.",
        discussion: """
            The words of CNNs, each shown on a real picture: a hand-made edge filter and its \
            feature map, channels, activation maps, padding and stride (the output-size \
            formula), max pooling, flatten and fully connected layers. Then the seed's network \
            (three Conv2d-ReLU-MaxPool2d blocks, Flatten, Linear(2048, 625) with Xavier weights, \
            ReLU, Dropout(0.5), Linear(625, 10)) with the shape after every layer, trained with \
            Adam; the filters it learned, the feature maps of one picture, a confusion matrix and \
            the misclassified pictures. With --study, the seed's experiments: stride 1 or 5, \
            filter size 3 or 10, in the first convolution (shapes and accuracy).

            The data: Fashion-MNIST by default, because Debian's dataset-fashion-mnist package \
            installs it in /usr/share/datasets/fashion-mnist, where it is found without a \
            network; otherwise it is downloaded once into ~/.cache/torchlet. --dataset mnist \
            uses the handwritten digits (downloaded the same way); --data-dir FOLDER reads the \
            four IDX files from a folder of your own.

            Time: about 5 minutes for the default 4 epochs on the 60,000 training images (70 to \
            90 s per epoch on 2 cores; peak memory about 400 MB); seconds with --quick (2,000 \
            training and 500 test images, 2 epochs). A study trains one more network with the \
            same settings: up to twice as long.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "Passes over the training set (default 4; 2 with --quick).")
    var epochs: Int?

    @Option(help: ArgumentHelp("Adam's learning rate.", valueName: "rate"))
    var lr: Float = 1e-3

    @Option(help: "Images per batch.")
    var batchSize = 100

    @Option(help: ArgumentHelp("mnist (handwritten digits) or fashion-mnist (clothes).", valueName: "name"))
    var dataset: MNIST.Variant = .fashionMNIST

    @Option(help: ArgumentHelp("A folder holding the four IDX files (.gz or unpacked); default: the cache, "
        + "or Debian's folder for Fashion-MNIST.", valueName: "folder"))
    var dataDir: String?

    @Option(help: "Use only the first N training images (default all 60,000; 2,000 with --quick).")
    var trainLimit: Int?

    @Option(help: "Use only the first N test images (default all 10,000; 500 with --quick).")
    var testLimit: Int?

    @Option(help: ArgumentHelp("Also run one of the seed's studies: stride (1 or 5) or filter-size (3 or 10), "
        + "in the first convolution.", valueName: "study"))
    var study: CNNStudy?

    func validate() throws {
        if let epochs, !(1...1000).contains(epochs) {
            throw ValidationError("--epochs must be between 1 and 1000, but got \(epochs)")
        }
        if !(lr.isFinite && lr > 0) {
            throw ValidationError("--lr must be a positive number such as 0.001, but got \(lr)")
        }
        if !(1...10_000).contains(batchSize) {
            throw ValidationError("--batch-size must be between 1 and 10000, but got \(batchSize)")
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

    /// The run's settings: the flags, on top of the defaults (fewer epochs with `--quick`).
    var settings: CNNSettings {
        var settings = CNNSettings.standard
        settings.epochs = epochs ?? (common.quick ? 2 : settings.epochs)
        settings.learningRate = lr
        settings.batchSize = batchSize
        return settings
    }

    func run() throws {
        let nb = Notebook(lesson: "Lesson07", title: "A convolutional network on \(dataset.displayName)",
                          options: common)
        let data: (train: MNIST, test: MNIST)
        do {
            data = try loadData(nb)
        } catch {
            FileHandle.standardError.write(Data(("error: " + error.description + "\n").utf8))
            throw ExitCode.failure
        }
        let picture = data.train.images[0...0]
        let maps = filtersAndFeatureMaps(nb, picture, label: Int(data.train.labels.scalars[0]))
        paddingAndStride(nb, picture)
        poolingAndFlatten(nb, activationMaps: maps)
        let model = theNetwork(nb, picture)
        let run = training(nb, model, data)
        guard run.divergence == nil else {
            nb.finish()
            throw ExitCode.failure
        }
        whatItLearned(nb, model, picture, label: Int(data.train.labels.scalars[0]))
        let predicted = evaluate(model, on: data.test).predictions
        let labels = data.test.labels.scalars.map { Int($0) }
        confusion(nb, labels: labels, predictions: predicted)
        misclassified(nb, data.test, predictions: predicted)
        studies(nb, data, baseline: run)
        nb.section("Exercises")
        nb.text("""
            Three pieces of this lesson are yours to write in Exercises/Lesson07.swift:

            - 7.1 `convOutputSize(inputSize:kernelSize:stride:padding:)`: the output-size formula \
            of section 3, ⌊(n + 2p − k) / s⌋ + 1, checked against what Conv2d and MaxPool2d really \
            give.
            - 7.2 `directConv2d(input:weight:bias:stride:padding:)`: a convolution written as plain \
            loops over pictures, filters, positions and the window, the sum of products of \
            section 2, checked against the engine's conv2d.
            - 7.3 `maxPool2d(_:kernelSize:stride:)`: max pooling with loops, checked against MaxPool2d.

            Check them with `swift run check 7` (or `swift run check 7.2` for one).
            """)
        nb.section("What's next")
        nb.text("""
            A convolution is a small Linear layer applied at every position of the picture with \
            the same weights. That sharing is why the second block needs only 18,496 weights to \
            turn 32 maps of 14x14 into 64: a fully connected layer between the same numbers \
            (6,272 in, 12,544 out) would need 78.7 million, and would have to learn an edge \
            separately at every place it can appear. Pooling makes the network care less about \
            exactly where a pattern is.

            Try: `swift run Lesson07 --dataset mnist --data-dir FOLDER` on the handwritten \
            digits, `--study stride` or `--study filter-size` (add --quick for a first look), \
            `--lr 0.01` and `--lr 1` (too large: watch what happens) or `--seed 7`.

            Next: `swift run Lesson08` compares the optimizers (SGD, momentum, Adagrad, RMSprop \
            and Adam) that could take Adam's place in this loop.
            """)
        nb.finish()
    }

    // MARK: - 1. The data

    func loadData(_ nb: Notebook) throws(DatasetError) -> (train: MNIST, test: MNIST) {
        nb.section("The data: \(dataset.displayName)")
        nb.text(dataset == .fashionMNIST ? """
            Fashion-MNIST: 28x28 grey pictures of clothes and shoes in ten classes, 60,000 to \
            learn from and 10,000 to test on, in the same format as the MNIST digits. It is the \
            default because Debian installs it for you, and because it is harder: the MLP of \
            Lesson06 stops near 89%, and a convolutional network does better. `--dataset mnist` \
            runs the same lesson on handwritten digits.
            """ : """
            MNIST: handwritten digits 0 to 9 as 28x28 grey pictures. The MLP of Lesson06 gets about \
            98%; a convolutional network makes fewer mistakes still.
            """)
        let trainLimit = self.trainLimit ?? (nb.quick ? 2000 : nil)
        let testLimit = self.testLimit ?? (nb.quick ? 500 : nil)
        let variantName = dataset == .mnist ? "mnist" : "fashionMNIST"
        nb.code("""
            let train = try MNIST(train: true, variant: .\(variantName)\(trainLimit.map { ", limit: \($0)" } ?? ""))
            let test = try MNIST(train: false, variant: .\(variantName)\(testLimit.map { ", limit: \($0)" } ?? ""))
            """)
        var bar: ProgressBar?
        let progress: (DownloadEvent) -> Void = { event in
            switch event {
            case let .started(file, _, bytes): bar = nb.progress(total: bytes ?? 0, label: file)
            case let .received(_, bytes): bar?.advance(by: bytes)
            case .finished, .failed: bar?.finish()
            }
        }
        let train = try MNIST(root: dataDir, train: true, variant: dataset, limit: trainLimit, progress: progress)
        let test = try MNIST(root: dataDir, train: false, variant: dataset, limit: testLimit, progress: progress)
        nb.show("read from", train.folder)
        nb.show("train.images.shape", train.images.shape)
        nb.show("test.images.shape", test.images.shape)
        nb.text("""
            A batch of pictures is [N, C, H, W]: N pictures, C channels (1 for grey; a colour \
            photo has 3, red, green and blue), H rows and W columns, with pixels from 0 (black \
            background) to 1. Convolutions keep this layout all the way through; only the \
            number of channels and the sides change. The lesson follows the first training \
            picture, a\(className(Int(train.labels.scalars[0])).first.map { "aeiouAEIOU".contains($0) } == true ? "n" : "") \
            \(className(Int(train.labels.scalars[0]))):
            """)
        nb.code("let picture = train.images[0...0]      // [1, 1, 28, 28]: a batch of one")
        return (train, test)
    }

    // MARK: - 2. Filters, channels, feature maps, activation maps

    func filtersAndFeatureMaps(_ nb: Notebook, _ picture: Tensor, label: Int) -> Tensor {
        nb.section("Filters, channels, feature maps and activation maps")
        nb.text("""
            A filter (or kernel) is a small grid of weights, here 3x3. A convolutional layer \
            slides it over the picture; at every position it multiplies the 9 pixels under it \
            by the 9 weights and adds them up. The grid of these sums, one per position, is the \
            filter's feature map: large where the picture looks like the filter. \
            (Strictly this is a cross-correlation: the filter is not flipped, as it would be in \
            a mathematician's convolution. PyTorch and every framework do the same.)

            Two filters made by hand, Sobel's edge detectors. The first is -1, -2, -1 on its left \
            column and +1, +2, +1 on its right: it answers where the picture gets brighter from \
            left to right, a vertical edge. The second is the same turned on its side: \
            horizontal edges. Their weights add up to 0, so a flat patch gives 0.
            """)
        let filters = edgeFilters()
        nb.code("let filters = Tensor(shape: [2, 1, 3, 3], scalars: [-1, 0, 1, -2, 0, 2, -1, 0, 1,   -1, -2, -1, 0, 0, 0, 1, 2, 1])")
        nb.show("filters", filters)
        nb.text("""
            The shape [2, 1, 3, 3] reads: 2 filters, each looking at 1 input channel through a \
            3x3 window. n filters make n output channels, one feature map each. In the \
            network below, Conv2d(1, 32, 3) has 32 such filters, all learned.
            """)
        nb.code("let featureMaps = picture.conv2d(weight: filters, padding: (1, 1))")
        let featureMaps = noGrad { picture.conv2d(weight: filters, padding: (1, 1)) }
        nb.show("featureMaps.shape", featureMaps.shape)
        let spot = strongestResponse(featureMaps, channel: 0)
        let window = patch(of: picture, row: spot.row, column: spot.column)
        let byHand = zip(window.scalars, filters.scalars.prefix(9)).map { $0 * $1 }.reduce(0, +)
        let fromConv = featureMaps.scalars[spot.row * 28 + spot.column]
        nb.text("""
            Take the position where the vertical-edge map is largest, row \(spot.row), column \
            \(spot.column). The filter covers the 3x3 patch around that pixel:
            """)
        nb.show("patch", window)
        let rows = (0..<3).map { i in
            [0, 2].map { j in
                let weight = Int(filters.scalars[3 * i + j])
                return String(format: "%.4f", window.scalars[3 * i + j]) + "·" + (weight < 0 ? "(\(weight))" : "\(weight)")
            }.joined(separator: " + ")
        }
        nb.text("""
            Multiply each pixel by the weight at the same place and add up (the middle column \
            has weight 0):

                row 0:   \(rows[0])
                row 1: + \(rows[1])
                row 2: + \(rows[2])
                       = \(String(format: "%.4f", byHand))

            which is exactly what conv2d put there:
            """)
        nb.show("featureMaps[0, 0, \(spot.row), \(spot.column)]", String(format: "%.4f", fromConv))
        nb.text("""
            An activation map is a feature map after the activation function. With ReLU, the \
            negative answers (brightness falling instead of rising) become 0 and only the edges \
            the filter looks for are left.
            """)
        nb.code("let activationMaps = featureMaps.relu()")
        let activationMaps = featureMaps.relu()
        let size = 28 * 28
        let largest = Double(featureMaps.scalars.map { Swift.abs($0) }.max() ?? 1)
        nb.plot(Figure("feature-maps", title: "The \(className(label)), its 2 feature maps and their activation maps (ReLU)")
            .imageGrid([picture.scalars] + (0..<2).map { Array(featureMaps.scalars[($0 * size)..<(($0 + 1) * size)]) }
                       + (0..<2).map { Array(activationMaps.scalars[($0 * size)..<(($0 + 1) * size)]) },
                       columns: 5,
                       titles: ["picture", "vertical edges", "horizontal edges", "ReLU(vertical)", "ReLU(horizontal)"],
                       palette: .diverging, colorRange: -largest...largest)
            .size(width: 1150, height: 330))
        nb.text("""
            Red is positive, blue negative, white 0 (the picture itself is pale: its pixels go up \
            to 1, the maps to \(String(format: "%.1f", largest))). The vertical-edge map is red \
            on the left side of the shape (dark to bright) and blue on its right side (bright to \
            dark); the horizontal one the same from top to bottom. After ReLU only one side of \
            each is left.
            """)
        nb.log(["edge_row": spot.row, "edge_column": spot.column, "edge_response": fromConv])
        return activationMaps
    }

    // MARK: - 3. Padding and stride

    func paddingAndStride(_ nb: Notebook, _ picture: Tensor) {
        nb.section("Padding and stride: the output-size formula")
        nb.text("""
            Without help, a 3x3 filter fits in only 26 positions across a 28-pixel row: the \
            picture shrinks by 2 pixels per layer. Padding adds p rings of zeros around the \
            picture first, so that the filter can also sit on the border (padding 1 keeps a \
            3x3 filter's output at 28x28, as above). Stride is how far the filter moves between \
            positions: stride 2 visits every second position and halves the sides. Together, for \
            a picture n pixels wide and a filter k wide:

                output side = ⌊(n + 2p − k) / s⌋ + 1

            n + 2p is the padded width, n + 2p − k how far the filter can move, divided by the \
            stride that is the number of steps, and + 1 counts the first position. The floor \
            means that a last step which would not fit is not taken.
            """)
        nb.code("picture.conv2d(weight: Tensor.full([1, 1, k, k], 1 / Float(k * k)), stride: (s, s), padding: (p, p)).shape")
        nb.table(headers: ["kernel k", "stride s", "padding p", "formula", "conv2d gives"], rows: sizeExamples.map { e in
            let side = outputSide(28, kernel: e.kernel, stride: e.stride, padding: e.padding)!
            return [String(e.kernel), String(e.stride), String(e.padding),
                    "⌊(28 + \(2 * e.padding) − \(e.kernel)) / \(e.stride)⌋ + 1 = \(side)",
                    convolvedShape(picture, kernel: e.kernel, stride: e.stride, padding: e.padding).description]
        })
        nb.text("""
            Stride 5 keeps 6 of the 28 positions across: the filter jumps over most of the \
            picture. A 10x10 filter covers a third of the picture at once and leaves 21x21 \
            positions. These two are the seed's studies (--study stride, --study filter-size), \
            in section 10.
            """)
    }

    // MARK: - 4. Pooling and flatten

    func poolingAndFlatten(_ nb: Notebook, activationMaps: Tensor) {
        nb.section("Max pooling, flatten and the fully connected layer")
        nb.text("""
            A pooling layer shrinks an activation map by summarising each window in one number. \
            Max pooling keeps the largest: MaxPool2d(kernelSize: 2, stride: 2) cuts the map into \
            2x2 squares and keeps the maximum of each, halving both sides. (There are average \
            and min pooling too.) The result says "this pattern is somewhere around here" and \
            cares less about exactly where. On a 4x4 example:
            """)
        let x = poolingExample()
        x.requiresGrad = true
        nb.code("""
            let x = Tensor(shape: [1, 1, 4, 4], scalars: [1, 3, 2, 1,  4, 6, 5, 0,  3, 1, 1, 2,  0, 2, 7, 4])
            let pooled = MaxPool2d(kernelSize: 2, stride: 2)(x)
            """)
        let pooled = MaxPool2d(kernelSize: 2, stride: 2)(x.labeled("x")).labeled("pooled")
        nb.show("x", x.detach())
        nb.show("pooled", pooled)
        nb.text("""
            The top-left square holds 1, 3, 4, 6: its maximum is 6. Then max(2, 1, 5, 0) = 5, \
            max(3, 1, 0, 2) = 3 and max(1, 2, 7, 4) = 7. Pooling has no weights to learn. Its \
            gradient goes back only to the winners: each maximum gets the gradient of its output, \
            the other three pixels of its square get 0, because moving them a little changes \
            nothing.
            """)
        nb.code("pooled.sum().backward()")
        let total = pooled.sum().labeled("total")
        if nb.trace {
            nb.show(total.backwardTrace())
        } else {
            total.backward()
        }
        nb.show("x.grad", x.grad)
        nb.text("On the picture's two activation maps, pooling halves 28x28 to 14x14:")
        nb.code("let pooledMaps = MaxPool2d(kernelSize: 2, stride: 2)(activationMaps)")
        let pooledMaps = noGrad { MaxPool2d(kernelSize: 2, stride: 2)(activationMaps) }
        nb.show("activationMaps.shape", activationMaps.shape)
        nb.show("pooledMaps.shape", pooledMaps.shape)
        nb.text("""
            A fully connected (Linear) layer wants one row of numbers per picture, not a stack \
            of maps. Flatten lays the 2 maps of 14x14 end to end in one row of 2·14·14 = 392 \
            numbers. Like pooling, it has no weights; it only changes the shape (it is \
            PyTorch's out.view(out.size(0), -1) in the seed).
            """)
        nb.code("let row = Flatten()(pooledMaps)")
        let row = Flatten()(pooledMaps)
        nb.show("row.shape", row.shape)
        nb.text("""
            A fully connected layer then connects every one of those numbers to every output: \
            Linear(392, 10) would have 392·10 weights + 10 biases = 3,930 parameters, one \
            weight per (input, output) pair. That is where most of a CNN's weights are: the \
            convolutions find the features, the fully connected layers combine them into a \
            class.
            """)
        nb.show("Linear(392, 10).parameterCount", Linear(392, 10).parameterCount)
    }

    // MARK: - 5. The network

    func theNetwork(_ nb: Notebook, _ picture: Tensor) -> Sequential {
        nb.section("The seed's CNN, layer by layer")
        nb.text("""
            The seed's network stacks three blocks of convolution, ReLU and max pooling, each \
            with more filters (32, 64, 128) on a smaller picture (28, 14, 7), then two fully \
            connected layers. The first Linear layer gets Xavier-uniform weights, as the seed \
            does with torch.nn.init.xavier_uniform_ (and so does the last one); Dropout(0.5) \
            zeroes half of the 625 units at random in each training step, so that no unit can \
            count on another being there (it is off in eval()).
            """)
        nb.code("""
            let fc1 = Linear(4 * 4 * 128, 625);  Init.xavierUniform_(fc1.weight)
            let fc2 = Linear(625, 10);           Init.xavierUniform_(fc2.weight)
            let model = Sequential(
                Conv2d(1, 32, kernelSize: 3, stride: 1, padding: 1), ReLU(), MaxPool2d(kernelSize: 2, stride: 2),
                Conv2d(32, 64, kernelSize: 3, stride: 1, padding: 1), ReLU(), MaxPool2d(kernelSize: 2, stride: 2),
                Conv2d(64, 128, kernelSize: 3, stride: 1, padding: 1), ReLU(), MaxPool2d(kernelSize: 2, stride: 2, padding: 1),
                Flatten(),
                fc1, ReLU(), Dropout(p: 0.5),
                fc2)
            """)
        let model = makeCNN(settings)
        nb.show(model)
        nb.text("The shape after every layer, for the picture (a batch of one):")
        shapeTable(nb, layerShapes(model, input: picture))
        nb.text("""
            Two things to notice. The last pooling has padding 1: 7 is odd, and ⌊(7 + 2 − 2) / 2⌋ \
            + 1 = 4 keeps the last row and column, where ⌊(7 − 2) / 2⌋ + 1 = 3 would drop them; that \
            is where the seed's 4 * 4 * 128 = 2048 comes from. And almost all of the \
            \(model.parameterCount.formatted()) parameters sit in the first Linear layer \
            (2048·625 + 625 = 1,280,625): the three convolutions together have 92,672.
            """)
        return model
    }

    func shapeTable(_ nb: Notebook, _ rows: [LayerShape]) {
        nb.table(headers: ["#", "layer", "output shape", "parameters"], rows: rows.enumerated().map { index, row in
            [String(index), row.layer, row.outputShape.description, row.parameters == 0 ? "" : row.parameters.formatted()]
        })
    }

    // MARK: - 6. Training

    func training(_ nb: Notebook, _ model: Sequential, _ data: (train: MNIST, test: MNIST)) -> CNNRun {
        let settings = self.settings
        nb.section("Training")
        let batches = (data.train.count + settings.batchSize - 1) / settings.batchSize
        nb.text("""
            The loop is Lesson06's: one epoch is one pass over the \(data.train.count) training \
            pictures in shuffled batches of \(settings.batchSize), \(batches) steps; after each \
            epoch the network is measured on the \(data.test.count) test pictures (in eval() mode, \
            so dropout is off, and under noGrad, 100 pictures at a time, so no graph is kept and\
            memory stays small).
            """)
        nb.code("""
            let loader = DataLoader(train, batchSize: \(settings.batchSize), shuffle: true)
            let optimizer = Adam(model.parameters(), lr: \(settings.learningRate))
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
        let run = trainCNN(model, settings, trainSet: data.train, testSet: data.test, seed: nb.seed &+ 1, hooks: hooks)
        bar?.finish()
        if let divergence = run.divergence {
            nb.warning("""
                Training stopped: at epoch \(divergence.epoch), batch \(divergence.batch), the loss \
                became \(divergence.loss), where a network that only guesses scores 2.30. The steps \
                were so large that weights overshot to huge values and the scores exploded\
                \(divergence.loss.isFinite ? "" : " until they overflowed, so that every number computed from them is nan or inf"); \
                nothing sensible can be learned or shown from here. The learning rate \
                \(settings.learningRate) is too large; try one ten times smaller \
                (--lr \(settings.learningRate / 10)).
                """)
            return run
        }
        nb.table(headers: ["epoch", "train loss", "train acc", "test loss", "test acc", "seconds"],
                 rows: run.epochs.map { record in
                     [String(record.epoch), f4(record.trainLoss), percent(record.trainAccuracy),
                      f4(record.testLoss), percent(record.testAccuracy), nb.seconds(record.seconds, decimals: 1)]
                 })
        let last = run.epochs.last!
        if last.testAccuracy < 0.2 {
            nb.warning("""
                The network has learned nothing: \(percent(last.testAccuracy)) is what guessing gets \
                with 10 classes. Usually the learning rate (\(settings.learningRate)) is too large: \
                the first steps threw the weights so far that every ReLU is dead (always 0) and \
                no gradient flows any more. Try --lr 0.001.
                """)
        }
        nb.text("""
            Test accuracy after \(settings.epochs) epoch\(settings.epochs == 1 ? "" : "s"): \
            \(percent(last.testAccuracy)), at \(nb.seconds(run.secondsPerEpoch, decimals: 1)) s per \
            epoch of training (\(nb.seconds(run.secondsPerEpoch / Double(max(1, batches)), decimals: 3)) s \
            per step). The train accuracy is measured with dropout on, while the network is still \
            learning, which is why it can be below the test accuracy in the first epochs.
            """)
        nb.log(["final_test_accuracy": last.testAccuracy, "final_train_loss": last.trainLoss,
                "seconds_per_epoch": run.secondsPerEpoch])
        if run.epochs.count > 1 {
            let epochs = run.epochs.map { Double($0.epoch) }
            nb.plot(Figure("training-curves", title: "The CNN on \(dataset.displayName): Adam lr \(settings.learningRate), batch \(settings.batchSize)")
                .panel("loss").xLabel("epoch").yLabel("cross-entropy").yRange(0...)
                .line(epochs, run.epochs.map(\.trainLoss), label: "train")
                .line(epochs, run.epochs.map(\.testLoss), label: "test", style: .dashed)
                .panel("accuracy").xLabel("epoch").yLabel("accuracy")
                .line(epochs, run.epochs.map(\.trainAccuracy), label: "train")
                .line(epochs, run.epochs.map(\.testAccuracy), label: "test", style: .dashed))
        }
        return run
    }

    // MARK: - 7. What the first layer learned

    func whatItLearned(_ nb: Notebook, _ model: Sequential, _ picture: Tensor, label: Int) {
        nb.section("What the first layer learned")
        let conv1 = model.layers[0] as! Conv2d
        nb.text("""
            The first convolution's 32 filters started as random numbers; training made them \
            into detectors for whatever helps tell the classes apart. Each is 3x3, drawn \
            enlarged, red for positive weights and blue for negative. Some are edge detectors \
            like Sobel's, at other angles (a red side against a blue side); some answer to bright \
            or dark spots; others look like noise: 9 weights are few, and the deeper layers, \
            which combine these maps, do much of the work.
            """)
        nb.code("conv1.weight.shape")
        nb.show("conv1.weight.shape", conv1.weight.shape)
        let weights = conv1.weight.scalars
        let k = conv1.kernelSize.0
        let largest = Double(weights.map { Swift.abs($0) }.max() ?? 1)
        nb.plot(Figure("learned-filters", title: "The 32 filters of the first Conv2d after training")
            .imageGrid((0..<conv1.outChannels).map { Array(weights[($0 * k * k)..<(($0 + 1) * k * k)]) },
                       width: k, height: k, columns: 8, titles: (0..<conv1.outChannels).map { "\($0)" },
                       palette: .diverging, colorRange: -largest...largest))
        nb.text("""
            And the \(className(label)) through the first block's convolution and ReLU: 32 \
            activation maps of 28x28, one per filter. Each lights up where its filter finds its \
            pattern: outlines from one side, the inside, the background.
            """)
        nb.code("let maps = Sequential(model[0], model[1])(picture)     // [1, 32, 28, 28]")
        let maps = activations(of: model, upTo: 2, input: picture)
        let side = maps.size(2) * maps.size(3)
        nb.plot(Figure("learned-feature-maps", title: "The \(className(label)) through conv1 and ReLU: 32 activation maps")
            .imageGrid((0..<maps.size(1)).map { Array(maps.scalars[($0 * side)..<(($0 + 1) * side)]) },
                       columns: 8, titles: (0..<maps.size(1)).map { "\($0)" }))
    }

    // MARK: - 8. Confusion matrix

    func confusion(_ nb: Notebook, labels: [Int], predictions: [Int]) {
        let names = dataset.classNames
        nb.section("Which classes are confused: the confusion matrix")
        nb.text("""
            Row t, column p counts the test pictures of class t that the network called p: right \
            answers on the diagonal, every mistake off it.
            """)
        let counts = confusionMatrix(labels: labels, predictions: predictions)
        nb.code("let counts = confusionMatrix(labels: test.labels, predictions: model(test.images).argmax(dim: 1))")
        nb.plot(Figure("confusion-matrix", title: "Test set: true class (rows) against predicted class (columns)")
            .confusionMatrix(counts, classNames: names.map { dataset == .mnist ? String($0.prefix(1)) : $0 }))
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
            taken for \(names[worst.predicted]).\(dataset == .fashionMNIST ? " Shirts, T-shirts, pullovers and coats share an outline at 28x28; trousers, bags and shoes have no look-alike." : "")
            """)
        nb.log(["most_confused_true": worst.truth, "most_confused_predicted": worst.predicted,
                "most_confused_count": worst.count])
    }

    // MARK: - 9. Misclassified pictures

    func misclassified(_ nb: Notebook, _ test: MNIST, predictions: [Int]) {
        nb.section("What the mistakes look like")
        let wrong = predictions.indices.filter { Float(predictions[$0]) != test.labels.scalars[$0] }
        nb.text("""
            \(wrong.count) of the \(test.count) test pictures are misclassified. The first ones, each \
            titled with its true class and, after the arrow, the network's answer:
            """)
        guard !wrong.isEmpty else { return }
        let shown = Array(wrong.prefix(24))
        let pixels = test.images.scalars
        nb.plot(Figure("misclassified", title: "Misclassified test pictures: true → predicted")
            .imageGrid(shown.map { Array(pixels[($0 * 784)..<(($0 + 1) * 784)]) }, columns: 6,
                       titles: shown.map { "\(shortName(Int(test.labels.scalars[$0]))) → \(shortName(predictions[$0]))" },
                       colorRange: 0...1)
            .size(width: 1000, height: 820))
    }

    // MARK: - 10. Studies

    func studies(_ nb: Notebook, _ data: (train: MNIST, test: MNIST), baseline: CNNRun) {
        nb.section("The seed's studies: stride and filter size")
        guard let study else {
            nb.text("""
                The seed trained this network again with one thing changed in the first \
                convolution. Each study is behind a flag, because it trains one more network:

                    swift run Lesson07 --study stride        # stride 1 (as above) or 5
                    swift run Lesson07 --study filter-size   # 3x3 filters (as above) or 10x10

                Add --quick for a first look in seconds. Why only the first convolution? With \
                stride 5 everywhere, the second convolution would get a 3x3 map and give 1x1, and \
                the second pooling would have nothing left to pool (⌊(1 − 2) / 2⌋ + 1 = 0). A \
                10x10 filter in the third block would not fit in its 5x5 map even with padding 1.
                """)
            return
        }
        let base = settings
        let variant = study.variant(of: base)
        nb.text("""
            Study: \(study.title). The same seed, data, epochs and learning rate; only the first \
            convolution differs. The new network, layer by layer:
            """)
        nb.code("makeCNN(settings)      // with \(variant.firstLayer) as its first layer")
        let model = withSeed(nb.seed) { makeCNN(variant) }
        let rows = layerShapes(model, input: data.train.images[0...0])
        shapeTable(nb, rows)
        var bar: ProgressBar?
        let hooks = TrainingHooks(
            epochStarted: { epoch, batches in
                bar = nb.progress(total: batches, label: "\(study.label(variant)): epoch \(epoch)/\(variant.epochs)")
            },
            batchFinished: { loss in bar?.set(postfix: ["loss": loss]); bar?.advance() },
            epochFinished: { record in
                bar?.set(postfix: ["test acc": record.testAccuracy]); bar?.finish()
                nb.log(["study": study.rawValue, "run": study.label(variant), "epoch": record.epoch,
                        "train_loss": record.trainLoss, "test_accuracy": record.testAccuracy, "seconds": record.seconds])
            })
        let other = trainCNN(model, variant, trainSet: data.train, testSet: data.test, seed: nb.seed &+ 1, hooks: hooks)
        bar?.finish()
        if let d = other.divergence {
            nb.warning("\(study.label(variant)) diverged: the loss became \(d.loss) at epoch \(d.epoch), batch \(d.batch).")
        }
        let runs = [(study.label(base), baseline, makeCNN(base)), (study.label(variant), other, model)]
        nb.table(headers: ["run", "after conv1", "flattened", "parameters", "s/epoch", "final train loss", "test acc"],
                 rows: runs.map { label, run, model in
                     let shapes = layerShapes(model, input: data.train.images[0...0])
                     return [label, shapes[0].outputShape.description, String(shapes[9].outputShape[1]),
                             model.parameterCount.formatted(),
                             run.epochs.isEmpty ? "-" : nb.seconds(run.secondsPerEpoch, decimals: 1),
                             run.epochs.last.map { f4($0.trainLoss) } ?? "-",
                             run.epochs.last.map { percent($0.testAccuracy) } ?? "-"]
                 })
        var figure = Figure("study-\(study.rawValue)", title: "Study: \(study.title)")
            .panel("training loss").xLabel("epoch").yLabel("cross-entropy").yRange(0...)
        for (label, run, _) in runs where !run.epochs.isEmpty {
            figure = figure.line(run.epochs.map { Double($0.epoch) }, run.trainLosses, label: label)
        }
        figure = figure.panel("test accuracy").xLabel("epoch").yLabel("accuracy")
        for (label, run, _) in runs where !run.epochs.isEmpty {
            figure = figure.line(run.epochs.map { Double($0.epoch) }, run.testAccuracies, label: label)
        }
        nb.plot(figure)
        nb.text(study.conclusion(baseline: baseline, variant: other))
        nb.log(["study": study.rawValue, "baseline_test_accuracy": baseline.finalTestAccuracy,
                "variant_test_accuracy": other.finalTestAccuracy])
    }
}

// MARK: - Helpers

extension MNIST.Variant: ExpressibleByArgument {}
extension CNNStudy: ExpressibleByArgument {}

func f4(_ value: Float) -> String { String(format: "%.4f", value) }

func percent(_ value: Float) -> String { String(format: "%.2f%%", 100 * value) }

extension Lesson07 {
    /// A class's name for the text: "digit 5" or "Ankle boot".
    func className(_ label: Int) -> String {
        dataset == .mnist ? "digit \(label)" : dataset.classNames[label].lowercased()
    }

    /// A class's name, short enough for a picture's title: "3" or "Boot".
    func shortName(_ label: Int) -> String {
        dataset == .mnist ? String(label)
            : ["T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Boot"][label]
    }
}
