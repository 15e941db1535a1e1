import Testing
import Torchlet

@Suite("Autograd semantics")
struct AutogradTests {
    @Test("gradients accumulate until zeroGrad()")
    func accumulation() {
        let w = Tensor([1.0, 2], requiresGrad: true)
        for _ in 0..<3 { (w * w).sum().backward() }
        #expect(w.grad!.scalars == [6, 12])  // 3 x 2w
        w.zeroGrad()
        #expect(w.grad == nil)
        (w * w).sum().backward()
        #expect(w.grad!.scalars == [2, 4])
    }

    @Test("a tensor used twice receives the sum of both gradients")
    func reuse() {
        let x = Tensor(3, requiresGrad: true)
        let y = x * x + x  // dy/dx = 2x + 1
        y.backward()
        #expect(x.grad!.item() == 7)
    }

    @Test("backward with an explicit gradient for a non-scalar output")
    func explicitGradient() {
        let x = Tensor([1.0, 2, 3], requiresGrad: true)
        let y = x * 2
        y.backward(Tensor([1.0, 0.1, 0.01]))
        expectClose(x.grad!.scalars, [2, 0.2, 0.02])
    }

    @Test("noGrad records nothing; detach cuts the graph")
    func noGradAndDetach() {
        let x = Tensor([1.0, 2], requiresGrad: true)
        let inside = noGrad { x * 2 }
        #expect(!inside.requiresGrad)
        #expect(inside.gradFn == nil)
        #expect(GradMode.isEnabled)
        let detached = (x * 2).detach()
        #expect(!detached.requiresGrad && detached.isLeaf)
        let y = (x * detached).sum()  // detached is a constant here
        y.backward()
        #expect(x.grad!.scalars == [2, 4])
        // Updating a weight by hand, as in gradient descent.
        noGrad { x -= x.grad! * 0.5 }
        #expect(x.scalars == [0, 0])
        #expect(x.requiresGrad)
    }

    @Test("retainGrad keeps an intermediate gradient; leaves' grad_fn is nil")
    func retainGrad() {
        let x = Tensor([1.0, -1], requiresGrad: true)
        let h = x * 3
        h.retainGrad()
        let y = h.pow(2).sum()
        y.backward()
        #expect(h.grad!.scalars == [6, -6])
        #expect(x.grad!.scalars == [18, -18])
        #expect(x.gradFn == nil && h.gradFn?.name == "MulBackward0")
    }

    @Test("retainGraph allows a second backward through the same graph")
    func retainGraph() {
        let x = Tensor(2, requiresGrad: true)
        let y = x.pow(3)
        y.backward(retainGraph: true)
        y.backward()
        #expect(x.grad!.item() == 24)  // 2 x 3x²
    }

    @Test("the backward trace names each step, its rule and the gradients passed on")
    func trace() {
        let a = Tensor(2, requiresGrad: true).labeled("a")
        let b = Tensor(-3, requiresGrad: true).labeled("b")
        let L = (a * b).labeled("L")
        let trace = L.backwardTrace()
        let text = trace.description
        #expect(trace.steps.count == 3)
        #expect(text.contains("[1] L = MulBackward0"))
        #expect(text.contains("rule: da = g * b, db = g * a"))
        #expect(text.contains("→ a receives -3."))
        #expect(text.contains("→ b receives 2."))
        #expect(text.contains("a (leaf): a.grad += -3."))
        #expect(a.grad!.item() == -3)
    }

    @Test("the graph prints as a tree and as DOT, with gradients after backward")
    func graph() {
        let a = Tensor(2, requiresGrad: true).labeled("a")
        let c = Tensor(10, requiresGrad: true).labeled("c")
        let L = (a * a + c).labeled("L")
        let graph = ComputationGraph(of: L)
        graph.retainGrads()
        L.backward()
        let text = graph.description
        #expect(text.hasPrefix("L <AddBackward0> = 14.   grad 1."))
        #expect(text.contains("├─ · <MulBackward0> = 4.   grad 1."))
        #expect(text.contains("│  ├─ a = 2.   grad 4."))
        #expect(text.contains("(see above)"))  // a is used twice
        #expect(text.contains("└─ c = 10.   grad 1."))
        #expect(graph.nodes.count == 4)
        let dot = graph.dot
        #expect(dot.hasPrefix("digraph computation {"))
        #expect(dot.contains("label=\"{ a | data 2. | grad 4. }\""))
        #expect(dot.contains("[shape=ellipse, label=\"MulBackward0\"]"))
    }

    @Test("a training loop frees each step's graph: nothing from step 1 is alive at step 200")
    func memoryStaysFlat() {
        let w = Tensor.randn([8, 4], requiresGrad: true)
        let x = Tensor.randn([16, 8])
        weak var firstLoss: Tensor?
        weak var firstHidden: Tensor?
        for step in 0..<200 {
            let hidden = x.matmul(w).tanh()
            let loss = hidden.pow(2).mean()
            if step == 0 {
                firstLoss = loss
                firstHidden = hidden
            }
            loss.backward()
            noGrad { w -= w.grad! * 0.01 }
            w.zeroGrad()
        }
        #expect(firstLoss == nil, "the loss of step 1 is still alive: a retain cycle in the graph")
        #expect(firstHidden == nil, "an intermediate of step 1 is still alive: a retain cycle in the graph")
    }

    @Test("a deep chain of 100,000 operations backpropagates without overflowing the stack")
    func deepChain() {
        let x = Tensor(1, requiresGrad: true)
        var y = x
        for _ in 0..<100_000 { y = y * 1 }
        y.backward()
        #expect(x.grad!.item() == 1)
        // Freeing a chain that was never used for backward must not recurse either.
        var z = x
        for _ in 0..<100_000 { z = z * 1 }
        #expect(z.gradFn != nil)
    }
}
