import Foundation
import Notebook
import Plot
import Torchlet

/// Lesson 02: activation functions.
///
/// Read this file next to its output (`swift run Lesson02`): each `nb.code()` prints the lines
/// that run right below it, and `nb.show(x)` prints `x = ...`. Two listings come from the files
/// beside this one, each printed from where it is written: the chain of section 7
/// (VanishingGradients.swift) and the dying-ReLU experiment of section 8 (DyingReLU.swift).
/// Every derivative the lesson prints comes from `backward()` and stands next to the formula
/// worked out by hand.
@main
struct Lesson02: ParsableCommand {
    @OptionGroup var common: CommonOptions

    func run() {
        let nb = Notebook(lesson: "Lesson02", title: "Activation functions", options: common)
        teach(nb)
        nb.finish()
    }

    /// The whole lesson, section by section (the tests run it into a capture).
    func teach(_ nb: Notebook) {
        whyABend(nb)
        sigmoid(nb)
        tanh(nb)
        rectifiers(nb)
        softmax(nb)
        overview(nb)
        vanishingGradients(nb)
        dyingReLU(nb)
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
    }

    /// The points of the overview's curves on [-5, 5]: fewer with `--quick`.
    static func gridSteps(quick: Bool) -> Int { quick ? 41 : 201 }

    // MARK: - 1. Why a bend

    func whyABend(_ nb: Notebook) {
        nb.section("Why a network needs activation functions")
        nb.text("""
            A layer computes y = f(w·x + b): an affine map w·x + b, then an activation function f \
            applied to every number. Without f, stacking layers buys nothing: a linear map of a \
            linear map is one linear map. Two Linear layers, 3 → 4 → 2, are exactly one Linear \
            layer 3 → 2 with weight W₂W₁ and bias W₂b₁ + b₂. Try it on 5 random inputs:
            """)
        nb.code()
        let first = Linear(3, 4), second = Linear(4, 2)
        let x = Tensor.randn([5, 3])
        let stacked = second(first(x))
        let weight = second.weight.matmul(first.weight)  // [2, 3]
        let bias = second.weight.matmul(first.bias!.reshape(4, 1)).reshape(2) + second.bias!
        let single = x.matmul(weight.t()) + bias
        nb.show(weight)
        nb.show((stacked - single).abs().max())
        let difference = (stacked - single).abs().max().item()
        nb.claim(difference < 1e-5, "the stacked layers and the single layer give the same outputs, up to rounding")
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
        nb.code()
        let x = Tensor([-5.0, -1, 0, 1, 5], requiresGrad: true)
        let y = Sigmoid()(x)
        nb.show(y)
        nb.text("""
            Its derivative has a tidy form. With σ = (1 + e⁻ˣ)⁻¹ the chain rule gives
                σ'(x) = e⁻ˣ / (1 + e⁻ˣ)² = σ(x) · (1 - σ(x))
            so the slope comes straight from the output. Autograd does not know this formula by \
            name; it applies the local rule of the sigmoid node. Since each yᵢ depends only on \
            xᵢ, one backward() from y.sum() fills x.grad with dyᵢ/dxᵢ at every point:
            """)
        nb.code()
        y.sum().backward()
        nb.show(x.grad)
        let slopes = derivativeTable(nb, Activation.sigmoid, x: x, y: y)
        nb.claim(slopes[2] == 0.25 && slopes.allSatisfy { $0 <= 0.25 } && slopes[0] < 0.01 && slopes[4] < 0.01,
                 "the sigmoid's slope is largest at 0, where it is 1/4, and nearly 0 at ±5")
        nb.text("""
            The slope is largest at 0, where it is σ(0)(1 - σ(0)) = 0.5 · 0.5 = 1/4, and is \
            nearly 0 once |x| reaches 5: there the sigmoid is saturated, and a gradient \
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
        nb.code()
        let x = Tensor([-5.0, -1, 0, 1, 5], requiresGrad: true)
        let y = Tanh()(x)
        nb.show(y)
        nb.show(noGrad { 2 * (2 * x).sigmoid() - 1 })
        nb.code()
        y.sum().backward()
        nb.show(x.grad)
        let slopes = derivativeTable(nb, Activation.tanh, x: x, y: y)
        nb.claim(slopes[2] == 1 && slopes[0] < 0.001 && slopes[4] < 0.001,
                 "tanh's slope is 1 at 0 and nearly 0 at ±5")
    }

    // MARK: - 4. ReLU, LeakyReLU, PReLU

    func rectifiers(_ nb: Notebook) {
        nb.section("ReLU and its leaky cousins")
        nb.text("""
            The rectified linear unit is almost too simple:
                ReLU(x) = max(0, x),     slope 1 for x > 0 and 0 for x < 0
            Its outputs lie in [0, ∞). For positive inputs the slope is exactly 1, so a gradient \
            goes through undiminished however many layers there are, and it costs one comparison \
            instead of an exponential. That is why it is the default in hidden layers. At x = 0 \
            the slope is undefined; PyTorch (and Torchlet) use 0.
            """)
        nb.code()
        let x = Tensor([-5.0, -1, 0, 1, 5], requiresGrad: true)
        let relu = ReLU()(x)
        relu.sum().backward()

        let reluSlopes = derivativeTable(nb, Activation.relu, x: x, y: relu)
        nb.claim(reluSlopes == [0, 0, 0, 1, 1], "ReLU's slope is 0 for x ≤ 0 and 1 for x > 0")
        nb.text("""
            The flat left half is ReLU's weakness: a unit whose input is negative passes back a \
            gradient of exactly 0 (section 8 shows what that does). LeakyReLU keeps a small \
            slope there, 0.01 by default, so the gradient is small but never 0:
                LeakyReLU(x) = x for x > 0,   0.01 · x otherwise
            The same x again; backward() adds into x.grad, so clear ReLU's slopes first:
            """)
        nb.code()
        x.zeroGrad()
        let leaky = LeakyReLU(negativeSlope: 0.01)(x)
        leaky.sum().backward()

        derivativeTable(nb, Activation.leakyReLU, x: x, y: leaky)
        nb.text("""
            PReLU (parametric ReLU) goes one step further: the slope a on the left is a \
            parameter, learned like a weight. It starts at 0.25.
            """)
        nb.code()
        x.zeroGrad()
        let prelu = PReLU()
        let y = prelu(x)
        y.sum().backward()
        nb.show(prelu)
        nb.show(prelu.weight)
        derivativeTable(nb, Activation.prelu, x: x, y: y)
        nb.text("""
            Being a parameter, a gets a gradient of its own from the same backward(). Each input \
            with x ≤ 0 gives y = a · x, so dy/da = x there (and 0 where x > 0), and for y.sum() \
            a.grad is the sum of the inputs that are ≤ 0, here -5 + (-1) + 0 = -6:
            """)
        nb.show(prelu.weight.grad)
        nb.claim(prelu.weight.grad?.scalars == [-6], "a.grad is -6, the sum of the inputs ≤ 0")
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
        nb.code()
        let softmax = Softmax(dim: 1)
        let scores = Tensor([[-0.2528, -0.3826, -1.0988]])
        nb.show(softmax(scores))
        nb.show(softmax(scores).sum(dim: 1))
        let probabilities = softmax(scores).scalars
        nb.claim(zip(probabilities, [0.4334, 0.3806, 0.1860] as [Float]).allSatisfy { abs($0 - $1) < 1e-4 },
                 "the probabilities are the tutorial's")
        nb.claim(probabilities[0] > probabilities[1] && probabilities[1] > probabilities[2],
                 "the order of the scores is kept")
        nb.text("""
            The largest score gets the largest probability, and the order is kept. Now a random \
            batch of 4 rows of 5 scores:
            """)
        nb.code()
        let batch = Tensor.randn([4, 5])
        let p = softmax(batch)
        nb.show(batch)
        nb.show(p)
        nb.show(p.sum(dim: 1))
        let rowSumError = p.sum(dim: 1).scalars.map { abs($0 - 1) }.max() ?? 0
        nb.claim(rowSumError < 1e-5, "every row of p sums to 1")
        nb.text("""
            With two scores [x, 0], softmax's first entry is eˣ / (eˣ + e⁰) = 1 / (1 + e⁻ˣ) = σ(x): \
            the sigmoid is the two-class softmax. (The last panel of the figure in section 6 draws \
            it, with its derivative from autograd through Softmax.)

            Now try large scores. Written as the formula reads, softmax breaks:
            """)
        nb.code()
        let x = Tensor([1000.0, 1001, 1002])
        let naive = x.exp() / x.exp().sum()
        nb.show(x.exp())
        nb.show(naive)
        nb.claim(naive.scalars.allSatisfy(\.isNaN), "the naive softmax of [1000, 1001, 1002] is nan")
        nb.text("""
            A Float holds at most about 3.4·10³⁸ ≈ e^88.7, so e¹⁰⁰⁰ is inf and inf / inf is nan. \
            The cure is one line of algebra: multiply the top and the bottom by e⁻ᵐ for any \
            number m, and nothing changes,
                exp(xᵢ) / Σⱼ exp(xⱼ) = exp(xᵢ - m) / Σⱼ exp(xⱼ - m)
            so softmax(x) = softmax(x - m). Choose m = max x: every exponent is then ≤ 0, every \
            exp is at most 1, the largest is exactly 1 and the sum is at least 1. No overflow, no \
            division by 0.
            """)
        nb.show(x - x.max())
        nb.show((x - x.max()).exp())
        nb.show(Softmax(dim: 0)(x))
        nb.show(Softmax(dim: 0)(Tensor([0.0, 1, 2])))
        let same = zip(Softmax(dim: 0)(x).scalars, Softmax(dim: 0)(Tensor([0.0, 1, 2])).scalars)
            .allSatisfy { abs($0 - $1) < 1e-6 }
        nb.claim(same, "[1000, 1001, 1002] and [0, 1, 2] give the same probabilities")
        nb.text("""
            The engine's softmax (like PyTorch's) subtracts the max for you. Only the differences \
            between scores matter: [1000, 1001, 1002] and [0, 1, 2] give the same probabilities. \
            Exercise 2.3 asks you to write this stable softmax yourself.
            """)
        nb.log(["softmax_row_sum_max_error": rowSumError])
    }

    // MARK: - 6. Overview

    func overview(_ nb: Notebook) {
        nb.section("All of them side by side")
        let steps = Self.gridSteps(quick: nb.quick)
        nb.text("""
            Here is each activation on \(steps) points from -5 to 5, with its derivative from \
            one backward() (dashed). The table checks every slope against the formula worked out \
            by hand, at every point of the grid.
            """)
        let points = grid(steps: steps)
        let activations = Activation.elementwise
        let curves = activations.map { curve(of: $0, on: points) } + [softmaxOfTwoCurve(on: points)]
        let panelTitles = ["Sigmoid", "Tanh", "ReLU", "LeakyReLU (slope 0.01)", "PReLU (a = 0.25)",
                           "Softmax([x, 0])[0]"]
        var figure = Figure("activations", title: "Activation functions (solid) and their derivatives from autograd (dashed)",
                            columns: 3)
        for (title, c) in zip(panelTitles, curves) {
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
        nb.table(headers: ["activation", "range", "min on grid", "max on grid", "largest slope", "autograd error"],
                 rows: curves.indices.map { i in
                     let c = curves[i]
                     return [shortNames[i], ranges[i], fixed(c.y.min() ?? 0), fixed(c.y.max() ?? 0),
                             "\(fixed(c.steepest.slope)) at \(fixed(c.steepest.at, 2))",
                             String(format: "%.1e", c.largestDifference)]
                 })
        let largestError = curves.map(\.largestDifference).max() ?? 0
        let firstPositive = points.first { $0 > 0 } ?? 0
        nb.claim(largestError < 1e-6, "autograd and the formulas agree to Float rounding at every grid point")
        nb.claim(curves[2...4].allSatisfy { $0.steepest.slope == 1 && $0.steepest.at == firstPositive },
                 "the rectifiers reach their largest slope, 1, at the first positive grid point")
        nb.text("""
            The last column is the largest |autograd - formula| over the grid: they agree to \
            Float rounding everywhere. The rectifiers reach their largest slope, 1, at the first \
            positive grid point, \(fixed(firstPositive, 2)), and keep it from there on. Read the \
            slopes as what each activation does to a gradient passing through it backwards: \
            the sigmoid passes at most a quarter, tanh at most all of it, the rectifiers all of it \
            on the right and nothing (ReLU), 1% (LeakyReLU) or a (PReLU) on the left.
            """)
        nb.log(["largest_autograd_error": largestError])
    }

    // MARK: - 7. Vanishing gradients

    func vanishingGradients(_ nb: Notebook) {
        nb.section("Vanishing gradients")
        nb.text("""
            In a deep network a gradient travels back through one activation per layer, and the \
            chain rule multiplies their slopes. Strip the layers down to the activations alone \
            and take d/dx of σ(σ(…σ(x)…)) with n sigmoids:
                d/dx = σ'(x) · σ'(σ(x)) · σ'(σ(σ(x))) · …      (n factors, each at most 1/4)
            so the gradient shrinks at least fourfold per sigmoid. Here it is at x = 1, by \
            autograd (chainGradient, in VanishingGradients.swift), next to the same chains of \
            tanh and of ReLU:
            """)
        nb.code(file: chainGradientListing.file, line: chainGradientListing.line)
        nb.code()
        let depths = Array(1...10)
        let sigmoidChain = depths.map { chainGradient(of: Sigmoid(), depth: $0, at: 1) }
        let tanhChain = depths.map { chainGradient(of: Tanh(), depth: $0, at: 1) }
        let reluChain = depths.map { chainGradient(of: ReLU(), depth: $0, at: 1) }

        let shrink = zip(sigmoidChain, sigmoidChain.dropFirst()).map { $0 / $1 }  // depth n-1 over depth n
        nb.table(headers: ["depth n", "sigmoid chain d/dx", "smaller by", "tanh chain d/dx", "ReLU chain d/dx"],
                 rows: depths.indices.map { i in
                     ["\(depths[i])", String(format: "%.3e", sigmoidChain[i]),
                      i == 0 ? "" : "×" + fixed(shrink[i - 1], 2), fixed(tanhChain[i]), fixed(reluChain[i])]
                 })
        for i in depths.indices {
            nb.log(["depth": depths[i], "sigmoid_chain_grad": sigmoidChain[i],
                    "tanh_chain_grad": tanhChain[i], "relu_chain_grad": reluChain[i]])
        }
        // The inputs of the sigmoids after the first: σ(1), σ(σ(1)), ...
        let inputs = (1..<depths.last!).map { n in (0..<n).reduce(Float(1)) { h, _ in 1 / (1 + Foundation.exp(-h)) } }
        let remaining = sigmoidChain.last!
        let slopes = inputs.map { h -> Float in
            let s = 1 / (1 + Foundation.exp(-h))
            return s * (1 - s)
        }
        nb.claim(slopes.allSatisfy { abs($0 - 0.22) < 0.01 }, "past the first sigmoid the slope is about 0.22")
        nb.claim(shrink.allSatisfy { $0 >= 4 } && shrink.dropFirst().allSatisfy { abs($0 - 4.5) < 0.1 },
                 "each sigmoid divides the gradient by at least 4, about 4.5 past the first")
        nb.claim(remaining < 1e-6, "after \(depths.count) sigmoids less than a millionth of the gradient is left")
        nb.claim(tanhChain.last! > 1000 * remaining && reluChain.allSatisfy { $0 == 1 },
                 "tanh loses much less, and ReLU passes the gradient through unchanged")
        nb.text("""
            Each sigmoid divides the gradient by about 4.5: past the first one its input is an \
            earlier sigmoid's output, between \(fixed(inputs.min() ?? 0, 2)) and \
            \(fixed(inputs.max() ?? 0, 2)), where the slope is about 0.22. After \(depths.count) \
            sigmoids \(String(format: "%.1e", remaining)) of the gradient is left, less than a \
            millionth: in a deep sigmoid network the first layers barely learn. tanh loses \
            much less (its slope is near 1 when its input is near 0, and the chain pulls the \
            input towards 0); ReLU passes a positive input's gradient through unchanged, at any \
            depth.
            """)
        if nb.trace {
            nb.text("With --trace, the backward pass through three sigmoids, node by node; watch g shrink:")
            nb.code()
            let x = Tensor(1, requiresGrad: true).labeled("x")
            let h1 = Sigmoid()(x).labeled("h1")
            let h2 = Sigmoid()(h1).labeled("h2")
            let h3 = Sigmoid()(h2).labeled("h3")
            nb.display(h3.backwardTrace())
        } else {
            nb.note("run with --trace to watch the backward pass through three sigmoids, node by node.")
        }
        let bound = depths.map { pow(0.25, Double($0)) }
        let n = depths.map(Double.init)
        nb.plot(Figure("vanishing-gradients", title: "d/dx through a chain of n activations, at x = 1")
            .xLabel("depth n (activations in the chain)").yLabel("gradient (log scale)")
            .logScale(.y).xRange(1...Double(depths.count)).yRange(1e-8...3)
            .gnuplot("set format y '%.0e'")
            .line(n, sigmoidChain, label: "sigmoid")
            .line(n, tanhChain, label: "tanh")
            .line(n, reluChain, label: "ReLU")
            .line(n, bound, label: "(1/4)ⁿ, the sigmoid's bound", style: .dashed)
            .legend(.bottomLeft))
    }

    // MARK: - 8. Dying ReLU

    func dyingReLU(_ nb: Notebook) {
        let settings = DyingUnitsExperiment.Settings(quick: nb.quick)
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
            \(settings.badLearningRate), where \(settings.learningRate) would be sensible, \
            followed by \(settings.steps) sensible steps. The same network, from the same \
            starting weights, runs once with ReLU and once with LeakyReLU(negativeSlope: 0.01). \
            The experiment is DyingUnitsExperiment, in DyingReLU.swift; here is the call, and \
            then the code it runs:
            """)
        nb.code()
        var relu = DyingUnitsExperiment(activation: ReLU(), seed: nb.seed, settings: settings,
                                        showingCodeIn: nb)
        let leaky = DyingUnitsExperiment(activation: LeakyReLU(negativeSlope: 0.01),
                                         seed: nb.seed, settings: settings)

        func count(_ units: [Int]) -> String { "\(units.count) of \(settings.hidden)" }
        let early = min(10, settings.steps)
        let cutOff = (relu: relu.unitsWithoutGradient(), leaky: leaky.unitsWithoutGradient())
        nb.table(headers: ["hidden units with input ≤ 0 on the whole batch", "ReLU", "LeakyReLU"], rows: [
            ["at the start", count(relu.deadAtStart), count(leaky.deadAtStart)],
            ["after the step with lr \(settings.badLearningRate)", count(relu.deadAfterBadStep), count(leaky.deadAfterBadStep)],
            ["after \(early) more steps with lr \(settings.learningRate)",
             count(relu.dead(afterSteps: early)), count(leaky.dead(afterSteps: early))],
            ["after \(settings.steps) more steps", count(relu.deadAfterTraining), count(leaky.deadAfterTraining)],
        ])
        nb.table(headers: ["", "ReLU", "LeakyReLU"], rows: [
            ["loss at the start", fixed(relu.losses.start), fixed(leaky.losses.start)],
            ["loss after the step with lr \(settings.badLearningRate)",
             fixed(relu.losses.afterBadStep), fixed(leaky.losses.afterBadStep)],
            ["loss after \(settings.steps) more steps", fixed(relu.losses.afterTraining), fixed(leaky.losses.afterTraining)],
            ["units whose weight.grad row is all 0, at the end", "\(cutOff.relu) of \(settings.hidden)",
             "\(cutOff.leaky) of \(settings.hidden)"],
        ])
        nb.text(Self.dyingStory(relu, extraSteps: settings.extraSteps))
        nb.code()
        let dead = relu.deadAfterTraining
        let weightsBefore = relu.first.weight.detach()
        relu.train(steps: settings.extraSteps)
        let unchanged = dead.allSatisfy { unit in
            relu.first.weight[unit].scalars == weightsBefore[unit].scalars
        }
        nb.show(dead)
        nb.show(unchanged)
        nb.show(relu.deadNow)
        let diverged = !relu.losses.afterTraining.isFinite
        nb.claim(diverged || (unchanged && Set(dead).isSubset(of: relu.deadNow)),
                 "the dead units' weights stay exactly as they were")
        nb.claim(diverged || cutOff.leaky == 0, "every LeakyReLU unit still gets a gradient")
        let newlyDead = relu.deadNow.count - dead.count
        let more = newlyDead <= 0 ? "" : dead.isEmpty ? " (though \(newlyDead) died during those extra steps)"
            : " (and \(newlyDead) more died during those steps)"
        let leakyUnits = leaky.deadAfterTraining.isEmpty
            ? "With LeakyReLU a unit whose input is ≤ 0 for the whole batch"
            : leaky.deadAfterTraining.count == 1
            ? "With LeakyReLU the same kind of unit (1 here) sits on the negative side, but it"
            : "With LeakyReLU the same kind of units (\(leaky.deadAfterTraining.count) here) sit on the negative side, but every one of them"
        let opening = diverged ? "With numbers gone, nothing is left to compare." : dead.isEmpty ? "No unit to check in this run\(more). When one does die, its weights stay "
            + "exactly as they were: a zero gradient moves nothing, and nothing can bring the unit back."
            : "Exactly unchanged: a zero gradient moves nothing, and nothing can bring "
                + (dead.count == 1 ? "it" : "them") + " back\(more)."
        nb.text("""
            \(opening) \(leakyUnits) still passes back 1% of its gradient: no unit is cut off, \
            and each can still learn its way back if the loss asks for it. Moderate learning \
            rates, a sensible initialisation, and leaky variants are the usual defences.
            """)
        nb.log(["dead_relu_units": dead.count, "relu_units_without_gradient": cutOff.relu,
                "leaky_units_without_gradient": cutOff.leaky])
    }

    // MARK: - Helpers

    /// What the big step did in section 8's ReLU run, told from its numbers: how far the loss
    /// jumped, how many units died, whether the loss recovered.
    static func dyingStory(_ relu: DyingUnitsExperiment, extraSteps: Int) -> String {
        let (start, afterBadStep, afterTraining) = relu.losses
        let jump = afterBadStep > 2 * start
            ? "The big step blows the loss up, from \(fixed(start)) to \(fixed(afterBadStep)), and a big loss has big gradients"
            : "The big step raises the loss from \(fixed(start)) to \(fixed(afterBadStep)), and the gradients grow with it"
        guard afterTraining.isFinite else {
            return """
                \(jump), so big that the sensible steps after it could not undo it: the loss ended \
                as \(afterTraining), the weights are no longer numbers, and what follows means \
                little in this run. A learning rate far too large can do this to any network, \
                ReLU or not. The check meant for the dead units, \(extraSteps) steps more and \
                their weights compared before and after:
                """
        }
        let died = relu.deadAfterTraining.filter { !relu.deadAtStart.contains($0) }.count
        let rest = died > 0 ? ", with what is left of the network" : ""
        let recovery = afterTraining < start
            ? "The loss recovers, to \(fixed(afterTraining))\(rest)."
            : "The loss ends at \(fixed(afterTraining))\(rest)."
        guard died > 0 else {
            return """
                \(jump), yet in this run no unit died: no step pushed a unit's input to ≤ 0 for \
                the whole batch. Dying is a matter of chance, and another --seed may show it. \
                \(recovery) The check that would show a dead unit staying dead, \(extraSteps) \
                steps more and its weights compared before and after, runs on an empty list here:
                """
        }
        let units = died == 1 ? "a unit's input to ≤ 0 for the whole batch, and that unit dies"
            : "some units' inputs to ≤ 0 for the whole batch, and those \(died) units die"
        return """
            \(jump): the big step itself, or the next few steps (sensible as their learning \
            rate is), push \(units). \
            \(recovery) Is the dead ReLU unit\(died == 1 ? "" : "s") gone for good? Train \(extraSteps) \
            steps more and compare \(died == 1 ? "its" : "their") weights before and after:
            """
    }

    /// A table of `activation` at the points of `x`, after `y.sum().backward()`: f(x), the
    /// slope that backward() left in x.grad, and the slope from the formula. Returns the slopes.
    @discardableResult
    func derivativeTable(_ nb: Notebook, _ activation: Activation, x: Tensor, y: Tensor) -> [Float] {
        let points = x.scalars, values = y.scalars, slopes = x.grad!.scalars
        nb.table(headers: ["x", activation.name, "slope by backward()", activation.derivativeFormula],
                 rows: points.indices.map { i in
                     [fixed(points[i], 1), fixed(values[i]), fixed(slopes[i]), fixed(activation.closedForm(points[i]))]
                 })
        return slopes
    }
}
