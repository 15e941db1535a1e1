import Torchlet

/// The checks of Lesson 07, one definition per exercise. Every expected value comes from the
/// engine's own `conv2d` and `maxPool2d`, the ones the lesson's network trains with.
public enum Lesson07Checks {
    /// 7.1: sides of convolutions and poolings, each against the shape the engine produces: the
    /// lesson's 28x28 cases, the seed's last pooling (7 → 4, padding 1), and odd sides where
    /// rounding up instead of down gives one more.
    public static var convOutputSize: ExerciseDefinition<(Int, Int, Int, Int) throws -> Int> {
        ExerciseDefinition(
            "7.1",
            strongerHint:
                "`(inputSize + 2 * padding - kernelSize) / stride + 1`: the integer division rounds "
                + "down by itself."
        ) { answer in
            let cases: [(n: Int, k: Int, s: Int, p: Int)] = [
                (28, 3, 1, 1), (28, 3, 1, 0), (28, 5, 1, 2), (28, 3, 2, 1), (28, 3, 5, 1), (28, 10, 1, 1),
                (7, 2, 2, 1), (5, 2, 2, 0), (14, 2, 2, 0), (6, 3, 2, 0), (1, 2, 2, 1), (9, 4, 3, 2),
            ]
            for c in cases {
                let expected = engineSide(c.n, kernel: c.k, stride: c.s, padding: c.p)
                let input = "convOutputSize(inputSize: \(c.n), kernelSize: \(c.k), stride: \(c.s), padding: \(c.p))"
                let got = try attempt(input) { try answer(c.n, c.k, c.s, c.p) }
                guard got != expected else { continue }
                var hint = "⌊(n + 2p − k) / s⌋ + 1 = ⌊(\(c.n) + \(2 * c.p) − \(c.k)) / \(c.s)⌋ + 1."
                let room = c.n + 2 * c.p - c.k
                if got == (c.n - c.k) / c.s + 1 {
                    hint =
                        "The padding is missing: it adds p zeros on both sides, so the padded width is n + 2p. " + hint
                } else if got == (c.n + c.p - c.k) / c.s + 1 {
                    hint = "The padding goes on both sides of the picture: n + 2p, not n + p. " + hint
                } else if got == (room + c.s - 1) / c.s + 1 {
                    hint =
                        "Round down: a last step that would run past the padded picture is not taken "
                        + "(here \(room) / \(c.s) = \(Double(room) / Double(c.s)), so \(room / c.s) steps). " + hint
                } else if got == room / c.s {
                    hint = "Count the first position too: + 1 after the division. " + hint
                }
                throw fail(input, expected: String(expected), got: String(got), hint: hint)
            }
        }
    }

    /// The side the engine's convolution (or, for a padding it allows, pooling) gives.
    static func engineSide(_ n: Int, kernel: Int, stride: Int, padding: Int) -> Int {
        let picture = Tensor.zeros([1, 1, n, n])
        if padding <= kernel / 2 {
            let pooled = picture.maxPool2d(
                kernelSize: (kernel, kernel), stride: (stride, stride),
                padding: (padding, padding))
            return pooled.shape[2]
        }
        return picture.conv2d(
            weight: Tensor.zeros([1, 1, kernel, kernel]), stride: (stride, stride),
            padding: (padding, padding)
        ).shape[2]
    }

    /// The filter turned by 180°, `weight[o, c, kH − 1 − i, kW − 1 − j]`: what a textbook
    /// convolution would use, and what a wrong answer might.
    static func flipped(_ weight: Tensor) -> Tensor {
        let (o, c, kh, kw) = (weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3])
        var values = weight.scalars
        for plane in 0..<(o * c) {
            for i in 0..<kh {
                for j in 0..<kw {
                    values[(plane * kh + i) * kw + j] = weight.scalars[(plane * kh + kh - 1 - i) * kw + kw - 1 - j]
                }
            }
        }
        return Tensor(shape: weight.shape, scalars: values)
    }

    /// Whether two tensors have the same shape and numbers, to 1e-4.
    static func agree(_ a: Tensor, _ b: Tensor) -> Bool {
        a.shape == b.shape && zip(a.scalars, b.scalars).allSatisfy { close($0, $1, absolute: 1e-4, relative: 1e-4) }
    }

    /// 7.2: convolutions against the engine's `conv2d`: one small picture with a lopsided filter
    /// (so a flipped filter shows), several channels, filters and pictures with a non-square
    /// filter and padding 1, stride 2 with padding, and stride 3 without bias.
    public static var directConv2d: ExerciseDefinition<(Tensor, Tensor, Tensor?, Int, Int) throws -> Tensor> {
        ExerciseDefinition(
            "7.2",
            buildsOn: ["7.1"],
            strongerHint:
                "Read the shapes first, `let (n, c, h, w) = (input.shape[0], input.shape[1], "
                + "input.shape[2], input.shape[3])` and `let (o, kh, kw) = (weight.shape[0], "
                + "weight.shape[2], weight.shape[3])`, and the sides with your `convOutputSize`. For "
                + "each output (b, f, y, x), start the sum at `bias?.scalars[f] ?? 0` and add "
                + "`weight.scalars[((f * c + ch) * kh + i) * kw + j] * input.scalars[((b * c + ch) * h "
                + "+ row) * w + column]` for every ch, i, j whose row = y·s − p + i and column = x·s − "
                + "p + j fall inside the picture. Keep b in the input's index: every picture of the "
                + "batch has its own output."
        ) { answer in
            var generator = Generator(seed: 7)
            let cases: [(input: [Int], weight: [Int], bias: Bool, stride: Int, padding: Int)] = [
                ([1, 1, 4, 4], [1, 1, 3, 3], false, 1, 0),
                ([2, 3, 6, 7], [4, 3, 3, 2], true, 1, 1),
                ([1, 2, 7, 7], [3, 2, 3, 3], true, 2, 1),
                ([2, 1, 8, 8], [2, 1, 2, 2], false, 3, 0),
            ]
            for (index, c) in cases.enumerated() {
                let input: Tensor, weight: Tensor
                if index == 0 {
                    input = Tensor(shape: c.input, scalars: (0..<16).map { Float($0 % 5) - 1 })
                    weight = Tensor(shape: c.weight, scalars: [1, 2, 0, 0, 1, -1, 3, 0, -2])
                } else {
                    input = Tensor.randn(c.input, using: &generator)
                    weight = Tensor.randn(c.weight, using: &generator)
                }
                let bias = c.bias ? Tensor.randn([c.weight[0]], using: &generator) : nil
                let expected = input.conv2d(
                    weight: weight, bias: bias, stride: (c.stride, c.stride),
                    padding: (c.padding, c.padding))
                let shown =
                    index == 0
                    ? "input: \(printed(input)), weight: \(printed(weight))"
                    : "input: randn \(c.input), weight: randn \(c.weight)"
                let description =
                    "directConv2d(\(shown), bias: \(bias.map { printed($0) } ?? "nil"), "
                    + "stride: \(c.stride), padding: \(c.padding))"
                let got = try attempt(description) { try answer(input, weight, bias, c.stride, c.padding) }
                var hint =
                    "out[n, o, y, x] = bias[o] + Σ over c, i, j of weight[o, c, i, j] · in[n, c, y·s − p + i, "
                    + "x·s − p + j], with pixels outside the picture counted as 0; the sides are "
                    + "⌊(H + 2p − kH) / s⌋ + 1 and ⌊(W + 2p − kW) / s⌋ + 1."
                if agree(
                    got,
                    input.conv2d(
                        weight: flipped(weight), bias: bias, stride: (c.stride, c.stride),
                        padding: (c.padding, c.padding)))
                {
                    hint =
                        "Your filter is turned by 180° (weight[o, c, kH − 1 − i, kW − 1 − j]): that is the "
                        + "textbook convolution, but Conv2d and PyTorch do not flip the filter (a "
                        + "cross-correlation). Multiply weight[o, c, i, j] by the pixel at offset (i, j) of the window. "
                        + hint
                } else if let bias, got.shape == expected.shape, agree(got + bias.reshape([1, -1, 1, 1]), expected) {
                    hint = "The bias is missing: start each sum at bias[o]. " + hint
                }
                try expectValues(got, expected, for: description, hint: hint)
            }
        }
    }

    /// 7.3: max pooling against the engine's: the lesson's 4x4 example, sides that do not divide
    /// (the last row and column are dropped), overlapping windows (kernel 3, stride 2), stride 1,
    /// and a picture of negative numbers only.
    public static var maxPool2d: ExerciseDefinition<(Tensor, Int, Int) throws -> Tensor> {
        ExerciseDefinition(
            "7.3",
            buildsOn: ["7.1"],
            strongerHint:
                "The loops of 7.2 without filters and without the channel sum: for each "
                + "picture-and-channel plane (`plane` in 0..<n·c) and each output (y, x), `var largest "
                + "= -Float.infinity`, then `largest = max(largest, input.scalars[(plane * h + y * "
                + "stride + i) * w + x * stride + j])` over i, j < kernelSize."
        ) { answer in
            var generator = Generator(seed: 11)
            let lessonExample = Tensor(shape: [1, 1, 4, 4], scalars: [1, 3, 2, 1, 4, 6, 5, 0, 3, 1, 1, 2, 0, 2, 7, 4])
            let cases: [(input: Tensor, kernel: Int, stride: Int, shown: String)] = [
                (lessonExample, 2, 2, printed(lessonExample)),
                (Tensor.randn([2, 3, 5, 5], using: &generator), 2, 2, "randn [2, 3, 5, 5]"),
                (Tensor.randn([1, 2, 7, 6], using: &generator), 3, 2, "randn [1, 2, 7, 6]"),
                (Tensor.randn([1, 1, 5, 5], using: &generator), 3, 1, "randn [1, 1, 5, 5]"),
                (Tensor.rand([1, 1, 4, 4], using: &generator) * -1 - 0.5, 2, 2, ""),
            ]
            for c in cases {
                let shown = c.shown.isEmpty ? printed(c.input) : c.shown
                let description = "maxPool2d(\(shown), kernelSize: \(c.kernel), stride: \(c.stride))"
                let got = try attempt(description) { try answer(c.input, c.kernel, c.stride) }
                let expected = c.input.maxPool2d(kernelSize: (c.kernel, c.kernel), stride: (c.stride, c.stride))
                var hint =
                    "out[n, c, y, x] = the largest of in[n, c, y·s + i, x·s + j] for i, j < kernelSize; "
                    + "the sides are ⌊(H − k) / s⌋ + 1 and ⌊(W − k) / s⌋ + 1."
                if got.shape == expected.shape, got.scalars.contains(0), !expected.scalars.contains(0) {
                    hint =
                        "Every value here is negative, yet your result has 0s: start each maximum at "
                        + "-Float.infinity (or at the window's first value), not at 0. " + hint
                } else if c.input.shape[1] == 1,
                    agree(
                        got,
                        c.input.conv2d(
                            weight: Tensor.full(
                                [1, 1, c.kernel, c.kernel],
                                1 / Float(c.kernel * c.kernel)),
                            stride: (c.stride, c.stride)))
                {
                    hint =
                        "That is the average of each window (average pooling); max pooling keeps its largest value. "
                        + hint
                }
                try expectValues(got, expected, for: description, hint: hint)
            }
        }
    }
}
