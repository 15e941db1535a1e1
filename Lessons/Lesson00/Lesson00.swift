import Notebook
import Plot
import Torchlet

/// Lesson 00: tensors and autograd.
///
/// Read this file next to its output (`swift run Lesson00`): each `nb.code()` prints the lines
/// that run right below it, `nb.show(x)` prints `x = ...`, and each number printed can be worked
/// out by hand from the text.
@main
struct Lesson00: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Lesson00",
        abstract: "Tensors and autograd: how a gradient is computed, shown step by step.",
        discussion: """
            What a tensor is, broadcasting, requiresGrad, the chain rule done by hand and by \
            backward(), gradients that accumulate, detach and noGrad, the backward trace, a \
            gradient check and the computation graph. Runs in about a second.
            """)

    @OptionGroup var common: CommonOptions

    func run() {
        let nb = Notebook(lesson: "Lesson00", title: "Tensors and autograd", options: common)
        tensors(nb)
        broadcasting(nb)
        chainRule(nb)
        meanOfSquares(nb)
        accumulation(nb)
        detachAndNoGrad(nb)
        gradientCheck(nb)
        graph(nb)
        derivativePlot(nb)
        nb.section("What's next")
        nb.text("""
            You have seen every piece of the machine: tensors hold numbers, operations record how \
            they were combined, and backward() walks that record in reverse, applying one local \
            rule per operation. Everything else in this course is built from these pieces.

            Next: `swift run Lesson01`, the perceptron, where a gradient starts to learn something.
            """)
        nb.finish()
    }

    // MARK: - 1. Tensors

    func tensors(_ nb: Notebook) {
        nb.section("What is a tensor?")
        nb.text("""
            A tensor is a grid of numbers with a shape. A single number has shape [], a vector of \
            3 numbers has shape [3], a matrix with 2 rows and 3 columns has shape [2, 3], and a \
            batch of 100 grey 28x28 images has shape [100, 1, 28, 28]. The numbers sit in one \
            flat buffer, row after row; the shape says how to read them.
            """)
        nb.code()
        let m = Tensor([[1.0, 2, 3], [4, 5, 6]])
        nb.show(m)
        nb.show(m.shape)
        nb.show("m.scalars (the flat buffer)", m.scalars)
        nb.text("""
            Tensors print exactly as PyTorch prints them, so you can compare with any PyTorch \
            tutorial. `1.` means the float 1.0. Write `1.0` at least once in a list to get floats: \
            a list of whole numbers, such as class labels, makes an int64 tensor, which prints \
            without the dot, as `torch.tensor([1, 0, 3])` does in PyTorch.
            """)
        nb.show(Tensor([1, 0, 3]))
        nb.show(Tensor([1, 0, 3]).dtype)
        nb.show(Tensor.zeros([2, 2]))
        nb.show(Tensor.arange(5))
        nb.show(Tensor.linspace(0, 1, steps: 5))
        nb.text("""
            Random tensors come from a seeded generator: run the lesson again and you get the same \
            numbers; pass --seed 7 and you get others.
            """)
        nb.show(Tensor.randn([2, 3]))
        nb.text("""
            The generator is PyTorch's own: a Mersenne Twister (mt19937) with PyTorch's recipe for \
            each kind of random number, so the same seed and the same calls give the very \
            numbers PyTorch gives. manualSeed(42) is torch.manual_seed(42), whatever --seed says:
            """)
        nb.code()
        manualSeed(42)  // torch.manual_seed(42)
        let r = Tensor.randn([3])  // torch.randn(3)
        let u = Tensor.rand([3])  // torch.rand(3)
        let layer = Linear(2, 4)  // torch.nn.Linear(2, 4)

        nb.show(r)
        nb.show(u)
        nb.show(layer.weight)
        nb.text("""
            Run those four lines in Python with PyTorch and it prints the same digits. That is \
            what lets you hold any lesson of this course next to the PyTorch program that makes \
            the same calls in the same order.
            """)
    }

    // MARK: - 2. Broadcasting

    func broadcasting(_ nb: Notebook) {
        nb.section("Operations and broadcasting")
        nb.text("""
            +, -, * and / work element by element. When the shapes differ, they are lined up at \
            their last dimension, and a dimension of size 1 (or a missing one) is repeated to \
            fit: that is broadcasting. Adding a row of 3 numbers to a [2, 3] matrix adds it to \
            each row; adding a column [2, 1] adds it to each column.
            """)
        nb.code()
        let m = Tensor([[1.0, 2, 3], [4, 5, 6]])
        let row = Tensor([10.0, 20, 30])  // shape [3]
        let column = Tensor([[100.0], [200]])  // shape [2, 1]
        nb.show(m + row)  // [2, 3] + [3]    -> [2, 3]
        nb.show(m + column)  // [2, 3] + [2, 1] -> [2, 3]
        nb.show(m * 2)
        nb.text("""
            The matrix product is matmul, not *: entry [i][j] of m.matmul(n) is the dot product \
            of row i of m with column j of n. Here row 0 of m is (1, 2, 3) and the column of n is \
            (1, 0, -1), so the first entry is 1*1 + 2*0 + 3*(-1) = -2.
            """)
        nb.code()
        let n = Tensor([[1.0], [0], [-1]])  // shape [3, 1]
        nb.show(m.matmul(n))  // [2, 3] x [3, 1] -> [2, 1]
    }

    // MARK: - 3. The chain rule on four numbers

    func chainRule(_ nb: Notebook) {
        nb.section("requiresGrad and the chain rule")
        nb.text("""
            Mark the tensors you want gradients for with requiresGrad. Every result computed from \
            them remembers the operation that made it, its grad_fn. Take four numbers, as in \
            micrograd: a = 2, b = -3, c = 10, f = -2, and compute L = (a*b + c) * f in steps.
            """)
        nb.code()
        let (a, b, c, f) = microgradNumbers()  // 2, -3, 10, -2, each with requiresGrad: true
        let e = (a * b).labeled("e")  // labels name the tensors in traces and graphs
        let d = (e + c).labeled("d")
        let L = (d * f).labeled("L")
        nb.show(e)
        nb.show(d)
        nb.show(L)
        nb.text("""
            By hand, from the top down (the chain rule: multiply the local derivatives along the \
            path):
                dL/dL = 1
                dL/df = d = 4                     dL/dd = f = -2
                dL/dc = dL/dd * dd/dc = -2 * 1 = -2
                dL/de = dL/dd * dd/de = -2 * 1 = -2
                dL/da = dL/de * de/da = -2 * b = 6
                dL/db = dL/de * de/db = -2 * a = -4
            Now let autograd do the same.
            """)
        nb.code()
        L.backward(trace: nb.trace)  // --trace prints each step of this backward pass
        nb.table(headers: ["tensor", "value", "grad by hand", "grad from backward()"], rows: [
            ["a", "2", "6", a.grad!.description],
            ["b", "-3", "-4", b.grad!.description],
            ["c", "10", "-2", c.grad!.description],
            ["f", "-2", "4", f.grad!.description],
        ])
        nb.text("""
            e and d have no grad of their own: PyTorch (and Torchlet) only keep gradients of the \
            leaves you created, unless you ask with retainGrad().
            """)
        nb.log(["L": L.item(), "dL/da": a.grad!.item(), "dL/db": b.grad!.item(),
                "dL/dc": c.grad!.item(), "dL/df": f.grad!.item()])
    }

    // MARK: - 4. y = mean((x+2)² + 3)

    func meanOfSquares(_ nb: Notebook) {
        nb.section("A gradient by hand and by backward(), side by side")
        nb.text("""
            Now a vector: x = [0, 1, 2] and y = mean((x + 2)² + 3). With three numbers,
                y = ((x₀+2)² + 3 + (x₁+2)² + 3 + (x₂+2)² + 3) / 3
                  = (7 + 12 + 19) / 3 = 12.6667
            and since only the i-th term depends on xᵢ,
                dy/dxᵢ = 2 (xᵢ + 2) / 3   ->   [4/3, 6/3, 8/3] = [1.3333, 2.0000, 2.6667]
            """)
        nb.code()
        let x = Tensor([0.0, 1, 2], requiresGrad: true).labeled("x")
        let y = ((x + 2).pow(2) + 3).mean().labeled("y")
        nb.show(y)
        nb.text("""
            backward() walks the graph from y down to x. This time watch it: the trace prints \
            each step, the local rule it applies (g is the gradient arriving from above) and what \
            it passes on.
            """)
        nb.code()
        let trace = y.backwardTrace()  // runs y.backward() and records each step
        nb.display(trace)
        nb.code()
        let byHand = noGrad { (x + 2) * 2 / 3 }  // the formula dy/dx = 2 (x + 2) / 3
        nb.show(byHand)
        nb.show(x.grad)
        nb.log(["y": y.item(), "dy/dx0": x.grad!.scalars[0], "dy/dx1": x.grad!.scalars[1], "dy/dx2": x.grad!.scalars[2]])
    }

    // MARK: - 5. Accumulation

    func accumulation(_ nb: Notebook) {
        nb.section("Gradients accumulate until zeroGrad()")
        nb.text("""
            backward() adds into .grad; it does not overwrite it. That is what lets a gradient \
            collect the contributions of every path in a graph, and of several batches if you \
            want. But it also means a training loop must clear the gradients before each step, \
            or every step would use the sum of all the gradients so far. Compute y and call \
            backward() three times, without clearing:
            """)
        nb.code()
        let x = Tensor([0.0, 1, 2], requiresGrad: true)
        for pass in 1...3 {
            let y = ((x + 2).pow(2) + 3).mean()
            y.backward()
            nb.show("after backward() number \(pass): x.grad", x.grad)
        }
        nb.text("Each call added [1.3333, 2, 2.6667] again. zeroGrad() clears it (grad becomes nil, as in PyTorch):")
        nb.code()
        x.zeroGrad()
        nb.show(x.grad)
    }

    // MARK: - 6. detach and noGrad

    func detachAndNoGrad(_ nb: Notebook) {
        nb.section("detach() and noGrad")
        nb.text("""
            Sometimes you want numbers without the graph. x.detach() gives the same numbers cut \
            off from it: autograd treats them as a constant. So for z = x * x.detach(), autograd \
            sees z = x * (a constant that happens to equal x), and dz/dx = x, not 2x.
            """)
        nb.code()
        let x = Tensor([1.0, 2, 3], requiresGrad: true)
        let z = (x * x.detach()).sum()
        z.backward()
        nb.show(x.grad)
        nb.text("""
            noGrad { ... } switches recording off altogether. Use it for evaluation, and to update \
            weights by hand, which is one step of gradient descent: w <- w - learning rate * grad.
            """)
        nb.code()
        noGrad { x -= x.grad! * 0.1 }
        nb.show(x)
        nb.show(noGrad { x * 2 }.requiresGrad)
    }

    // MARK: - 7. Gradient check

    func gradientCheck(_ nb: Notebook) {
        nb.section("Checking autograd against calculus")
        nb.text("""
            How do we know autograd is right? Nudge each input by a small ε up and down and watch \
            the output: (f(x + ε) - f(x - ε)) / 2ε approaches the derivative as ε shrinks. This \
            central difference needs no calculus at all, so it is an independent check of every \
            backward rule. gradcheck runs it for each number of each input and prints a table.
            """)
        nb.code()
        let (a, b, c, f) = microgradNumbers()
        let check = gradcheck([a, b, c, f]) { (a * b + c) * f }
        nb.display(check)
        nb.code()
        let x = Tensor([0.0, 1, 2], requiresGrad: true).labeled("x")
        let second = gradcheck([x]) { ((x + 2).pow(2) + 3).mean() }
        nb.display(second)
        nb.text("""
            The numeric column is off in the 4th decimal: the engine computes in 32-bit floats, \
            which carry about 7 significant digits, and dividing a difference by 2ε = 0.002 \
            magnifies their rounding. The check allows for that and still catches a wrong rule, \
            which is off by far more.
            """)
        nb.log(["gradcheck_passed": check.passed && second.passed])
    }

    // MARK: - 8. The graph

    func graph(_ nb: Notebook) {
        nb.section("The computation graph")
        nb.text("""
            Every tensor with a grad_fn points to the tensors it was computed from: together they \
            form a graph, with L at the top and the leaves at the bottom. Here it is for L, after \
            backward(), with each node's value and gradient. (retainGrads() asks the inner nodes \
            to keep their gradients for the printout.)
            """)
        nb.code()
        let (a, b, c, f) = microgradNumbers()
        let L = (((a * b).labeled("e") + c).labeled("d") * f).labeled("L")
        let graph = ComputationGraph(of: L)
        graph.retainGrads()
        L.backward()
        nb.display(graph)
        do {
            let path = try nb.save(graph.dot, as: "graph.dot")
            nb.text("""
                The same graph in Graphviz's DOT language is in \(path). Draw it with \
                `dot -Tpng \(path) -o graph.png` (Debian: apt-get install graphviz).
                """)
        } catch {
            nb.warning("could not write graph.dot: \(error)")
        }
    }

    // MARK: - 9. A derivative, drawn

    func derivativePlot(_ nb: Notebook) {
        nb.section("A whole derivative at once")
        nb.text("""
            Autograd differentiates at every point of a tensor at once. Take 121 points x from -3 \
            to 3, compute y = tanh(x), and call backward() on y.sum(): since each y depends only on \
            its own x, x.grad holds dy/dx at every point, 1 - tanh²(x).
            """)
        nb.code()
        let x = Tensor.linspace(-3, 3, steps: 121)
        x.requiresGrad = true
        let y = x.tanh()
        y.sum().backward()
        let slope = x.grad!
        let exact = noGrad { 1 - y.pow(2) }
        nb.show("x.grad at x = 0 (the steepest point)", slope[60])
        nb.show((slope - exact).abs().max())  // the largest |x.grad - (1 - tanh²(x))|
        nb.text("""
            Drawn together: the slope is largest (1) where tanh crosses zero and fades towards 0 \
            where tanh flattens out. A gradient that passes through a flat part of tanh comes out \
            small: remember this when Lesson02 talks about vanishing gradients.
            """)
        nb.plot(Figure("tanh-and-its-derivative", title: "tanh(x) and its derivative, computed by autograd")
            .xLabel("x").yRange(-1.1...1.1)
            .line(x.scalars, y.scalars, label: "tanh(x)")
            .line(x.scalars, slope.scalars, label: "x.grad = d tanh(x)/dx", style: .dashed))
    }

    /// The four numbers of micrograd's example, as fresh leaves.
    func microgradNumbers() -> (Tensor, Tensor, Tensor, Tensor) {
        (Tensor(2, requiresGrad: true).labeled("a"), Tensor(-3, requiresGrad: true).labeled("b"),
         Tensor(10, requiresGrad: true).labeled("c"), Tensor(-2, requiresGrad: true).labeled("f"))
    }
}
