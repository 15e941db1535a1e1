import Testing
@testable import Datasets

/// The IDX reader reads what was written, raw or gzipped, and rejects every kind of broken
/// file with a message that names the file and what is wrong.
@Suite("IDX files")
struct IDXFileTests {
    @Test func rawRoundTrip() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let values: [UInt8] = [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]
        let path = folder.write("tiny-idx3-ubyte", idxBytes(shape: [2, 3, 2], values: values))
        let file = try IDXFile(contentsOf: path)
        #expect(file.magic == IDXFile.imagesMagic)
        #expect(file.shape == [2, 3, 2])
        #expect(file.count == 12)
        #expect(Array(file.values) == values)
        #expect(file.path == path)
    }

    @Test func gzipRoundTrip() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let bytes = labelFileBytes(count: 1000)
        let file = try IDXFile(contentsOf: folder.write("labels.gz", gzipped(bytes)))
        #expect(file.magic == IDXFile.labelsMagic)
        #expect(file.shape == [1000])
        #expect(Array(file.values) == Array(bytes[8...]))
    }

    /// gzip is recognised by its magic bytes, not by the name: a gzipped file without `.gz`
    /// and an unpacked one with `.gz` both read.
    @Test func gzipIsDetectedByContent() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let bytes = imageFileBytes(count: 3)
        let packedWithoutSuffix = try IDXFile(contentsOf: folder.write("images-idx3-ubyte", gzipped(bytes)))
        let rawWithSuffix = try IDXFile(contentsOf: folder.write("images-idx3-ubyte.gz", bytes))
        #expect(packedWithoutSuffix.shape == [3, 28, 28])
        #expect(Array(packedWithoutSuffix.values) == Array(rawWithSuffix.values))
    }

    /// Two gzip members one after the other (`cat a.gz b.gz`) unpack to both contents, as with `gunzip`.
    @Test func concatenatedGzipMembers() throws {
        let bytes = labelFileBytes(count: 300)
        let packed = gzipped(Array(bytes[..<100])) + gzipped(Array(bytes[100...]))
        #expect(try gunzip(packed, path: "x.gz") == bytes)
    }

    /// The size stored in gzip's trailer is only a hint for the buffer (a false one makes it
    /// grow), but zlib still checks it: a wrong one is reported.
    @Test func lengthTrailerIsChecked() throws {
        var packed = gzipped([UInt8](repeating: 7, count: 1 << 20))
        packed.replaceSubrange((packed.count - 4)..., with: [0, 0, 0, 0])
        // The length check in the trailer now fails, which zlib must report.
        expect(
            message { try gunzip(packed, path: "zeroed.gz") }, contains: "'zeroed.gz' is corrupt",
            "incorrect length check")
        let good = gzipped([UInt8](repeating: 7, count: 1 << 20))
        #expect(try gunzip(good, path: "good.gz").count == 1 << 20)
    }

    // MARK: Rejections

    @Test func badMagicNumber() {
        let text = message { try IDXFile(bytes: [0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0], path: "data/archive.zip") }
        expect(
            text, contains: "'data/archive.zip' is corrupt",
            "the magic number is 0x504b0304, which is not an IDX magic number",
            "expected 0x00000803 for images or 0x00000801 for labels", "Delete the file")
    }

    @Test func unsupportedValueType() {
        let bytes = idxBytes(shape: [1], values: [0, 0, 0, 0], magic: [0, 0, 0x0D, 1])
        expect(
            message { try IDXFile(bytes: bytes, path: "floats") },
            contains: "'floats' is corrupt", "32-bit floats (type 0x0D)", "only unsigned bytes")
    }

    @Test func tooShortForMagic() {
        expect(
            message { try IDXFile(bytes: [0, 0], path: "stub") },
            contains: "'stub' is corrupt", "holds 2 bytes, too few for the 4-byte magic number")
    }

    @Test func truncatedHeader() {
        let bytes = Array(idxBytes(shape: [10, 28, 28], values: [])[..<10])
        expect(
            message { try IDXFile(bytes: bytes, path: "cut-header") },
            contains: "'cut-header' is corrupt", "announces 3 dimensions", "16-byte header",
            "only 10 bytes (truncated)")
    }

    @Test func truncatedData() {
        let bytes = Array(imageFileBytes(count: 2).dropLast(100))
        expect(
            message { try IDXFile(bytes: bytes, path: "train-images-idx3-ubyte") },
            contains: "'train-images-idx3-ubyte' is corrupt",
            "the header promises 2 × 28 × 28 = 1568 bytes of data, but only 1468 follow (the file is truncated)")
    }

    @Test func extraData() {
        let bytes = labelFileBytes(count: 4) + [9, 9]
        expect(
            message { try IDXFile(bytes: bytes, path: "labels") },
            contains: "the header promises 4 = 4 bytes of data, but 6 follow (2 bytes too many)")
    }

    @Test func wrongDimensionsForTheData() {
        // The header says 3 images but the file holds the data of 2.
        var bytes = imageFileBytes(count: 2)
        bytes[7] = 3
        expect(
            message { try IDXFile(bytes: bytes, path: "images") },
            contains: "the header promises 3 × 28 × 28 = 2352 bytes of data, but only 1568 follow")
    }

    @Test func corruptGzip() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var packed = gzipped(imageFileBytes(count: 4))
        packed[packed.count / 2] ^= 0xFF
        let path = folder.write("t10k-images-idx3-ubyte.gz", packed)
        expect(
            message { try IDXFile(contentsOf: path) },
            contains: "'\(path)' is corrupt", "the gzip data is damaged (zlib: ", "Nothing was loaded")
    }

    @Test func crcMismatch() {
        var packed = gzipped(labelFileBytes(count: 50))
        packed[packed.count - 8] ^= 0x01  // the stored CRC-32
        expect(
            message { try gunzip(packed, path: "labels.gz") },
            contains: "'labels.gz' is corrupt", "incorrect data check")
    }

    @Test func truncatedGzip() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let packed = gzipped(imageFileBytes(count: 20))
        let path = folder.write("train-images-idx3-ubyte.gz", Array(packed[..<(packed.count * 2 / 3)]))
        expect(
            message { try IDXFile(contentsOf: path) },
            contains: "'\(path)' is corrupt", "the gzip data ends too early (the file is truncated")
    }

    @Test func garbageAfterGzip() {
        let packed = gzipped(labelFileBytes(count: 5)) + [1, 2, 3]
        expect(
            message { try gunzip(packed, path: "x.gz") }, contains: "3 unexpected bytes follow the end of the gzip data"
        )
    }

    @Test func missingFile() {
        expect(
            message { try IDXFile(contentsOf: "/nonexistent/train-images-idx3-ubyte.gz") },
            contains: "cannot read '/nonexistent/train-images-idx3-ubyte.gz': No such file or directory")
    }

    @Test func folderInsteadOfFile() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        expect(
            message { try IDXFile(contentsOf: folder.path) },
            contains: "cannot read '\(folder.path)': it is not a regular file")
    }

    @Test func emptyFile() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write("empty", [])
        expect(message { try IDXFile(contentsOf: path) }, contains: "holds 0 bytes")
    }
}
