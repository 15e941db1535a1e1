import Foundation

/// MD5 (RFC 1321), to compare downloaded files with their published checksums. MD5 is broken
/// as a defence against forgery, but the dataset publishers give MD5 sums, and it still
/// catches every accidental damage to a file.
///
///     var md5 = MD5()
///     md5.update(chunk1)
///     md5.update(chunk2)
///     md5.hexDigest()        // "9e107d9d372bb6826bd81d3542a419d6" for "The quick brown fox ..."
struct MD5 {
    private var state: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476)
    /// Bytes not yet hashed: less than one 64-byte block.
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    init() { pending.reserveCapacity(64) }

    /// The MD5 of `bytes` in one go.
    static func hexDigest<Bytes: Collection<UInt8>>(of bytes: Bytes) -> String {
        var md5 = MD5()
        md5.update(bytes)
        return md5.hexDigest()
    }

    /// Adds `bytes` to the data being hashed.
    mutating func update<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        length &+= UInt64(bytes.count)
        var rest = bytes[...]
        if !pending.isEmpty {
            let take = Swift.min(64 - pending.count, rest.count)
            pending.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
            guard pending.count == 64 else { return }
            pending.withUnsafeBufferPointer { compress($0.baseAddress!) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = rest.count / 64 * 64
        let handled = rest.prefix(whole).withContiguousStorageIfAvailable { blocks -> Bool in
            for start in stride(from: 0, to: whole, by: 64) { compress(blocks.baseAddress! + start) }
            return true
        }
        if handled == nil {
            let copy = Array(rest.prefix(whole))
            copy.withUnsafeBufferPointer { blocks in
                for start in stride(from: 0, to: whole, by: 64) { compress(blocks.baseAddress! + start) }
            }
        }
        pending.append(contentsOf: rest.dropFirst(whole))
    }

    /// The digest as 32 lowercase hexadecimal digits. Hashes the padding on a copy, so more
    /// data can still be added afterwards.
    func hexDigest() -> String {
        var copy = self
        let bitLength = length &* 8
        var padding: [UInt8] = [0x80]
        padding += [UInt8](repeating: 0, count: (119 - pending.count) % 64)
        for i in 0..<8 { padding.append(UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(i)))) }
        copy.update(padding)
        let words = [copy.state.0, copy.state.1, copy.state.2, copy.state.3]
        return words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * UInt32($0))) } }
            .map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }
            .joined()
    }

    /// The 64 per-step shift amounts and the sines' constants of RFC 1321.
    private static let shifts: [UInt32] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ]
    /// `floor(abs(sin(i + 1)) × 2^32)` for `i` in `0..<64`.
    private static let constants: [UInt32] = (0..<64).map { i in
        UInt32(truncatingIfNeeded: Int64((abs(sin(Double(i + 1))) * 4_294_967_296).rounded(.down)))
    }

    /// Mixes one 64-byte block into the state.
    private mutating func compress(_ block: UnsafePointer<UInt8>) {
        state = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { m in
            for i in 0..<16 {
                m[i] =
                    UInt32(block[4 * i]) | UInt32(block[4 * i + 1]) << 8 | UInt32(block[4 * i + 2]) << 16
                    | UInt32(block[4 * i + 3]) << 24
            }
            var (a, b, c, d) = state
            for i in 0..<64 {
                var f: UInt32
                let g: Int
                switch i {
                case 0..<16: f = (b & c) | (~b & d); g = i
                case 16..<32: f = (d & b) | (~d & c); g = (5 * i + 1) % 16
                case 32..<48: f = b ^ c ^ d; g = (3 * i + 5) % 16
                default: f = c ^ (b | ~d); g = (7 * i) % 16
                }
                f = f &+ a &+ Self.constants[i] &+ m[g]
                a = d
                d = c
                c = b
                b = b &+ (f << Self.shifts[i] | f >> (32 - Self.shifts[i]))
            }
            return (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
        }
    }
}
