/// The element types Torchlet reads and writes in a safetensors file, with their names in
/// the header (`"F32"`), their sizes, and the conversion of the numbers to and from bytes
/// (always little-endian, as the format says).
enum SafeTensorsDType: CaseIterable {
    /// 32-bit IEEE floats: `torch.float32`, Torchlet's real numbers.
    case f32
    /// 64-bit signed integers: `torch.int64`, class labels and step counts.
    case i64
    /// One byte per truth value, 0 or 1: `torch.bool`.
    case bool

    init(_ dtype: DType) {
        switch dtype {
        case .float32: self = .f32
        case .int64: self = .i64
        case .bool: self = .bool
        }
    }

    init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    /// The name in the header.
    var name: String {
        switch self {
        case .f32: return "F32"
        case .i64: return "I64"
        case .bool: return "BOOL"
        }
    }

    /// Torchlet's dtype for tensors of this type.
    var dtype: DType {
        switch self {
        case .f32: return .float32
        case .i64: return .int64
        case .bool: return .bool
        }
    }

    /// Bytes per element.
    var byteSize: Int {
        switch self {
        case .f32: return 4
        case .i64: return 8
        case .bool: return 1
        }
    }

    /// Where the Python library puts tensors of this type: it writes the types in the reverse
    /// of the order its Rust `Dtype` enum declares them (`BOOL, ..., F32, F64, I64, ...`), so
    /// I64 tensors come first, then F32, then BOOL, and by name within a type.
    var writingRank: Int {
        switch self {
        case .i64: return 0
        case .f32: return 1
        case .bool: return 2
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
            #if _endian(little)
            scalars.withUnsafeBytes { bytes.append(contentsOf: $0) }   // already the file's layout
            #else
            for value in scalars { append(value.bitPattern, to: &bytes) }
            #endif
        case .i64:
            for (i, value) in scalars.enumerated() {
                guard let whole = Int64(exactly: value) else { return i }
                append(UInt64(bitPattern: whole), to: &bytes)
            }
        case .bool:
            for value in scalars { bytes.append(value != 0 ? 1 : 0) }
        }
        return nil
    }

    private func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A problem with one stored number: where it is and what it is.
    struct BadValue: Error {
        let index: Int
        let value: String
    }

    /// The numbers stored in `bytes` (exactly `count × byteSize` of them). Throws for an int64
    /// beyond ±2^24 or a bool byte other than 0 and 1.
    func scalars(from bytes: ArraySlice<UInt8>, count: Int) throws(BadValue) -> [Float] {
        var bad: BadValue?
        let result = bytes.withUnsafeBytes { raw in
            makeScalars(count: count) { out in
                switch self {
                case .f32:
                    #if _endian(little)
                    UnsafeMutableRawPointer(out).copyMemory(from: raw.baseAddress!, byteCount: 4 * count)
                    #else
                    for i in 0..<count {
                        let bits = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
                        out[i] = Float(bitPattern: bits)
                    }
                    #endif
                case .i64:
                    for i in 0..<count {
                        let value = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self))
                        if value.magnitude > Self.largestExactInteger.magnitude, bad == nil {
                            bad = BadValue(index: i, value: String(value))
                        }
                        out[i] = Float(value)
                    }
                case .bool:
                    for i in 0..<count {
                        let byte = raw[i]
                        if byte > 1, bad == nil { bad = BadValue(index: i, value: "byte \(byte)") }
                        out[i] = byte == 0 ? 0 : 1
                    }
                }
            }
        }
        if let bad { throw bad }
        return result
    }
}
