import Testing
import Torchlet

/// Misconfigured optimizers and schedulers stop before the first step, in PyTorch's words.
@Suite("Optimizer error messages")
struct OptimizerErrorTests {
    @Test func negativeLearningRate() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SGD([Tensor([1.0], requiresGrad: true)], lr: -1)
        }
        expectMessage(result, contains: "SGD: Invalid learning rate: -1.0")
    }

    @Test func nesterovWithoutMomentum() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SGD([Tensor([1.0], requiresGrad: true)], lr: 0.1, nesterov: true)
        }
        expectMessage(result, contains: "SGD: Nesterov momentum requires a momentum and zero dampening")
    }

    @Test func nesterovWithDampening() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SGD([Tensor([1.0], requiresGrad: true)], momentum: 0.9, dampening: 0.1, nesterov: true)
        }
        expectMessage(
            result,
            contains: "Nesterov momentum requires a momentum and zero dampening "
                + "(got momentum 0.9, dampening 0.1)")
    }

    @Test func emptyParameterList() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Adam([])
        }
        expectMessage(result, contains: "Adam: optimizer got an empty parameter list")
    }

    @Test func nonLeafParameter() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let w = Tensor([1.0], requiresGrad: true)
            _ = RMSprop([w * 2])
        }
        expectMessage(result, contains: "RMSprop: can't optimize a non-leaf Tensor: parameter 0")
    }

    @Test func betaOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = AdamW([Tensor([1.0], requiresGrad: true)], betas: (0.9, 1.0))
        }
        expectMessage(result, contains: "AdamW: Invalid beta parameter at index 1: 1.0")
    }

    @Test func negativeArgumentsNamedAsPyTorchNamesThem() async {
        let adagrad = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Adagrad([Tensor([1.0], requiresGrad: true)], lrDecay: -0.5)
        }
        expectMessage(adagrad, contains: "Adagrad: Invalid lr_decay value: -0.5")
        let rmsprop = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = RMSprop([Tensor([1.0], requiresGrad: true)], alpha: -0.99)
        }
        expectMessage(rmsprop, contains: "RMSprop: Invalid alpha value: -0.99")
        let adam = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Adam([Tensor([1.0], requiresGrad: true)], eps: -1e-8)
        }
        expectMessage(adam, contains: "Adam: Invalid epsilon value: -1e-08")
        let sgd = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SGD([Tensor([1.0], requiresGrad: true)], weightDecay: -0.1)
        }
        expectMessage(sgd, contains: "SGD: Invalid weight_decay value: -0.1")
    }

    @Test func schedulerPeriodMustBePositive() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = StepLR(SGD([Tensor([1.0], requiresGrad: true)]), stepSize: 0)
        }
        expectMessage(result, contains: "StepLR: stepSize must be a positive number of epochs, but got 0")
    }
}
