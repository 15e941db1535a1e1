// Lesson 07 · a CNN on Fashion-MNIST: exercises.
//
// Write each answer where its `// TODO` is, in place of the `throw NotImplemented(...)` line,
// then check it: `swift run check 7.1` (one exercise) or `swift run check 7` (the lesson).
// Reference answers: Solutions/Lesson07.swift. Try first, peek after.
import ExerciseChecks
import Foundation
import Torchlet

/// **7.1 The output-size formula.**
///
/// A filter `kernelSize` wide slides over a row of `inputSize` pixels padded with `padding`
/// zeros on each side, moving `stride` pixels at a time. How many positions does it visit?
///
///     output = ⌊(n + 2p − k) / s⌋ + 1
///
/// n + 2p is the padded width, n + 2p − k how far the filter can move, divided by the stride the
/// number of whole steps (a step that would not fit is not taken: round down), and + 1 counts
/// the first position. The same formula gives the side of a max pooling's output. You may
/// assume the filter fits (k ≤ n + 2p).
///
///     convOutputSize(inputSize: 28, kernelSize: 3, stride: 1, padding: 1)   // 28
///     convOutputSize(inputSize: 7, kernelSize: 2, stride: 2, padding: 1)    // 4: the seed's last pooling
///
/// Hint: Swift's `/` on two non-negative `Int`s already rounds down.
public func convOutputSize(inputSize: Int, kernelSize: Int, stride: Int, padding: Int) throws -> Int {
    // TODO: 7.1 return ⌊(inputSize + 2·padding − kernelSize) / stride⌋ + 1.
    throw NotImplemented("7.1 convOutputSize")
}

/// **7.2 A 2-D convolution with loops.**
///
/// `input` is a batch of pictures `[N, C, H, W]`, `weight` the filters `[O, C, kH, kW]` (O
/// filters, each looking at all C input channels through a kH × kW window) and `bias` one
/// number per filter `[O]`, or `nil`. The output is `[N, O, outH, outW]`, its sides from 7.1,
/// with
///
///     out[n, o, y, x] = bias[o] + Σ over c, i, j of weight[o, c, i, j] · in[n, c, y·s − p + i, x·s − p + j]
///
/// where a pixel outside the picture (in the padding) counts as 0. This is what `Conv2d` and
/// PyTorch compute (a cross-correlation: the filter is not flipped). Write it with plain loops
/// over `input.scalars` and `weight.scalars` (row-major: element [a, b, c, d] of a tensor of
/// shape [A, B, C, D] is at index ((a·B + b)·C + c)·D + d) and return
/// `Tensor(shape: [N, O, outH, outW], scalars: ...)`. No autograd needed.
///
/// Hint: six loops (n, o, y, x, then c, i, j inside); skip the terms whose row or column falls
/// outside 0..<H or 0..<W.
public func directConv2d(input: Tensor, weight: Tensor, bias: Tensor?, stride: Int, padding: Int) throws -> Tensor {
    // TODO: 7.2 sum weight · input over each window, at every position of every picture and filter.
    throw NotImplemented("7.2 directConv2d")
}

/// **7.3 Max pooling with loops.**
///
/// For each picture and channel of `input` `[N, C, H, W]`, slide a `kernelSize` × `kernelSize`
/// window by `stride` (no padding) and keep the largest value under it:
///
///     out[n, c, y, x] = max over i, j < kernelSize of in[n, c, y·s + i, x·s + j]
///
/// The output is `[N, C, outH, outW]` with the sides from 7.1 (padding 0), as
/// `MaxPool2d(kernelSize: k, stride: s)` gives. No autograd needed.
///
/// Hint: start each maximum at `-Float.infinity` (or at the window's first value), not at 0: the
/// values can all be negative.
public func maxPool2d(_ input: Tensor, kernelSize: Int, stride: Int) throws -> Tensor {
    // TODO: 7.3 keep the largest value of each window.
    throw NotImplemented("7.3 maxPool2d")
}
