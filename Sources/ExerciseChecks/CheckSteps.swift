import Torchlet

/// The building blocks of every check: call the learner's code, compare its values with the
/// engine's, compare its gradients with central differences. Each step either returns or throws
/// a `Verdict`; `evaluate` turns the outcome into a `CheckResult`.

/// A failed step, carrying the result to report.
struct Verdict: Error {
    let result: CheckResult
}

/// Runs the steps of one check of `exercise`: `.done` if they all pass, `.notStarted` if the
/// learner's code threw the exercise's own `NotImplemented`, `.needs` if it threw another
/// exercise's (4.2 calling an unwritten 4.1), `.wrong` with the first failing step's details
/// otherwise.
func evaluate(_ exercise: Exercise, _ steps: () throws -> Void) -> CheckResult {
    do {
        try steps()
        return .done
    } catch let notImplemented as NotImplemented {
        return notImplemented.id == exercise.id ? .notStarted : .needs(id: notImplemented.id, dependencyIsWrong: false)
    } catch let verdict as Verdict {
        return verdict.result
    } catch {
        return .wrong(
            input: "", expected: "a result", got: "an error: \(error)",
            hint: "The check itself failed unexpectedly; please report it.")
    }
}

/// Calls the learner's code for `input`. `NotImplemented` passes through; any other error becomes
/// a wrong answer that names the input.
/// Before the call it announces `input` (`CheckedInput.announce`), so that when the answer stops
/// the program the parent process can say for which input.
func attempt<R>(_ input: String, _ call: () throws -> R) throws -> R {
    CheckedInput.announce(input)
    do {
        return try call()
    } catch let notImplemented as NotImplemented {
        throw notImplemented
    } catch {
        throw Verdict(
            result: .wrong(
                input: input, expected: "a result", got: "it threw \(type(of: error)): \(error)",
                hint: "An exercise throws only NotImplemented, and only until you write it; "
                    + "return the result instead of throwing."))
    }
}

/// Fails with `.wrong` for `input`.
func fail(_ input: String, expected: String, got: String, hint: String) -> Verdict {
    Verdict(result: .wrong(input: input, expected: expected, got: got, hint: hint))
}

/// A tensor's numbers as PyTorch prints them, without the `grad_fn` note.
func printed(_ tensor: Tensor) -> String {
    tensor.detach().description
}

/// Whether `a` and `b` agree: `|a - b| <= absolute + relative * |b|`, with NaN never agreeing.
func close(_ a: Float, _ b: Float, absolute: Float, relative: Float) -> Bool {
    if a.isNaN || b.isNaN { return false }
    if a.isInfinite || b.isInfinite { return a == b }
    return Swift.abs(a - b) <= absolute + relative * Swift.abs(b)
}

/// Checks that `got` has `expected`'s shape and numbers. `hint` is what usually causes a
/// difference in this case; the message adds what is visibly wrong (the shape, a NaN).
func expectValues(
    _ got: Tensor, _ expected: Tensor, for input: String, hint: String,
    absolute: Float = 1e-4, relative: Float = 1e-4
) throws {
    if got.shape != expected.shape {
        throw fail(
            input, expected: "shape \(expected.shape): \(printed(expected))",
            got: "shape \(got.shape): \(printed(got))",
            hint: "The result should have shape \(expected.shape), but yours has \(got.shape). " + hint)
    }
    let agree = zip(got.scalars, expected.scalars).allSatisfy {
        close($0, $1, absolute: absolute, relative: relative)
    }
    if agree { return }
    let nonFinite = got.scalars.contains { !$0.isFinite } && expected.scalars.allSatisfy(\.isFinite)
    throw fail(
        input, expected: printed(expected), got: printed(got),
        hint: (nonFinite ? "Your result has nan or inf: a step overflowed or divided by zero. " : "") + hint)
}

/// Checks the gradients of `function` with respect to each of `inputs` (tensors of numbers; the
/// step makes its own leaves that require gradients) against central differences, after the
/// values have been checked. The output is multiplied by fixed random weights before summing,
/// so every output element matters (a plain sum of softmax is always 1 and would hide any error).
func expectGradients(
    of function: ([Tensor]) throws -> Tensor, at inputs: [Tensor], names: [String], for input: String
) throws {
    let leaves = zip(inputs, names).map { value, name in
        Tensor(shape: value.shape, scalars: value.scalars, requiresGrad: true).labeled(name)
    }
    let output = try attempt(input) { try function(leaves) }
    guard output.requiresGrad else {
        throw fail(
            input, expected: "a result that backward() can reach (grad_fn=<...>)",
            got: "\(printed(output)) with no grad_fn",
            hint: "Your numbers are right, but the result is cut off from the graph, so backward() "
                + "cannot reach \(names.joined(separator: ", ")). Build it from Tensor operations "
                + "(+, *, exp(), sum(), ...), without item(), detach() or Tensor(shape:scalars:).")
    }
    var generator = Generator(seed: 7)
    let probe = Tensor.randn(output.shape, using: &generator)
    let check = gradcheck(leaves) {
        let result = (try? function(leaves)) ?? Tensor.full(output.shape, .nan)
        return result.shape == probe.shape ? (result * probe).sum() : Tensor(.nan)
    }
    guard !check.passed else { return }
    let rows = check.rows.filter { !$0.passed }
    func list(_ rows: [GradientCheck.Row], _ values: (GradientCheck.Row) -> [Float]) -> String {
        rows.map { "d/d\($0.name) = \(printed(Tensor(shape: $0.shape, scalars: values($0))))" }
            .joined(separator: "\n")
    }
    throw fail(
        input + " (gradient of Σ result · random weights)",
        expected: list(rows) { $0.numeric.map { Float($0) } } + "   (central differences)",
        got: list(rows) { $0.autograd } + "   (your backward())",
        hint: "Your values are right but the gradients are not: some step is cut off from the graph "
            + "(item(), detach(), new tensors made from numbers) or its backward rule is lost. "
            + "Keep every step a Tensor operation.")
}
