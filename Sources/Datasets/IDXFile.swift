#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An IDX file: the simple format MNIST and Fashion-MNIST are published in.
///
///     offset  size     what
///     0       4        magic number: 0x00 0x00, the type of the values (0x08: unsigned byte),
///                      the number of dimensions
///     4       4 × d    the size of each dimension, a big-endian 32-bit integer
///     4 + 4d  ...      the values, row-major, nothing after them
///
/// So an image file starts `00 00 08 03` (0x00000803: bytes, three dimensions: count, rows,
/// columns) and a label file `00 00 08 01` (one dimension: count). The file may be gzipped
/// (`.gz`); gzip is recognised by its first two bytes, whatever the name says.
///
///     let images = try IDXFile(contentsOf: "data/t10k-images-idx3-ubyte.gz")
///     images.shape            // [10000, 28, 28]
///     images.values[0..<784]  // the first digit's pixels, 0...255
///
/// Everything is checked before anything is used: the magic number, the header, and that the
/// data is exactly as long as the dimensions say (a truncated file, or one with bytes to spare,
/// is rejected with a `DatasetError.corrupt` naming the file and what is wrong).
public struct IDXFile: Sendable {
    /// The magic number of an MNIST image file: unsigned bytes, 3 dimensions.
    public static let imagesMagic: UInt32 = 0x0000_0803
    /// The magic number of an MNIST label file: unsigned bytes, 1 dimension.
    public static let labelsMagic: UInt32 = 0x0000_0801

    /// The file the data came from (as given), for messages.
    public let path: String
    /// The magic number: `0x0000_08` followed by the number of dimensions.
    public let magic: UInt32
    /// The size of each dimension, outermost first.
    public let shape: [Int]
    /// The file's content, header included (unpacked if it was gzipped).
    private let storage: [UInt8]
    /// Where the values start in `storage`.
    private let headerSize: Int

    /// Reads and checks the IDX file at `path`, raw or gzipped.
    public init(contentsOf path: String) throws(DatasetError) {
        let bytes = try readFile(at: path)
        try self.init(bytes: isGzip(bytes) ? gunzip(bytes, path: path) : bytes, path: path)
    }

    /// Checks the (unpacked) bytes of an IDX file; `path` names it in messages.
    public init(bytes: [UInt8], path: String) throws(DatasetError) {
        func corrupt(_ reason: String) -> DatasetError { .corrupt(path: path, reason: reason) }
        guard bytes.count >= 4 else {
            throw corrupt("it holds \(bytes.count) bytes, too few for the 4-byte magic number an IDX file starts with")
        }
        let magic = bigEndianUInt32(bytes, at: 0)
        guard bytes[0] == 0, bytes[1] == 0 else {
            throw corrupt(
                "the magic number is \(hex(magic)), which is not an IDX magic number (expected "
                    + "\(hex(Self.imagesMagic)) for images or \(hex(Self.labelsMagic)) for labels); is this an IDX file?"
            )
        }
        guard bytes[2] == 0x08 else {
            throw corrupt(
                "the magic number \(hex(magic)) says the values are \(valueTypeName(bytes[2])), "
                    + "but only unsigned bytes (type 0x08, as in MNIST) are supported")
        }
        let rank = Int(bytes[3])
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw corrupt(
                "the magic number \(hex(magic)) announces \(rank) dimensions, whose sizes need a "
                    + "\(headerSize)-byte header, but the file holds only \(bytes.count) bytes (truncated)")
        }
        let shape = (0..<rank).map { Int(bigEndianUInt32(bytes, at: 4 + 4 * $0)) }
        var expected = 1
        for size in shape {
            let (product, overflow) = expected.multipliedReportingOverflow(by: size)
            guard !overflow else { throw corrupt("the dimensions \(shape) are impossibly large") }
            expected = product
        }
        let actual = bytes.count - headerSize
        guard actual == expected else {
            let promise =
                "the header promises \(shape.map(String.init).joined(separator: " × ")) = \(expected) "
                + "bytes of data"
            throw corrupt(
                actual < expected
                    ? "\(promise), but only \(actual) follow (the file is truncated)"
                    : "\(promise), but \(actual) follow (\(actual - expected) bytes too many)")
        }
        self.path = path
        self.magic = magic
        self.shape = shape
        self.storage = bytes
        self.headerSize = headerSize
    }

    /// The number of values (the product of the dimensions).
    public var count: Int { storage.count - headerSize }

    /// The values, row-major.
    public var values: ArraySlice<UInt8> { storage[headerSize...] }

    /// Calls `body` with the values, for loops that must be fast.
    public func withUnsafeValues<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[headerSize...]))
        }
    }
}

/// `magic` as `0x00000803`.
func hex(_ magic: UInt32) -> String {
    let digits = String(magic, radix: 16)
    return "0x" + String(repeating: "0", count: Swift.max(0, 8 - digits.count)) + digits
}

/// The IDX name of a value type code (the third byte of the magic number).
private func valueTypeName(_ code: UInt8) -> String {
    switch code {
    case 0x09: return "signed bytes (type 0x09)"
    case 0x0B: return "16-bit integers (type 0x0B)"
    case 0x0C: return "32-bit integers (type 0x0C)"
    case 0x0D: return "32-bit floats (type 0x0D)"
    case 0x0E: return "64-bit floats (type 0x0E)"
    default: return "of unknown type \(hex(UInt32(code)).suffix(2).uppercased()) (not an IDX type)"
    }
}

private func bigEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
        | UInt32(bytes[offset + 3])
}

/// The whole file at `path`, read in one piece.
func readFile(at path: String) throws(DatasetError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
        throw .unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
        throw .unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
        throw .unreadable(path: path, reason: "it is not a regular file")
    }
    var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
    var filled = 0
    var failure: Int32 = 0
    bytes.withUnsafeMutableBytes { buffer in
        while filled < buffer.count {
            let result = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            if result < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            if result == 0 { break }  // the file shrank while we read it
            filled += result
        }
    }
    guard failure == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(failure))) }
    bytes.removeSubrange(filled...)
    return bytes
}
