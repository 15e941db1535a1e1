import Foundation

/// Ways to fill a layer's weights before training, PyTorch's `torch.nn.init`.
///
///     let linear = Linear(784, 256)
///     Init.kaimingNormal_(linear.weight, nonlinearity: .relu)
///     Init.zeros_(linear.bias!)
///
/// Every function overwrites the tensor's numbers in place (the trailing `_` says so, as in
/// PyTorch), without recording anything for autograd, draws from the default generator (so
/// `manualSeed(_:)` fixes the result) or from the generator passed with `using:`, and returns
/// the tensor. The draws are PyTorch's, call for call: after the same seed, the same calls
/// give the same numbers as `torch.nn.init`.
///
/// The scaled variants keep the size of the signal steady from layer to layer. A weight
/// `[fanOut, fanIn, k...]` sums `fanIn` inputs per output (times the receptive field `k...` for
/// convolutions), so weights with variance 1/fanIn keep the output's variance near the input's:
/// - Xavier (Glorot): `std = gain · √(2 / (fanIn + fanOut))`, for tanh and sigmoid;
/// - Kaiming (He): `std = gain / √fan`, with `gain = √2` for ReLU, which zeroes half the signal.
/// A uniform distribution U(-a, a) has standard deviation a/√3, so the uniform variants use
/// `a = √3 · std`.
public enum Init {
    /// The nonlinearity that follows a layer, for `calculateGain(nonlinearity:param:)`.
    public enum Nonlinearity: String, Sendable, CaseIterable {
        case linear, conv1d, conv2d, conv3d
        case convTranspose1d = "conv_transpose1d", convTranspose2d = "conv_transpose2d"
        case convTranspose3d = "conv_transpose3d"
        case sigmoid, tanh, relu
        case leakyRelu = "leaky_relu"
        case selu
    }

    /// Whether Kaiming scaling keeps the forward signal (`fanIn`) or the backward gradient
    /// (`fanOut`) steady.
    public enum FanMode: String, Sendable {
        case fanIn = "fan_in", fanOut = "fan_out"
    }

    /// The recommended gain for a nonlinearity (PyTorch's `calculate_gain`): 1 for linear layers
    /// and sigmoid, 5/3 for tanh, √2 for ReLU, √(2 / (1 + slope²)) for leaky ReLU (slope
    /// `param`, default 0.01) and 3/4 for SELU.
    public static func calculateGain(nonlinearity: Nonlinearity, param: Double? = nil) -> Double {
        switch nonlinearity {
        case .linear, .conv1d, .conv2d, .conv3d, .convTranspose1d, .convTranspose2d, .convTranspose3d, .sigmoid:
            return 1
        case .tanh:
            return 5.0 / 3
        case .relu:
            return 2.0.squareRoot()
        case .leakyRelu:
            let slope = param ?? 0.01
            return (2.0 / (1 + slope * slope)).squareRoot()
        case .selu:
            return 3.0 / 4
        }
    }

    /// The number of inputs and outputs each weight connects (PyTorch's
    /// `_calculate_fan_in_and_fan_out`): for `[out, in, k...]`, `fanIn = in · Πk` and
    /// `fanOut = out · Πk`.
    public static func fans(_ tensor: Tensor) -> (fanIn: Int, fanOut: Int) {
        guard tensor.rank >= 2 else {
            failure(
                "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions "
                    + "(shape \(tensor.shape.formatted)); Xavier and Kaiming initialisation need a weight matrix")
        }
        let receptiveField = tensor.shape.dropFirst(2).reduce(1, *)
        return (tensor.shape[1] * receptiveField, tensor.shape[0] * receptiveField)
    }

    // MARK: Plain distributions

    /// Fills with numbers drawn uniformly from [a, b), as `torch.nn.init.uniform_`: each is
    /// `u · (b - a) + a` in `Float` with `u = (random() & 0xFFFFFF) · 2^-24`.
    @discardableResult
    public static func uniform_(_ tensor: Tensor, a: Double = 0, b: Double = 1) -> Tensor {
        DefaultGenerator.withGenerator { uniform_(tensor, a: a, b: b, using: &$0) }
    }

    /// `uniform_(_:a:b:)` drawing from `generator` (PyTorch's `generator=` argument).
    @discardableResult
    public static func uniform_(_ tensor: Tensor, a: Double = 0, b: Double = 1, using generator: inout Generator)
        -> Tensor
    {
        tensor.scalars = generator.uniformFloats(tensor.count, from: Float(a), to: Float(b))
        return tensor
    }

    /// Fills with numbers drawn from the normal distribution N(mean, std²), as
    /// `torch.nn.init.normal_` (see `Generator.normalFloats(_:mean:std:)` for PyTorch's two
    /// recipes, below and from 16 numbers).
    @discardableResult
    public static func normal_(_ tensor: Tensor, mean: Double = 0, std: Double = 1) -> Tensor {
        DefaultGenerator.withGenerator { normal_(tensor, mean: mean, std: std, using: &$0) }
    }

    /// `normal_(_:mean:std:)` drawing from `generator`.
    @discardableResult
    public static func normal_(_ tensor: Tensor, mean: Double = 0, std: Double = 1, using generator: inout Generator)
        -> Tensor
    {
        tensor.scalars = generator.normalFloats(tensor.count, mean: mean, std: std)
        return tensor
    }

    /// Fills with `value`.
    @discardableResult
    public static func constant_(_ tensor: Tensor, _ value: Double) -> Tensor {
        tensor.scalars = [Float](repeating: Float(value), count: tensor.count)
        return tensor
    }

    /// Fills with zeros.
    @discardableResult
    public static func zeros_(_ tensor: Tensor) -> Tensor { constant_(tensor, 0) }

    /// Fills with ones.
    @discardableResult
    public static func ones_(_ tensor: Tensor) -> Tensor { constant_(tensor, 1) }

    // MARK: Xavier (Glorot)

    /// U(-a, a) with `a = gain · √(6 / (fanIn + fanOut))`.
    @discardableResult
    public static func xavierUniform_(_ tensor: Tensor, gain: Double = 1) -> Tensor {
        DefaultGenerator.withGenerator { xavierUniform_(tensor, gain: gain, using: &$0) }
    }

    /// `xavierUniform_(_:gain:)` drawing from `generator`.
    @discardableResult
    public static func xavierUniform_(_ tensor: Tensor, gain: Double = 1, using generator: inout Generator) -> Tensor {
        let (fanIn, fanOut) = fans(tensor)
        // In Double and in this order, as torch.nn.init computes it, so the bound is the same.
        let std = gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
        let a = 3.0.squareRoot() * std
        return uniform_(tensor, a: -a, b: a, using: &generator)
    }

    /// N(0, std²) with `std = gain · √(2 / (fanIn + fanOut))`.
    @discardableResult
    public static func xavierNormal_(_ tensor: Tensor, gain: Double = 1) -> Tensor {
        DefaultGenerator.withGenerator { xavierNormal_(tensor, gain: gain, using: &$0) }
    }

    /// `xavierNormal_(_:gain:)` drawing from `generator`.
    @discardableResult
    public static func xavierNormal_(_ tensor: Tensor, gain: Double = 1, using generator: inout Generator) -> Tensor {
        let (fanIn, fanOut) = fans(tensor)
        return normal_(tensor, mean: 0, std: gain * (2.0 / Double(fanIn + fanOut)).squareRoot(), using: &generator)
    }

    // MARK: Kaiming (He)

    /// U(-bound, bound) with `bound = √3 · gain / √fan`, the gain of `nonlinearity` with slope `a`.
    @discardableResult
    public static func kaimingUniform_(
        _ tensor: Tensor, a: Double = 0, mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .leakyRelu
    ) -> Tensor {
        DefaultGenerator.withGenerator {
            kaimingUniform_(tensor, a: a, mode: mode, nonlinearity: nonlinearity, using: &$0)
        }
    }

    /// `kaimingUniform_(_:a:mode:nonlinearity:)` drawing from `generator`.
    @discardableResult
    public static func kaimingUniform_(
        _ tensor: Tensor, a: Double = 0, mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .leakyRelu,
        using generator: inout Generator
    ) -> Tensor {
        let std = kaimingStd(tensor, a: a, mode: mode, nonlinearity: nonlinearity)
        let bound = 3.0.squareRoot() * std
        return uniform_(tensor, a: -bound, b: bound, using: &generator)
    }

    /// N(0, std²) with `std = gain / √fan`, the gain of `nonlinearity` with slope `a`.
    @discardableResult
    public static func kaimingNormal_(
        _ tensor: Tensor, a: Double = 0, mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .leakyRelu
    ) -> Tensor {
        DefaultGenerator.withGenerator {
            kaimingNormal_(tensor, a: a, mode: mode, nonlinearity: nonlinearity, using: &$0)
        }
    }

    /// `kaimingNormal_(_:a:mode:nonlinearity:)` drawing from `generator`.
    @discardableResult
    public static func kaimingNormal_(
        _ tensor: Tensor, a: Double = 0, mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .leakyRelu,
        using generator: inout Generator
    ) -> Tensor {
        normal_(
            tensor, mean: 0, std: kaimingStd(tensor, a: a, mode: mode, nonlinearity: nonlinearity), using: &generator)
    }

    private static func kaimingStd(_ tensor: Tensor, a: Double, mode: FanMode, nonlinearity: Nonlinearity) -> Double {
        let (fanIn, fanOut) = fans(tensor)
        let fan = mode == .fanIn ? fanIn : fanOut
        return calculateGain(nonlinearity: nonlinearity, param: a) / Double(fan).squareRoot()
    }
}
