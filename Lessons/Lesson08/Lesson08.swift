import Foundation
import Notebook
import Plot
import Torchlet

/// Lesson 08: optimizers compared.
///
/// Read this file next to its output (`swift run Lesson08`): each `nb.code()` prints the lines
/// that run right below it, and `nb.show(x)` prints `x = ...`. The loops live in the files beside
/// this one, which list them where the lesson shows them: Ravine.swift (the 2-D loss surface and
/// an optimizer's walk on it), TwoMoons.swift (the small network and its training) and
/// OptimizerChoice.swift (the six optimizers as `--optimizer` names them). The flags are in
/// Lesson08+Options.swift.
@main
struct Lesson08: ParsableCommand {
    @OptionGroup var options: Options

    func run() throws {
        let nb = Notebook(lesson: "Lesson08", title: "Optimizers compared", options: options.common)
        let (f, firstStep) = gradientDescent(nb)
        let plain = ravine(nb, firstStep: firstStep)
        let sgdFamily = momentum(nb, plain: plain)
        adaptive(nb, f: f)
        allPaths(nb, sgdFamily: sgdFamily)
        learningRates(nb)
        let data = TwoMoons(perClass: nb.quick ? 50 : 100, seed: nb.seed)
        let epochs = options.epochs ?? (nb.quick ? 8 : 40)
        nb.log(TrainingSettings(epochs: epochs, learningRate: options.lr.map(Double.init),
                                optimizer: options.optimizers.map(\.rawValue).joined(separator: ","),
                                dataset: "two-moons"))
        network(nb, data: data, epochs: epochs)
        weightDecay(nb, data: data, epochs: epochs)
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
            `--lr 20` (far too large: what do the losses do?), `--epochs 200`, or `--seed 7` for \
            other moons and other first weights.
            """)
        nb.finish()
    }

    // MARK: - 1. Gradient descent

    /// The point after SGD's first step on the ravine, and the loss before and after it.
    struct FirstStep {
        let start: [Float], after: [Float]
        let lossBefore: Float, lossAfter: Float
    }

    func gradientDescent(_ nb: Notebook) -> (f: (Tensor) -> Tensor, firstStep: FirstStep) {
        nb.section("Gradient descent: the rule under every optimizer")
        nb.text("""
            Training a network means finding weights w that make the error E(w) small. The \
            gradient dE/dw points uphill, the way E grows fastest; so step the other way, a little:

                w(t+1) = w(t) − α · dE/dw(t)          α: the learning rate, how far to step

            PyTorch calls the thing that takes this step an optimizer, and every training loop \
            has the same four lines, whichever optimizer it uses: optimizer.zeroGrad() clears the \
            last step's gradients, the forward pass computes the loss (how wrong are we?), \
            loss.backward() gives every weight its dE/dw, and optimizer.step() moves every weight.

            Plain gradient descent (SGD) is the rule above and nothing else. The other optimizers \
            of torch.optim (momentum, Nesterov, Adagrad, RMSprop, Adam) change only what step() \
            does with the gradient. This lesson puts them side by side, first on a loss with two \
            weights, where we can draw every step, then on a small network.

            The two weights are a point p = (x, y), and the loss is
                f(x, y) = 0.01·x² + y²
            Its gradient is (0.02·x, 2·y) and its minimum f = 0 is at (0, 0). Start at (−8, 2.5), \
            where f = 0.64 + 6.25 = 6.89:
            """)
        nb.code()
        // f(x, y) = 0.01·x² + y², for a tensor p = [x, y]:
        let f = { (p: Tensor) in (Tensor([0.01, 1]) * p.pow(2)).sum() }
        let p = Tensor([-8, 2.5], requiresGrad: true)
        let loss = f(p)
        loss.backward(trace: nb.trace)  // --trace prints each step of this backward pass
        nb.show(loss)
        nb.show(p.grad)
        nb.claim(loss.item() == noGrad { Ravine.loss(p) }.item(), "f is the loss the optimizers walk on below")
        let start = p.scalars
        nb.text("""
            By hand: 0.02 · (−8) = −0.16 and 2 · 2.5 = 5. One step of SGD with α = 0.65 moves p to
                (−8 − 0.65 · (−0.16), 2.5 − 0.65 · 5) = (−7.896, −0.75)
            and SGD's step() does exactly that:
            """)
        nb.code()
        let optimizer = SGD([p], lr: 0.65)
        optimizer.step()
        nb.show(p)
        nb.show(noGrad { f(p) })
        nb.claim(abs(p.scalars[0] + 7.896) < 1e-5 && abs(p.scalars[1] + 0.75) < 1e-6,
                 "SGD's step() moves p to (−7.896, −0.75)")
        let firstStep = FirstStep(start: start, after: p.scalars, lossBefore: loss.item(),
                                  lossAfter: noGrad { f(p) }.item())
        return (f, firstStep)
    }

    // MARK: - 2. The ravine

    func ravine(_ nb: Notebook, firstStep: FirstStep) -> Descent {
        nb.section("A narrow valley, and why plain gradient descent struggles in it")
        nb.text("""
            The loss went down from \(fixed(firstStep.lossBefore, 2)) to \(fixed(firstStep.lossAfter, 2)), \
            but look at how: y jumped from \(fixed(firstStep.start[1], 2)) right across the valley \
            to \(fixed(firstStep.after[1], 2)), while x barely moved (\(fixed(firstStep.start[0], 3)) \
            to \(fixed(firstStep.after[0], 3))). f is a ravine: along y it is 100 times steeper \
            than along x. That is the common case in a real network, whose weights matter to the \
            loss in very different measures.

            Each SGD step multiplies y by (1 − 2α) and x by (1 − 0.02α). For y not to blow up, \
            |1 − 2α| must stay below 1, so α < 1. With α = 0.65 the factor for y is \
            1 − 2 · 0.65 = −0.3: each step flips y's sign and keeps 30 % of its size (the zig-zag \
            across the valley). The factor for x is 1 − 0.02 · 0.65 = 0.987: x keeps 98.7 % of \
            its distance each step, so it crawls along the floor. A larger α would cross the \
            valley wildly, a smaller one would crawl even slower. One learning rate cannot suit \
            both directions. Sixty steps, each the loop of section 1 (descend in Ravine.swift):
            """)
        nb.code()
        let plain = descend(.sgd, listingIn: nb) { SGD($0, lr: 0.65) }  // 60 steps of:
        nb.table(headers: ["step", "x", "y", "f(x, y)"], rows: [0, 1, 2, 3, 4, 10, 30, 60].map { step in
            [String(step), fixed(plain.path[step][0]), fixed(plain.path[step][1]), fixed(plain.losses[step])]
        })
        let last = plain.path.last!
        nb.text("""
            After \(plain.losses.count - 1) steps y is \(abs(last[1]) < 1e-4 ? "0 for all practical purposes" : fixed(last[1])) \
            and x is still at \(fixed(last[0], 2)). The rest of the loss is the valley's floor, \
            where the gradient is small and SGD's steps with it.
            """)
        nb.claim(abs(last[1]) < 1e-4 && last[0] < -1, "after 60 steps SGD has y near 0 and x still far from 0")
        return plain
    }

    // MARK: - 3. Momentum

    func momentum(_ nb: Notebook, plain: Descent) -> [Descent] {
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
            brakes sooner. The same 60 steps with momentum:
            """)
        nb.code()
        let momentum = descend(.momentum) { SGD($0, lr: 0.65, momentum: 0.9) }
        let nesterov = descend(.nesterov) { SGD($0, lr: 0.65, momentum: 0.9, nesterov: true) }
        let runs = [plain, momentum, nesterov]
        nb.table(headers: ["optimizer", "x after 10 steps", "x after 30", "x after 60", "f after 60"],
                 rows: runs.map { run in
                     [run.optimizer.title, fixed(run.path[10][0], 3), fixed(run.path[30][0], 3),
                      fixed(run.path[60][0], 3), fixed(run.finalLoss)]
                 })
        let closer = plain.distanceToMinimum / momentum.distanceToMinimum
        let overshoots = momentum.path.contains { $0[0] > 0 }
        // How far each run still swings across the valley in its last 10 steps.
        func swing(_ run: Descent) -> Float { run.path.suffix(10).map { abs($0[1]) }.max()! }
        let sgdSwing = swing(plain) < 1e-6 ? "below 0.000001" : "at most \(fixed(swing(plain), 6))"
        nb.text("""
            Same learning rate, same 60 steps: momentum ends \(fixed(closer, 0)) times closer to \
            the minimum than plain SGD. It pays for its speed in two ways. It overshoots: its x \
            runs past 0 and swings back, a ball rolling up the other side of the valley. And the \
            memory that carries it along the floor also carries its swings across the valley: in \
            the last 10 steps SGD's |y| stays \(sgdSwing), momentum's still \
            reaches \(fixed(swing(momentum), 3)) (see the figure below). Nesterov brakes sooner \
            and ends closest.
            """)
        nb.claim(closer > 5 && overshoots && swing(momentum) > 100 * swing(plain)
                    && nesterov.distanceToMinimum < momentum.distanceToMinimum,
                 "momentum ends several times closer than SGD, overshoots and keeps swinging; Nesterov ends closest")
        let tooFast = descend(.nesterov) { SGD($0, lr: 0.9, momentum: 0.9, nesterov: true) }
        nb.note("""
            momentum changes which learning rates are safe. Across the valley, plain SGD needs \
            γ·2 < 2; with momentum 0.9 it is γ·2 < 3.8, and with Nesterov γ·2 < 1.36. So with \
            γ = 0.65 all three are stable, but at γ = 0.9 Nesterov diverges: its f after 60 steps \
            is \(fixed(tooFast.finalLoss)), where it started at \(fixed(tooFast.losses[0])).
            """)
        nb.claim(runs.allSatisfy { $0.finalLoss < $0.losses[0] } && tooFast.finalLoss > tooFast.losses[0],
                 "at γ = 0.65 all three converge, at γ = 0.9 Nesterov diverges")
        return runs
    }

    // MARK: - 4. Adaptive step sizes

    func adaptive(_ nb: Notebook, f: (Tensor) -> Tensor) {
        nb.section("Adagrad, RMSprop, Adam: a step size for every weight")
        nb.text("""
            Momentum still uses one learning rate for every weight. The other way out of the \
            ravine is to give each weight its own: divide its gradient by the size of its recent \
            gradients. Then a steep direction (large gradients) takes small steps and a flat one \
            large steps, and both move at about the same pace. The rules, all elementwise (ε is a \
            tiny number that keeps the division safe):

                Adagrad  s ← s + g²               all the squared gradients so far
                         θ ← θ − γ · g / (√s + ε)

                RMSprop  v ← α·v + (1 − α)·g²     a running mean (α = 0.99): it forgets
                         θ ← θ − γ · g / (√v + ε)

                Adam     m ← β₁·m + (1 − β₁)·g    momentum as a running mean (β₁ = 0.9)
                         v ← β₂·v + (1 − β₂)·g²   RMSprop's v (β₂ = 0.999)
                         m̂ ← m / (1 − β₁ᵗ)        bias corrections (t: the step number)
                         v̂ ← v / (1 − β₂ᵗ)
                         θ ← θ − γ · m̂ / (√v̂ + ε)

            Adagrad's s only grows, so its steps fade over time; RMSprop lets old gradients go. \
            Adam is RMSprop with momentum added.

            Why Adam's bias correction? m and v start at 0, so after one step m = 0.1·g and \
            v = 0.001·g²: far too small, pulled towards their starting 0. Dividing by 1 − 0.9¹ = 0.1 \
            and 1 − 0.999¹ = 0.001 gives back m̂ = g and v̂ = g², so the first step is \
            γ · g / |g| = ±γ in every coordinate, however large or small g is. At the start of \
            the ravine, g = (−0.16, 5), 30 times larger in y, yet one step of Adam with γ = 0.5 \
            moves both coordinates by 0.5:
            """)
        nb.code()
        let p = Tensor([-8, 2.5], requiresGrad: true)
        let adam = Adam([p], lr: 0.5)
        adam.zeroGrad()
        f(p).backward()
        adam.step()
        nb.show(p)
        nb.claim(abs(p.scalars[0] + 7.5) < 1e-5 && abs(p.scalars[1] - 2) < 1e-5,
                 "Adam's first step moves both coordinates by the learning rate")
        nb.text("""
            Without the correction that step would be 0.1·g / √(0.001·g²) · γ = 3.16·γ·sign(g) \
            (and smaller at later steps until m and v warm up): a wrong first stride, with no \
            good reason. Exercise 8.2 asks you to write this update and finds out if the \
            correction is missing.
            """)
    }

    // MARK: - 5. All six paths

    func allPaths(_ nb: Notebook, sgdFamily: [Descent]) {
        nb.section("Six paths down the same valley")
        nb.text("""
            Now every optimizer, 60 steps from (−8, 2.5). The SGD family of the last section \
            shares γ = 0.65. For the adaptive ones γ is roughly the length of a step, so their \
            learning rates are distances: 1.0 for Adagrad, 0.1 for RMSprop (whose first steps are \
            10 times larger, as its v starts at 0 and grows slowly) and 0.5 for Adam.
            """)
        nb.code()
        let adaptive = [
            descend(.adagrad) { Adagrad($0, lr: 1.0) },
            descend(.rmsprop) { RMSprop($0, lr: 0.1) },
            descend(.adam) { Adam($0, lr: 0.5) },
        ]
        let runs = sgdFamily + adaptive
        nb.table(headers: ["optimizer", "lr", "f after 10 steps", "f after 60 steps", "distance to (0, 0)"],
                 rows: runs.map { run in
                     ["\(run.optimizer.title)", "\(run.learningRate)", fixed(run.losses[10]),
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
            figure = figure.panel("\(optimizer.title), lr \(run.learningRate)")
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
        let diagonal = adaptive.allSatisfy { run in
            abs(abs(run.path[1][0] - run.path[0][0]) - abs(run.path[1][1] - run.path[0][1])) < 1e-4
        }
        nb.claim(diagonal && adaptive[2].path.contains { $0[0] > 0 },
                 "the adaptive methods' first strides are equal in x and y, and Adam passes the minimum")
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
            - 2.0: y is multiplied by −3 each step, the loss by 9, until it no longer fits in a \
            Float.
            """)
        nb.code()
        let rates: [Float] = [0.001, 0.65, 1.05, 2.0]
        let runs = rates.map { lr in descend(.sgd) { SGD($0, lr: lr) } }
        nb.table(headers: ["lr", "f at the start", "f after 10 steps", "f at the end", "what happened"],
                 rows: runs.map { run in
                     ["\(run.learningRate)", fixed(run.losses[0]), fixed(run.losses[10]),
                      fixed(run.finalLoss), verdict(run)]
                 })
        for run in runs {
            if let step = run.divergedAtStep {
                nb.warning("""
                    lr \(run.learningRate): the loss became infinite at step \(step), after \
                    reaching \(fixed(run.finalLoss)) at step \(step - 1), so the run was stopped \
                    there: every number after this would be inf or nan. A loss that grows step after \
                    step means the learning rate is too large; divide it by 10 and try again.
                    """)
            }
        }
        nb.claim(verdict(runs[0]) == "barely moved" && verdict(runs[1]) == "converging"
                    && runs[2].divergedAtStep == nil && runs[2].finalLoss > runs[2].losses[0]
                    && runs[3].divergedAtStep != nil,
                 "lr 0.001 barely moves, 0.65 converges, 1.05 grows and 2.0 overflows")
        // Three panels, so the runs that overflow do not squash the others' axes.
        let labels = ["lr 0.001 (too small)", "lr 0.65", "lr 1.05 (too large)", "lr 2.0 (stopped at inf)"]
        let colors: [Color] = [.blue, .green, .orange, .red]
        func panel(_ figure: Figure, _ title: String, _ shown: [Int], format: String) -> Figure {
            var figure = figure.panel(title).xLabel("step").yLabel("f (log scale)").logScale(.y)
                .gnuplot("set format y '\(format)'").legend(.below)
            for index in shown {
                figure = figure.line(runs[index].losses.indices.map(Double.init), runs[index].losses,
                                     label: labels[index], color: colors[index])
            }
            return figure
        }
        var figure = Figure("learning-rates", title: "Plain SGD on the valley with four learning rates", columns: 3)
        figure = panel(figure, "too small", [0, 1], format: "%g")
        figure = panel(figure, "too large", [1, 2], format: "%g")
        figure = panel(figure, "far too large", [2, 3], format: "1e%L")
        nb.plot(figure.size(width: 1500, height: 480))
        nb.text("""
            In a real network the symptoms are the same: a loss that hardly falls (too small), or \
            one that jumps around, grows and turns into nan (too large). The usual search tries \
            powers of ten (0.001, 0.01, 0.1, 1) and keeps the largest rate whose loss falls steadily.
            """)
    }

    func verdict(_ run: Descent) -> String {
        if let step = run.divergedAtStep { return "diverged: inf at step \(step), stopped" }
        if run.finalLoss > run.losses[0] { return "growing: diverging" }
        if run.finalLoss > 0.5 * run.losses[0] { return "barely moved" }
        return "converging"
    }

    // MARK: - 7. A small network

    func network(_ nb: Notebook, data: TwoMoons, epochs: Int) {
        nb.section("The same optimizers on a small network")
        let optimizers = options.optimizers
        let lr = options.lr
        nb.text("""
            A valley with two weights is a cartoon. Real networks have thousands or millions of \
            weights, and their loss is a landscape we cannot draw. This one has 2 inputs, two \
            hidden layers of 16 ReLUs and 2 class scores. The data: \(data.count) points on two \
            interleaved half-moons, one class each, which no straight line separates. \
            trainOnMoons in TwoMoons.swift trains it, here with \(optimizers[0].title) first:
            """)
        var runs = [trainOnMoons(data, optimizer: optimizers[0], lr: lr, epochs: epochs, seed: nb.seed, listingIn: nb)]
        nb.text("""
            That is \(runs[0].parameterCount) weights. Every optimizer starts from the same \
            initial weights and sees the same batches in the same order, so only step() differs.
            """)
        let bar = nb.progress(total: optimizers.count, label: "training")
        bar.set(postfix: ["optimizer": optimizers[0].rawValue])
        bar.advance()
        for choice in optimizers.dropFirst() {
            runs.append(trainOnMoons(data, optimizer: choice, lr: lr, epochs: epochs, seed: nb.seed))
            bar.set(postfix: ["optimizer": choice.rawValue])
            bar.advance()
        }
        bar.finish()
        for run in runs {
            for (epoch, loss) in run.losses.enumerated() {
                nb.log(["section": "network", "optimizer": run.optimizer.rawValue, "epoch": epoch, "loss": loss])
            }
            nb.log(["section": "network", "optimizer": run.optimizer.rawValue, "lr": run.learningRate,
                    "accuracy": run.accuracy, "final_loss": run.losses.last!])
        }
        nb.table(headers: ["optimizer", "lr", "loss at the start", "after 5 epochs", "after \(epochs)", "accuracy"],
                 rows: runs.map { run in
                     [run.optimizer.title, "\(run.learningRate)", fixed(run.losses[0]),
                      run.losses.count > 5 ? fixed(run.losses[5]) : "-",
                      run.divergedAtEpoch == nil ? fixed(run.losses.last!) : "stopped",
                      run.divergedAtEpoch == nil ? percent(run.accuracy, decimals: 1) : "-"]
                 })
        warnAboutDivergence(nb, runs)
        let xs = data.points.scalars.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let ys = data.points.scalars.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        nb.plot(Figure("network", title: "Two moons, and the loss of a 2-16-16-2 network trained by each optimizer")
            .size(width: 1100, height: 480)
            .panel("the data").xLabel("x₁").yLabel("x₂")
            .scatter(xs, ys, classes: data.labels.scalars.map { Int($0) }, names: ["class 0", "class 1"])
            .panel("loss on the whole dataset").xLabel("epoch").yLabel("cross-entropy (log scale)").logScale(.y)
            .gnuplot("set format y '%g'").epochTicks(runs.map(\.losses.count).max() ?? 1).legend(.below)
            .lines(runs.map { ($0.optimizer, $0.losses) }))
        let finished = runs.filter { $0.divergedAtEpoch == nil }
        guard finished.count >= 2 else { return }
        let ranked = finished.sorted { $0.losses.last! < $1.losses.last! }
        let (best, worst) = (ranked.first!, ranked.last!)
        var summary = """
            After \(epochs) epoch\(epochs == 1 ? "" : "s") the lowest loss is \(best.optimizer.title)'s, \
            \(fixed(best.losses.last!, 3)), and the highest \(worst.optimizer.title)'s, \
            \(fixed(worst.losses.last!, 3)).
            """
        if worst.optimizer == .sgd {
            summary += " Plain SGD is the slowest here, as on the valley."
        }
        if lr == nil && runs.contains(where: { $0.optimizer == .sgd }) {
            summary += """
                 Momentum, Nesterov and Adagrad use the same learning rate as SGD, 0.1; RMSprop and \
                Adam one 10 times smaller.
                """
        }
        nb.text(summary + " On a large network, such differences in epochs are hours of training.")
    }

    /// A warning for each run that diverged or whose loss grew; `detail` adds to a run's name.
    func warnAboutDivergence(_ nb: Notebook, _ runs: [NetworkRun], detail: (Int) -> String = { _ in "" }) {
        for (index, run) in runs.enumerated() {
            let name = "\(run.optimizer.title) with lr \(run.learningRate)" + detail(index)
            if let epoch = run.divergedAtEpoch {
                nb.warning("""
                    \(name): the loss became nan or infinite in epoch \(epoch), so its training was \
                    stopped there. The learning rate is too large for it; try one 10 times smaller.
                    """)
            } else if run.losses.last! > run.losses[0] {
                nb.warning("""
                    \(name): the loss grew from \(fixed(run.losses[0])) to \(fixed(run.losses.last!)) \
                    instead of falling: this run diverged. The steps are so large that they jump over \
                    every valley of the loss; try a learning rate 10 times smaller.
                    """)
            }
        }
    }

    // MARK: - 8. Weight decay

    func weightDecay(_ nb: Notebook, data: TwoMoons, epochs: Int) {
        nb.section("Weight decay: a pull towards zero")
        nb.text("""
            Every optimizer here also takes a weight decay λ (PyTorch's weight_decay). SGD adds λ·θ \
            to each gradient before its step,

                g ← g + λ·θ

            which is the gradient of a penalty λ/2 · ‖θ‖² added to the loss. So besides following \
            the loss, every step pulls every weight towards 0 by the fraction γ·λ: weights the \
            data does not hold up fade away. A network with smaller weights draws a smoother \
            boundary, which often does better on new data (Lesson07's dropout is another way to \
            that end). The network again, with SGD and momentum at four strengths of decay:
            """)
        nb.code()
        let lr = options.lr ?? 0.1  // or --lr, if given
        let decays: [Float] = [0, 0.001, 0.01, 0.1]
        let runs = decays.map { decay in
            trainOnMoons(data, .momentum, epochs: epochs, seed: nb.seed) {
                SGD($0, lr: lr, momentum: 0.9, weightDecay: decay)
            }
        }
        nb.table(headers: ["weightDecay", "loss after \(epochs) epoch\(epochs == 1 ? "" : "s")", "accuracy", "‖θ‖, all weights"],
                 rows: zip(decays, runs).map { decay, run in
                     ["\(decay)", run.divergedAtEpoch == nil ? fixed(run.losses.last!) : "stopped",
                      run.divergedAtEpoch == nil ? percent(run.accuracy, decimals: 1) : "-",
                      run.divergedAtEpoch == nil ? fixed(run.weightNorm, 2) : "-"]
                 })
        warnAboutDivergence(nb, runs) { " and weightDecay \(decays[$0])" }
        for (decay, run) in zip(decays, runs) {
            nb.log(["section": "weight_decay", "weight_decay": decay, "final_loss": run.losses.last!,
                    "accuracy": run.accuracy, "weight_norm": run.weightNorm])
        }
        let (none, strong) = (runs.first!, runs.last!)
        guard none.divergedAtEpoch == nil, strong.divergedAtEpoch == nil else { return }
        let price = strong.losses.last! > none.losses.last!
            ? "The price is a higher loss, \(fixed(strong.losses.last!)) against \(fixed(none.losses.last!)): the "
                + "penalty pulls against the data."
            : "Here the loss did not suffer for it (\(fixed(strong.losses.last!)) against "
                + "\(fixed(none.losses.last!)))."
        nb.text("""
            The length of all \(none.parameterCount) weights as one vector, ‖θ‖, is \
            \(fixed(none.weightNorm, 2)) without decay and \(fixed(strong.weightNorm, 2)) with \
            λ = \(decays.last!). \(price) The right λ is found like a learning rate, by trying \
            powers of ten; 0.0001 to 0.01 are common for SGD, and AdamW is Adam with the decay \
            applied to θ directly instead of through the gradient.
            """)
        nb.claim(strong.weightNorm < none.weightNorm, "weight decay makes the weights smaller")
    }

    // MARK: - 9. Exercises

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
