import Foundation

/// The JSON header of a safetensors file: for each tensor its dtype, shape and where its bytes
/// lie in the data that follows, plus optional text metadata.
///
///     {"__metadata__":{"format":"pt"},"0.weight":{"dtype":"F32","shape":[4,2],"data_offsets":[0,32]},...}
///
/// Writing follows the Python library byte for byte: compact JSON (serde_json's), metadata
/// first, then the tensors in the order their data is stored, the header padded with spaces to
/// a multiple of 8 bytes. Reading checks everything before a single number is used.
struct SafeTensorsHeader {
    /// One tensor's entry: its bytes are `data[begin..<end]` of the data after the header.
    struct Entry {
        let name: String
        let dtype: DType
        let shape: [Int]
        let begin: Int
        let end: Int
    }

    /// The tensors, in the order of their data.
    var entries: [Entry]
    /// The `"__metadata__"` object, if the file has one.
    var metadata: [String: String]?

    /// The largest header the Python library accepts (100 MB); anything longer is not a header.
    static let maximumLength = 100_000_000

    /// The header as the Python library writes it: compact JSON padded with spaces so that the
    /// data starts at a multiple of 8 bytes.
    var encoded: [UInt8] {
        var fields: [String] = []
        // The Python library writes metadata keys in no fixed order (a Rust HashMap); we sort
        // them by their UTF-8 bytes, which is its order whenever there is one key.
        if let pairs = metadata?.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            let texts = pairs.map { JSON.quoted($0.key) + ":" + JSON.quoted($0.value) }
            fields.append("\"__metadata__\":{" + texts.joined(separator: ",") + "}")
        }
        for entry in entries {
            fields.append(
                JSON.quoted(entry.name) + ":{\"dtype\":\"\(entry.dtype.safetensors.name)\",\"shape\":["
                    + entry.shape.map(String.init).joined(separator: ",")
                    + "],\"data_offsets\":[\(entry.begin),\(entry.end)]}")
        }
        let json = Array(("{" + fields.joined(separator: ",") + "}").utf8)
        return json + repeatElement(0x20, count: (8 - json.count % 8) % 8)
    }

    /// Checks that the tensors' bytes tile the `dataLength` bytes after the header exactly:
    /// in order, without gaps or overlaps, and ending where the file ends.
    func checkLayout(dataLength: Int, path: String) throws(CheckpointError) {
        func corrupt(_ reason: String) -> CheckpointError { .corrupt(path: path, reason: reason) }
        let needed = entries.map(\.end).max() ?? 0
        if needed > dataLength {
            throw corrupt(
                "the header says the tensor data is \(needed.formatted()) bytes, but the file holds only "
                    + "\(dataLength.formatted()) after the header; it was probably cut short while being written")
        }
        var position = 0
        for (previous, entry) in zip([nil] + entries, entries) {
            if entry.begin > position {
                throw corrupt(
                    "bytes \(position)..<\(entry.begin) of the data belong to no tensor "
                        + "(tensor \"\(entry.name)\" starts at byte \(entry.begin))")
            }
            if entry.begin < position, let previous {
                throw corrupt(
                    "tensors \"\(previous.name)\" (bytes \(previous.begin)..<\(previous.end)) and "
                        + "\"\(entry.name)\" (bytes \(entry.begin)..<\(entry.end)) overlap")
            }
            position = entry.end
        }
        if position < dataLength {
            throw corrupt(
                "the file has \(byteCount(dataLength - position)) after the last tensor's data that belong to no "
                    + "tensor (the header accounts for \(position.formatted()) bytes of data, the file holds "
                    + "\(dataLength.formatted()))")
        }
    }
}

// MARK: Reading

extension SafeTensorsHeader {
    /// Parses and checks the header bytes: valid JSON, an object, each tensor with a dtype
    /// Torchlet knows, a shape of whole numbers and `data_offsets` whose length matches
    /// dtype × shape. (How the offsets fit the data is checked by `checkLayout(dataLength:)`.)
    init(parsing bytes: ArraySlice<UInt8>, path: String) throws(CheckpointError) {
        func corrupt(_ reason: String) -> CheckpointError { .corrupt(path: path, reason: reason) }
        guard bytes.first == UInt8(ascii: "{") else {
            throw corrupt(
                "the header does not start with '{' as a safetensors header does; "
                    + "this is probably not a safetensors file")
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            // Foundation's words, which say where: "Invalid value around character 66."
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "Not valid JSON."
            throw corrupt(
                "the header is not valid JSON: " + detail.prefix(1).lowercased()
                    + detail.dropFirst().trimmingCharacters(in: ["."]) + " of the header")
        }
        guard var fields = json as? [String: Any] else { throw corrupt("the header must be a JSON object") }
        let metadataValue = fields.removeValue(forKey: "__metadata__")
        metadata = metadataValue as? [String: String]
        if let metadataValue, metadata == nil {
            throw corrupt("\"__metadata__\" must be an object of text values, but it is \(asWritten(metadataValue))")
        }
        // JSON objects have no order: the data's order is the offsets'.
        entries = try fields.sorted { $0.key < $1.key }
            .map { name, value throws(CheckpointError) in try Self.entry(name, from: value, path: path) }
            .sorted { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
    }

    private static func entry(_ name: String, from value: Any, path: String) throws(CheckpointError) -> Entry {
        func corrupt(_ reason: String) -> CheckpointError {
            .corrupt(path: path, reason: "the header entry of tensor \"\(name)\" " + reason)
        }
        guard let fields = value as? [String: Any] else {
            throw corrupt(
                "must be an object with \"dtype\", \"shape\" and \"data_offsets\", but it is \(asWritten(value))")
        }
        func field(_ key: String) throws(CheckpointError) -> Any {
            guard let found = fields[key] else { throw corrupt("lacks \"\(key)\"") }
            return found
        }
        let dtypeValue = try field("dtype")
        guard let dtypeName = dtypeValue as? String else {
            throw corrupt("has a \"dtype\" that is not text: \(asWritten(dtypeValue))")
        }
        guard let dtype = DType.safetensorsWritingOrder.first(where: { $0.safetensors.name == dtypeName }) else {
            if let torchName = DType.safetensorsUnsupported[dtypeName] {
                throw .io(
                    path: path,
                    reason: "tensor \"\(name)\" has dtype \(dtypeName) (torch.\(torchName)), which "
                        + "Torchlet cannot hold: it reads F32, I64 and BOOL. Convert it in Python before saving, "
                        + "e.g. with tensor.float()")
            }
            throw corrupt(
                "has the unknown dtype \"\(dtypeName)\" (safetensors knows F32, I64, BOOL, F64, F16, "
                    + "BF16, I32, I16, I8, U8, ...)")
        }
        let shapeValue = try field("shape")
        guard let sizes = shapeValue as? [Any], case let shape = sizes.compactMap(wholeNumber),
            shape.count == sizes.count
        else {
            throw corrupt("has a \"shape\" that is not a list of whole numbers: \(asWritten(shapeValue))")
        }
        let offsetsValue = try field("data_offsets")
        guard let offsets = offsetsValue as? [Any], offsets.count == 2,
            let begin = wholeNumber(offsets[0]), let end = wholeNumber(offsets[1]), begin <= end
        else {
            throw corrupt(
                "has \"data_offsets\" that are not two whole numbers [begin, end] with begin <= end: "
                    + asWritten(offsetsValue))
        }
        let (needed, overflow) = shape.reduce((dtype.safetensors.byteSize, false)) { product, size in
            let next = product.0.multipliedReportingOverflow(by: size)
            return (next.partialValue, product.1 || next.overflow)
        }
        guard !overflow else { throw corrupt("has a shape \(shape.formatted) too large to hold in memory") }
        guard needed == end - begin else {
            throw .corrupt(
                path: path,
                reason: "tensor \"\(name)\" has dtype \(dtypeName) and shape \(shape.formatted), which need "
                    + "\(needed.formatted()) bytes, but its data_offsets [\(begin), \(end)] give it "
                    + (end - begin).formatted())
        }
        return Entry(name: name, dtype: dtype, shape: shape, begin: begin, end: end)
    }
}

/// A JSON value of the header as a whole number `0, 1, 2, ...` (also when written `2.0`), or
/// `nil` for anything else. JSON's `true` and `false` come as numbers too (`objCType` "c", a C
/// `char`), and are not whole numbers here.
private func wholeNumber(_ value: Any) -> Int? {
    guard let number = value as? NSNumber, number.objCType.pointee != CChar(UInt8(ascii: "c")),
        let whole = value as? Int, whole >= 0
    else { return nil }
    return whole
}

/// A JSON value of the header as a message quotes it: as JSON (`"F64"`, `[2,-3]`, `{"a":1}`),
/// cut short after 60 characters.
private func asWritten(_ value: Any) -> String {
    let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
    let json = data.map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
    return json.count <= 60 ? json : json.prefix(57) + "..."
}

/// A number of bytes as a message says it: `1 byte`, `1,234 bytes`.
func byteCount(_ count: Int) -> String {
    count == 1 ? "1 byte" : "\(count.formatted()) bytes"
}

/// Torchlet's one JSON escaper, for the safetensors header and the notebook's metrics lines.
public enum JSON {
    /// `text` as a JSON string, escaped as serde_json (and so Python's `safetensors`) escapes it:
    /// `\"`, `\\`, the short escapes `\b \f \n \r \t`, `\u00XX` (lowercase hex) for the other
    /// control characters, everything else (including `/` and non-ASCII) as raw UTF-8. That is
    /// Foundation's `JSONEncoder` without its escaping of slashes.
    public static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return String(decoding: try! encoder.encode(text), as: UTF8.self)
    }
}
