import Torchlet

/// The continuous XOR problem as a `Dataset`, PyTorch's `torch.utils.data.Dataset` subclass of
/// the UvA deep-learning tutorial 2 (`XORDataset(size=2500)`).
///
/// Each point starts at a corner of the unit square, (0, 0), (0, 1), (1, 0) or (1, 1), chosen at
/// random, and is labelled with the XOR of its two coordinates: 1 when exactly one of them is 1.
/// Then Gaussian noise of standard deviation `std` moves it a little, so the four corners become
/// four clouds and a classifier has to learn regions, not four points.
///
///     let trainSet = XORDataset(size: 2500)
///     trainSet.count        // 2500
///     trainSet[0]           // (input: tensor([0.0497, 1.0719]), label: tensor(1))
struct XORDataset: Dataset {
    /// Every point, `[size, 2]`.
    let inputs: Tensor
    /// Every label, `[size]`, int64 (0 or 1), as the tutorial's `.to(torch.long)`.
    let labels: Tensor
    /// The noise's standard deviation.
    let std: Float

    /// `size` noisy points drawn from the default generator (seeded by `--seed`), like the
    /// tutorial's `torch.randint` + `torch.randn`.
    init(size: Int, std: Float = 0.1) {
        self = DefaultGenerator.withGenerator { XORDataset(size: size, std: std, using: &$0) }
    }

    /// `size` noisy points drawn from `generator`.
    init(size: Int, std: Float = 0.1, using generator: inout Generator) {
        precondition(size >= 1, "XORDataset: size must be at least 1, got \(size)")
        let corners = Tensor.randint(0, 2, [size, 2], using: &generator).float()
        let noise = Tensor.randn([size, 2], using: &generator)
        let c = corners.scalars
        // XOR: exactly one of the two coordinates is 1, i.e. they sum to 1.
        labels = Tensor((0..<size).map { c[2 * $0] + c[2 * $0 + 1] == 1 ? 1 : 0 })
        inputs = corners + std * noise
        self.std = std
    }

    /// The number of points (PyTorch's `__len__`).
    var count: Int { labels.count }

    /// Point `index` and its label (PyTorch's `__getitem__`): `tensor([x1, x2])` and `tensor(0)`.
    subscript(index: Int) -> (input: Tensor, label: Tensor) {
        (inputs[index], labels[index])
    }

    /// The points at `indices` copied as one batch: `[b, 2]` and `[b]`. The default would ask for
    /// each point and stack them, which gives the same batch, one small tensor at a time.
    func batch(at indices: [Int]) -> (inputs: Tensor, labels: Tensor) {
        (inputs.indexSelect(dim: 0, indices), labels.indexSelect(dim: 0, indices))
    }
}
