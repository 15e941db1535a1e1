/// Randomly zeroes inputs during training, PyTorch's `nn.Dropout`: each number is kept with
/// probability 1 - p and then scaled by 1 / (1 - p), so the expected output equals the input.
/// A network trained this way cannot rely on any single unit, which curbs overfitting.
///
/// In evaluation mode (`model.eval()`) it passes its input through unchanged. The random mask
/// comes from the default generator, so `manualSeed(_:)` fixes it, and it is drawn as
/// PyTorch's CPU dropout draws it (`bernoulli_(1 - p)`): one uniform `Double` (`random64()`)
/// per number, kept when it is below 1 - p. Compared with PyTorch 2.13 on x86-64 Linux (an Intel
/// CPU), the masks and the numbers drawn afterwards are the same. PyTorch's sources have also
/// had a path for Intel CPUs that hands the sampling to MKL's own Bernoulli generator, seeded
/// with one 32-bit draw; a build that takes it draws other masks, which Torchlet does not
/// reproduce (not compared: the build tested did not take that path).
///
/// Backward: `dx = g · mask`, the same mask (0 or 1/(1-p)) as the forward pass.
public final class Dropout: Module {
    /// The probability of zeroing each number.
    public let p: Float

    public init(p: Float = 0.5) {
        guard p >= 0, p <= 1 else {
            failure("Dropout: dropout probability has to be between 0 and 1, but got \(p)")
        }
        self.p = p
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        input.dropout(p: p, training: isTraining)
    }

    public override var extraDescription: String { "p=\(p), inplace=False" }
}

extension Tensor {
    /// Dropout (PyTorch's `F.dropout`): in training, each number is zeroed with probability `p`
    /// and the others are multiplied by 1 / (1 - p); otherwise the input itself is returned.
    ///
    ///     forward:   y = x · mask,  mask = 0 (probability p) or 1 / (1 - p)
    ///     backward:  dx = g · mask
    public func dropout(p: Float = 0.5, training: Bool = true) -> Tensor {
        guard p >= 0, p <= 1 else {
            failure("dropout: dropout probability has to be between 0 and 1, but got \(p)")
        }
        guard training, p > 0 else { return self }
        // PyTorch takes p as a Python float (a Double): recover the Double the caller wrote
        // (0.3, not the Float nearest 0.3 widened), so that the threshold 1 - p is PyTorch's.
        let keep = 1 - (Double(p.description) ?? Double(p))
        guard p < 1 else { return self * 0 }
        let scale = 1 / Float(keep)
        // Keep a number when a uniform Double in [0, 1) is below 1 - p.
        var mask = [Float](repeating: 0, count: count)
        DefaultGenerator.withGenerator { generator in
            mask.withUnsafeMutableBufferPointer { pm in
                for i in 0..<pm.count { pm[i] = generator.nextUniformDouble() < keep ? scale : 0 }
            }
        }
        let output = zipScalars(scalars, mask) { $0 * $1 }
        return Tensor(shape: shape, scalars: output)
            .recorded("MulBackward0", "dx = g * mask (0 or 1/(1-p) = \(scale.shortDescription))", from: [self]) { g in
                [Tensor(shape: g.shape, scalars: zipScalars(g.scalars, mask) { $0 * $1 })]
            }
    }
}
