// Lesson 07 · a CNN on Fashion-MNIST: reference answers.
//
// The same functions as Exercises/Lesson07.swift, with the answers written in. Check them with
// `swift run check --solutions 7`. Other answers can be just as right: the checks compare
// values, not code.
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
    // 7.1: return ⌊(inputSize + 2·padding − kernelSize) / stride⌋ + 1.
    (inputSize + 2 * padding - kernelSize) / stride + 1
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
    // 7.2: sum weight · input over each window, at every position of every picture and filter.
    let (batch, channels, height, width) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
    let (filters, kernelHeight, kernelWidth) = (weight.shape[0], weight.shape[2], weight.shape[3])
    let outHeight = (height + 2 * padding - kernelHeight) / stride + 1
    let outWidth = (width + 2 * padding - kernelWidth) / stride + 1
    let x = input.scalars, w = weight.scalars
    var out = [Float](repeating: 0, count: batch * filters * outHeight * outWidth)
    for n in 0..<batch {
        for o in 0..<filters {
            for y in 0..<outHeight {
                for xOut in 0..<outWidth {
                    var sum = bias?.scalars[o] ?? 0
                    for c in 0..<channels {
                        for i in 0..<kernelHeight {
                            let row = y * stride - padding + i
                            guard row >= 0 && row < height else { continue }
                            for j in 0..<kernelWidth {
                                let column = xOut * stride - padding + j
                                guard column >= 0 && column < width else { continue }
                                sum += w[((o * channels + c) * kernelHeight + i) * kernelWidth + j]
                                    * x[((n * channels + c) * height + row) * width + column]
                            }
                        }
                    }
                    out[((n * filters + o) * outHeight + y) * outWidth + xOut] = sum
                }
            }
        }
    }
    return Tensor(shape: [batch, filters, outHeight, outWidth], scalars: out)
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
    // 7.3: keep the largest value of each window.
    let (batch, channels, height, width) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
    let outHeight = (height - kernelSize) / stride + 1
    let outWidth = (width - kernelSize) / stride + 1
    let x = input.scalars
    var out: [Float] = []
    out.reserveCapacity(batch * channels * outHeight * outWidth)
    for plane in 0..<(batch * channels) {
        for y in 0..<outHeight {
            for xOut in 0..<outWidth {
                var largest = -Float.infinity
                for i in 0..<kernelSize {
                    for j in 0..<kernelSize {
                        largest = max(largest, x[(plane * height + y * stride + i) * width + xOut * stride + j])
                    }
                }
                out.append(largest)
            }
        }
    }
    return Tensor(shape: [batch, channels, outHeight, outWidth], scalars: out)
}
