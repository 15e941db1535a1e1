#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `bytes` to `path` so that the file is either the old one or the complete new one,
/// never half of each, even if the program stops in the middle:
///
/// 1. write everything to `<path>.tmp` in the same folder, and flush it to the disk (`fsync`);
/// 2. rename it to `path`: on one file system, a rename replaces the old file in one step.
///
/// If anything fails, the temporary file is removed and the old file is left as it was. A
/// temporary file left over by a crash is simply overwritten by the next write.
func writeFileAtomically(_ bytes: [UInt8], to path: String) throws(CheckpointError) {
    let temporary = path + ".tmp"
    func failed(_ step: String, _ code: Int32 = errno) -> CheckpointError {
        .io(path: path, reason: "\(step): \(String(cString: strerror(code))). The existing file, if any, is unchanged")
    }
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
        throw failed("cannot create the temporary file '\(temporary)' (does the folder exist, and may we write there?)")
    }
    var written = 0
    while written < bytes.count {
        let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
        if result < 0 {
            if errno == EINTR { continue }
            let code = errno
            close(descriptor)
            unlink(temporary)
            throw failed("cannot write the temporary file '\(temporary)'", code)
        }
        written += result
    }
    if fsync(descriptor) != 0 || close(descriptor) != 0 {
        let code = errno
        unlink(temporary)
        throw failed("cannot flush the temporary file '\(temporary)' to the disk", code)
    }
    guard rename(temporary, path) == 0 else {
        let code = errno
        unlink(temporary)
        throw failed("cannot rename '\(temporary)' to '\(path)'", code)
    }
    // Flush the folder too, so that the rename itself survives a power cut.
    let folder = open(folderPath(of: path), O_RDONLY | O_CLOEXEC)
    if folder >= 0 {
        _ = fsync(folder)
        close(folder)
    }
}

/// The whole file at `path`, read in one piece.
func readFile(at path: String) throws(CheckpointError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
        throw .io(path: path, reason: "cannot open the file: \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let result = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
        if result < 0 {
            if errno == EINTR { continue }
            throw .io(path: path, reason: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        if result == 0 { return bytes }
        bytes.append(contentsOf: chunk[0..<result])
    }
}

/// The folder part of `path` (`"."` for a bare file name).
private func folderPath(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
}
