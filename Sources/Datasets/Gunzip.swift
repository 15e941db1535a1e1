import CZlib

/// Whether `bytes` start like a gzip file: the two magic bytes `1f 8b`. The content decides,
/// not the name, so a gzipped file without `.gz` (or an unpacked one with it) is still read.
func isGzip(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
}

/// The unpacked content of the gzip data `bytes` read from `path` (named in errors), through
/// zlib. zlib checks each member's CRC-32 and length; a damaged stream, one cut short or
/// followed by stray bytes throws `.corrupt` and nothing is returned. Files made of several
/// gzip members one after another (as `cat a.gz b.gz` makes) are unpacked in full, like `gunzip` does.
func gunzip(_ bytes: [UInt8], path: String) throws(DatasetError) -> [UInt8] {
    var stream = z_stream()
    // windowBits 15 + 32: the largest window, and let zlib recognise the gzip header itself.
    guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
        throw .unreadable(path: path, reason: "zlib could not start unpacking (out of memory?)")
    }
    defer { inflateEnd(&stream) }

    var output = [UInt8](repeating: 0, count: expectedUnpackedSize(of: bytes))
    var produced = 0
    var problem: String?
    bytes.withUnsafeBufferPointer { input in
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = UInt32(input.count)
        while problem == nil {
            if produced == output.count {
                output.append(contentsOf: repeatElement(0, count: Swift.max(output.count, 1 << 16)))
            }
            let status = output.withUnsafeMutableBufferPointer { out in
                let room = UInt32(Swift.min(out.count - produced, Int(UInt32.max)))
                stream.next_out = out.baseAddress! + produced
                stream.avail_out = room
                let status = inflate(&stream, Z_NO_FLUSH)
                produced += Int(room - stream.avail_out)
                return status
            }
            switch status {
            case Z_STREAM_END:
                let rest = Int(stream.avail_in)
                if rest == 0 { return }
                let next = input.count - rest
                if rest >= 2 && input[next] == 0x1f && input[next + 1] == 0x8b {
                    inflateReset(&stream)  // another gzip member follows
                } else {
                    problem = "\(rest) unexpected bytes follow the end of the gzip data"
                }
            case Z_OK, Z_BUF_ERROR:
                // Out of room is fine (the buffer grows); out of input before the end is not.
                if stream.avail_in == 0 && stream.avail_out > 0 {
                    problem =
                        "the gzip data ends too early (the file is truncated: \(input.count) bytes "
                        + "unpack to only \(produced) bytes and no end marker)"
                }
            case Z_MEM_ERROR:
                problem = "out of memory while unpacking"
            default:
                let detail = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                problem =
                    "the gzip data is damaged (zlib: \(detail)) after \(input.count - Int(stream.avail_in)) "
                    + "of \(input.count) bytes"
            }
        }
    }
    if let problem { throw .corrupt(path: path, reason: problem) }
    output.removeSubrange(produced...)
    return output
}

/// A first guess at the unpacked size: gzip ends with the size of the last member's content
/// (modulo 2^32). Trusted only within what deflate can reach (about 1032:1), since a damaged
/// file could claim anything; the buffer grows if the guess is short.
private func expectedUnpackedSize(of bytes: [UInt8]) -> Int {
    guard bytes.count >= 18 else { return 1 << 16 }
    let n = bytes.count
    let claimed = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
    return claimed > 0 && claimed <= bytes.count * 1032 ? claimed : Swift.max(1 << 16, bytes.count * 4)
}
