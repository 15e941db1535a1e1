import Foundation
import Torchlet

/// The MNIST handwritten digits, or Fashion-MNIST's pictures of clothes: 28×28 greyscale
/// images in ten classes, 60,000 for training and 10,000 for testing. torchvision's
/// `datasets.MNIST` / `datasets.FashionMNIST` with `transforms.ToTensor()` (and optionally
/// `transforms.Normalize(mean, std)`) applied to every image up front.
///
///     let train = try MNIST(train: true)                        // the per-user cache, downloaded if needed
///     let test = try MNIST(root: "data/mnist", train: false, limit: 1000, normalize: true)
///     let loader = DataLoader(train, batchSize: 64, shuffle: true, seed: 1)
///     train.images      // [60000, 1, 28, 28], pixels in [0, 1]
///     train.labels      // [60000], int64 class indices 0...9
///     train[0]          // (input: [1, 28, 28], label: [] = 5)
///
/// The data folder holds the four standard files, gzipped or unpacked:
/// `train-images-idx3-ubyte.gz`, `train-labels-idx1-ubyte.gz`, `t10k-images-idx3-ubyte.gz`,
/// `t10k-labels-idx1-ubyte.gz`. Without a `root`, the loader looks in the per-user cache
/// (`DataFolder.cache(for:)`) and, for Fashion-MNIST, where Debian's `dataset-fashion-mnist`
/// installs it (`/usr/share/datasets/fashion-mnist`). Missing files are downloaded into the
/// folder (`download`), from `variant.downloadSource` unless another `source` is given;
/// without a network the error says which files to put where.
///
/// Every file is checked completely before any of it is used (see `IDXFile`); a bad file
/// throws a `DatasetError` that names it.
public struct MNIST: Dataset {
    /// Which of the two datasets of this format.
    public enum Variant: String, CaseIterable, Sendable {
        /// Handwritten digits 0 to 9 (LeCun, Cortes and Burges).
        case mnist = "mnist"
        /// Zalando's pictures of clothes and shoes, a harder drop-in replacement (Xiao, Rasul and Vollgraf).
        case fashionMNIST = "fashion-mnist"

        /// The name to print: `MNIST` or `Fashion-MNIST`.
        public var displayName: String {
            switch self {
            case .mnist: "MNIST"
            case .fashionMNIST: "Fashion-MNIST"
            }
        }

        /// The name of each class, by label (torchvision's `classes`).
        public var classNames: [String] {
            switch self {
            case .mnist:
                [
                    "0 - zero", "1 - one", "2 - two", "3 - three", "4 - four",
                    "5 - five", "6 - six", "7 - seven", "8 - eight", "9 - nine",
                ]
            case .fashionMNIST:
                [
                    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
                ]
            }
        }

        /// The mean of all training pixels, scaled to [0, 1]: what `normalize` subtracts
        /// (MNIST 0.1307, Fashion-MNIST 0.2860, measured over the 60,000 training images).
        public var mean: Float {
            switch self {
            case .mnist: 0.1307
            case .fashionMNIST: 0.2860
            }
        }

        /// The standard deviation of all training pixels, scaled to [0, 1]: what `normalize`
        /// divides by (MNIST 0.3081, Fashion-MNIST 0.3530).
        public var std: Float {
            switch self {
            case .mnist: 0.3081
            case .fashionMNIST: 0.3530
            }
        }

        /// Where the files are published, and their checksums (the mirrors torchvision uses;
        /// yann.lecun.com no longer serves them).
        public var downloadSource: DownloadSource {
            switch self {
            case .mnist:
                DownloadSource(
                    mirrors: [
                        URL(string: "https://ossci-datasets.s3.amazonaws.com/mnist/")!,
                        URL(string: "https://storage.googleapis.com/cvdf-datasets/mnist/")!,
                    ],
                    md5: [
                        MNIST.trainImagesFile: "f68b3c2dcbeaaa9fbdd348bbdeb94873",
                        MNIST.trainLabelsFile: "d53e105ee54ea40749a09fcbcd1e9432",
                        MNIST.testImagesFile: "9fb629c4189551a2d022fa330f9573f3",
                        MNIST.testLabelsFile: "ec29112dd5afa0611ce80d1b7f02629c",
                    ])
            case .fashionMNIST:
                DownloadSource(
                    mirrors: [
                        URL(string: "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")!,
                        URL(
                            string:
                                "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/")!,
                    ],
                    md5: [
                        MNIST.trainImagesFile: "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
                        MNIST.trainLabelsFile: "25c81989df183df01b3e8a0aad5dffbe",
                        MNIST.testImagesFile: "bef4ecab320f06d8554ea6380940ec79",
                        MNIST.testLabelsFile: "bb300cfdad3c16e7a12a480ee83cd310",
                    ])
            }
        }

        /// Folders where a system package installs the dataset, searched after the cache.
        public var systemFolders: [String] {
            switch self {
            case .mnist: []
            case .fashionMNIST: ["/usr/share/datasets/fashion-mnist"]  // Debian's dataset-fashion-mnist
            }
        }
    }

    /// The standard file names (the published `.gz` names; unpacked copies are found too).
    public static let trainImagesFile = "train-images-idx3-ubyte.gz"
    public static let trainLabelsFile = "train-labels-idx1-ubyte.gz"
    public static let testImagesFile = "t10k-images-idx3-ubyte.gz"
    public static let testLabelsFile = "t10k-labels-idx1-ubyte.gz"
    /// All four, training files first.
    public static let fileNames = [trainImagesFile, trainLabelsFile, testImagesFile, testLabelsFile]

    /// The side of an image in pixels.
    public static let imageSize = 28

    /// MNIST's training-set pixel mean and standard deviation (`Variant.mnist.mean`, `.std`):
    /// torchvision examples' `Normalize((0.1307,), (0.3081,))`.
    public static let mean: Float = Variant.mnist.mean
    public static let std: Float = Variant.mnist.std

    /// Which dataset this is.
    public let variant: Variant
    /// Whether these are the training samples (else the test samples).
    public let train: Bool
    /// The folder the files were read from.
    public let folder: String
    /// Whether the pixels were normalised with `variant.mean` and `variant.std`.
    public let isNormalized: Bool
    /// All images, `[count, 1, 28, 28]`: pixels in [0, 1] (0 is the background), or normalised.
    public let images: Tensor
    /// All labels, `[count]`, int64 class indices in `0..<10`.
    public let labels: Tensor

    private let samples: TensorDataset

    /// Loads one split.
    ///
    /// - Parameters:
    ///   - root: the folder holding the files (a lesson's `--data-dir`); `nil` searches the
    ///     per-user cache and, for Fashion-MNIST, Debian's folder, and downloads into the cache.
    ///   - train: the 60,000 training samples, or else the 10,000 test samples.
    ///   - variant: MNIST or Fashion-MNIST.
    ///   - download: whether to download missing files (all missing ones of the four).
    ///   - limit: keep only the first `limit` samples (`--train-limit`, `--test-limit`); `nil` keeps all.
    ///   - normalize: subtract `variant.mean` and divide by `variant.std` after scaling to [0, 1].
    ///   - source: where to download from; `nil` means `variant.downloadSource`.
    ///   - progress: told about downloads as they happen, on this thread; `nil` prints a
    ///     line per file (`DownloadEvent.printLine`).
    public init(
        root: String? = nil, train: Bool = true, variant: Variant = .mnist, download: Bool = true,
        limit: Int? = nil, normalize: Bool = false, source: DownloadSource? = nil,
        progress: ((DownloadEvent) -> Void)? = nil
    ) throws(DatasetError) {
        if let limit, limit < 0 {
            throw .invalidArgument(
                "\(variant.displayName): the limit must be 0 or more (or nil for all samples), "
                    + "but got \(limit)")
        }
        let imagesName = train ? Self.trainImagesFile : Self.testImagesFile
        let labelsName = train ? Self.trainLabelsFile : Self.testLabelsFile
        let folder = try Self.prepareFolder(
            root: root, needing: [imagesName, labelsName], variant: variant, download: download,
            source: source ?? variant.downloadSource, progress: progress ?? DownloadEvent.printLine)

        let imageFile = try IDXFile(contentsOf: DataFolder.locate(imagesName, in: folder)!)
        let labelFile = try IDXFile(contentsOf: DataFolder.locate(labelsName, in: folder)!)
        try Self.check(images: imageFile, labels: labelFile, classes: variant.classNames.count)

        let count = Swift.min(limit ?? Int.max, imageFile.shape[0])
        self.variant = variant
        self.train = train
        self.folder = folder
        self.isNormalized = normalize
        self.images = Self.pixels(
            of: imageFile, count: count,
            mean: normalize ? variant.mean : 0, std: normalize ? variant.std : 1)
        self.labels = Self.classIndices(of: labelFile, count: count)
        self.samples = TensorDataset(images, labels)
    }

    /// The name of each class, by label.
    public var classNames: [String] { variant.classNames }

    // MARK: Dataset

    public var count: Int { samples.count }

    /// Sample `index`: an image `[1, 28, 28]` and its label `[]` (int64).
    public subscript(index: Int) -> (input: Tensor, label: Tensor) { samples[index] }

    public func batch(at indices: [Int]) -> (inputs: Tensor, labels: Tensor) { samples.batch(at: indices) }

    // MARK: Finding the files

    /// The folder to read from, after downloading what is missing there. With a `root`, that
    /// folder; otherwise the first default folder holding the `needed` files, or the cache.
    static func prepareFolder(
        root: String?, needing needed: [String], variant: Variant, download: Bool, source: DownloadSource,
        progress: (DownloadEvent) -> Void
    ) throws(DatasetError) -> String {
        let folder: String
        if let root {
            folder = trimmedSlash(root)
        } else {
            let candidates = [DataFolder.cache(for: variant.rawValue)] + variant.systemFolders
            folder = candidates.first { DataFolder.holds(needed, in: $0) } ?? candidates[0]
        }
        if DataFolder.holds(needed, in: folder) { return folder }

        let missing = fileNames.filter { DataFolder.locate($0, in: folder) == nil }
        var attempts: [String] = []
        if download {
            let existed = FileManager.default.fileExists(atPath: folder)
            try DataFolder.create(folder)
            attempts = Datasets.download(missing, into: folder, from: source, progress: progress).attempts
            if DataFolder.holds(needed, in: folder) { return folder }
            // A mistyped --data-dir should not leave an empty folder behind.
            if !existed { rmdir(folder) }
        }
        throw .missingFiles(
            dataset: variant.displayName,
            files: fileNames.filter { DataFolder.locate($0, in: folder) == nil },
            folder: folder, mirrors: source.mirrors.map(\.absoluteString), attempts: attempts)
    }

    // MARK: Reading the files

    /// Checks that the two files are an MNIST image file and label file of the same length.
    static func check(images: IDXFile, labels: IDXFile, classes: Int) throws(DatasetError) {
        let side = imageSize
        guard images.magic == IDXFile.imagesMagic else {
            throw .corrupt(
                path: images.path,
                reason: "the magic number is \(hex(images.magic)), but an image file "
                    + "has \(hex(IDXFile.imagesMagic)) (unsigned bytes, 3 dimensions); is it a label file?")
        }
        guard images.shape[1] == side, images.shape[2] == side else {
            throw .corrupt(
                path: images.path,
                reason: "the images are \(images.shape[1])×\(images.shape[2]) pixels, "
                    + "but MNIST images are \(side)×\(side)")
        }
        guard labels.magic == IDXFile.labelsMagic else {
            throw .corrupt(
                path: labels.path,
                reason: "the magic number is \(hex(labels.magic)), but a label file "
                    + "has \(hex(IDXFile.labelsMagic)) (unsigned bytes, 1 dimension); is it an image file?")
        }
        guard labels.shape[0] == images.shape[0] else {
            throw .mismatch(
                images: images.path, labels: labels.path,
                reason: "there are \(images.shape[0]) images "
                    + "but \(labels.shape[0]) labels")
        }
        let outOfRange = labels.withUnsafeValues { values in values.firstIndex { Int($0) >= classes } }
        if let index = outOfRange {
            throw .corrupt(
                path: labels.path,
                reason: "label \(labels.values[labels.values.startIndex + index]) of "
                    + "sample \(index) is not a class index (expected 0 to \(classes - 1))")
        }
    }

    /// The first `count` images as `[count, 1, 28, 28]` floats: each byte `v` becomes
    /// `(v / 255 - mean) / std`, looked up in a table of the 256 possible values.
    static func pixels(of file: IDXFile, count: Int, mean: Float, std: Float) -> Tensor {
        let table = (0..<256).map { (Float($0) / 255 - mean) / std }
        let size = count * imageSize * imageSize
        let scalars = file.withUnsafeValues { bytes in
            table.withUnsafeBufferPointer { table in
                [Float](unsafeUninitializedCapacity: size) { out, initialized in
                    for i in 0..<size { out[i] = table[Int(bytes[i])] }
                    initialized = size
                }
            }
        }
        return Tensor(shape: [count, 1, imageSize, imageSize], scalars: scalars)
    }

    /// The first `count` labels as an int64 tensor `[count]`.
    static func classIndices(of file: IDXFile, count: Int) -> Tensor {
        let scalars = file.withUnsafeValues { bytes in bytes.prefix(count).map { Float($0) } }
        return Tensor(shape: [count], scalars: scalars, dtype: .int64)
    }
}
