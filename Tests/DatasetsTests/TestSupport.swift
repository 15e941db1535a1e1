import CZlib
import Foundation
import Testing
@testable import Datasets

/// The bytes of an IDX file of unsigned bytes: magic `00 00 08 <rank>`, the big-endian
/// dimensions, then `values`. `magic` and `dims` can be overridden to make broken files.
func idxBytes(shape: [Int], values: [UInt8], magic: [UInt8]? = nil) -> [UInt8] {
    var bytes = magic ?? [0, 0, 0x08, UInt8(shape.count)]
    for size in shape {
        let n = UInt32(size)
        bytes += [
            UInt8(n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8),
            UInt8(truncatingIfNeeded: n),
        ]
    }
    return bytes + values
}

/// An MNIST-style image file of `count` 28×28 images; pixel `p` of image `i` is `(i * 7 + p) % 256`.
func imageFileBytes(count: Int) -> [UInt8] {
    let pixels = (0..<count * 784).map { (i: Int) -> UInt8 in UInt8((i / 784 * 7 + i % 784) % 256) }
    return idxBytes(shape: [count, 28, 28], values: pixels)
}

/// An MNIST-style label file: sample `i` has label `i % 10`.
func labelFileBytes(count: Int) -> [UInt8] {
    idxBytes(shape: [count], values: (0..<count).map { UInt8($0 % 10) })
}

/// `bytes` compressed as a gzip file, through zlib (windowBits 15 + 16: gzip wrapper).
func gzipped(_ bytes: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    let status = deflateInit2_(
        &stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
        zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    precondition(status == Z_OK)
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
    var input = bytes
    let produced = input.withUnsafeMutableBufferPointer { inBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = UInt32(inBuffer.count)
            stream.next_out = outBuffer.baseAddress
            stream.avail_out = UInt32(outBuffer.count)
            precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
            return outBuffer.count - Int(stream.avail_out)
        }
    }
    return Array(output[..<produced])
}

/// A new empty folder under the system's temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "torchlet-datasets-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `bytes` to `name` in the folder and returns the file's path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let file = path + "/" + name
        #expect(FileManager.default.createFile(atPath: file, contents: Data(bytes)))
        return file
    }

    /// The names of the files in the folder, sorted.
    var fileNames: [String] { (try? FileManager.default.contentsOfDirectory(atPath: path).sorted()) ?? [] }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A folder with the four standard MNIST files: `trainCount` and `testCount` samples, gzipped.
func mnistFolder(trainCount: Int = 12, testCount: Int = 5, gzip: Bool = true) -> TemporaryFolder {
    let folder = TemporaryFolder()
    for (name, bytes) in standardFiles(trainCount: trainCount, testCount: testCount) {
        if gzip { folder.write(name, gzipped(bytes)) } else { folder.write(String(name.dropLast(3)), bytes) }
    }
    return folder
}

/// The four standard file names (`.gz`) with their unpacked content.
func standardFiles(trainCount: Int, testCount: Int) -> [(name: String, bytes: [UInt8])] {
    [
        (MNIST.trainImagesFile, imageFileBytes(count: trainCount)),
        (MNIST.trainLabelsFile, labelFileBytes(count: trainCount)),
        (MNIST.testImagesFile, imageFileBytes(count: testCount)),
        (MNIST.testLabelsFile, labelFileBytes(count: testCount)),
    ]
}

/// Runs `body`, expects it to throw a `DatasetError`, and returns the error's message ("" if
/// it did not throw).
func message<T>(
    sourceLocation: SourceLocation = #_sourceLocation, of body: () throws -> T
) -> String {
    do {
        _ = try body()
        Issue.record("expected a DatasetError, but nothing was thrown", sourceLocation: sourceLocation)
        return ""
    } catch let error as DatasetError {
        return error.description
    } catch {
        Issue.record("expected a DatasetError, but got \(error)", sourceLocation: sourceLocation)
        return ""
    }
}

/// Checks that `text` contains each of `parts`.
func expect(_ text: String, contains parts: String..., sourceLocation: SourceLocation = #_sourceLocation) {
    for part in parts {
        #expect(text.contains(part), "\(part.debugDescription) is not in:\n\(text)", sourceLocation: sourceLocation)
    }
}
