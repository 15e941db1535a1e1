import Foundation
import Notebook
import Plot
import Torchlet

/// Lesson 08: optimizers compared.
///
/// Read this file next to its output (`swift run Lesson08`). The computations live in
/// Ravine.swift (the 2-D loss surface and each optimizer's walk on it), TwoMoons.swift (the small
/// network) and OptimizerChoice.swift (the six optimizers and their learning rates).
@main
struct Lesson08: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Lesson08",
        abstract: "Optimizers compared: SGD, momentum, Nesterov, Adagrad, RMSprop and Adam.",
        discussion: """
            Gradient descent and the training step; each optimizer's update rule; their paths \
            down a narrow valley drawn over the loss surface; Adam's bias correction; learning \
            rates too small and too large (a diverging run is stopped); and the six optimizers \
            training the same small network on two moons, loss curves side by side. Runs in \
            about 2 seconds (--quick: under a second).
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: ArgumentHelp(
        "Optimizers to train the network with: all, or names separated by commas from "
            + "sgd, momentum, nesterov, adagrad, rmsprop, adam.",
        valueName: "names"))
    var optimizer = "all"

    @Option(help: ArgumentHelp(
        "Learning rate for every optimizer on the network (default: each one's own, 0.1 or 0.01).",
        valueName: "rate"))
    var lr: Float?

    @Option(help: "Epochs of training on the network (default 40; 8 with --quick).")
    var epochs: Int?

    func validate() throws {
        _ = try OptimizerChoice.parseList(optimizer)
        if let lr, !(lr.isFinite && lr > 0) {
            throw ValidationError("--lr: the learning rate must be a positive number such as 0.1, but got \(lr)")
        }
        if let epochs, !(1...1000).contains(epochs) {
            throw ValidationError("--epochs: give a number of epochs from 1 to 1000, but got \(epochs)")
        }
    }

    func run() throws {
        let nb = Notebook(lesson: "Lesson08", title: "Optimizers compared", options: common)
        gradientDescent(nb)
        ravine(nb)
        momentum(nb)
        adaptive(nb)
        allPaths(nb)
        learningRates(nb)
        network(nb, optimizers: try OptimizerChoice.parseList(optimizer), epochs: epochs ?? (nb.quick ? 8 : 40))
        exercises(nb)
        nb.section("What's next")
        nb.text("""
            Every optimizer here runs the same loop: zeroGrad(), loss, backward(), step(). Only \
            step() differs, and each step() is a few lines of arithmetic on the gradient and some \
            remembered numbers. Which one to use? Adam with lr 0.001 to 0.01 is the usual first \
            try, because it forgives a badly scaled problem; SGD with momentum, given a well chosen \
            learning rate (often with a schedule such as StepLR or CosineAnnealingLR that lowers \
            it over time), is still what many of the best image models are trained with.

            Try: `swift run Lesson08 --optimizer sgd,adam --lr 0.5` (one learning rate for both), \
            `--lr 20` (watch the losses grow instead of falling), `--epochs 200`, or `--seed 7` for other \
            moons and other first weights.
            """)
        nb.finish()
    }

    // MARK: - 1. Gradient descent

    func gradientDescent(_ nb: Notebook) {
        nb.section("Gradient descent: the rule under every optimizer")
        nb.text("""
            Training a network means finding weights w that make the error E(w) small. The \
            gradient dE/dw points uphill, the way E grows fastest; so step the other way, a little:

                w(t+1) = w(t) − α · dE/dw(t)          α: the learning rate, how far to step

            PyTorch calls the thing that takes this step an optimizer, and every training loop \
            has the same four lines, whichever optimizer it uses:

                optimizer.zeroGrad()                   clear the last step's gradients
                let loss = lossFunction(model(x), y)   forward: how wrong are we?
                loss.backward()                        every weight gets its dE/dw
                optimizer.step()                       every weight moves

            Plain gradient descent (SGD) is the rule above and nothing else. The other optimizers \
            of torch.optim (momentum, Nesterov, Adagrad, RMSprop, Adam) change only what step() \
            does with the gradient. This lesson puts them side by side, first on a loss with two \
            weights, where we can draw every step, then on a small network.

            The two weights are a point p = (x, y), and the loss is
                f(x, y) = 0.01·x² + y²
            Its gradient is (0.02·x, 2·y) and its minimum f = 0 is at (0, 0). Start at (−8, 2.5), \
            where f = 0.64 + 6.25 = 6.89:
            """)
        nb.code("""
            let p = Tensor([-8, 2.5], requiresGrad: true)
            let loss = (Tensor([0.01, 1]) * p.pow(2)).sum()      // f(x, y)
            loss.backward()
            """)
        let p = Tensor(Ravine.start, requiresGrad: true).labeled("p")
        let loss = Ravine.loss(p).labeled("f")
        nb.show("loss", loss)
        if nb.trace {
            nb.show(loss.backwardTrace())
        } else {
            loss.backward()
        }
        nb.show("p.grad", p.grad)
        nb.text("""
            By hand: 0.02 · (−8) = −0.16 and 2 · 2.5 = 5. One step of SGD with α = 0.65 moves p to
                (−8 − 0.65 · (−0.16), 2.5 − 0.65 · 5) = (−7.896, −0.75)
            and SGD's step() does exactly that:
            """)
        nb.code("""
            let optimizer = SGD([p], lr: 0.65)
            optimizer.step()
            """)
        let sgd = SGD([p], lr: 0.65)
        sgd.step()
        nb.show("p", p)
        nb.show("f(p)", noGrad { Ravine.loss(p) })
    }

    // MARK: - 2. The ravine

    func ravine(_ nb: Notebook) {
        nb.section("A narrow valley, and why plain gradient descent struggles in it")
        nb.text("""
            The loss went down from 6.89 to 1.19, but look at how: y jumped from 2.5 right across \
            the valley to −0.75, while x barely moved (−8 to −7.896). f is a ravine: along y it \
            is 100 times steeper than along x. That is the common case in a real network, whose \
            weights matter to the loss in very different measures.

            Each SGD step multiplies y by (1 − 2α) and x by (1 − 0.02α). For y not to blow up, \
            |1 − 2α| must stay below 1, so α < 1. With α = 0.65, y flips sign and shrinks by 0.3 \
            each step (the zig-zag across the valley), but x keeps 98.7 % of its distance each \
            step: it crawls along the floor. A larger α would cross the valley wildly, a smaller \
            one would crawl even slower. One learning rate cannot suit both directions.
            """)
        let run = descend(.sgd)
        nb.code("descend(.sgd)     // 60 steps of SGD(lr: 0.65) from (−8, 2.5): the loop above, repeated")
        nb.table(headers: ["step", "x", "y", "f(x, y)"], rows: [0, 1, 2, 3, 4, 10, 30, 60].map { step in
            [String(step), fixed(run.path[step][0]), fixed(run.path[step][1]), fixed(run.losses[step])]
        })
        nb.text("""
            After 60 steps y is 0 for all practical purposes and x is still at \
            \(fixed(run.path.last![0], 2)). The rest of the loss is the valley's floor, where the \
            gradient is small and SGD's steps with it.
            """)
    }

    // MARK: - 3. Momentum

    func momentum(_ nb: Notebook) {
        nb.section("Momentum and Nesterov: remember where you were going")
        nb.text("""
            A ball rolling down this valley would not stop at each step to look for the slope: it \
            would keep its speed along the floor, where the slope always points the same way, \
            while its sideways swings cancel out. Momentum gives SGD that memory, a buffer b that \
            adds up past gradients (μ = 0.9 keeps 90 % of it each step). Torchlet's SGD, like \
            PyTorch's, does (γ the learning rate, τ the dampening, 0 by default):

                b ← g                            on the first step
                b ← μ·b + (1 − τ)·g              after that
                g ← g + μ·b                      with nesterov: true (look ahead along b)
                g ← b                            otherwise
                θ ← θ − γ·g

            Along the floor every gradient points the same way, so b grows towards g / (1 − μ): \
            ten times the step. Nesterov's version steps with g + μ·b, the gradient plus where \
            the buffer is about to carry it, so it feels a change of slope one step earlier and \
            brakes sooner.
            """)
        let runs = [OptimizerChoice.sgd, .momentum, .nesterov].map { descend($0) }
        nb.code("""
            SGD([p], lr: 0.65)
            SGD([p], lr: 0.65, momentum: 0.9)
            SGD([p], lr: 0.65, momentum: 0.9, nesterov: true)
            """)
        nb.table(headers: ["optimizer", "x after 10 steps", "x after 30", "x after 60", "f after 60"],
                 rows: runs.map { run in
                     [run.optimizer.title, fixed(run.path[10][0], 3), fixed(run.path[30][0], 3),
                      fixed(run.path[60][0], 3), fixed(run.finalLoss)]
                 })
        nb.text("""
            Same learning rate, same 60 steps: momentum ends ten times closer to the minimum than \
            plain SGD. It pays for its speed in two ways. It overshoots: its x runs past 0 and \
            swings back, a ball rolling up the other side of the valley. And the memory that \
            carries it along the floor also carries its swings across the valley: SGD's zig-zag \
            dies out in a few steps, momentum's lasts the whole run (see the figure below). \
            Nesterov brakes sooner and ends closest.
            """)
        nb.note("""
            momentum changes which learning rates are safe. Across the valley, plain SGD needs \
            γ·2 < 2; with momentum 0.9 it is γ·2 < 3.8, and with Nesterov γ·2 < 1.36. So with \
            γ = 0.65 all three are stable, but at γ = 0.9 Nesterov would diverge.
            """)
    }

    // MARK: - 4. Adaptive step sizes

    func adaptive(_ nb: Notebook) {
        nb.section("Adagrad, RMSprop, Adam: a step size for every weight")
        nb.text("""
            Momentum still uses one learning rate for every weight. The other way out of the \
            ravine is to give each weight its own: divide its gradient by the size of its recent \
            gradients. Then a steep direction (large gradients) takes small steps and a flat one \
            large steps, and both move at about the same pace. The rules, all elementwise (ε is a \
            tiny number that keeps the division safe):

                Adagrad   s ← s + g²                   the sum of all squared gradients so far
                          θ ← θ − γ · g / (√s + ε)

                RMSprop   v ← α·v + (1 − α)·g²         a running mean instead (α = 0.99): it forgets
                          θ ← θ − γ · g / (√v + ε)

                Adam      m ← β₁·m + (1 − β₁)·g        momentum, as a running mean (β₁ = 0.9)
                          v ← β₂·v + (1 − β₂)·g²       RMSprop's v (β₂ = 0.999)
                          m̂ ← m / (1 − β₁ᵗ)            bias corrections (t = the step number)
                          v̂ ← v / (1 − β₂ᵗ)
                          θ ← θ − γ · m̂ / (√v̂ + ε)

            Adagrad's s only grows, so its steps fade over time; RMSprop lets old gradients go. \
            Adam is RMSprop with momentum added.

            Why Adam's bias correction? m and v start at 0, so after one step m = 0.1·g and \
            v = 0.001·g²: far too small, pulled towards their starting 0. Dividing by 1 − 0.9¹ = 0.1 \
            and 1 − 0.999¹ = 0.001 gives back m̂ = g and v̂ = g², so the first step is \
            γ · g / |g| = ±γ in every coordinate, however large or small g is. At the start of \
            the ravine, g = (−0.16, 5), 30 times larger in y, yet both coordinates move by 0.5:
            """)
        nb.code("""
            let p = Tensor([-8, 2.5], requiresGrad: true)
            let adam = Adam([p], lr: 0.5)
            adam.zeroGrad(); f(p).backward(); adam.step()
            """)
        let first = descend(.adam, steps: 1)
        nb.show("p after one step", Tensor(first.path[1]))
        nb.text("""
            Without the correction that step would be 0.1·g / √(0.001·g²) · γ = 3.16·γ·sign(g) \
            (and smaller at later steps until m and v warm up): a wrong first stride, with no \
            good reason. Exercise 8.2 asks you to write this update and finds out if the \
            correction is missing.
            """)
    }

    // MARK: - 5. All six paths

    func allPaths(_ nb: Notebook) {
        nb.section("Six paths down the same valley")
        nb.text("""
            Now every optimizer, 60 steps from (−8, 2.5). The SGD family shares γ = 0.65. For \
            the adaptive ones γ is roughly the length of a step, so their learning rates are \
            distances: 1.0 for Adagrad, 0.1 for RMSprop (whose first steps are 10 times larger, \
            as its v starts at 0 and grows slowly) and 0.5 for Adam.
            """)
        let runs = OptimizerChoice.allCases.map { descend($0) }
        nb.table(headers: ["optimizer", "lr", "f after 10 steps", "f after 60 steps", "distance to (0, 0)"],
                 rows: runs.map { run in
                     [run.optimizer.title, number(run.learningRate), fixed(run.losses[10]),
                      fixed(run.finalLoss, 5), fixed(run.distanceToMinimum)]
                 })
        let x = -9.0...3.0, y = -4.0...4.0
        let grid = ravineGrid(x: x, y: y, columns: 121, rows: 81)
        let valley = Palette(name: "valley", colors: [Color(rgb: 0xFFFFFF), Color(rgb: 0xD9E4EE), Color(rgb: 0xA9BCCF)])
        var figure = Figure("paths", title: "60 steps on f(x, y) = 0.01 x² + y² (darker = higher)", columns: 2)
            .size(width: 1200, height: 1000)
        // Reading order is left to right: the SGD family on the left, the adaptive ones on the right.
        for optimizer in [OptimizerChoice.sgd, .adagrad, .momentum, .rmsprop, .nesterov, .adam] {
            let run = runs.first { $0.optimizer == optimizer }!
            figure = figure.panel("\(optimizer.title), lr \(number(run.learningRate))")
                .heatmap(grid, x: x, y: y, palette: valley, colorRange: 0...16, colorBar: false)
                .xLabel("x").yLabel("y").legend(.hidden)
                .line(run.path.map { Double($0[0]) }, run.path.map { Double($0[1]) }, color: color(optimizer),
                      lineWidth: 1.5)
                .scatter(run.path.map { Double($0[0]) }, run.path.map { Double($0[1]) }, marker: .circle,
                         color: color(optimizer), size: 0.5)
                .scatter([0.0], [0.0], marker: .star, color: .black, size: 2)
        }
        nb.plot(figure)
        nb.text("""
            Each dot is one step; the star is the minimum. Left: SGD's zig-zag across the valley \
            in its first steps, then the slow crawl that leaves it far from the minimum; momentum \
            racing along the floor, past the minimum and back, still swinging across; Nesterov \
            the same, braking sooner. Right: the adaptive methods head diagonally at first, since \
            they take equal strides in x and y, then turn along the valley floor and walk it at \
            an even pace, however flat it is. Adam's momentum makes it loop past the minimum.
            """)
        nb.plot(Figure("ravine-losses", title: "f(x, y) after each step").xLabel("step").yLabel("f (log scale)")
            .logScale(.y).gnuplot("set format y '%g'")
            .lines(runs.map { ($0.optimizer, $0.losses) }))
        for run in runs {
            nb.log(["section": "ravine", "optimizer": run.optimizer.rawValue, "lr": run.learningRate,
                    "final_loss": run.finalLoss, "distance": run.distanceToMinimum])
        }
    }

    // MARK: - 6. Learning rates

    func learningRates(_ nb: Notebook) {
        nb.section("A learning rate too small, and one too large")
        nb.text("""
            Whatever the optimizer, the learning rate is the number to get right first. Plain SGD \
            on the same valley, with four of them:
            - 0.001: every step multiplies x by 0.99998 and y by 0.998: it barely moves;
            - 0.65: the rate used above;
            - 1.05: now y is multiplied by 1 − 2·1.05 = −1.1 each step: every jump across the \
            valley lands a little higher than the last, and the loss grows;
            - 2.0: y is multiplied by −3 each step, the loss by 9: in about 40 steps it no longer \
            fits in a Float.
            """)
        let rates: [Float] = [0.001, 0.65, 1.05, 2.0]
        let runs = rates.map { descend(.sgd, lr: $0) }
        nb.table(headers: ["lr", "f at the start", "f after 10 steps", "f at the end", "what happened"],
                 rows: runs.map { run in
                     [number(run.learningRate), fixed(run.losses[0]), fixed(run.losses[10]),
                      fixed(run.finalLoss), verdict(run)]
                 })
        for run in runs {
            if let step = run.divergedAtStep {
                nb.warning("""
                    lr \(number(run.learningRate)): the loss became infinite at step \(step), after \
                    reaching \(scientific(run.finalLoss)) at step \(step - 1), so the run was stopped \
                    there: every number after this would be inf or nan. A loss that grows step after \
                    step means the learning rate is too large; divide it by 10 and try again.
                    """)
            }
        }
        let rateColors: [String: Color] = ["lr 0.001 (too small)": .blue, "lr 0.65": .green,
                                           "lr 1.05 (too large)": .orange, "lr 2.0 (stopped at inf)": .red]
        func curve(_ figure: Figure, _ run: Descent, _ label: String) -> Figure {
            figure.line(run.losses.indices.map(Double.init), run.losses, label: label, color: rateColors[label])
        }
        var figure = Figure("learning-rates", title: "Plain SGD on the valley with four learning rates")
            .panel("too small").xLabel("step").yLabel("f (log scale)").logScale(.y).gnuplot("set format y '%g'")
            .legend(.below)
        figure = curve(figure, runs[0], "lr 0.001 (too small)")
        figure = curve(figure, runs[1], "lr 0.65")
        figure = figure.panel("too large").xLabel("step").yLabel("f (log scale)").logScale(.y)
            .gnuplot("set format y '1e%L'").legend(.below)
        figure = curve(figure, runs[1], "lr 0.65")
        figure = curve(figure, runs[2], "lr 1.05 (too large)")
        figure = curve(figure, runs[3], "lr 2.0 (stopped at inf)")
        nb.plot(figure.size(width: 1100, height: 480))
        nb.text("""
            In a real network the symptoms are the same: a loss that hardly falls (too small), or \
            one that jumps around, grows and turns into nan (too large). The usual search tries \
            powers of ten (0.001, 0.01, 0.1, 1) and keeps the largest rate whose loss falls steadily.
            """)
    }

    // MARK: - 7. A small network

    func network(_ nb: Notebook, optimizers: [OptimizerChoice], epochs: Int) {
        nb.section("The same optimizers on a small network")
        let data = TwoMoons(perClass: nb.quick ? 50 : 100, seed: nb.seed)
        nb.text("""
            A valley with two weights is a cartoon. Real networks have thousands or millions of \
            weights, and their loss is a landscape we cannot draw. This one has 2 inputs, two \
            hidden layers of 16 ReLUs and 2 class scores: \(moonsNetwork().parameterCount) weights. The data: \(data.count) points on two interleaved \
            half-moons, one class each, which no straight line separates.
            """)
        nb.code("""
            let model = Sequential(Linear(2, 16), ReLU(), Linear(16, 16), ReLU(), Linear(16, 2))
            let loader = DataLoader(TensorDataset(points, labels), batchSize: 20, shuffle: true)
            for epoch in 1...\(epochs) {
                for (x, y) in loader {
                    optimizer.zeroGrad()
                    let loss = CrossEntropyLoss()(model(x), y)
                    loss.backward()
                    optimizer.step()
                }
            }
            """)
        nb.text("""
            Every optimizer starts from the same initial weights and sees the same batches in the \
            same order, so only step() differs.
            """)
        var runs: [NetworkRun] = []
        let bar = nb.progress(total: optimizers.count, label: "training")
        for choice in optimizers {
            let run = trainOnMoons(data, optimizer: choice, lr: lr, epochs: epochs, seed: nb.seed)
            runs.append(run)
            bar.set(postfix: ["optimizer": choice.rawValue])
            bar.advance()
            for (epoch, loss) in run.losses.enumerated() {
                nb.log(["section": "network", "optimizer": choice.rawValue, "epoch": epoch, "loss": loss])
            }
            nb.log(["section": "network", "optimizer": choice.rawValue, "lr": run.learningRate,
                    "accuracy": run.accuracy, "final_loss": run.losses.last!])
        }
        bar.finish()
        nb.table(headers: ["optimizer", "lr", "loss at the start", "after 5 epochs", "after \(epochs)", "accuracy"],
                 rows: runs.map { run in
                     [run.optimizer.title, number(run.learningRate), fixed(run.losses[0]),
                      run.losses.count > 5 ? fixed(run.losses[5]) : "-",
                      run.divergedAtEpoch == nil ? fixed(run.losses.last!) : "stopped",
                      run.divergedAtEpoch == nil ? percent(run.accuracy) : "-"]
                 })
        for run in runs {
            if let epoch = run.divergedAtEpoch {
                nb.warning("""
                    \(run.optimizer.title) with lr \(number(run.learningRate)): the loss became \
                    nan or infinite in epoch \(epoch), so its training was stopped there. The learning \
                    rate is too large for it; try one 10 times smaller.
                    """)
            } else if run.losses.last! > run.losses[0] {
                nb.warning("""
                    \(run.optimizer.title) with lr \(number(run.learningRate)): the loss grew from \
                    \(fixed(run.losses[0])) to \(fixed(run.losses.last!)) instead of falling: this run \
                    diverged. The steps are so large that they jump over every valley of the loss; \
                    try a learning rate 10 times smaller.
                    """)
            }
        }
        let xs = data.points.scalars.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let ys = data.points.scalars.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        nb.plot(Figure("network", title: "Two moons, and the loss of a 2-16-16-2 network trained by each optimizer")
            .size(width: 1100, height: 480)
            .panel("the data").xLabel("x₁").yLabel("x₂")
            .scatter(xs, ys, classes: data.labels.scalars.map { Int($0) }, names: ["class 0", "class 1"])
            .panel("loss on the whole dataset").xLabel("epoch").yLabel("cross-entropy (log scale)").logScale(.y)
            .gnuplot("set format y '%g'")
            .lines(runs.map { ($0.optimizer, $0.losses) }))
        if runs.count == OptimizerChoice.allCases.count && lr == nil && runs.allSatisfy({ $0.divergedAtEpoch == nil }) {
            let sgdLoss = runs[0].losses.last!
            let othersWorst = runs.dropFirst().map { $0.losses.last! }.max()!
            nb.text("""
                Plain SGD is the slowest here, as on the valley: after \(epochs) epochs its loss is \
                still \(fixed(sgdLoss, 3)), where the worst of the others is at \(fixed(othersWorst, 3)). \
                Momentum and Nesterov get there with the same learning rate as SGD; RMSprop and \
                Adam with one 10 times smaller. On a problem this small they all get there in the \
                end; on a large one, those epochs are hours.
                """)
        }
    }

    // MARK: - 8. Exercises

    func exercises(_ nb: Notebook) {
        nb.section("Your turn")
        nb.text("""
            Two exercises in Exercises/Lesson08.swift write the updates of this lesson with your \
            own hands, one step at a time, on plain tensors:
            - 8.1 momentumUpdate: v ← μ·v + g, p ← p − lr·v (the first step starts from v = g);
            - 8.2 adamUpdate: Adam's m, v, bias corrections and step.

            Each is checked against Torchlet's own SGD(momentum:) and Adam, run on the same \
            numbers for several steps. Check your answers with `swift run check 8`.
            """)
    }

    // MARK: - Formatting

    func fixed(_ value: Float, _ decimals: Int = 4) -> String {
        guard value.isFinite else { return "\(value)" }
        return abs(value) >= 1e5 ? scientific(value) : String(format: "%.\(decimals)f", value)
    }

    func scientific(_ value: Float) -> String {
        String(format: "%.2e", value)
    }

    func number(_ value: Float) -> String {
        "\(value)"
    }

    func percent(_ value: Float) -> String {
        String(format: "%.1f %%", 100 * value)
    }

    func verdict(_ run: Descent) -> String {
        if let step = run.divergedAtStep { return "diverged: inf at step \(step), stopped" }
        if run.finalLoss > run.losses[0] { return "growing: diverging" }
        if run.finalLoss > 0.5 * run.losses[0] { return "barely moved" }
        return "converging"
    }
}

/// A colour per optimizer, the same in every figure.
func color(_ optimizer: OptimizerChoice) -> Color {
    switch optimizer {
    case .sgd: .red
    case .momentum: .blue
    case .nesterov: .green
    case .adagrad: .purple
    case .rmsprop: .orange
    case .adam: .pink
    }
}

extension Figure {
    /// One curve per optimizer through its losses, drawn at x = 0, 1, 2, ... (0 = before training).
    func lines(_ curves: [(OptimizerChoice, [Float])]) -> Figure {
        var figure = self
        for (optimizer, losses) in curves {
            figure = figure.line(losses.indices.map(Double.init), losses, label: optimizer.title,
                                 color: color(optimizer))
        }
        return figure
    }
}
