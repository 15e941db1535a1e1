import Torchlet

/// Fashion-MNIST: 28×28 greyscale pictures of clothes and shoes in ten classes (T-shirt/top,
/// Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot), in MNIST's format
/// and sizes, so any MNIST model runs on it unchanged; torchvision's `datasets.FashionMNIST`.
///
///     let train = try FashionMNIST(train: true)      // finds Debian's copy, or downloads
///     train.classNames[Int(train.labels.scalars[0])] // "Ankle boot"
///
/// The same as `MNIST(variant: .fashionMNIST, ...)`, which is the form to use when a flag
/// (`--dataset mnist|fashion-mnist`) chooses the dataset. Without a `root`, it is looked for in
/// the per-user cache and in `/usr/share/datasets/fashion-mnist` (Debian's `dataset-fashion-mnist`).
public struct FashionMNIST: Dataset {
    /// The samples, read as `MNIST` reads them.
    public let base: MNIST

    /// Loads one split; the parameters are those of `MNIST.init`.
    public init(
        root: String? = nil, train: Bool = true, download: Bool = true, limit: Int? = nil,
        normalize: Bool = false, source: DownloadSource? = nil, progress: ((DownloadEvent) -> Void)? = nil
    ) throws(DatasetError) {
        base = try MNIST(
            root: root, train: train, variant: .fashionMNIST, download: download, limit: limit,
            normalize: normalize, source: source, progress: progress)
    }

    /// The training-set pixel mean and standard deviation, for `normalize`.
    public static let mean: Float = MNIST.Variant.fashionMNIST.mean
    public static let std: Float = MNIST.Variant.fashionMNIST.std

    /// The ten class names, by label.
    public static let classNames = MNIST.Variant.fashionMNIST.classNames

    /// All images, `[count, 1, 28, 28]`.
    public var images: Tensor { base.images }
    /// All labels, `[count]`, int64.
    public var labels: Tensor { base.labels }
    /// The ten class names, by label.
    public var classNames: [String] { base.classNames }
    /// The folder the files were read from.
    public var folder: String { base.folder }

    public var count: Int { base.count }

    public subscript(index: Int) -> (input: Tensor, label: Tensor) { base[index] }

    public func batch(at indices: [Int]) -> (inputs: Tensor, labels: Tensor) { base.batch(at: indices) }
}
