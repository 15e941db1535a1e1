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
        let dtype: SafeTensorsDType
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
        // The Python library writes metadata keys in no fixed order (a Rust HashMap); we sort
        // them by their UTF-8 bytes, which is its order whenever there is one key.
        let pairs = metadata?.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        let fields =
            (pairs.map {
                [
                    "\"__metadata__\":{"
                        + $0.map { JSON.quoted($0.key) + ":" + JSON.quoted($0.value) }
                        .joined(separator: ",") + "}"
                ]
            } ?? [])
            + entries.map { entry in
                JSON.quoted(entry.name) + ":{\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":["
                    + entry.shape.map(String.init).joined(separator: ",")
                    + "],\"data_offsets\":[\(entry.begin),\(entry.end)]}"
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
                "the header says the tensor data is \(withThousandsSeparators(needed)) bytes, but the file "
                    + "holds only \(withThousandsSeparators(dataLength)) after the header; it was probably cut short "
                    + "while being written")
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
                "the file has \(byteCount(dataLength - position)) after the last tensor's data that "
                    + "belong to no tensor (the header accounts for \(withThousandsSeparators(position)) bytes of "
                    + "data, the file holds \(withThousandsSeparators(dataLength)))")
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
        let json: HeaderJSON
        do { json = try HeaderJSON.parse(bytes) } catch { throw corrupt("the header is not valid JSON: \(error)") }
        guard case var .object(fields) = json else { throw corrupt("the header must be a JSON object") }
        metadata = nil
        if let value = fields.removeValue(forKey: "__metadata__") {
            guard case let .object(pairs) = value else {
                throw corrupt("\"__metadata__\" must be an object of text values, but it is \(value.shortDescription)")
            }
            var texts: [String: String] = [:]
            for (key, item) in pairs {
                guard case let .string(text) = item else {
                    throw corrupt("the metadata value of \"\(key)\" must be text, but it is \(item.shortDescription)")
                }
                texts[key] = text
            }
            metadata = texts
        }
        // JSON objects have no order: the data's order is the offsets'.
        entries = try fields.sorted { $0.key < $1.key }
            .map { name, value throws(CheckpointError) in try Self.entry(name, from: value, path: path) }
            .sorted { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
    }

    private static func entry(_ name: String, from value: HeaderJSON, path: String) throws(CheckpointError) -> Entry {
        func corrupt(_ reason: String) -> CheckpointError {
            .corrupt(path: path, reason: "the header entry of tensor \"\(name)\" " + reason)
        }
        guard case let .object(fields) = value else {
            throw corrupt(
                "must be an object with \"dtype\", \"shape\" and \"data_offsets\", but it is "
                    + value.shortDescription)
        }
        func field(_ key: String) throws(CheckpointError) -> HeaderJSON {
            guard let found = fields[key] else { throw corrupt("lacks \"\(key)\"") }
            return found
        }
        guard case let .string(dtypeName) = try field("dtype") else {
            throw corrupt("has a \"dtype\" that is not text: \(try field("dtype").shortDescription)")
        }
        guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
            if let torchName = SafeTensorsDType.unsupported[dtypeName] {
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
        guard case let .array(sizes) = shapeValue, case let shape = sizes.compactMap(\.wholeNumber),
            shape.count == sizes.count
        else {
            throw corrupt("has a \"shape\" that is not a list of whole numbers: \(shapeValue.shortDescription)")
        }
        let offsetsValue = try field("data_offsets")
        guard case let .array(offsets) = offsetsValue, offsets.count == 2,
            let begin = offsets[0].wholeNumber, let end = offsets[1].wholeNumber, begin <= end
        else {
            throw corrupt(
                "has \"data_offsets\" that are not two whole numbers [begin, end] with begin <= end: "
                    + offsetsValue.shortDescription)
        }
        let (needed, overflow) = shape.reduce((dtype.byteSize, false)) { product, size in
            let next = product.0.multipliedReportingOverflow(by: size)
            return (next.partialValue, product.1 || next.overflow)
        }
        guard !overflow else { throw corrupt("has a shape \(shape.formatted) too large to hold in memory") }
        guard needed == end - begin else {
            throw .corrupt(
                path: path,
                reason: "tensor \"\(name)\" has dtype \(dtype.rawValue) and shape "
                    + "\(shape.formatted), which need \(withThousandsSeparators(needed)) bytes, but its data_offsets "
                    + "[\(begin), \(end)] give it \(withThousandsSeparators(end - begin))")
        }
        return Entry(name: name, dtype: dtype, shape: shape, begin: begin, end: end)
    }
}

/// A number of bytes as a message says it: `1 byte`, `1,234 bytes`.
func byteCount(_ count: Int) -> String {
    count == 1 ? "1 byte" : "\(withThousandsSeparators(count)) bytes"
}

/// A whole number with thousands separators, as messages print byte counts: `1,234,567`.
func withThousandsSeparators(_ number: Int) -> String {
    let digits = Array(String(number.magnitude))
    let groups = stride(from: digits.count, to: 0, by: -3).reversed().map { String(digits[max(0, $0 - 3)..<$0]) }
    return (number < 0 ? "-" : "") + groups.joined(separator: ",")
}
