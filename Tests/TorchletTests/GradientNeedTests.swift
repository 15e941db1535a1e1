import Testing
@testable import Torchlet

/// An operation's backward rule computes no gradient for an input that does not require one
/// (PyTorch's `needs_input_grad`): nobody would read it.
@Suite("Gradients nobody needs")
struct GradientNeedTests {
    static let operations: [(name: String, apply: @Sendable (Tensor, Tensor) -> Tensor)] = [
        ("+", { $0 + $1 }), ("-", { $0 - $1 }), ("*", { $0 * $1 }), ("/", { $0 / $1 }),
    ]

    @Test("a constant operand gets no gradient", arguments: operations.indices)
    func constantOperandGetsNone(_ index: Int) throws {
        let operation = Self.operations[index]
        let variable = Tensor([1.0, 2], requiresGrad: true), constant = Tensor([3.0, 4])
        for (a, b, needed) in [(variable, constant, [true, false]), (constant, variable, [false, true])] {
            let rule = try #require(operation.apply(a, b).gradFn?.backwardRule)
            let gradients = rule(Tensor.ones([2]))
            #expect(gradients.map { $0 != nil } == needed, "\(operation.name): \(gradients)")
        }
    }
}
