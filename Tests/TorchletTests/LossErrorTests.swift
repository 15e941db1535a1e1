import Testing
import Torchlet

/// Misused losses stop with one clear message: PyTorch's words, the shapes, and the fix.
@Suite("Loss error messages")
struct LossErrorTests {
    @Test func targetOutOfBounds() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = CrossEntropyLoss()(Tensor.zeros([3, 5]), Tensor([1, 0, 7]))
        }
        expectMessage(
            result,
            contains: "CrossEntropyLoss: Target 7 is out of bounds. The input has 5 classes, so a "
                + "target must be a class index in 0..<5 (or the ignoreIndex, -100); sample 2 has 7.")
    }

    @Test func negativeTargetThatIsNotIgnored() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NLLLoss()(Tensor.zeros([2, 3]), Tensor([-1, 0]))
        }
        expectMessage(result, contains: "NLLLoss: Target -1 is out of bounds.")
    }

    @Test func batchSizeMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NLLLoss()(Tensor.zeros([3, 5]), Tensor([1, 0, 3, 2]))
        }
        expectMessage(result, contains: "NLLLoss: Expected input batch_size (3) to match target batch_size (4).")
    }

    @Test func floatClassTargets() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = CrossEntropyLoss()(Tensor.zeros([3, 5]), Tensor([1.0, 0, 3]))
        }
        expectMessage(
            result,
            contains: "CrossEntropyLoss: expected target dtype to be Long, but got Float: the target "
                + "holds one class index per sample")
        expectMessage(result, contains: "Convert it with target.long().")
    }

    @Test func columnOfClassTargets() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = CrossEntropyLoss()(Tensor.zeros([3, 5]), Tensor([[1], [0], [3]]))
        }
        expectMessage(
            result,
            contains: "CrossEntropyLoss: 0D or 1D target tensor expected, multi-target not "
                + "supported: the target has shape [3, 1]")
        expectMessage(result, contains: "target.reshape([3])")
    }

    @Test func classWeightOfWrongSize() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = CrossEntropyLoss(weight: Tensor.ones([4]))(Tensor.zeros([3, 5]), Tensor([1, 0, 3]))
        }
        expectMessage(
            result,
            contains: "CrossEntropyLoss: weight tensor should be defined either for all 5 classes or "
                + "no classes but got weight tensor of shape: [4]")
    }

    @Test func labelSmoothingOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = CrossEntropyLoss(labelSmoothing: 1.5)
        }
        expectMessage(result, contains: "CrossEntropyLoss: label_smoothing must be between 0.0 and 1.0. Got: 1.5")
    }

    @Test func mseTargetShapeThatPyTorchWouldBroadcast() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MSELoss()(Tensor.zeros([3, 1]), Tensor.zeros([3]))
        }
        expectMessage(
            result,
            contains: "MSELoss: Using a target size (torch.Size([3])) that is different to the input "
                + "size (torch.Size([3, 1])).")
        expectMessage(
            result,
            contains: "Reshape one to match the other, e.g. target.reshape([3, 1]) or "
                + "input.reshape([3]).")
    }

    @Test func l1TargetShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = L1Loss()(Tensor.zeros([4]), Tensor.zeros([2, 3]))
        }
        expectMessage(
            result,
            contains: "L1Loss: Using a target size (torch.Size([2, 3])) that is different to the "
                + "input size (torch.Size([4])).")
        expectMessage(result, contains: "different numbers of elements (4 and 6)")
    }

    @Test func bceTargetShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = BCELoss()(Tensor.full([3, 1], 0.5), Tensor.zeros([3]))
        }
        expectMessage(
            result,
            contains: "BCELoss: Target size (torch.Size([3])) must be the same as input size "
                + "(torch.Size([3, 1])). Reshape one to match the other, e.g. target.reshape([3, 1])")
    }

    @Test func bceWithLogitsTargetShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = BCEWithLogitsLoss()(Tensor.zeros([3, 1]), Tensor.zeros([3]))
        }
        expectMessage(
            result,
            contains: "BCEWithLogitsLoss: Target size (torch.Size([3])) must be the same as input "
                + "size (torch.Size([3, 1]))")
    }

    @Test func bceOnScoresInsteadOfProbabilities() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = BCELoss()(Tensor([0.5, 1.5, -2]), Tensor([1.0, 0, 1]))
        }
        expectMessage(
            result,
            contains: "BCELoss: all elements of input should be between 0 and 1, but element 1 "
                + "is 1.5.")
        expectMessage(result, contains: "BCEWithLogitsLoss")
    }

    @Test func bceTargetOutsideZeroOne() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = BCELoss()(Tensor([0.5, 0.5]), Tensor([1.0, 2]))
        }
        expectMessage(
            result,
            contains: "BCELoss: all elements of target should be between 0 and 1, but element 1 "
                + "is 2.0.")
    }

    @Test func integerTargetForBinaryLoss() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = BCEWithLogitsLoss()(Tensor([0.5, -0.5]), Tensor([1, 0]))
        }
        expectMessage(result, contains: "BCEWithLogitsLoss: Found dtype Long but expected Float")
        expectMessage(result, contains: "target.float()")
    }

    @Test func weightThatRequiresGrad() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let weight = Tensor([1.0, 2], requiresGrad: true)
            _ = BCELoss(weight: weight)(Tensor([0.5, 0.5]), Tensor([1.0, 0]))
        }
        expectMessage(result, contains: "BCELoss: the loss is not differentiable with respect to argument 'weight'.")
    }

    @Test func posWeightThatDoesNotBroadcast() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = BCEWithLogitsLoss(posWeight: Tensor([1.0, 2, 3, 4]))(Tensor.zeros([2, 3]), Tensor.zeros([2, 3]))
        }
        expectMessage(
            result,
            contains: "BCEWithLogitsLoss: posWeight of shape [4] cannot be broadcast to the input's "
                + "shape [2, 3]")
    }

    @Test func scoresWithTooManyDimensions() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = CrossEntropyLoss()(Tensor.zeros([2, 3, 4]), Tensor([1, 0]))
        }
        expectMessage(result, contains: "CrossEntropyLoss: input tensor should be 1D or 2D, but it has shape [2, 3, 4]")
    }
}
