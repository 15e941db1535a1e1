import Foundation

/// Reads and writes the `.safetensors` format, the file format PyTorch users save weights in
/// with Hugging Face's `safetensors` library.
///
/// A safetensors file is three parts, one after another:
///
///     [8 bytes]  N, the length of the header, as a little-endian UInt64
///     [N bytes]  a JSON header: {"name": {"dtype": "F32", "shape": [4, 2], "data_offsets": [0, 32]}, ...,
///                                "__metadata__": {"format": "pt"}}   (padded with spaces)
///     [rest]     the raw numbers of every tensor, little-endian, each at its data_offsets
///
/// Nothing in it can run code when loaded (unlike Python's pickle files), and a reader can
/// check the whole layout before using a byte. Torchlet writes F32, I64 and BOOL tensors, byte
/// for byte as `safetensors.torch.save_file` does, so Python loads our files with
///
///     from safetensors.torch import load_file
///     model.load_state_dict(load_file("model.safetensors"))
///
/// and reads theirs. Reading checks everything first and never hands out part of a file: a
/// file cut short, a broken header or data of the wrong size throws `CheckpointError.corrupt`
/// with a reason. Writing is atomic (Foundation's `Data.write(to:options: .atomic)`: a
/// temporary file renamed over the old one only when complete), so a failed write leaves the
/// old file as it was.
public enum SafeTensors {
    /// What a safetensors file holds: named tensors, in the order their data is stored, and the
    /// optional text metadata of the header.
    public struct Contents {
        public var tensors: [(name: String, tensor: Tensor)]
        public var metadata: [String: String]?

        public init(tensors: [(name: String, tensor: Tensor)], metadata: [String: String]? = nil) {
            self.tensors = tensors
            self.metadata = metadata
        }
    }

    // MARK: Files

    /// Writes `tensors` to the file at `path` (atomically, see above). `metadata`, if given, is
    /// stored as the header's `"__metadata__"` (`safetensors.torch.save_file(..., metadata=)`).
    /// Throws `CheckpointError.io` if the file cannot be written, and then changes nothing.
    public static func write(
        _ tensors: [(name: String, tensor: Tensor)], metadata: [String: String]? = nil, to path: String
    ) throws {
        let bytes = try encode(tensors, metadata: metadata, path: path)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CheckpointError.io(
                path: path,
                reason: "cannot write the file: \(systemReason(error)). The existing file, if any, is unchanged")
        }
    }

    /// The tensors in the file at `path`, by name.
    public static func read(from path: String) throws -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: try readContents(from: path).tensors.map { ($0.name, $0.tensor) })
    }

    /// The tensors in the file at `path`, in the file's order, with the header's metadata.
    public static func readContents(from path: String) throws -> Contents {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CheckpointError.io(path: path, reason: "cannot open the file: \(systemReason(error))")
        }
        return try decode([UInt8](bytes), path: path)
    }

    /// What the system said, such as `No such file or directory`, from Foundation's error.
    private static func systemReason(_ error: any Error) -> String {
        // The POSIX error under Foundation's (a `POSIXError` on macOS, an `NSError` elsewhere).
        guard let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? any Error,
            (posix as NSError).domain == NSPOSIXErrorDomain
        else { return error.localizedDescription }
        return String(cString: strerror(Int32((posix as NSError).code)))
    }

    // MARK: Bytes

    /// The bytes of a safetensors file holding `tensors` (what `safetensors.torch.save` returns).
    /// `path` only names the file in error messages.
    public static func encode(
        _ tensors: [(name: String, tensor: Tensor)], metadata: [String: String]? = nil, path: String = "<memory>"
    ) throws -> [UInt8] {
        var seen = Set<String>()
        for (name, _) in tensors {
            guard name != "__metadata__" else {
                throw CheckpointError.io(
                    path: path,
                    reason: "the name \"__metadata__\" is reserved for the header's metadata and cannot name a tensor")
            }
            guard seen.insert(name).inserted else {
                throw CheckpointError.io(
                    path: path,
                    reason: "two tensors are named \"\(name)\"; every name in a checkpoint must be unique")
            }
        }
        // The Python library's order: by dtype (I64, F32, BOOL), then by the bytes of the name.
        let rank = { DType.safetensorsWritingOrder.firstIndex(of: $0)! }
        let ordered = tensors.sorted { a, b in
            a.tensor.dtype != b.tensor.dtype
                ? rank(a.tensor.dtype) < rank(b.tensor.dtype)
                : a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
        }
        var data: [UInt8] = []
        var entries: [SafeTensorsHeader.Entry] = []
        for (name, tensor) in ordered {
            let begin = data.count
            try tensor.appendSafetensorsBytes(to: &data, name: name, path: path)
            entries.append(.init(name: name, dtype: tensor.dtype, shape: tensor.shape, begin: begin, end: data.count))
        }
        let header = SafeTensorsHeader(entries: entries, metadata: metadata).encoded
        return withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init) + header + data
    }

    /// The contents of the safetensors file whose bytes are `bytes`, after checking all of it.
    /// Throws `CheckpointError.corrupt` saying what is wrong; `path` names the file in messages.
    public static func decode(_ bytes: [UInt8], path: String = "<memory>") throws -> Contents {
        func corrupt(_ reason: String) -> CheckpointError { .corrupt(path: path, reason: reason) }
        guard bytes.count >= 8 else {
            throw corrupt(
                bytes.isEmpty
                    ? "the file is empty; a safetensors file starts with an 8-byte header length"
                    : "the file is only \(byteCount(bytes.count)) long, too short for the 8-byte header length a "
                        + "safetensors file starts with")
        }
        let headerLength = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard headerLength <= SafeTensorsHeader.maximumLength else {
            throw corrupt(
                "its first 8 bytes say the header is \(headerLength) bytes long, more than the "
                    + "\(SafeTensorsHeader.maximumLength.formatted()) bytes safetensors allows; "
                    + "this is probably not a safetensors file")
        }
        let headerEnd = 8 + Int(headerLength)
        guard headerEnd <= bytes.count else {
            throw corrupt(
                "its first 8 bytes say the header is \(Int(headerLength).formatted()) bytes "
                    + "long, but only \(byteCount(bytes.count - 8)) follow them; it was probably "
                    + "cut short while being written (or is not a safetensors file)")
        }
        let header = try SafeTensorsHeader(parsing: bytes[8..<headerEnd], path: path)
        try header.checkLayout(dataLength: bytes.count - headerEnd, path: path)
        let tensors = try header.entries.map { entry throws(CheckpointError) in
            let bytes = bytes[(headerEnd + entry.begin)..<(headerEnd + entry.end)]
            return (name: entry.name, tensor: try Tensor(safetensors: entry, bytes: bytes, path: path))
        }
        return Contents(tensors: tensors, metadata: header.metadata)
    }
}
