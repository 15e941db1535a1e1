import Testing
import Torchlet

/// Misuse stops the program with one clear message naming the operation and the shapes.
/// Exit tests run each case in a child process and read what it wrote to standard error.
@Suite("Error messages")
struct ErrorTests {
    @Test func matmulShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([100, 784]).matmul(Tensor.zeros([256, 10]))
        }
        expectMessage(result, contains: "matmul: mat1 and mat2 shapes cannot be multiplied (100x784 and 256x10)")
    }

    @Test func broadcastShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]) + Tensor.zeros([4])
        }
        expectMessage(
            result,
            contains: "add: the size of tensor a (3) must match the size of tensor b (4) at "
                + "non-singleton dimension 1 (shapes [2, 3] and [4])")
    }

    @Test func dimensionOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 4]).sum(dim: 2)
        }
        expectMessage(
            result,
            contains: "sum: dimension out of range (expected to be in range of [-2, 1], but got 2) "
                + "for a tensor of shape [3, 4]")
    }

    @Test func backwardOnNonScalar() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0, 2, 3], requiresGrad: true)
            (x * 2).backward()
        }
        expectMessage(
            result,
            contains: "backward(): grad can be implicitly created only for scalar outputs, but "
                + "this tensor has shape [3]")
    }

    @Test func itemOnManyElements() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]).item()
        }
        expectMessage(
            result, contains: "item(): a Tensor with 6 elements (shape [2, 3]) cannot be converted to a Scalar")
    }

    @Test func reshapeToWrongSize() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]).reshape(4, 2)
        }
        expectMessage(result, contains: "reshape/view: shape '[4, 2]' is invalid for input of size 6")
    }

    @Test func indexOutOfBounds() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 2])[3]
        }
        expectMessage(result, contains: "select(): index 3 is out of bounds for dimension 0 with size 3")
    }

    @Test func backwardTwice() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor(2, requiresGrad: true)
            let y = x * x
            y.backward()
            y.backward()
        }
        expectMessage(result, contains: "trying to backward through the graph a second time")
    }

    @Test func inPlaceOnLeaf() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let w = Tensor([1.0], requiresGrad: true)
            w -= Tensor([0.1])
        }
        expectMessage(result, contains: "a leaf Variable that requires grad is being used in an in-place operation")
    }

    @Test func backwardWithoutGrad() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor([1.0, 2]).sum().backward()
        }
        expectMessage(result, contains: "element 0 of tensors does not require grad and does not have a grad_fn")
    }

    @Test func raggedRows() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([[1.0, 2], [3, 4, 5]])
        }
        expectMessage(result, contains: "expected sequence of length 2 at dim 1 (got 3)")
    }
}

/// Checks that a child process stopped with a message containing `message`.
func expectMessage(
    _ result: ExitTest.Result?, contains message: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(stderr.contains(message), "standard error was:\n\(stderr)", sourceLocation: sourceLocation)
}
