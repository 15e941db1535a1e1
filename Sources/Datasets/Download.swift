import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Where the files of a dataset can be downloaded from: mirrors tried in order, each a folder
/// URL that the file names are appended to, and the MD5 checksum each file must have.
///
///     let local = DownloadSource(mirrors: [URL(string: "http://127.0.0.1:8000/mnist/")!],
///                                md5: ["t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c"])
public struct DownloadSource: Sendable, Equatable {
    /// Folder URLs, tried in order until one delivers a file with the right checksum.
    public var mirrors: [URL]
    /// The expected MD5 (32 lowercase hexadecimal digits) of each file, by file name. A file
    /// without an entry is not downloaded.
    public var md5: [String: String]

    public init(mirrors: [URL], md5: [String: String]) {
        self.mirrors = mirrors
        self.md5 = md5
    }
}

/// What a download is doing, for a progress display. The events of one attempt come in this
/// order: `started`, any number of `received`, then `finished` or `failed` (after which the
/// next mirror may start again); a server that cannot be reached or refuses the file gives
/// `failed` alone. They are delivered on the thread that asked for the download, so the
/// handler may update a progress bar directly.
///
/// To show a Notebook progress bar per file:
///
///     var bar: ProgressBar?
///     let train = try MNIST(train: true) { event in
///         switch event {
///         case let .started(file, _, bytes): bar = nb.progress(total: bytes ?? 0, label: file)
///         case let .received(_, bytes): bar?.advance(by: bytes)
///         case .finished, .failed: bar?.finish()
///         }
///     }
public enum DownloadEvent: Sendable, Equatable {
    /// Downloading `file` from `url` has begun; the server announced `expectedBytes`, if it did.
    case started(file: String, url: URL, expectedBytes: Int?)
    /// `bytes` more bytes of `file` have arrived.
    case received(file: String, bytes: Int)
    /// `file` arrived whole, with the right checksum, and is in place.
    case finished(file: String, url: URL)
    /// This attempt failed for `reason`; the partial file is gone.
    case failed(file: String, url: URL, reason: String)

    /// Prints one line when a file starts and one when it ends: the display used when the
    /// caller gives none.
    public static func printLine(_ event: DownloadEvent) {
        switch event {
        case let .started(file, url, bytes):
            let size = bytes.map { String(format: " (%.1f MB)", Double($0) / 1_000_000) } ?? ""
            print("Downloading \(file)\(size) from \(url.absoluteString) ...")
        case .received:
            break
        case let .finished(file, _):
            print("    \(file): done, checksum correct")
        case let .failed(file, _, reason):
            print("    \(file): failed: \(reason)")
        }
    }
}

/// Downloads each of `files` into `folder` from the mirrors of `source`, trying them in order.
///
/// Each file is written to `<file>.part` while it arrives, its MD5 checked, and only then
/// renamed to its real name, so an interrupted or damaged download never looks like a good
/// file. A wrong checksum or a dropped connection deletes the part file and moves on to the
/// next mirror. A mirror that cannot be reached at all is not asked for the remaining files
/// (so an offline run fails at once, with one line per mirror).
///
/// - Returns: one line per failed attempt (`"<url>: <reason>"`), and the files no mirror
///   delivered, in the order given (empty when all arrived).
func download(
    _ files: [String], into folder: String, from source: DownloadSource, timeout: TimeInterval = 30,
    progress: (DownloadEvent) -> Void
) -> (attempts: [String], stillMissing: [String]) {
    var attempts: [String] = []
    var stillMissing: [String] = []
    var unreachable: Set<URL> = []
    for file in files {
        guard let md5 = source.md5[file] else {
            attempts.append("\(file): no checksum is known for it, so it is not downloaded")
            stillMissing.append(file)
            continue
        }
        var delivered = false
        for mirror in source.mirrors where !delivered {
            let url = mirror.appendingPathComponent(file)
            if unreachable.contains(mirror) { continue }  // its failure is already in `attempts`
            switch fetch(url, file: file, to: folder + "/" + file, md5: md5, timeout: timeout, progress: progress) {
            case .success:
                delivered = true
            case let .failure(problem):
                attempts.append("\(url.absoluteString): \(problem.reason)")
                if problem.mirrorUnreachable { unreachable.insert(mirror) }
            }
        }
        if !delivered { stillMissing.append(file) }
    }
    return (attempts, stillMissing)
}

/// Why one download attempt failed.
struct DownloadProblem: Error {
    var reason: String
    /// The server could not be reached at all (as opposed to a bad or broken file).
    var mirrorUnreachable = false
}

/// Downloads `url` to `path` through `path.part`, checking its MD5.
private func fetch(
    _ url: URL, file: String, to path: String, md5 expectedMD5: String, timeout: TimeInterval,
    progress: (DownloadEvent) -> Void
) -> Result<Void, DownloadProblem> {
    let partPath = path + ".part"
    let result = fetchToPartFile(
        url, file: file, partPath: partPath, md5: expectedMD5, timeout: timeout,
        progress: progress)
    switch result {
    case .success:
        guard rename(partPath, path) == 0 else {
            let reason = "cannot rename '\(partPath)' to '\(path)': \(String(cString: strerror(errno)))"
            unlink(partPath)
            progress(.failed(file: file, url: url, reason: reason))
            return .failure(DownloadProblem(reason: reason))
        }
        progress(.finished(file: file, url: url))
        return .success(())
    case let .failure(problem):
        unlink(partPath)
        progress(.failed(file: file, url: url, reason: problem.reason))
        return .failure(problem)
    }
}

/// Streams `url` into `partPath`, hashing as the bytes arrive. On success the part file is
/// complete, flushed to disk and has the expected checksum; on failure it may be half-written
/// (the caller deletes it).
private func fetchToPartFile(
    _ url: URL, file: String, partPath: String, md5 expectedMD5: String, timeout: TimeInterval,
    progress: (DownloadEvent) -> Void
) -> Result<Void, DownloadProblem> {
    let descriptor = open(partPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
        return .failure(
            DownloadProblem(
                reason: "cannot create '\(partPath)': \(String(cString: strerror(errno))) "
                    + "(may we write in that folder?)"))
    }
    var closed = false
    defer { if !closed { close(descriptor) } }

    let transfer = Transfer()
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    configuration.timeoutIntervalForResource = 60 * 60
    let session = URLSession(configuration: configuration, delegate: transfer, delegateQueue: nil)
    defer { session.invalidateAndCancel() }
    let task = session.dataTask(with: url)
    task.resume()

    var md5 = MD5()
    var received = 0
    var expected: Int?
    var started = false
    while true {
        let news = transfer.waitForNews()
        if !started, let response = news.response {
            started = true
            if let http = response as? HTTPURLResponse, http.statusCode != 200 {
                task.cancel()
                let meaning = http.statusCode == 404 ? " (the file is not on this mirror)" : ""
                return .failure(DownloadProblem(reason: "the server answered HTTP \(http.statusCode)\(meaning)"))
            }
            expected = response.expectedContentLength >= 0 ? Int(response.expectedContentLength) : nil
            progress(.started(file: file, url: url, expectedBytes: expected))
        }
        for chunk in news.chunks {
            let failure = chunk.withUnsafeBytes { bytes -> Int32 in
                var written = 0
                while written < bytes.count {
                    let result = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                    if result < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    written += result
                }
                return 0
            }
            guard failure == 0 else {
                task.cancel()
                return .failure(
                    DownloadProblem(reason: "cannot write '\(partPath)': \(String(cString: strerror(failure)))"))
            }
            md5.update(chunk)
            received += chunk.count
            progress(.received(file: file, bytes: chunk.count))
        }
        if let error = news.error {
            return .failure(describe(error, received: received, expected: expected))
        }
        if news.isComplete { break }
    }
    if let expected, received != expected {
        return .failure(DownloadProblem(reason: "the connection ended after \(received) of \(expected) bytes"))
    }
    let actualMD5 = md5.hexDigest()
    guard actualMD5 == expectedMD5.lowercased() else {
        return .failure(
            DownloadProblem(
                reason: "wrong checksum: the \(received) bytes received have MD5 \(actualMD5), "
                    + "but \(file) has \(expectedMD5.lowercased()); the copy was deleted"))
    }
    closed = true
    guard fsync(descriptor) == 0, close(descriptor) == 0 else {
        return .failure(
            DownloadProblem(reason: "cannot flush '\(partPath)' to the disk: \(String(cString: strerror(errno)))"))
    }
    return .success(())
}

/// A reason a learner can act on, from a URLSession error.
private func describe(_ error: any Error, received: Int, expected: Int?) -> DownloadProblem {
    let of = expected.map { " of \($0)" } ?? ""
    guard let urlError = error as? URLError else {
        return DownloadProblem(reason: "\(error.localizedDescription) (after \(received)\(of) bytes)")
    }
    switch urlError.code {
    case .cannotFindHost, .dnsLookupFailed:
        return DownloadProblem(reason: "the host name could not be looked up (no network?)", mirrorUnreachable: true)
    case .cannotConnectToHost:
        return DownloadProblem(
            reason: "could not connect to the server (no network, or the server is down)",
            mirrorUnreachable: true)
    case .notConnectedToInternet:
        return DownloadProblem(reason: "this computer is not connected to the network", mirrorUnreachable: true)
    case .timedOut:
        return DownloadProblem(
            reason: "the server did not answer in time (after \(received)\(of) bytes)",
            mirrorUnreachable: received == 0)
    case .networkConnectionLost:
        return DownloadProblem(reason: "the connection was dropped after \(received)\(of) bytes")
    default:
        return DownloadProblem(
            reason: "\(urlError.localizedDescription) (URL error \(urlError.code.rawValue), "
                + "after \(received)\(of) bytes)")
    }
}

/// Hands what URLSession's delegate callbacks receive (on URLSession's own queue) over to the
/// thread that waits for the download, which does all the writing, hashing and reporting.
private final class Transfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    struct News {
        var response: URLResponse?
        var chunks: [Data] = []
        var error: (any Error)?
        var isComplete = false
    }

    private let lock = NSLock()
    private let arrived = DispatchSemaphore(value: 0)
    private var news = News()

    /// Blocks until something has happened since the last call, and returns it.
    func waitForNews() -> News {
        arrived.wait()
        lock.lock()
        defer { lock.unlock() }
        let taken = news
        news.chunks.removeAll()
        return taken
    }

    private func record(_ change: (inout News) -> Void) {
        lock.lock()
        change(&news)
        lock.unlock()
        arrived.signal()
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        record { news in
            if news.response == nil { news.response = dataTask.response }
            news.chunks.append(data)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        record { news in
            if news.response == nil { news.response = task.response }
            news.error = error
            news.isComplete = true
        }
    }
}
