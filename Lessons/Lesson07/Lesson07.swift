import ClassifierTraining
import Datasets
import Foundation
import Notebook
import Plot
import Torchlet

/// Lesson 07: a convolutional network on Fashion-MNIST (or MNIST).
///
/// Read this file next to its output (`swift run Lesson07`): each `nb.code()` prints the lines
/// that run right below it. The network lives in CNNModel.swift, its training in
/// CNNTraining.swift (the loop itself, shared with Lesson06, in Sources/ClassifierTraining),
/// two small helpers of the first sections in ConvolutionTerms.swift and the studies in
/// Studies.swift, so that the tests can run them on a tiny dataset; the network and the
/// training show their own lines when they run. The flags are in Lesson07+Options.swift.
@main
struct Lesson07: ParsableCommand {
    @OptionGroup var options: Options

    func run() throws {
        let nb = Notebook(lesson: "Lesson07", title: "A convolutional network on \(options.dataset.displayName)",
                          options: options.common)
        let settings = options.settings
        nb.log(TrainingSettings(epochs: settings.epochs, learningRate: Double(settings.learningRate),
                                batchSize: settings.batchSize, optimizer: "Adam", dataset: options.dataset.rawValue))
        let data: (train: MNIST, test: MNIST, picture: Tensor)
        do {
            data = try loadData(nb)
        } catch {
            FileHandle.standardError.write(Data(("error: " + error.description + "\n").utf8))
            throw ExitCode.failure
        }
        let label = Int(data.train.labels.scalars[0])
        let maps = filtersAndFeatureMaps(nb, data.picture, label: label)
        paddingAndStride(nb, data.picture)
        poolingAndFlatten(nb, activationMaps: maps)
        let model = theNetwork(nb, data.picture)
        let run = training(nb, model, (data.train, data.test))
        guard run.divergence == nil else {
            nb.finish()
            throw ExitCode.failure
        }
        whatItLearned(nb, model, data.picture, label: label)
        let predictions = confusion(nb, model, data.test)
        misclassified(nb, data.test, predictions: predictions)
        studies(nb, (data.train, data.test), baseline: run)
        colourNetwork(nb)
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
        whatsNext(nb, model)
        nb.finish()
    }

    // MARK: - 1. The data

    func loadData(_ nb: Notebook) throws(DatasetError) -> (train: MNIST, test: MNIST, picture: Tensor) {
        nb.section("The data: \(options.dataset.displayName)")
        nb.text(options.dataset == .fashionMNIST ? """
            Fashion-MNIST: 28x28 grey pictures of clothes and shoes in ten classes, 60,000 to \
            learn from and 10,000 to test on, in the same format as the MNIST digits. It is the \
            default because Debian installs it for you, and because it is harder: the MLP of \
            Lesson06 stays under 90%, and a convolutional network does better. `--dataset mnist` \
            runs the same lesson on handwritten digits.
            """ : """
            MNIST: handwritten digits 0 to 9 as 28x28 grey pictures. The MLP of Lesson06 gets about \
            98%; a convolutional network makes fewer mistakes still.
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
        nb.show(test.images.shape)
        let first = className(Int(train.labels.scalars[0]))
        nb.text("""
            A batch of pictures is [N, C, H, W]: N pictures, C channels (1 for grey; a colour \
            photo has 3, red, green and blue), H rows and W columns, with pixels from 0 (black \
            background) to 1. Convolutions keep this layout all the way through; only the \
            number of channels and the sides change. The lesson follows the first training \
            picture, \(article(first)) \(first):
            """)
        nb.code()
        let picture = train.images[0...0]  // a batch of one
        nb.show(picture.shape)
        return (train, test, picture)
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
        nb.code()
        let filters = Tensor(shape: [2, 1, 3, 3], scalars: [
            -1, 0, 1,  // the first filter: brighter to the right, a vertical edge
            -2, 0, 2,
            -1, 0, 1,
            -1, -2, -1,  // the second: brighter downwards, a horizontal edge
            0, 0, 0,
            1, 2, 1,
        ])
        nb.show(filters)
        nb.text("""
            The shape [2, 1, 3, 3] reads: 2 filters, each looking at 1 input channel through a \
            3x3 window. n filters make n output channels, one feature map each. In the \
            network below, Conv2d(1, 32, 3) has 32 such filters, all learned.
            """)
        nb.code()
        let featureMaps = picture.conv2d(weight: filters, padding: (1, 1))
        nb.show(featureMaps.shape)
        nb.text("""
            Take the position where the vertical-edge map is largest, and the 3x3 patch of the \
            picture that the filter covers there (padding 1 puts the filter's centre on each \
            pixel in turn):
            """)
        nb.code()
        let spot = strongestResponse(featureMaps, channel: 0)  // the vertical map's peak
        let window = patch(of: picture, row: spot.row, column: spot.column)
        nb.show(spot)
        nb.show(window)
        let byHand = zip(window.scalars, filters.scalars.prefix(9)).map { $0 * $1 }.reduce(0, +)
        let rows = (0..<3).map { i in
            [0, 2].map { j in
                let weight = Int(filters.scalars[3 * i + j])
                return fixed(window.scalars[3 * i + j]) + "·" + (weight < 0 ? "(\(weight))" : "\(weight)")
            }.joined(separator: " + ")
        }
        nb.text("""
            Multiply each pixel by the weight at the same place and add up (the middle column \
            has weight 0):

                row 0:   \(rows[0])
                row 1: + \(rows[1])
                row 2: + \(rows[2])
                       = \(fixed(byHand))

            which is what conv2d put there:
            """)
        nb.show(featureMaps[0][0][spot.row][spot.column])
        let fromConv = featureMaps[0][0][spot.row][spot.column].item()
        nb.claim(abs(byHand - fromConv) < 1e-4, "the sum of products by hand equals conv2d's value")
        nb.text("""
            An activation map is a feature map after the activation function. With ReLU, the \
            negative answers (brightness falling instead of rising) become 0 and only the edges \
            the filter looks for are left.
            """)
        nb.code()
        let activationMaps = featureMaps.relu()

        let largest = Double(featureMaps.abs().max().item())
        nb.plot(Figure("feature-maps", title: "The \(className(label)), its 2 feature maps and their activation maps (ReLU)")
            .imageGrid(planes(of: picture, [0]) + planes(of: featureMaps, 0..<2) + planes(of: activationMaps, 0..<2),
                       columns: 5,
                       titles: ["picture", "vertical edges", "horizontal edges", "ReLU(vertical)", "ReLU(horizontal)"],
                       palette: .diverging, colorRange: -largest...largest)
            .size(width: 1150, height: 330))
        nb.text("""
            Red is positive, blue negative, white 0 (the picture itself is pale: its pixels go up \
            to 1, the maps to \(fixed(largest, 1))). The vertical-edge map is red where the \
            picture turns from dark to bright going right, on the left side of a bright shape, \
            and blue on its right side; the horizontal one the same from top to bottom. After \
            ReLU only one side of each is left.
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
            means that a last step which would not fit is not taken. Seven filters of ones on \
            the picture, and what the formula predicts:
            """)
        nb.code()
        let examples: [(k: Int, s: Int, p: Int)] = [  // kernel, stride, padding
            (3, 1, 0), (3, 1, 1), (5, 1, 2), (3, 2, 1), (3, 5, 1), (10, 1, 1), (10, 1, 0),
        ]
        let shapes = examples.map { k, s, p in
            let filter = Tensor.ones([1, 1, k, k])  // any k x k filter gives the same shape
            return picture.conv2d(weight: filter, stride: (s, s), padding: (p, p)).shape
        }
        nb.table(headers: ["kernel k", "stride s", "padding p", "formula", "conv2d gives"],
                 rows: zip(examples, shapes).map { e, shape in
                     let side = outputSide(28, kernel: e.k, stride: e.s, padding: e.p)!
                     return [String(e.k), String(e.s), String(e.p),
                             "⌊(28 + \(2 * e.p) − \(e.k)) / \(e.s)⌋ + 1 = \(side)", shape.description]
                 })
        nb.claim(zip(examples, shapes).allSatisfy { e, shape in
            shape == [1, 1] + Array(repeating: outputSide(28, kernel: e.k, stride: e.s, padding: e.p)!, count: 2)
        }, "the formula gives conv2d's sides")
        let strided = outputSide(28, kernel: 3, stride: 5, padding: 1)!
        let large = outputSide(28, kernel: 10, stride: 1, padding: 1)!
        nb.text("""
            Stride 5 keeps \(strided) of the 28 positions across: the filter jumps over most of the \
            picture. A 10x10 filter covers a third of the picture's width at once and leaves \
            \(large)x\(large) positions. These two are the seed's studies (--study stride, \
            --study filter-size), in section 10.
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
        nb.code()
        let x = Tensor(shape: [1, 1, 4, 4], scalars: [
            1, 3, 2, 1,
            4, 6, 5, 0,
            3, 1, 1, 2,
            0, 2, 7, 4,
        ], requiresGrad: true).labeled("x")
        let pooled = MaxPool2d(kernelSize: 2, stride: 2)(x).labeled("pooled")
        nb.show(x)
        nb.show(pooled)
        nb.claim(pooled.scalars == [6, 5, 3, 7], "max pooling keeps 6, 5, 3 and 7")
        nb.text("""
            The top-left square holds 1, 3, 4, 6: its maximum is 6. Then max(2, 1, 5, 0) = 5, \
            max(3, 1, 0, 2) = 3 and max(1, 2, 7, 4) = 7. Pooling has no weights to learn. Its \
            gradient goes back only to the winners: each maximum gets the gradient of its output, \
            the other three pixels of its square get 0, because moving them a little changes \
            nothing. (With --trace the backward pass is printed step by step.)
            """)
        nb.code()
        let total = pooled.sum().labeled("total")
        let trace = total.backwardTrace()  // backward(), recording each step

        if nb.trace { nb.display(trace) }
        nb.show(x.grad)
        nb.text("On the picture's two activation maps, pooling halves 28x28 to 14x14:")
        nb.code()
        let pooledMaps = MaxPool2d(kernelSize: 2, stride: 2)(activationMaps)
        nb.show(activationMaps.shape)
        nb.show(pooledMaps.shape)
        nb.text("""
            A fully connected (Linear) layer wants one row of numbers per picture, not a stack \
            of maps. Flatten lays the 2 maps of 14x14 end to end in one row of 2·14·14 = 392 \
            numbers. Like pooling, it has no weights; it only changes the shape (it is \
            PyTorch's out.view(out.size(0), -1) in the seed).
            """)
        nb.code()
        let row = Flatten()(pooledMaps)
        nb.show(row.shape)
        nb.text("""
            A fully connected layer then connects every one of those numbers to every output: \
            Linear(392, 10) would have 392·10 weights + 10 biases = 3,930 parameters, one \
            weight per (input, output) pair. That is where most of a CNN's weights are: the \
            convolutions find the features, the fully connected layers combine them into a \
            class.
            """)
        nb.show(Linear(392, 10).parameterCount)
    }

    // MARK: - 5. The network

    func theNetwork(_ nb: Notebook, _ picture: Tensor) -> Sequential {
        let settings = options.settings
        nb.section("The seed's CNN, layer by layer")
        nb.text("""
            The seed's network stacks three blocks of convolution, ReLU and max pooling, each \
            with more filters (32, 64, 128) on a smaller picture (28, 14, 7), then two fully \
            connected layers. The first Linear layer gets Xavier-uniform weights, as the seed \
            does with torch.nn.init.xavier_uniform_ (and so does the last one); Dropout(0.5) \
            zeroes half of the 625 units at random in each training step, so that no unit can \
            count on another being there (it is off in eval()). makeCNN, in CNNModel.swift, \
            builds it; the first convolution's filter size k and stride s are \
            \(settings.firstKernel) and \(settings.firstStride), as in the seed (the studies \
            change them):
            """)
        let model = makeCNN(settings, listing: nb)
        nb.display(model)
        nb.text("The shape after every layer, for the picture (a batch of one):")
        let rows = layerShapes(model, input: picture)
        shapeTable(nb, rows)
        let firstLinear = rows.first { $0.layer.hasPrefix("Linear") }!.parameters
        let convolutions = rows.filter { $0.layer.hasPrefix("Conv2d") }.map(\.parameters).reduce(0, +)
        nb.text("""
            Two things to notice. The last pooling has padding 1: 7 is odd, and ⌊(7 + 2 − 2) / 2⌋ \
            + 1 = 4 keeps the last row and column, where ⌊(7 − 2) / 2⌋ + 1 = 3 would drop them; that \
            is where the seed's 4 * 4 * 128 = 2048 comes from. And almost all of the \
            \(model.parameterCount.formatted()) parameters sit in the first Linear layer \
            (2048·625 + 625 = \(firstLinear.formatted())): the three convolutions together have \
            \(convolutions.formatted()).
            """)
        nb.claim(firstLinear == 2048 * 625 + 625 && rows[8].outputShape == [1, 128, 4, 4],
                 "the last pooling gives 4x4 maps and the first Linear layer has 2048·625 + 625 parameters")
        return model
    }

    func shapeTable(_ nb: Notebook, _ rows: [LayerShape]) {
        nb.table(headers: ["#", "layer", "output shape", "parameters"], rows: rows.enumerated().map { index, row in
            [String(index), row.layer, row.outputShape.description, row.parameters == 0 ? "" : row.parameters.formatted()]
        })
    }

    // MARK: - 6. Training

    func training(_ nb: Notebook, _ model: Sequential, _ data: (train: MNIST, test: MNIST)) -> CNNRun {
        let settings = options.settings
        nb.section("Training")
        let batches = (data.train.count + settings.batchSize - 1) / settings.batchSize
        nb.text("""
            The loop is Lesson06's: one epoch is one pass over the \(data.train.count) training \
            pictures in shuffled batches of \(settings.batchSize), \(batches) steps; after each \
            epoch the network is measured on the \(data.test.count) test pictures (in eval() mode, \
            so dropout is off, and under noGrad, 100 pictures at a time, so no graph is kept and \
            memory stays small). trainCNN, in CNNTraining.swift, makes the optimizer, Adam with \
            learning rate \(settings.learningRate), and hands it to trainClassifier, in \
            Sources/ClassifierTraining, here for \(settings.epochs) epoch\(settings.epochs == 1 ? "" : "s"):
            """)
        let run = trainCNN(model, settings, trainSet: data.train, testSet: data.test, seed: nb.seed &+ 1,
                           hooks: nb.progressBars { "epoch \($0)/\(settings.epochs)" }, listing: nb)
        if let divergence = run.divergence {
            nb.warning(divergence.explanation(learningRate: settings.learningRate, optimizer: "Adam"))
            return run
        }
        nb.table(headers: ["epoch", "train loss", "train acc", "test loss", "test acc", "time"],
                 rows: run.epochs.map { record in
                     [String(record.epoch), fixed(record.trainLoss), percent(record.trainAccuracy),
                      fixed(record.testLoss), percent(record.testAccuracy), nb.duration(record.seconds)]
                 })
        let last = run.epochs.last!
        if last.testAccuracy < 0.2 {
            nb.warning("""
                The network has learned nothing: \(percent(last.testAccuracy)) is close to the 10% \
                that guessing gets with 10 classes. Usually the learning rate \
                (\(settings.learningRate)) is too large: the first steps threw the weights so far \
                that every ReLU is dead (always 0) and no gradient flows any more. Try --lr 0.001.
                """)
        }
        let behind = run.epochs.filter { $0.trainAccuracy < $0.testAccuracy }.map { String($0.epoch) }
        nb.text("""
            Test accuracy after \(settings.epochs) epoch\(settings.epochs == 1 ? "" : "s"): \
            \(percent(last.testAccuracy)), at \(nb.duration(run.secondsPerEpoch)) per epoch of \
            training (\(nb.duration(run.secondsPerEpoch / Double(max(1, batches)))) per step). The \
            train accuracy is measured with dropout on, while the network is still learning, \
            which is why it can be below the test accuracy in the first epochs\
            \(behind.isEmpty ? "" : " (here in epoch\(behind.count == 1 ? "" : "s") " + list(behind) + ")").
            """)
        nb.log(["final_test_accuracy": last.testAccuracy, "final_train_loss": last.trainLoss,
                "seconds_per_epoch": run.secondsPerEpoch])
        if run.epochs.count > 1 {
            let epochs = run.epochs.map { Double($0.epoch) }
            nb.plot(Figure("training-curves", title: "The CNN on \(options.dataset.displayName): Adam lr \(settings.learningRate), batch \(settings.batchSize)")
                .panel("loss").xLabel("epoch").yLabel("cross-entropy").yRange(0...).epochTicks(epochs.count)
                .line(epochs, run.epochs.map(\.trainLoss), label: "train")
                .line(epochs, run.epochs.map(\.testLoss), label: "test", style: .dashed)
                .panel("accuracy").xLabel("epoch").yLabel("accuracy").epochTicks(epochs.count)
                .line(epochs, run.epochs.map(\.trainAccuracy), label: "train")
                .line(epochs, run.epochs.map(\.testAccuracy), label: "test", style: .dashed))
        }
        return run
    }

    // MARK: - 7. What the first layer learned

    func whatItLearned(_ nb: Notebook, _ model: Sequential, _ picture: Tensor, label: Int) {
        nb.section("What the first layer learned")
        nb.text("""
            The first convolution's 32 filters started as random numbers; training turned them \
            into detectors for whatever helps tell the classes apart. Each is 3x3, drawn \
            enlarged, red for positive weights and blue for negative. Look for edge detectors \
            like Sobel's, at other angles (a red side against a blue side), for filters that \
            answer to bright or dark spots, and for ones that look like noise: 9 weights are \
            few, and the deeper layers, which combine these maps, do much of the work.
            """)
        nb.code()
        let conv1 = model[0] as! Conv2d
        nb.show(conv1.weight.shape)
        let largest = Double(conv1.weight.abs().max().item())
        nb.plot(Figure("learned-filters", title: "The \(conv1.outChannels) filters of the first Conv2d after training")
            .imageGrid(planes(of: conv1.weight, 0..<conv1.outChannels), width: conv1.kernelSize.1,
                       height: conv1.kernelSize.0, columns: 8, titles: (0..<conv1.outChannels).map { "\($0)" },
                       palette: .diverging, colorRange: -largest...largest))
        nb.text("""
            And the \(className(label)) through the first block's convolution and ReLU: one \
            activation map per filter. Each is bright where its filter finds its pattern.
            """)
        nb.code()
        let maps = noGrad { model[1](model[0](picture)) }  // conv1, then its ReLU
        nb.show(maps.shape)
        nb.plot(Figure("learned-feature-maps", title: "The \(className(label)) through conv1 and ReLU: \(maps.size(1)) activation maps")
            .imageGrid(planes(of: maps, 0..<maps.size(1)), columns: 8, titles: (0..<maps.size(1)).map { "\($0)" }))
    }

    // MARK: - 8. Confusion matrix

    func confusion(_ nb: Notebook, _ model: Sequential, _ test: MNIST) -> [Int] {
        let names = options.dataset.classNames
        nb.section("Which classes are confused: the confusion matrix")
        nb.text("""
            Row t, column p counts the test pictures of class t that the network called p: right \
            answers on the diagonal, every mistake off it.
            """)
        nb.code()
        let predictions = evaluate(model, on: test).predictions  // each picture's top class
        let counts = confusionMatrix(labels: test.labels, predictions: predictions)
        nb.plot(Figure("confusion-matrix", title: "Test set: true class (rows) against predicted class (columns)")
            .confusionMatrix(counts, classNames: names.map { options.dataset == .mnist ? String($0.prefix(1)) : $0 }))
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

    // MARK: - 9. Misclassified pictures

    func misclassified(_ nb: Notebook, _ test: MNIST, predictions: [Int]) {
        nb.section("What the mistakes look like")
        nb.code()
        let labels = test.labels.scalars.map { Int($0) }
        let wrong = predictions.indices.filter { predictions[$0] != labels[$0] }
        let shown = Array(wrong.prefix(24))
        nb.text("""
            \(wrong.count) of the \(test.count) test pictures are misclassified. The first \
            \(shown.count), each titled with its true class and, after the arrow, the network's \
            answer:
            """)
        guard !wrong.isEmpty else { return }
        nb.plot(Figure("misclassified", title: "Misclassified test pictures: true → predicted")
            .imageGrid(planes(of: test.images, shown), columns: 6,
                       titles: shown.map { "\(shortName(labels[$0])) → \(shortName(predictions[$0]))" },
                       colorRange: 0...1)
            .size(width: 1000, height: 820))
    }

    // MARK: - 10. Studies

    func studies(_ nb: Notebook, _ data: (train: MNIST, test: MNIST), baseline: CNNRun) {
        nb.section("The seed's studies: stride and filter size")
        guard let study = options.study else {
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
        nb.text("""
            Study: \(study.title). The same data, epochs, learning rate and order of batches; only \
            the first convolution differs. The new network, layer by layer:
            """)
        nb.code()
        let variant = study.variant(of: options.settings)  // the first convolution changed
        let model = withSeed(nb.seed) { makeCNN(variant) }

        shapeTable(nb, layerShapes(model, input: data.train.images[0...0]))
        let label = study.label(variant)
        let other = trainCNN(model, variant, trainSet: data.train, testSet: data.test, seed: nb.seed &+ 1,
                             hooks: nb.progressBars({ "\(label): epoch \($0)/\(variant.epochs)" },
                                                    metrics: ["study": study.rawValue, "run": label]))
        if let divergence = other.divergence {
            nb.warning("\(label) diverged: \(divergence.summary).")
        }
        let runs = [(study.label(baseline.settings), baseline), (label, other)]
        nb.table(headers: ["run", "after conv1", "flattened", "parameters", "epoch time", "train loss", "test acc"],
                 rows: runs.map { label, run in
                     let shapes = layerShapes(run.model, input: data.train.images[0...0])
                     return [label, shapes[0].outputShape.description, String(shapes[9].outputShape[1]),
                             run.model.parameterCount.formatted(),
                             run.epochs.isEmpty ? "-" : nb.duration(run.secondsPerEpoch),
                             run.epochs.last.map { fixed($0.trainLoss) } ?? "-",
                             run.epochs.last.map { percent($0.testAccuracy) } ?? "-"]
                 })
        var figure = Figure("study-\(study.rawValue)", title: "Study: \(study.title)")
            .panel("training loss").xLabel("epoch").yLabel("cross-entropy").yRange(0...)
            .epochTicks(runs.map { $0.1.epochs.count }.max() ?? 1)
        for (label, run) in runs where !run.epochs.isEmpty {
            figure = figure.line(run.epochs.map { Double($0.epoch) }, run.trainLosses, label: label)
        }
        figure = figure.panel("test accuracy").xLabel("epoch").yLabel("accuracy")
            .epochTicks(runs.map { $0.1.epochs.count }.max() ?? 1)
        for (label, run) in runs where !run.epochs.isEmpty {
            figure = figure.line(run.epochs.map { Double($0.epoch) }, run.testAccuracies, label: label)
        }
        nb.plot(figure)
        nb.text(study.conclusion(baseline: baseline, variant: other,
                                 parameters: (baseline.model.parameterCount, model.parameterCount)))
        if study == .stride, !baseline.epochs.isEmpty, !other.epochs.isEmpty {
            nb.claim(other.secondsPerEpoch < baseline.secondsPerEpoch, "the stride-5 network trains faster per epoch")
        }
        nb.log(["study": study.rawValue, "baseline_test_accuracy": baseline.finalTestAccuracy,
                "variant_test_accuracy": other.finalTestAccuracy])
    }

    // MARK: - Seed 000's network

    /// Seed 000's second network, for 32x32 colour pictures: the output-size formula worked
    /// through to its `30 * 5 * 5`, and two slips of the seed's code.
    func colourNetwork(_ nb: Notebook) {
        nb.section("Seed 000's network: the formula on a colour picture")
        nb.text("""
            Seed 000 builds another network, for 32x32 pictures with 3 colour channels (red, \
            green, blue, as in the CIFAR-10 data set): Conv2d(3, 64, 5), pooling, Conv2d(64, 30, \
            5), pooling, then Linear(30*5*5, 128) and Linear(128, 10). Where does 30*5*5 come \
            from? From the formula of section 3, layer by layer. Here is the network as the seed \
            writes it, run on one random colour picture:
            """)
        nb.code()
        let seedNetwork = Sequential(
            Conv2d(3, 64, kernelSize: 5), ReLU(), MaxPool2d(kernelSize: 2, stride: 2),
            Conv2d(64, 30, kernelSize: 5), ReLU(), MaxPool2d(kernelSize: 2, stride: 2),
            Flatten(), Linear(30 * 5 * 5, 128), ReLU(),
            Linear(128, 10), ReLU())  // the seed's F.relu(self.fc2(x)): see below
        let colourPicture = Tensor.rand([1, 3, 32, 32])  // [N, C, H, W]: C = 3 channels

        let rows = layerShapes(seedNetwork, input: colourPicture)
        shapeTable(nb, rows)
        let sides = rows.filter { $0.outputShape.count == 4 }.map { $0.outputShape[2] }
        nb.claim(sides == [28, 28, 14, 10, 10, 5] && rows[6].outputShape == [1, 750],
                 "the sides go 32 → 28 → 14 → 10 → 5 and flatten gives 30·5·5 = 750 numbers")
        nb.text("""
            A 5x5 filter without padding takes 4 off the width and the height, (32 - 5)/1 + 1 = \
            28; pooling \
            halves it, 14; the second convolution makes 10, the second pooling 5. The last maps \
            are 30 channels of 5x5, so flatten hands 30·5·5 = 750 numbers to the first Linear \
            layer: that is the seed's 30*5*5, and with any other picture size it would be wrong \
            (a 28x28 picture ends at 4x4, 480 numbers, and Linear(750, 128) refuses them).

            Two slips in the seed's code are worth knowing. Its forward ends with \
            F.relu(self.fc2(x)): a ReLU on the scores. CrossEntropyLoss wants raw scores, any \
            real numbers; after a ReLU every negative score is 0, so a class can be made less \
            likely only down to 0, and a unit whose score is stuck below 0 gets no gradient at \
            all (the dying ReLU of Lesson02). Leave the last layer without an activation, as \
            this lesson's makeCNN does. And it writes optim.SGD(Net.parameters(), lr=0.001, \
            momentum=0.9, loss_function=nn.CrossEntropyLoss()): SGD has no loss_function \
            argument (PyTorch stops: "TypeError: SGD.__init__() got an unexpected keyword \
            argument 'loss_function'"). The optimizer only \
            moves parameters along their gradients; the loss is a separate object you call \
            yourself, loss = lossFunction(out, labels), as the seed's own loop then does.
            """)
    }

    // MARK: - What's next

    func whatsNext(_ nb: Notebook, _ model: Sequential) {
        nb.section("What's next")
        let weights = model[3].parameterCount  // the second convolution, Conv2d(32, 64, 3)
        let (inputs, outputs) = (32 * 14 * 14, 64 * 14 * 14)
        nb.text("""
            A convolution is a small Linear layer applied at every position of the picture with \
            the same weights. That sharing is why the second block needs only \
            \(weights.formatted()) weights to turn 32 maps of 14x14 into 64: a fully connected \
            layer between the same numbers (\(inputs.formatted()) in, \(outputs.formatted()) out) \
            would need \(String(format: "%.1f", Double(inputs * outputs) / 1e6)) million, and would \
            have to learn an edge separately at every place it can appear. Pooling makes the \
            network care less about exactly where a pattern is.

            Try: `swift run Lesson07 --dataset mnist` on the handwritten digits (downloaded once, \
            or `--data-dir FOLDER`), `--study stride` or `--study filter-size` (add --quick for a \
            first look), `--lr 0.01` and `--lr 1` (too large: watch what happens) or `--seed 7`.

            Next: `swift run Lesson08` compares the optimizers (SGD, momentum, Adagrad, RMSprop \
            and Adam) that could take Adam's place in this loop.
            """)
    }
}

// MARK: - Helpers

/// "a, b and c".
func list(_ items: [String]) -> String {
    items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
}

/// "a" or "an", for the word that follows.
func article(_ word: String) -> String {
    word.first.map { "aeiouAEIOU".contains($0) } == true ? "an" : "a"
}

extension Lesson07 {
    /// A class's name for the text: "digit 5" or "ankle boot".
    func className(_ label: Int) -> String {
        options.dataset == .mnist ? "digit \(label)" : options.dataset.classNames[label].lowercased()
    }

    /// A class's name, short enough for a picture's title: "3" or "Boot".
    func shortName(_ label: Int) -> String {
        options.dataset == .mnist ? String(label)
            : ["T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Boot"][label]
    }
}
