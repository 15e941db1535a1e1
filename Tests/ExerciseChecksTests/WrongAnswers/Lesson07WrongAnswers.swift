import ExerciseChecks
import Foundation
import Torchlet

/// Lesson 07's plausible wrong answers (a CNN on Fashion-MNIST), each of which its check must reject.
extension WrongAnswer {
    static var lesson07: [WrongAnswer] {
        [
            WrongAnswer(
                "convOutputSizeWithoutPadding", Lesson07Checks.convOutputSize,
                mentioning: ["n + 2p"]
            ) { n, k, s, _ in
                (n - k) / s + 1
            },
            WrongAnswer(
                "convOutputSizeWithPaddingOnOneSide", Lesson07Checks.convOutputSize,
                mentioning: ["both sides"]
            ) { n, k, s, p in
                (n + p - k) / s + 1
            },
            WrongAnswer(
                "convOutputSizeRoundingUp", Lesson07Checks.convOutputSize,
                mentioning: ["Round down"]
            ) { n, k, s, p in
                (n + 2 * p - k + s - 1) / s + 1
            },
            WrongAnswer(
                "convOutputSizeWithoutThePlusOne", Lesson07Checks.convOutputSize,
                mentioning: ["+ 1"]
            ) { n, k, s, p in
                (n + 2 * p - k) / s
            },
            WrongAnswer(
                "directConv2dWithTheFilterFlipped", Lesson07Checks.directConv2d,
                mentioning: ["180°"]
            ) { x, w, b, s, p in
                Self.loopConv(x, w, b, stride: s, padding: p, flip: true)
            },
            WrongAnswer(
                "directConv2dWithoutTheBias", Lesson07Checks.directConv2d,
                mentioning: ["bias is missing"]
            ) { x, w, b, s, p in
                Self.loopConv(x, w, b, stride: s, padding: p, useBias: false)
            },
            WrongAnswer(
                "directConv2dIgnoringTheStride", Lesson07Checks.directConv2d,
                mentioning: ["shape"]
            ) { x, w, b, _, p in
                Self.loopConv(x, w, b, stride: 1, padding: p)
            },
            WrongAnswer(
                "directConv2dIgnoringThePadding", Lesson07Checks.directConv2d,
                mentioning: ["shape"]
            ) { x, w, b, s, _ in
                Self.loopConv(x, w, b, stride: s, padding: 0)
            },
            WrongAnswer("maxPoolAveraging", Lesson07Checks.maxPool2d, mentioning: ["average"]) { x, k, s in
                Self.loopPool(x, kernel: k, stride: s, average: true)
            },
            WrongAnswer(
                "maxPoolStartingAtZero", Lesson07Checks.maxPool2d,
                mentioning: ["-Float.infinity"]
            ) { x, k, s in
                Self.loopPool(x, kernel: k, stride: s, start: 0)
            },
            WrongAnswer("maxPoolIgnoringTheStride", Lesson07Checks.maxPool2d) { x, k, _ in
                Self.loopPool(x, kernel: k, stride: k)
            },
            WrongAnswer("maxPoolIgnoringTheStride2", Lesson07Checks.maxPool2d) { x, k, _ in
                Self.loopPool(x, kernel: k, stride: 1)
            },
            // Every picture of the batch computed from the first one: right for a batch of one.
            WrongAnswer("directConv2dOnTheFirstPictureOnly", Lesson07Checks.directConv2d) { x, w, b, s, p in
                let first = Self.loopConv(
                    Tensor(
                        shape: [1] + Array(x.shape.dropFirst()),
                        scalars: Array(x.scalars.prefix(x.count / x.shape[0]))),
                    w, b, stride: s, padding: p)
                let copies = (0..<x.shape[0]).flatMap { _ in first.scalars }
                return Tensor(shape: [x.shape[0]] + Array(first.shape.dropFirst()), scalars: copies)
            },
            // Every plane (picture and channel) pooled from the first one: right for [1, 1, H, W].
            WrongAnswer("maxPoolOnTheFirstPlaneOnly", Lesson07Checks.maxPool2d) { x, k, s in
                let plane = x.shape[2] * x.shape[3]
                let first = Self.loopPool(
                    Tensor(
                        shape: [1, 1, x.shape[2], x.shape[3]],
                        scalars: Array(x.scalars.prefix(plane))), kernel: k, stride: s)
                return Tensor(
                    shape: [x.shape[0], x.shape[1]] + Array(first.shape.dropFirst(2)),
                    scalars: (0..<(x.shape[0] * x.shape[1])).flatMap { _ in first.scalars })
            },
        ]
    }

    /// The reference loops, with one thing changeable, for the wrong answers of 7.2.
    static func loopConv(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor?, stride: Int, padding: Int,
        flip: Bool = false, useBias: Bool = true
    ) -> Tensor {
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let (o, kh, kw) = (weight.shape[0], weight.shape[2], weight.shape[3])
        let oh = (h + 2 * padding - kh) / stride + 1, ow = (w + 2 * padding - kw) / stride + 1
        var out = [Float](repeating: 0, count: n * o * oh * ow)
        for b in 0..<n {
            for f in 0..<o {
                for y in 0..<oh {
                    for x in 0..<ow {
                        var sum = useBias ? (bias?.scalars[f] ?? 0) : 0
                        for ch in 0..<c {
                            for i in 0..<kh {
                                for j in 0..<kw {
                                    let row = y * stride - padding + i, column = x * stride - padding + j
                                    guard (0..<h).contains(row), (0..<w).contains(column) else { continue }
                                    let (wi, wj) = flip ? (kh - 1 - i, kw - 1 - j) : (i, j)
                                    sum +=
                                        weight.scalars[((f * c + ch) * kh + wi) * kw + wj]
                                        * input.scalars[((b * c + ch) * h + row) * w + column]
                                }
                            }
                        }
                        out[((b * o + f) * oh + y) * ow + x] = sum
                    }
                }
            }
        }
        return Tensor(shape: [n, o, oh, ow], scalars: out)
    }

    /// Pooling with loops, with the window's summary and the start of the maximum changeable.
    static func loopPool(
        _ input: Tensor, kernel: Int, stride: Int, start: Float = -.infinity,
        average: Bool = false
    ) -> Tensor {
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let oh = (h - kernel) / stride + 1, ow = (w - kernel) / stride + 1
        var out: [Float] = []
        for plane in 0..<(n * c) {
            for y in 0..<oh {
                for x in 0..<ow {
                    var largest = start, sum: Float = 0
                    for i in 0..<kernel {
                        for j in 0..<kernel {
                            let value = input.scalars[(plane * h + y * stride + i) * w + x * stride + j]
                            largest = max(largest, value)
                            sum += value
                        }
                    }
                    out.append(average ? sum / Float(kernel * kernel) : largest)
                }
            }
        }
        return Tensor(shape: [n, c, oh, ow], scalars: out)
    }
}
