import Foundation
import Testing
import Torchlet

/// Every misuse the engine refuses, with the message it must stop with: one exit test per
/// row, in a child process. `everyFailureSiteHasATest` scans the engine's sources and fails
/// when a `failure(...)` has no test that names its message, here or in the other error tests.
@Suite("Failure sites")
struct FailureSiteTests {
    @Test("each misuse stops with its message", arguments: FailureSites.cases.indices)
    func misuseStopsWithItsMessage(_ index: Int) async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { [index] in
            FailureSites.cases[index].misuse()
        }
        expectMessage(result, contains: FailureSites.cases[index].message)
    }

    @Test func everyFailureSiteHasATest() throws {
        let untested = try FailureSites.scan().filter { !$0.isTested }.map(\.description)
        let newlyUntested = untested.filter { site in !FailureSites.notYetTested.contains { site.hasPrefix($0) } }
        #expect(newlyUntested.isEmpty, "failure sites without a test:\n\(newlyUntested.joined(separator: "\n"))")
        // The list of known gaps only shrinks: a site that got a test must leave it.
        let nowTested = FailureSites.notYetTested.filter { gap in !untested.contains { $0.hasPrefix(gap) } }
        #expect(nowTested.isEmpty, "these sites have tests now; remove them from notYetTested:\n\(nowTested)")
    }
}

enum FailureSites {
    /// A misuse and (part of) the message it must stop with.
    static let cases: [(message: String, misuse: @Sendable () -> Void)] = [
        // Shapes that do not fit: what learners meet most.
        (
            "linear: mat1 and mat2 shapes cannot be multiplied (4x5 and 3x2)",
            { _ = Linear(3, 2)(Tensor.zeros([4, 5])) }
        ),
        (
            "linear: bias has shape [3], expected [2]",
            { _ = Tensor.zeros([1, 3]).linear(weight: Tensor.zeros([2, 3]), bias: Tensor.zeros([3])) }
        ),
        (
            "matmul: both arguments to matmul need to be at least 1D, but they are 0D and 1D",
            { _ = Tensor(1).matmul(Tensor.zeros([2])) }
        ),
        (
            "matmul: inconsistent tensor size, expected tensor [2] and src [3] to have the same number of elements",
            { _ = Tensor.zeros([2]).matmul(Tensor.zeros([3])) }
        ),
        ("cat(): expected a non-empty list of Tensors", { _ = Tensor.cat([]) }),
        (
            "cat(): tensors must have the same number of dimensions and at least one: got [2, 3] and [3]",
            { _ = Tensor.cat([Tensor.zeros([2, 3]), Tensor.zeros([3])]) }
        ),
        (
            "cat(): sizes of tensors must match except in dimension 0. Expected sizes [2, 3] but got [2, 4] for "
                + "tensor number 1 in the list", { _ = Tensor.cat([Tensor.zeros([2, 3]), Tensor.zeros([2, 4])]) }
        ),
        ("stack(): expected a non-empty list of Tensors", { _ = Tensor.stack([]) }),
        (
            "stack(): stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1",
            { _ = Tensor.stack([Tensor.zeros([2]), Tensor.zeros([3])]) }
        ),
        (
            "permute: number of dims don't match or repeat in permute: tensor of shape [2, 3] has 2 dimensions",
            { _ = Tensor.zeros([2, 3]).permute([0, 0]) }
        ),
        (
            "expand: the size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1",
            { _ = Tensor.zeros([2, 3]).expand([2, 4]) }
        ),
        (
            "expand: the expanded size of the tensor must match the existing size at each non-singleton dimension "
                + "(cannot expand [2, 3] to [3])", { _ = Tensor.zeros([2, 3]).expand([3]) }
        ),
        (
            "narrow(): start (1) + length (3) exceeds dimension size (3) of dimension 0",
            { _ = Tensor.zeros([3]).narrow(dim: 0, start: 1, length: 3) }
        ),
        (
            "flatten: start_dim (1) cannot come after end_dim (0)",
            { _ = Tensor.zeros([2, 3]).flatten(startDim: 1, endDim: 0) }
        ),
        ("t(): expects a tensor with <= 2 dimensions, but self is 3D", { _ = Tensor.zeros([2, 3, 4]).t() }),
        ("slice: cannot slice a 0-dimensional tensor (a single number)", { _ = Tensor(1)[0..<1] }),
        ("select(): cannot index a 0-dimensional tensor (a single number)", { _ = Tensor(1)[0] }),
        ("index_select(): cannot index a 0-dimensional tensor", { _ = Tensor(1).indexSelect(dim: 0, [0]) }),
        ("max(): expected a non-empty tensor, but it has shape [0]", { _ = Tensor.zeros([0]).max() }),
        ("max(dim:): expected a non-empty tensor, but it has shape [0]", { _ = Tensor.zeros([0]).max(dim: 0) }),
        ("argmax(): expected a non-empty tensor, but it has shape [0]", { _ = Tensor.zeros([0]).argmax() }),
        ("clamp: at least one of 'min' or 'max' must not be nil", { _ = Tensor.zeros([2]).clamp() }),
        (
            "copy(from:): cannot copy a tensor of shape [3] into one of shape",
            { Tensor.zeros([2]).copy(from: Tensor.zeros([3])) }
        ),
        (
            "add_: output with shape [3] doesn't match the broadcast shape [2, 3]",
            {
                let x = Tensor.zeros([3]); x += Tensor.zeros([2, 3])
            }
        ),
        // Autograd.
        (
            "backward(): the gradient has shape [2], but the tensor has shape [3]",
            { (Tensor.zeros([3]).requiringGrad() * 2).backward(Tensor.zeros([2])) }
        ),
        (
            "requiresGrad: only tensors of floating point dtype can require gradients, but this one is torch.int64",
            { Tensor([1, 2, 3]).requiresGrad = true }
        ),
        (
            "requiresGrad: you can only change requiresGrad of leaf tensors; this one was made by MulBackward0",
            { (Tensor.zeros([3]).requiringGrad() * 2).requiresGrad = false }
        ),
        (
            ") must be a leaf with requiresGrad = true",
            { _ = gradcheck([Tensor.zeros([2])]) { Tensor.zeros([2]).sum() } }
        ),
        // Making tensors.
        ("Tensor(shape:scalars:): negative dimension -1 in shape [-1]", { _ = Tensor(shape: [-1], scalars: []) }),
        (
            "Tensor(shape:scalars:): shape [2, 2] holds 4 elements, but 3 numbers were given",
            { _ = Tensor(shape: [2, 2], scalars: [1, 2, 3]) }
        ),
        (
            "Tensor(_:): expected every block to have shape [1, 2], but block 1 has shape [1, 3]",
            { _ = Tensor([[[1.0, 2]], [[1.0, 2, 3]]]) }
        ),
        ("arange: step must be nonzero", { _ = Tensor.arange(0, 3, step: 0) }),
        ("linspace: number of steps must be non-negative, got -1", { _ = Tensor.linspace(0, 1, steps: -1) }),
        ("randint: expected low < high, but got low=3, high=3", { _ = Tensor.randint(3, 3, [2]) }),
        // Layers.
        ("Linear(0, 2): the numbers of features must be positive", { _ = Linear(0, 2) }),
        ("the numbers of channels must be positive", { _ = Conv2d(0, 2, kernelSize: (3, 3)) }),
        ("kernel_size and stride must be positive", { _ = Conv2d(1, 2, kernelSize: (0, 3)) }),
        ("negative padding is not supported", { _ = Conv2d(1, 2, kernelSize: (3, 3), padding: (-1, 0)) }),
        (
            "conv2d: expected 4-D input [N, C, H, W], but got input of shape [1, 3, 3]",
            { _ = Tensor.zeros([1, 3, 3]).conv2d(weight: Tensor.zeros([2, 1, 3, 3])) }
        ),
        (
            "conv2d: weight of size [2, 1, 3, 3] expects input[1, 2, 3, 3] to have 1 channels, but got 2 channels instead",
            { _ = Tensor.zeros([1, 2, 3, 3]).conv2d(weight: Tensor.zeros([2, 1, 3, 3])) }
        ),
        (
            "conv2d: bias has shape [3], expected [2]",
            { _ = Tensor.zeros([1, 1, 3, 3]).conv2d(weight: Tensor.zeros([2, 1, 3, 3]), bias: Tensor.zeros([3])) }
        ),
        (
            "MaxPool2d(kernel_size=0, stride=0, padding=0): kernel_size and stride must be positive and padding must not "
                + "be negative", { _ = MaxPool2d(kernelSize: 0) }
        ),
        (
            "max_pool2d: Expected 3D or 4D (batch mode) tensor for input, but got input of shape [2, 2]",
            { _ = Tensor.zeros([2, 2]).maxPool2d(kernelSize: (2, 2)) }
        ),
        (
            "max_pool2d: Given input size: (3x2x2). Calculated output size: (3x0x0). Output size is too small",
            { _ = Tensor.zeros([1, 3, 2, 2]).maxPool2d(kernelSize: (5, 5)) }
        ),
        ("PReLU(num_parameters=0): the number of parameters must be positive", { _ = PReLU(numParameters: 0) }),
        (
            "prelu: weight must be 1-D, but has shape [1, 1]",
            { _ = Tensor.zeros([2, 1]).prelu(weight: Tensor.zeros([1, 1])) }
        ),
        (
            "Module.forward(_:) is not implemented: a Module subclass must override forward(_:)",
            { _ = Module()(Tensor.zeros([1])) }
        ),
        // Data.
        (
            "TensorDataset: the inputs and labels need a first dimension that counts the samples",
            { _ = TensorDataset(Tensor(1), Tensor([1])) }
        ),
        (
            "Subset: index 5 is out of range for a dataset of 2 samples",
            { _ = Subset(TensorDataset(Tensor.zeros([2, 1]), Tensor([0, 1])), indices: [5]) }
        ),
        (
            "Subset: index 3 is out of range for a subset of 1 samples",
            { _ = Subset(TensorDataset(Tensor.zeros([2, 1]), Tensor([0, 1])), indices: [0])[3] }
        ),
        (
            "DataLoader: cannot make a batch of no samples",
            { _ = MixedDTypes().batch(at: []) }
        ),
        (
            "DataLoader: the inputs of one batch must all have the same dtype, but got torch.float32 at entry 0 and "
                + "torch.int64 at entry 1", { _ = Array(DataLoader(MixedDTypes(), batchSize: 2)) }
        ),
        (
            "randomSplit: lengths must not be negative, but got [3, -1]",
            { _ = randomSplit(TensorDataset(Tensor.zeros([2, 1]), Tensor([0, 1])), lengths: [3, -1]) }
        ),
        (
            "randomSplit: fraction at index 1 is not between 0 and 1 (fractions [0.5, 1.5])",
            { _ = randomSplit(TensorDataset(Tensor.zeros([2, 1]), Tensor([0, 1])), fractions: [0.5, 1.5]) }
        ),
        // Losses (the checks of their targets and weights are in LossErrorTests).
        (
            "MSELoss: expected a floating point input, but got dtype torch.int64. Convert it with .float().",
            { _ = MSELoss()(Tensor([1, 2]), Tensor([1.0, 2])) }
        ),
        (
            "L1Loss: Found dtype Long but expected Float: the target is torch.int64 (shape [2]), but a loss compares "
                + "real numbers. Convert it with target.float()", { _ = L1Loss()(Tensor([1.0, 2]), Tensor([1, 2])) }
        ),
        (
            "BCEWithLogitsLoss: posWeight must hold real numbers, but it is torch.int64. Convert it with .float().",
            { _ = BCEWithLogitsLoss(posWeight: Tensor([1, 1]))(Tensor.zeros([2]), Tensor([1.0, 0])) }
        ),
        (
            "CrossEntropyLoss: expected a floating point input (scores of shape [N, C]), but got dtype torch.int64. "
                + "Convert it with .float().", { _ = CrossEntropyLoss()(Tensor([[1, 2]]), Tensor([0])) }
        ),
        ("NLLLoss: Expected 1 or more dimensions (got 0)", { _ = NLLLoss()(Tensor(1), Tensor([0])) }),
        (
            "NLLLoss: size mismatch (got input: [3], target: [2]): a single sample of 3 scores has one class index, a "
                + "0-dimensional target.", { _ = NLLLoss()(Tensor.zeros([3]), Tensor([0, 1])) }
        ),
        (
            "CrossEntropyLoss: weight must hold real numbers, but it is torch.int64. Convert it with .float().",
            { _ = CrossEntropyLoss(weight: Tensor([1, 1, 1]))(Tensor.zeros([2, 3]), Tensor([0, 1])) }
        ),
        // Optimizers.
        (
            "SGD: Invalid learning rate: -1.0 (it must be >= 0)",
            { _ = SGD([Tensor.zeros([1]).requiringGrad()], lr: -1) }
        ),
    ]

    /// Sites no misuse can reach, as prefixes of their `description` (file and message, so that
    /// moving a line does not matter), each with the reason it has no test.
    static let notYetTested: [String] = [
        // A backward rule that returns a gradient of the wrong shape: a bug in the engine, which no
        // call of its public API can provoke.
        "Autograd/Backward.swift: : gradient of shape",
        // OpenBLAS missing at run time: the tests run linked against it, on a machine that has it.
        "Kernels/OpenBLAS.swift: OpenBLAS could not be loaded",
    ]

    /// One `failure("...")` in the engine's sources.
    struct Site: CustomStringConvertible {
        let file: String
        /// The longest piece of the message's first literal without interpolations.
        let text: String
        let isTested: Bool
        var description: String { "\(file): \(text)" }
    }

    /// Every failure site in `Sources/Torchlet`, and whether some test source in this folder
    /// names its message (24 characters of it in a row, or all of a shorter one).
    static func scan() throws -> [Site] {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let engine = here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "Sources/Torchlet")
        let tests =
            try FileManager.default.contentsOfDirectory(atPath: here.path).filter { $0.hasSuffix(".swift") }
            .filter { $0 != "FailureSiteTests.swift" }
            .map { try String(contentsOf: here.appendingPathComponent($0), encoding: .utf8) }.joined()
            + cases.map(\.message).joined(separator: "\n")
        var sites: [Site] = []
        let files = FileManager.default.enumerator(atPath: engine.path)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && $0 != "Core/Failure.swift" }.sorted()
        for file in files {
            let source = try String(contentsOf: engine.appendingPathComponent(file), encoding: .utf8)
            // `failure(` then, maybe on the next line (as swift-format breaks long calls), a literal.
            var rest = source[...]
            while let call = rest.range(of: "failure(") {
                rest = rest[call.upperBound...]
                let afterSpace = rest.drop { $0 == " " || $0 == "\n" }
                guard afterSpace.first == "\"" else { continue }
                let literal = firstLiteral(afterSpace.dropFirst())
                let text = pieces(of: literal).max { $0.count < $1.count }!.trimmingCharacters(in: .whitespaces)
                let width = Swift.min(text.count, 24)
                let chars = Array(text)
                let tested = (0...(chars.count - width)).contains { tests.contains(String(chars[$0..<($0 + width)])) }
                sites.append(Site(file: file, text: text, isTested: tested))
            }
        }
        return sites
    }

    /// The source text of a string literal up to its closing quote (escapes kept as written).
    private static func firstLiteral(_ text: Substring) -> String {
        var out = "", escaped = false, depth = 0
        for c in text {
            if escaped { out.append(c); escaped = false; if c == "(" { depth += 1 }; continue }
            if c == "\\" { out.append(c); escaped = true; continue }
            if depth > 0 { out.append(c); if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }; continue }
            if c == "\"" { break }
            out.append(c)
        }
        return out
    }

    /// The literal's text between its interpolations `\(...)`.
    private static func pieces(of literal: String) -> [String] {
        var pieces = [""], depth = 0, previous: Character = " "
        for c in literal {
            if depth == 0 && previous == "\\" && c == "(" {
                pieces[pieces.count - 1].removeLast(); depth = 1
            } else if depth > 0 {
                if c == "(" { depth += 1 } else if c == ")" { depth -= 1; if depth == 0 { pieces.append("") } }
            } else {
                pieces[pieces.count - 1].append(c)
            }
            previous = c
        }
        return pieces
    }
}

/// Two samples whose inputs differ in dtype (float32, then int64), batched by the default
/// `batch(at:)`, which stacks the samples one by one.
private struct MixedDTypes: Dataset {
    var count: Int { 2 }

    subscript(index: Int) -> (input: Tensor, label: Tensor) {
        (index == 0 ? Tensor([1.0]) : Tensor([1]), Tensor(0))
    }
}

extension Tensor {
    /// This leaf, now requiring a gradient.
    fileprivate func requiringGrad() -> Tensor {
        requiresGrad = true
        return self
    }
}
