import Torchlet

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
