import Foundation
import Notebook
import Plot
import Torchlet

/// Lesson 02: activation functions.
///
/// Read this file next to its output (`swift run Lesson02`). Every derivative the lesson prints
/// comes from `backward()` and stands next to the formula worked out by hand.
@main
struct Lesson02: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Lesson02",
        abstract: "Activation functions: sigmoid, tanh, ReLU, LeakyReLU, PReLU and softmax, with their derivatives.",
        discussion: """
            Why a network needs a bend between its layers; each activation with its derivative \
            computed by autograd next to the formula; output ranges; softmax and why it subtracts \
            the largest score; vanishing gradients through a chain of sigmoids; dying ReLU units \
            and how LeakyReLU keeps them alive. Ends with exercises 2.1-2.4 (`swift run check 2`). \
            Runs in about a second.
            """)

    @OptionGroup var common: CommonOptions

    func run() {
        let nb = Notebook(lesson: "Lesson02", title: "Activation functions", options: common)
        let sizes = Sizes(quick: nb.quick)
        whyABend(nb)
        sigmoid(nb)
        tanh(nb)
        rectifiers(nb, sizes: sizes)
        softmax(nb)
        overview(nb, sizes: sizes)
        vanishingGradients(nb, sizes: sizes)
        dyingReLU(nb, sizes: sizes)
        nb.section("Exercises")
        nb.text("""
            Exercises/Lesson02.swift asks you to write four of these functions yourself, with \
            Tensor operations, so that backward() works through them:

            - 2.1 `sigmoid`: 1 / (1 + e⁻ˣ), section 2;
            - 2.2 `sigmoidDerivative`: σ(x) · (1 - σ(x)), the closed form the tables compared with autograd;
            - 2.3 `stableSoftmax`: subtract the largest score of each row before exp, section 5;
            - 2.4 `leakyRelu`: x on the right, 0.01 x (or any slope) on the left, section 4.

            Each has the maths and a hint above its `// TODO`. Check your answers with \
            `swift run check 2` (or `swift run check 2.3` for one of them).
            """)
        nb.section("What's next")
        nb.text("""
            An activation shapes what a layer can express, and its derivative decides how much \
            gradient gets back through it: at most 1/4 for the sigmoid, 1 for tanh at 0, exactly \
            1 or 0 for ReLU. The gradient starts from a loss, though, and which loss fits which \
            output (a sigmoid, a softmax, a plain number) is the next lesson: \
            `swift run Lesson03`, loss functions.
            """)
        nb.finish()
    }

    /// The sizes that `--quick` shrinks.
    struct Sizes {
        /// Points on [-5, 5] for the curves.
        let gridSteps: Int
        /// The deepest chain of activations.
        let maxDepth: Int
        /// The dying-ReLU network's settings.
        let dying: DyingUnitsExperiment.Settings

        init(quick: Bool) {
            gridSteps = quick ? 41 : 201
            maxDepth = 10
            var dying = DyingUnitsExperiment.Settings()
            if quick {
                dying.batch = 64
                dying.steps = 50
            }
            self.dying = dying
        }
    }

    // MARK: - 1. Why a bend

    func whyABend(_ nb: Notebook) {
        nb.section("Why a network needs activation functions")
        nb.text("""
            A layer computes y = f(w·x + b): an affine map w·x + b, then an activation function f \
            applied to every number. Without f, stacking layers buys nothing: a linear map of a \
            linear map is one linear map. Two Linear layers, 3 → 4 → 2, are exactly one Linear \
            layer 3 → 2 with weight W₂W₁ and bias W₂b₁ + b₂:
            """)
        nb.code("""
            let first = Linear(3, 4), second = Linear(4, 2)
            let stacked = second(first(x))
            let weight = second.weight.matmul(first.weight)                       // [2, 3]
            let bias = second.weight.matmul(first.bias!.reshape(4, 1)).reshape(2) + second.bias!
            let single = x.matmul(weight.t()) + bias
            """)
        let (difference, weight) = collapsedLinearLayers(seed: nb.seed)
        nb.show("weight of the single layer", weight)
        nb.show("largest |stacked - single| over 5 inputs", difference)
        nb.text("""
            The same outputs, up to Float rounding. However many Linear layers you stack, without \
            a bend between them the network can only draw straight lines (planes, hyperplanes) \
            through its inputs. An activation bends each layer's output, and a bend after every \
            layer is what lets a deep network approximate curved functions. The rest of this \
            lesson is about which bend to choose and what it does to the gradient.
            """)
    }

    // MARK: - 2. Sigmoid

    func sigmoid(_ nb: Notebook) {
        nb.section("The sigmoid")
        nb.text("""
                σ(x) = 1 / (1 + e⁻ˣ)

            squashes any number into (0, 1): σ(0) = 0.5, large positive inputs come out near 1, \
            large negative ones near 0. That makes it the natural way to turn a score into a \
            probability, which is where it lives today: at the output of a yes/no classifier.
            """)
        let points = Tensor([-5.0, -1, 0, 1, 5])
        nb.code("""
            let x = Tensor([-5, -1, 0, 1, 5], requiresGrad: true)
            let y = Sigmoid()(x)
            """)
        let x = Tensor(points.scalars, requiresGrad: true)
        let y = Sigmoid()(x)
        nb.show("y", y)
        nb.text("""
            Its derivative has a tidy form. With σ = (1 + e⁻ˣ)⁻¹ the chain rule gives
                σ'(x) = e⁻ˣ / (1 + e⁻ˣ)² = σ(x) · (1 - σ(x))
            so the slope comes straight from the output. Autograd does not know this formula by \
            name; it applies the local rule of the sigmoid node. Since each yᵢ depends only on \
            xᵢ, one backward() from y.sum() fills x.grad with dyᵢ/dxᵢ at every point:
            """)
        nb.code("y.sum().backward()")
        y.sum().backward()
        nb.show("x.grad", x.grad)
        derivativeTable(nb, elementwiseActivations()[0], points.scalars)
        nb.text("""
            The slope is largest at 0, where it is σ(0)(1 - σ(0)) = 0.5 · 0.5 = 1/4, and is \
            nearly 0 once |x| is past 5: there the sigmoid is saturated, and a gradient \
            passing through it is multiplied by almost nothing. Keep the 1/4 in mind for section 7.
            """)
    }

    // MARK: - 3. tanh

    func tanh(_ nb: Notebook) {
        nb.section("The hyperbolic tangent")
        nb.text("""
                tanh(x) = (eˣ - e⁻ˣ) / (eˣ + e⁻ˣ) = 2σ(2x) - 1

            is a sigmoid stretched to (-1, 1) and centred on 0: negative inputs give negative \
            outputs. Its derivative is 1 - tanh²(x), which is 1 at x = 0, four times the \
            sigmoid's best, but it saturates just the same for large |x|.
            """)
        let points: [Float] = [-5, -1, 0, 1, 5]
        nb.code("let x = Tensor([-5, -1, 0, 1, 5], requiresGrad: true);  let y = Tanh()(x)")
        let x = Tensor(points, requiresGrad: true)
        let y = Tanh()(x)
        nb.show("y", y)
        nb.show("2σ(2x) - 1", noGrad { 2 * (2 * x).sigmoid() - 1 })
        nb.code("y.sum().backward()")
        y.sum().backward()
        nb.show("x.grad", x.grad)
        derivativeTable(nb, elementwiseActivations()[1], points)
    }

    // MARK: - 4. ReLU, LeakyReLU, PReLU

    func rectifiers(_ nb: Notebook, sizes: Sizes) {
        nb.section("ReLU and its leaky cousins")
        nb.text("""
            The rectified linear unit is almost too simple:
                ReLU(x) = max(0, x),     slope 1 for x > 0 and 0 for x < 0
            Its outputs lie in [0, ∞). For positive inputs the slope is exactly 1, so a gradient \
            goes through undiminished however many layers there are, and it costs one comparison \
            instead of an exponential. That is why it is the default in hidden layers. At x = 0 \
            the slope is undefined; PyTorch (and Torchlet) use 0.
            """)
        let points: [Float] = [-5, -1, 0, 1, 5]
        let activations = elementwiseActivations()
        nb.code("let y = ReLU()(x);  y.sum().backward()")
        derivativeTable(nb, activations[2], points)
        nb.text("""
            The flat left half is ReLU's weakness: a unit whose input is negative passes back a \
            gradient of exactly 0 (section 8 shows what that does). LeakyReLU keeps a small \
            slope there, 0.01 by default, so the gradient is small but never 0:
                LeakyReLU(x) = x for x > 0,   0.01 · x otherwise
            """)
        nb.code("let y = LeakyReLU(negativeSlope: 0.01)(x);  y.sum().backward()")
        derivativeTable(nb, activations[3], points)
        nb.text("""
            PReLU (parametric ReLU) goes one step further: the slope a on the left is a \
            parameter, learned like a weight. It starts at 0.25.
            """)
        let prelu = PReLU()
        nb.code("let prelu = PReLU()")
        nb.show("prelu", prelu)
        nb.show("prelu.weight", prelu.weight)
        derivativeTable(nb, activations[4], points)
        nb.text("""
            Being a parameter, a gets a gradient of its own. Each input with x ≤ 0 gives \
            y = a · x, so dy/da = x there (and 0 where x > 0). For y.sum() over \
            \(sizes.gridSteps) evenly spaced points from -5 to 5, a.grad is the sum of the \
            inputs that are ≤ 0:
            """)
        let x = Tensor.linspace(-5, 5, steps: sizes.gridSteps)
        nb.code("""
            prelu(Tensor.linspace(-5, 5, steps: \(sizes.gridSteps))).sum().backward()
            """)
        prelu(x).sum().backward()
        nb.show("prelu.weight.grad", prelu.weight.grad)
        let byHand = preluWeightGradient(on: x.scalars).byHand
        nb.show("sum of the inputs ≤ 0", String(format: "%.4f", byHand))
        nb.text("""
            An optimizer would move a against this gradient, like any weight; a network can \
            learn that a leak of, say, 0.1 suits it better than 0.25.
            """)
        nb.log(["prelu_weight_grad": prelu.weight.grad!.item()])
    }

    // MARK: - 5. Softmax

    func softmax(_ nb: Notebook) {
        nb.section("Softmax: scores into probabilities")
        nb.text("""
            The activations so far work on each number alone. Softmax works on a whole row: it \
            turns k scores into k probabilities, all positive and summing to 1,
                softmax(x)ᵢ = exp(xᵢ) / Σⱼ exp(xⱼ)
            which is what a classifier over k classes needs at its output. Softmax(dim: 1) \
            normalises along dimension 1, each row of a [batch, k] tensor on its own. These three \
            scores are a PyTorch tutorial's; it printed tensor([[0.4334, 0.3806, 0.1860]]):
            """)
        nb.code("""
            let softmax = Softmax(dim: 1)
            let scores = Tensor([[-0.2528, -0.3826, -1.0988]])
            """)
        let scores = Tensor([[-0.2528, -0.3826, -1.0988]])
        let probabilities = Softmax(dim: 1)(scores)
        nb.show("softmax(scores)", probabilities)
        nb.show("softmax(scores).sum(dim: 1)", probabilities.sum(dim: 1))
        nb.text("The largest score gets the largest probability, and the order is kept. Now a random batch of 4 rows of 5 scores:")
        let batch = softmaxRowSums(rows: 4, columns: 5, seed: nb.seed)
        nb.code("let batch = Tensor.randn([4, 5]);  let p = softmax(batch)")
        nb.show("batch", batch.scores)
        nb.show("p", batch.probabilities)
        nb.show("p.sum(dim: 1)", batch.sums)
        nb.text("""
            With two scores [x, 0], softmax's first entry is eˣ / (eˣ + e⁰) = 1 / (1 + e⁻ˣ) = σ(x): \
            the sigmoid is the two-class softmax. (The last panel of the figure in section 6 draws \
            it, with its derivative from autograd through Softmax.)

            Now try large scores. Written as the formula reads, softmax breaks:
            """)
        let large = Tensor([1000.0, 1001, 1002])
        nb.code("""
            let x = Tensor([1000, 1001, 1002])
            let naive = x.exp() / x.exp().sum()
            """)
        nb.show("x.exp()", large.exp())
        nb.show("naive", naiveSoftmax(large, dim: 0))
        nb.text("""
            A Float holds at most about 3.4·10³⁸ ≈ e^88.7, so e¹⁰⁰⁰ is inf and inf / inf is nan. \
            The cure is one line of algebra: multiply the top and the bottom by e⁻ᵐ for any \
            number m, and nothing changes,
                exp(xᵢ) / Σⱼ exp(xⱼ) = exp(xᵢ - m) / Σⱼ exp(xⱼ - m)
            so softmax(x) = softmax(x - m). Choose m = max x: every exponent is then ≤ 0, every \
            exp is at most 1, the largest is exactly 1 and the sum is at least 1. No overflow, no \
            division by 0.
            """)
        nb.show("x - x.max()", large - large.max())
        nb.show("(x - x.max()).exp()", (large - large.max()).exp())
        nb.show("Softmax(dim: 0)(x)", Softmax(dim: 0)(large))
        nb.show("Softmax(dim: 0)([0, 1, 2])", Softmax(dim: 0)(Tensor([0.0, 1, 2])))
        nb.text("""
            The engine's softmax (like PyTorch's) subtracts the max for you. Only the differences \
            between scores matter: [1000, 1001, 1002] and [0, 1, 2] give the same probabilities. \
            Exercise 2.3 asks you to write this stable softmax yourself.
            """)
        nb.log(["softmax_row_sum_max_error": batch.sums.scalars.map { Swift.abs($0 - 1) }.max() ?? 0])
    }

    // MARK: - 6. Overview

    func overview(_ nb: Notebook, sizes: Sizes) {
        nb.section("All of them side by side")
        nb.text("""
            Here is each activation on \(sizes.gridSteps) points from -5 to 5, with its \
            derivative from one backward() (dashed). The table checks every slope against the \
            formula worked out by hand, at every point of the grid.
            """)
        let points = grid(steps: sizes.gridSteps)
        let activations = elementwiseActivations()
        let curves = activations.map { curve(of: $0, on: points) }
        let softmaxCurve = softmaxOfTwoCurve(on: points)
        let panelTitles = ["Sigmoid", "Tanh", "ReLU", "LeakyReLU (slope 0.01)", "PReLU (a = 0.25)",
                           "Softmax([x, 0])[0]"]
        var figure = Figure("activations", title: "Activation functions (solid) and their derivatives from autograd (dashed)",
                            columns: 3)
        for (title, c) in zip(panelTitles, curves + [softmaxCurve]) {
            let yRange: ClosedRange<Double> = title.hasPrefix("Tanh") ? -1.2...1.2
                : title.hasPrefix("ReLU") || title.hasPrefix("Leaky") || title.hasPrefix("PReLU") ? -1.5...5.2
                : -0.1...1.1
            figure = figure.panel(title).xLabel("x").xRange(-5...5).yRange(yRange)
                .line(c.x, c.y, label: "f(x)")
                .line(c.x, c.slope, label: "f'(x)", style: .dashed)
                .legend(.topLeft)
        }
        nb.plot(figure.size(width: 1200, height: 720))
        let shortNames = ["Sigmoid", "Tanh", "ReLU", "LeakyReLU", "PReLU", "Softmax [x, 0]"]
        let ranges = activations.map(\.range) + ["(0, 1)"]
        let rows = (curves + [softmaxCurve]).indices.map { i -> [String] in
            let c = i < curves.count ? curves[i] : softmaxCurve
            return [shortNames[i], ranges[i],
                    String(format: "%.4f", c.y.min() ?? 0), String(format: "%.4f", c.y.max() ?? 0),
                    String(format: "%.4f at %.2f", c.steepest.slope, c.steepest.at),
                    String(format: "%.1e", c.largestDifference)]
        }
        nb.table(headers: ["activation", "range", "min on grid", "max on grid", "largest slope",
                           "autograd error"],
                 rows: rows)
        nb.text("""
            The last column is the largest |autograd - formula| over the grid: they agree to \
            Float rounding everywhere. The rectifiers reach their largest slope, 1, at the first \
            positive grid point and keep it from there on. Read the \
            slopes as what each activation does to a gradient passing through it backwards: \
            the sigmoid passes at most a quarter, tanh at most all of it, the rectifiers all of it \
            on the right and nothing (ReLU), 1% (LeakyReLU) or a (PReLU) on the left.
            """)
        nb.log(["largest_autograd_error": (curves + [softmaxCurve]).map(\.largestDifference).max() ?? 0])
    }

    // MARK: - 7. Vanishing gradients

    func vanishingGradients(_ nb: Notebook, sizes: Sizes) {
        nb.section("Vanishing gradients")
        nb.text("""
            In a deep network a gradient travels back through one activation per layer, and the \
            chain rule multiplies their slopes. Strip the layers down to the activations alone \
            and take d/dx of σ(σ(…σ(x)…)) with n sigmoids:
                d/dx = σ'(x) · σ'(σ(x)) · σ'(σ(σ(x))) · …      (n factors, each at most 1/4)
            so the gradient shrinks at least fourfold per sigmoid. Here it is at x = 1, by \
            autograd, next to the same chains of tanh and of ReLU:
            """)
        nb.code("""
            var h = Tensor(1, requiresGrad: true)
            for _ in 0..<depth { h = Sigmoid()(h) }
            h.backward()
            """)
        let chains = ChainGradients(maxDepth: sizes.maxDepth, at: 1)
        let shrink = [Float.nan] + chains.sigmoidShrinkFactors
        let rows = chains.depths.indices.map { i in
            ["\(chains.depths[i])", String(format: "%.3e", chains.sigmoid[i]),
             i == 0 ? "" : String(format: "×%.2f", shrink[i]),
             String(format: "%.4f", chains.tanh[i]), String(format: "%.4f", chains.relu[i])]
        }
        nb.table(headers: ["depth n", "sigmoid chain d/dx", "smaller by", "tanh chain d/dx", "ReLU chain d/dx"],
                 rows: rows)
        for i in chains.depths.indices {
            nb.log(["depth": chains.depths[i], "sigmoid_chain_grad": chains.sigmoid[i],
                    "tanh_chain_grad": chains.tanh[i], "relu_chain_grad": chains.relu[i]])
        }
        nb.text("""
            Each sigmoid divides the gradient by about 4.5: past the first one its input is an \
            earlier sigmoid's output, between 0.66 and 0.73, where the slope is about 0.22. After \
            10 sigmoids less than a millionth of the gradient is left: in a deep sigmoid network \
            the first layers barely learn. tanh loses \
            much less (its slope is near 1 when its input is near 0, and the chain pulls the \
            input towards 0); ReLU passes a positive input's gradient through unchanged, at any \
            depth.
            """)
        if nb.trace {
            nb.text("With --trace, the backward pass through three sigmoids, node by node; watch g shrink:")
            nb.code("let h1 = Sigmoid()(x), h2 = Sigmoid()(h1), h3 = Sigmoid()(h2);  h3.backward()")
            let x = Tensor(1, requiresGrad: true).labeled("x")
            let h1 = Sigmoid()(x).labeled("h1")
            let h2 = Sigmoid()(h1).labeled("h2")
            let h3 = Sigmoid()(h2).labeled("h3")
            nb.show(h3.backwardTrace())
        } else {
            nb.note("run with --trace to watch the backward pass through three sigmoids, node by node.")
        }
        let bound = chains.depths.map { pow(0.25, Double($0)) }
        nb.plot(Figure("vanishing-gradients", title: "d/dx through a chain of n activations, at x = 1")
            .xLabel("depth n (activations in the chain)").yLabel("gradient (log scale)")
            .logScale(.y).xRange(1...Double(sizes.maxDepth)).yRange(1e-8...3)
            .gnuplot("set format y '%.0e'")
            .line(chains.depths.map(Double.init), chains.sigmoid, label: "sigmoid")
            .line(chains.depths.map(Double.init), chains.tanh, label: "tanh")
            .line(chains.depths.map(Double.init), chains.relu, label: "ReLU")
            .line(chains.depths.map(Double.init), bound, label: "(1/4)ⁿ, the sigmoid's bound", style: .dashed)
            .legend(.bottomLeft))
    }

    // MARK: - 8. Dying ReLU

    func dyingReLU(_ nb: Notebook, sizes: Sizes) {
        let settings = sizes.dying
        nb.section("Dying ReLU")
        nb.text("""
            ReLU's flat left half has a price. Take a small network, \
            Linear(\(settings.inputs), \(settings.hidden)) → ReLU → Linear(\(settings.hidden), 1), \
            and a batch of \(settings.batch) random inputs with targets from a random linear \
            teacher. Call a hidden unit dead when its input (the first layer's output for that \
            unit) is ≤ 0 for every example of the batch: then the ReLU outputs 0 for all of them \
            and passes back a gradient of 0 for all of them, so the unit's weights never receive \
            a gradient again.

            Now make one mistake: a single SGD step with a learning rate of \
            \(format(settings.badLearningRate)), where \(format(settings.learningRate)) would be \
            sensible, followed by \(settings.steps) sensible steps. The same network, from the \
            same starting weights, runs once with ReLU and once with LeakyReLU(negativeSlope: 0.01):
            """)
        nb.code("""
            let model = Sequential(first, ReLU(), second)      // and again with LeakyReLU()
            SGD(model.parameters(), lr: \(format(settings.badLearningRate))).step()           // one step too far
            // then \(settings.steps) steps of SGD(model.parameters(), lr: \(format(settings.learningRate)))
            """)
        let relu = DyingUnitsExperiment(activation: ReLU(), seed: nb.seed, settings: settings)
        let leaky = DyingUnitsExperiment(activation: LeakyReLU(negativeSlope: 0.01), seed: nb.seed, settings: settings)
        func count(_ units: Int) -> String { "\(units) of \(settings.hidden)" }
        let early = min(10, settings.steps)
        func loss(_ value: Float) -> String { String(format: "%.4f", value) }
        nb.table(headers: ["hidden units with input ≤ 0 on the whole batch", "ReLU", "LeakyReLU"], rows: [
            ["at the start", count(relu.deadAtStart.count), count(leaky.deadAtStart.count)],
            ["after the step with lr \(format(settings.badLearningRate))",
             count(relu.deadAfterBadStep.count), count(leaky.deadAfterBadStep.count)],
            ["after \(early) more steps with lr \(format(settings.learningRate))",
             count(relu.deadPerStep[early - 1]), count(leaky.deadPerStep[early - 1])],
            ["after \(settings.steps) more steps", count(relu.deadAfterTraining.count),
             count(leaky.deadAfterTraining.count)],
        ])
        nb.table(headers: ["", "ReLU", "LeakyReLU"], rows: [
            ["loss at the start", loss(relu.losses.start), loss(leaky.losses.start)],
            ["loss after the step with lr \(format(settings.badLearningRate))",
             loss(relu.losses.afterBadStep), loss(leaky.losses.afterBadStep)],
            ["loss after \(settings.steps) more steps", loss(relu.losses.afterTraining), loss(leaky.losses.afterTraining)],
            ["units whose weight.grad row is all 0, at the end", count(relu.unitsWithoutGradient),
             count(leaky.unitsWithoutGradient)],
        ])
        nb.text("""
            The big step blows the loss up, and a big loss has big gradients: the big step \
            itself, or the next few steps (sensible as their learning rate is), throw some \
            biases far below zero, and those units die. The loss recovers, with what is left \
            of the network. Are the dead ReLU units gone for good? Train \
            \(settings.extraSteps) steps more and compare their weights before and after:
            """)
        nb.show("dead ReLU units", relu.deadAfterTraining)
        nb.show("their weights unchanged by \(settings.extraSteps) more steps", relu.deadWeightsUnchanged)
        nb.show("dead ReLU units after them", relu.deadAfterExtraSteps)
        nb.text("""
            Exactly unchanged: a zero gradient moves nothing, and nothing can bring them back. \
            With LeakyReLU the same kind of units sit on the negative side, but every one of \
            them still passes back 1% of its gradient: no unit is cut off, and each can still \
            learn its way back if the loss asks for it. Moderate learning rates, a sensible \
            initialisation, and leaky variants are the usual defences.
            """)
        nb.log(["dead_relu_units": relu.deadAfterTraining.count, "relu_units_without_gradient": relu.unitsWithoutGradient,
                "leaky_units_without_gradient": leaky.unitsWithoutGradient])
    }

    // MARK: - Helpers

    /// A learning rate as the lesson writes it: 3, 0.01.
    func format(_ value: Float) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// A table of `activation` at `points`: f(x), the slope from autograd and from the formula.
    func derivativeTable(_ nb: Notebook, _ activation: Activation, _ points: [Float]) {
        let c = curve(of: activation, on: points)
        nb.table(headers: ["x", activation.name, "slope by backward()", activation.derivativeFormula],
                 rows: points.indices.map { i in
                     [String(format: "%.1f", c.x[i]), String(format: "%.4f", c.y[i]),
                      String(format: "%.4f", c.slope[i]), String(format: "%.4f", c.closedForm[i])]
                 })
    }
}

/// Two Linear layers with nothing between them, and the single Linear layer they amount to:
/// the largest difference between their outputs on 5 random inputs, and the single weight.
func collapsedLinearLayers(seed: UInt64) -> (difference: Float, weight: Tensor) {
    withSeed(seed) {
        let first = Linear(3, 4), second = Linear(4, 2)
        let x = Tensor.randn([5, 3])
        return noGrad {
            let stacked = second(first(x))
            let weight = second.weight.matmul(first.weight)
            let bias = second.weight.matmul(first.bias!.reshape(4, 1)).reshape(2) + second.bias!
            let single = x.matmul(weight.t()) + bias
            return ((stacked - single).abs().max().item(), weight)
        }
    }
}
