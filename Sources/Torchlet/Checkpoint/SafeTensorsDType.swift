#if !_endian(little)
#error("safetensors stores little-endian numbers, which Torchlet copies as they are in memory")
#endif

/// The element types Torchlet reads and writes in a safetensors file: their names in the
/// header, their sizes, and the conversion of the numbers to and from bytes (little-endian, as
/// the format says and as every machine Swift runs on stores them).
extension DType {
    /// The type's name in a safetensors header and the bytes of one number: F32 (4 bytes,
    /// `torch.float32`), I64 (8, `torch.int64`) and BOOL (one byte 0 or 1, `torch.bool`).
    var safetensors: (name: String, byteSize: Int) {
        switch self {
        case .float32: ("F32", 4)
        case .int64: ("I64", 8)
        case .bool: ("BOOL", 1)
        }
    }

    /// The order in which the Python library writes tensors: the reverse of the order its Rust
    /// `Dtype` enum declares the types (`BOOL, ..., F32, F64, I64, ...`), so I64 tensors come
    /// first, then F32, then BOOL, and by name within a type.
    static let safetensorsWritingOrder: [DType] = [.int64, .float32, .bool]

    /// The other dtypes the safetensors format defines, which Torchlet cannot hold, with the
    /// PyTorch type each stands for.
    static let safetensorsUnsupported: [String: String] = [
        "F64": "float64", "F16": "float16", "BF16": "bfloat16", "I32": "int32", "I16": "int16", "I8": "int8",
        "U8": "uint8", "U16": "uint16", "U32": "uint32", "U64": "uint64", "F8_E4M3": "float8_e4m3fn",
        "F8_E5M2": "float8_e5m2", "F8_E8M0": "float8_e8m0fnu", "F4": "float4_e2m1fn_x2", "F6_E2M3": "float6_e2m3",
        "F6_E3M2": "float6_e3m2", "C64": "complex64",
    ]
}

extension Tensor {
    /// Appends the tensor's numbers in the file's layout for its dtype. Throws if an int64
    /// tensor holds a number that is not whole (`name` and `path` are for the message).
    func appendSafetensorsBytes(to bytes: inout [UInt8], name: String, path: String) throws(CheckpointError) {
        switch dtype {
        case .float32:
            scalars.withUnsafeBytes { bytes.append(contentsOf: $0) }  // already the file's layout
        case .int64:
            for (i, value) in scalars.enumerated() {
                guard let whole = Int64(exactly: value) else {
                    throw .io(
                        path: path,
                        reason:
                            "tensor \"\(name)\" is int64 but holds \(value) at index \(i), which is not a whole number")
                }
                withUnsafeBytes(of: whole) { bytes.append(contentsOf: $0) }
            }
        case .bool:
            bytes.append(contentsOf: scalars.map { $0 != 0 ? 1 : 0 })
        }
    }

    /// The tensor of `entry`, whose numbers are `bytes` (exactly as many as its shape needs).
    /// Throws for what Torchlet cannot hold exactly: an int64 beyond ±2^24 (the largest whole
    /// numbers a `Float` holds), or a bool byte other than 0 and 1.
    convenience init(safetensors entry: SafeTensorsHeader.Entry, bytes: ArraySlice<UInt8>, path: String)
        throws(CheckpointError)
    {
        let scalars: [Float]
        switch entry.dtype {
        case .float32:
            scalars = numbers(Float.self, in: bytes)
        case .int64:
            let values = numbers(Int64.self, in: bytes)
            if let i = values.firstIndex(where: { $0.magnitude > 1 << 24 }) {
                throw .io(
                    path: path,
                    reason: "tensor \"\(entry.name)\" (I64) holds \(values[i]) at index \(i), beyond what Torchlet's "
                        + "int64 tensors hold exactly (whole numbers up to ±16,777,216 = 2^24)")
            }
            scalars = values.map(Float.init)
        case .bool:
            if let i = bytes.firstIndex(where: { $0 > 1 }) {
                throw .corrupt(
                    path: path,
                    reason: "tensor \"\(entry.name)\" (BOOL) holds byte \(bytes[i]) at index \(i - bytes.startIndex), "
                        + "where a truth value must be 0 or 1")
            }
            scalars = bytes.map(Float.init)
        }
        self.init(shape: entry.shape, scalars: scalars, dtype: entry.dtype)
    }
}

/// The numbers of type `T` stored one after another in `bytes`, as they lie in memory.
private func numbers<T: BitwiseCopyable>(_: T.Type, in bytes: ArraySlice<UInt8>) -> [T] {
    let size = MemoryLayout<T>.size
    return bytes.withUnsafeBytes { raw in
        (0..<(raw.count / size)).map { raw.loadUnaligned(fromByteOffset: $0 * size, as: T.self) }
    }
}
