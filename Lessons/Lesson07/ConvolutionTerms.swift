import Torchlet

/// Two hand-made 3x3 filters, as one weight tensor `[2, 1, 3, 3]` (two output channels, one
/// input channel): Sobel's edge detectors. The first answers where the picture gets brighter
/// from left to right (a vertical edge), the second where it gets brighter from top to bottom
/// (a horizontal edge); on a flat patch both give 0, since their weights add up to 0.
func edgeFilters() -> Tensor {
    Tensor(shape: [2, 1, 3, 3], scalars: [
        -1, 0, 1,
        -2, 0, 2,
        -1, 0, 1,

        -1, -2, -1,
         0,  0,  0,
         1,  2,  1,
    ])
}

/// The 3x3 patch of `image` `[1, 1, H, W]` whose top-left corner is at (`row`, `column`) of the
/// picture padded with one ring of zeros: the pixels the filter covers for output (`row`, `column`).
func patch(of image: Tensor, row: Int, column: Int) -> Tensor {
    let side = image.size(3)
    var values: [Float] = []
    for i in 0..<3 {
        for j in 0..<3 {
            let y = row - 1 + i, x = column - 1 + j
            values.append((0..<image.size(2)).contains(y) && (0..<side).contains(x) ? image.scalars[y * side + x] : 0)
        }
    }
    return Tensor(shape: [3, 3], scalars: values)
}

/// The position of the largest value of channel `channel` of a feature map `[1, C, H, W]`.
func strongestResponse(_ featureMap: Tensor, channel: Int) -> (row: Int, column: Int) {
    let height = featureMap.size(2), width = featureMap.size(3)
    let plane = featureMap.scalars[(channel * height * width)..<((channel + 1) * height * width)]
    let index = plane.indices.max { plane[$0] < plane[$1] }! - channel * height * width
    return (index / width, index % width)
}

/// The settings the padding-and-stride table tries on a 28x28 picture: (kernel, stride, padding).
let sizeExamples: [(kernel: Int, stride: Int, padding: Int)] = [
    (3, 1, 0), (3, 1, 1), (5, 1, 2), (3, 2, 1), (3, 5, 1), (10, 1, 1), (10, 1, 0),
]

/// The output shape of a convolution with a `kernel`-wide averaging filter on `image` `[1, 1, H, W]`,
/// computed by the engine (not by the formula).
func convolvedShape(_ image: Tensor, kernel: Int, stride: Int, padding: Int) -> [Int] {
    let filter = Tensor.full([1, 1, kernel, kernel], 1 / Float(kernel * kernel))
    return noGrad { image.conv2d(weight: filter, stride: (stride, stride), padding: (padding, padding)).shape }
}

/// The 4x4 example for max pooling.
func poolingExample() -> Tensor {
    Tensor(shape: [1, 1, 4, 4], scalars: [
        1, 3, 2, 1,
        4, 6, 5, 0,
        3, 1, 1, 2,
        0, 2, 7, 4,
    ])
}
