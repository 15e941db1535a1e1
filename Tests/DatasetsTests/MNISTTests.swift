import Foundation
import Testing
import Torchlet
@testable import Datasets

/// MNIST and Fashion-MNIST load from a folder of the four standard files (fixtures made by the
/// tests, never real data), scale and label as torchvision does, and explain bad folders.
@Suite("MNIST")
struct MNISTTests {
    @Test func loadsTrainAndTestSplits() throws {
        let folder = mnistFolder(trainCount: 12, testCount: 5)
        defer { folder.remove() }
        let train = try MNIST(root: folder.path, train: true, download: false)
        let test = try MNIST(root: folder.path, train: false, download: false)
        #expect(train.count == 12)
        #expect(test.count == 5)
        #expect(train.images.shape == [12, 1, 28, 28])
        #expect(train.labels.shape == [12])
        #expect(train.folder == folder.path)
        #expect(train.train && !test.train)
        #expect(train.variant == .mnist)
    }

    @Test func pixelsAreScaledToUnitInterval() throws {
        let folder = mnistFolder(trainCount: 3)
        defer { folder.remove() }
        let train = try MNIST(root: folder.path, download: false)
        let pixels = train.images.scalars
        // Image 1, pixel p holds the byte (7 + p) % 256.
        #expect(pixels[784] == Float(7) / 255)
        #expect(pixels[784 + 248] == 1)  // byte 255
        #expect(pixels[784 + 249] == 0)  // byte 0
        #expect(pixels.min() == 0 && pixels.max() == 1)
        #expect(!train.isNormalized)
        #expect(train.images.dtype == .float32)
    }

    @Test func normalisationUsesTheDatasetsMeanAndStd() throws {
        let folder = mnistFolder(trainCount: 2)
        defer { folder.remove() }
        let plain = try MNIST(root: folder.path, download: false)
        let normalized = try MNIST(root: folder.path, download: false, normalize: true)
        #expect(normalized.isNormalized)
        for (p, n) in zip(plain.images.scalars, normalized.images.scalars) {
            #expect(abs(n - (p - 0.1307) / 0.3081) < 1e-6)
        }
        #expect(abs(normalized.images.scalars[784 + 249] - (-0.1307 / 0.3081)) < 1e-6)  // background
        #expect(MNIST.mean == 0.1307 && MNIST.std == 0.3081)
        #expect(FashionMNIST.mean == 0.2860 && FashionMNIST.std == 0.3530)
    }

    @Test func labelsAreInt64ClassIndices() throws {
        let folder = mnistFolder(trainCount: 12)
        defer { folder.remove() }
        let train = try MNIST(root: folder.path, download: false)
        #expect(train.labels.dtype == .int64)
        #expect(train.labels.scalars == (0..<12).map { Float($0 % 10) })
        let (input, label) = train[3]
        #expect(input.shape == [1, 28, 28])
        #expect(label.shape == [] && label.dtype == .int64 && label.item() == 3)
    }

    @Test func limitsKeepTheFirstSamples() throws {
        let folder = mnistFolder(trainCount: 12, testCount: 5)
        defer { folder.remove() }
        let train = try MNIST(root: folder.path, train: true, download: false, limit: 4)
        #expect(train.count == 4)
        #expect(train.images.shape == [4, 1, 28, 28])
        #expect(train.labels.scalars == [0, 1, 2, 3])
        let all = try MNIST(root: folder.path, train: true, download: false)
        #expect(train.images.scalars == Array(all.images.scalars[..<(4 * 784)]))
        #expect(try MNIST(root: folder.path, train: false, download: false, limit: 100).count == 5)
        #expect(try MNIST(root: folder.path, train: false, download: false, limit: 0).count == 0)
        expect(
            message { try MNIST(root: folder.path, download: false, limit: -1) },
            contains: "MNIST: the limit must be 0 or more (or nil for all samples), but got -1")
    }

    @Test func worksWithDataLoader() throws {
        let folder = mnistFolder(trainCount: 12)
        defer { folder.remove() }
        let train = try MNIST(root: folder.path, download: false)
        let batches = Array(DataLoader(train, batchSize: 5))
        #expect(batches.map(\.inputs.shape) == [[5, 1, 28, 28], [5, 1, 28, 28], [2, 1, 28, 28]])
        #expect(batches[2].labels.scalars == [0, 1])
        #expect(batches[2].labels.dtype == .int64)
    }

    @Test func readsUnpackedFiles() throws {
        let folder = mnistFolder(trainCount: 6, gzip: false)
        defer { folder.remove() }
        #expect(folder.fileNames.allSatisfy { !$0.hasSuffix(".gz") })
        let packed = mnistFolder(trainCount: 6)
        defer { packed.remove() }
        let a = try MNIST(root: folder.path, download: false)
        let b = try MNIST(root: packed.path, download: false)
        #expect(a.images.scalars == b.images.scalars && a.labels.scalars == b.labels.scalars)
    }

    @Test func fashionMNIST() throws {
        let folder = mnistFolder(trainCount: 10)
        defer { folder.remove() }
        let train = try FashionMNIST(root: folder.path, download: false, normalize: true)
        #expect(train.base.variant == .fashionMNIST)
        #expect(train.count == 10 && train.images.shape == [10, 1, 28, 28])
        #expect(
            train.classNames == [
                "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
            ])
        #expect(FashionMNIST.classNames[9] == "Ankle boot")
        #expect(abs(train.images.scalars[784 + 249] - (-0.2860 / 0.3530)) < 1e-6)
        #expect(train[9].label.item() == 9)
        #expect(MNIST.Variant(rawValue: "fashion-mnist") == .fashionMNIST)
        #expect(MNIST.Variant.mnist.classNames.count == 10)
    }

    // MARK: Bad folders and files

    @Test func imagesAndLabelsOfDifferentLengths() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write(MNIST.trainImagesFile, gzipped(imageFileBytes(count: 6)))
        folder.write(MNIST.trainLabelsFile, gzipped(labelFileBytes(count: 5)))
        expect(
            message { try MNIST(root: folder.path, download: false) },
            contains: "'\(folder.path)/train-images-idx3-ubyte.gz' and '\(folder.path)/train-labels-idx1-ubyte.gz' "
                + "do not belong together: there are 6 images but 5 labels")
    }

    @Test func labelFileWhereImagesBelong() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write(MNIST.trainImagesFile, gzipped(labelFileBytes(count: 6)))
        folder.write(MNIST.trainLabelsFile, gzipped(labelFileBytes(count: 6)))
        expect(
            message { try MNIST(root: folder.path, download: false) },
            contains: "train-images-idx3-ubyte.gz' is corrupt: the magic number is 0x00000801, but an image file "
                + "has 0x00000803 (unsigned bytes, 3 dimensions); is it a label file?")
    }

    @Test func imageFileWhereLabelsBelong() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write(MNIST.trainImagesFile, gzipped(imageFileBytes(count: 2)))
        folder.write(MNIST.trainLabelsFile, gzipped(imageFileBytes(count: 2)))
        expect(
            message { try MNIST(root: folder.path, download: false) },
            contains:
                "train-labels-idx1-ubyte.gz' is corrupt: the magic number is 0x00000803, but a label file has 0x00000801"
        )
    }

    @Test func imagesOfTheWrongSize() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write(MNIST.trainImagesFile, idxBytes(shape: [2, 32, 32], values: [UInt8](repeating: 1, count: 2048)))
        folder.write(MNIST.trainLabelsFile, labelFileBytes(count: 2))
        expect(
            message { try MNIST(root: folder.path, download: false) },
            contains: "the images are 32×32 pixels, but MNIST images are 28×28")
    }

    @Test func labelOutOfRange() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write(MNIST.trainImagesFile, imageFileBytes(count: 3))
        folder.write(MNIST.trainLabelsFile, idxBytes(shape: [3], values: [1, 12, 3]))
        expect(
            message { try MNIST(root: folder.path, download: false) },
            contains:
                "train-labels-idx1-ubyte.gz' is corrupt: label 12 of sample 1 is not a class index (expected 0 to 9)")
    }

    @Test func truncatedFileInTheFolder() {
        let folder = mnistFolder(trainCount: 8)
        defer { folder.remove() }
        let path = folder.path + "/" + MNIST.trainImagesFile
        let packed = gzipped(Array(imageFileBytes(count: 8).dropLast(784)))
        folder.write(MNIST.trainImagesFile, packed)
        expect(
            message { try MNIST(root: folder.path, download: false) },
            contains: "'\(path)' is corrupt: the header promises 8 × 28 × 28 = 6272 bytes of data, but only 5488 follow"
        )
    }

    /// With downloading off, the message lists every missing file, the folder and the mirrors.
    @Test func missingFilesWithoutDownloading() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("t10k-images-idx3-ubyte", imageFileBytes(count: 2))
        let text = message { try MNIST(root: folder.path + "/", train: true, download: false) }
        #expect(
            text == """
                MNIST: 3 files are missing from \(folder.path) (downloading is switched off):
                    train-images-idx3-ubyte.gz
                    train-labels-idx1-ubyte.gz
                    t10k-labels-idx1-ubyte.gz
                To fix this, do one of:
                  - connect to the network and run again (the files are downloaded and checked);
                  - download the files by hand from one of these mirrors:
                        https://ossci-datasets.s3.amazonaws.com/mnist/
                        https://storage.googleapis.com/cvdf-datasets/mnist/
                    and put them (as they are, .gz, or unpacked) in \(folder.path)/
                  - run with --data-dir FOLDER to use a folder that already holds them.
                """)
        #expect(folder.fileNames == ["t10k-images-idx3-ubyte"], "nothing is created")
    }

    // MARK: Where the data is looked for

    @Test func cacheFolderFollowsXDG() {
        #expect(
            DataFolder.cache(for: "mnist", environment: ["XDG_CACHE_HOME": "/x/cache/", "HOME": "/home/ada"])
                == "/x/cache/torchlet/mnist")
        #expect(DataFolder.cache(for: "mnist", environment: ["HOME": "/home/ada"]) == "/home/ada/.cache/torchlet/mnist")
        // A relative XDG_CACHE_HOME is invalid by the XDG rules and ignored.
        #expect(
            DataFolder.cache(for: "fashion-mnist", environment: ["XDG_CACHE_HOME": "cache", "HOME": "/home/ada"])
                == "/home/ada/.cache/torchlet/fashion-mnist")
    }

    @Test func defaultFoldersToSearch() {
        #expect(MNIST.Variant.fashionMNIST.systemFolders == ["/usr/share/datasets/fashion-mnist"])
        #expect(MNIST.Variant.mnist.systemFolders == [])
    }

    @Test func unpackedFileIsPreferred() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        #expect(DataFolder.locate(MNIST.testLabelsFile, in: folder.path) == nil)
        folder.write("t10k-labels-idx1-ubyte.gz", [])
        #expect(DataFolder.locate(MNIST.testLabelsFile, in: folder.path) == folder.path + "/t10k-labels-idx1-ubyte.gz")
        folder.write("t10k-labels-idx1-ubyte", [])
        #expect(DataFolder.locate(MNIST.testLabelsFile, in: folder.path) == folder.path + "/t10k-labels-idx1-ubyte")
    }

    @Test func publishedChecksums() {
        let mnist = MNIST.Variant.mnist.downloadSource
        #expect(mnist.md5[MNIST.testImagesFile] == "9fb629c4189551a2d022fa330f9573f3")
        #expect(Set(mnist.md5.keys) == Set(MNIST.fileNames))
        #expect(Set(MNIST.Variant.fashionMNIST.downloadSource.md5.keys) == Set(MNIST.fileNames))
        #expect(mnist.mirrors.first?.absoluteString == "https://ossci-datasets.s3.amazonaws.com/mnist/")
    }
}
