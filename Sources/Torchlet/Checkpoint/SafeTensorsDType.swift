#if !_endian(little)
#error("safetensors stores little-endian numbers, which Torchlet copies as they are in memory")
#endif

/// The element types Torchlet reads and writes in a safetensors file: their names in the
/// header (the raw value, `"F32"`), their sizes, and the conversion of the numbers to and from
/// bytes (little-endian, as the format says and as every machine Swift runs on stores them).
enum SafeTensorsDType: String, CaseIterable {
    /// 32-bit IEEE floats: `torch.float32`, Torchlet's real numbers.
    case f32 = "F32"
    /// 64-bit signed integers: `torch.int64`, class labels and step counts.
    case i64 = "I64"
    /// One byte per truth value, 0 or 1: `torch.bool`.
    case bool = "BOOL"

    init(_ dtype: DType) {
        self =
            switch dtype {
            case .float32: .f32;
            case .int64: .i64;
            case .bool: .bool
            }
    }

    /// Torchlet's dtype for tensors of this type.
    var dtype: DType {
        switch self {
        case .f32: .float32;
        case .i64: .int64;
        case .bool: .bool
        }
    }

    /// Bytes per element.
    var byteSize: Int {
        switch self {
        case .f32: 4;
        case .i64: 8;
        case .bool: 1
        }
    }

    /// Where the Python library puts tensors of this type: it writes the types in the reverse
    /// of the order its Rust `Dtype` enum declares them (`BOOL, ..., F32, F64, I64, ...`), so
    /// I64 tensors come first, then F32, then BOOL, and by name within a type.
    var writingRank: Int {
        switch self {
        case .i64: 0;
        case .f32: 1;
        case .bool: 2
        }
    }

    /// The other dtypes the safetensors format defines, which Torchlet cannot hold, with the
    /// PyTorch type each stands for.
    static let unsupported: [String: String] = [
        "F64": "float64", "F16": "float16", "BF16": "bfloat16", "I32": "int32", "I16": "int16", "I8": "int8",
        "U8": "uint8", "U16": "uint16", "U32": "uint32", "U64": "uint64", "F8_E4M3": "float8_e4m3fn",
        "F8_E5M2": "float8_e5m2", "F8_E8M0": "float8_e8m0fnu", "F4": "float4_e2m1fn_x2", "F6_E2M3": "float6_e2m3",
        "F6_E3M2": "float6_e3m2", "C64": "complex64",
    ]

    /// Whole numbers a `Float` holds exactly: an int64 tensor's values must stay within ±2^24.
    static let largestExactInteger: Int64 = 1 << 24

    /// Appends the numbers of `scalars` in this type's byte layout. Returns the index of the
    /// first number that an int64 tensor cannot hold (not a whole number), or `nil`.
    func appendBytes(of scalars: [Float], to bytes: inout [UInt8]) -> Int? {
        bytes.reserveCapacity(bytes.count + scalars.count * byteSize)
        switch self {
        case .f32:
            scalars.withUnsafeBytes { bytes.append(contentsOf: $0) }  // already the file's layout
        case .i64:
            for (i, value) in scalars.enumerated() {
                guard let whole = Int64(exactly: value) else { return i }
                withUnsafeBytes(of: whole) { bytes.append(contentsOf: $0) }
            }
        case .bool:
            bytes.append(contentsOf: scalars.map { $0 != 0 ? 1 : 0 })
        }
        return nil
    }

    /// A problem with one stored number: where it is and what it is.
    struct BadValue: Error {
        let index: Int
        let value: String
    }

    /// The numbers stored in `bytes` (exactly `count × byteSize` of them). Throws for an int64
    /// beyond ±2^24 or a bool byte other than 0 and 1.
    func scalars(from bytes: ArraySlice<UInt8>, count: Int) throws(BadValue) -> [Float] {
        switch self {
        case .f32:
            return bytes.withUnsafeBytes { raw in
                makeScalars(count: count) {
                    UnsafeMutableRawPointer($0).copyMemory(
                        from: raw.baseAddress!,
                        byteCount: 4 * count)
                }
            }
        case .i64:
            let values = bytes.withUnsafeBytes { raw in
                (0..<count).map { raw.loadUnaligned(fromByteOffset: 8 * $0, as: Int64.self) }
            }
            if let i = values.firstIndex(where: { $0.magnitude > Self.largestExactInteger.magnitude }) {
                throw BadValue(index: i, value: String(values[i]))
            }
            return values.map(Float.init)
        case .bool:
            if let i = bytes.firstIndex(where: { $0 > 1 }) {
                throw BadValue(index: i - bytes.startIndex, value: "byte \(bytes[i])")
            }
            return bytes.map(Float.init)
        }
    }
}
