import Testing
import Torchlet

/// Layers used wrongly stop with one clear message naming the layer and the shapes, worded
/// like PyTorch's. Exit tests run each case in a child process.
@Suite("Layer error messages")
struct LayerErrorTests {
    @Test func convolutionOnFlatImages() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Conv2d(1, 32, kernelSize: 3)(Tensor.zeros([100, 784]))
        }
        expectMessage(
            result,
            contains: "Conv2d: expected input of shape [N, 1, H, W] (4-D with 1 channels), "
                + "got [100, 784]")
    }

    @Test func convolutionWrongChannels() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Conv2d(1, 32, kernelSize: 3)(Tensor.zeros([2, 3, 28, 28]))
        }
        expectMessage(
            result,
            contains: "Conv2d: expected input of shape [N, 1, H, W] (4-D with 1 channels), "
                + "got [2, 3, 28, 28]")
    }

    @Test func kernelLargerThanInput() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Conv2d(3, 2, kernelSize: 5)(Tensor.zeros([1, 3, 2, 2]))
        }
        expectMessage(
            result,
            contains: "Calculated padded input size per channel: (2 x 2). Kernel size: (5 x 5). "
                + "Kernel size can't be greater than actual input size")
    }

    @Test func poolingPaddingTooLarge() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MaxPool2d(kernelSize: 2, padding: 2)
        }
        expectMessage(
            result,
            contains: "pad should be at most half of effective kernel size, but got pad=2, "
                + "kernel_size=2 and dilation=1")
    }

    @Test func poolingOutputTooSmall() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MaxPool2d(kernelSize: 5)(Tensor.zeros([1, 3, 2, 2]))
        }
        expectMessage(
            result,
            contains: "Given input size: (3x2x2). Calculated output size: (3x0x0). "
                + "Output size is too small")
    }

    @Test func dropoutProbability() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Dropout(p: 1.5)
        }
        expectMessage(result, contains: "dropout probability has to be between 0 and 1, but got 1.5")
    }

    @Test func preluChannels() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = PReLU(numParameters: 3)(Tensor.zeros([2, 4]))
        }
        expectMessage(
            result,
            contains: "Mismatch of parameter numbers and input channel size. Found parameter "
                + "numbers = 3 and channel size = 4")
    }

    @Test func fanOfVector() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Init.xavierUniform_(Tensor.zeros([5]))
        }
        expectMessage(
            result, contains: "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
    }
}
