import Foundation
import Testing
@testable import Datasets

/// Downloads, against a local HTTP server on 127.0.0.1 (never the network): files arrive
/// checked and renamed into place; a wrong checksum, a 404 or a dropped connection leaves no
/// file behind and moves on to the next mirror; with no server, the message says what to do.
@Suite("Downloads", .serialized)
struct DownloadTests {
    /// The four standard files, gzipped, and a source whose checksums match them.
    let files = standardFiles(trainCount: 7, testCount: 3).map { (name: $0.name, bytes: gzipped($0.bytes)) }
    var checksums: [String: String] {
        Dictionary(uniqueKeysWithValues: files.map { ($0.name, MD5.hexDigest(of: $0.bytes)) })
    }

    /// Replies serving every file under `/<mirror>/`, with `overrides` for some files.
    func replies(mirror: String, overrides: [String: LocalHTTPServer.Reply] = [:]) -> [String: LocalHTTPServer.Reply] {
        var replies: [String: LocalHTTPServer.Reply] = [:]
        for file in files { replies["/\(mirror)/\(file.name)"] = overrides[file.name] ?? .file(file.bytes) }
        return replies
    }

    @Test func goodFilesAreDownloadedCheckedAndRenamed() throws {
        let server = LocalHTTPServer(replies: replies(mirror: "m1"))
        defer { server.stop() }
        let scratch = TemporaryFolder()
        defer { scratch.remove() }
        let target = scratch.path + "/new/mnist"  // does not exist yet
        var events: [DownloadEvent] = []
        let train = try MNIST(
            root: target, train: true,
            source: DownloadSource(mirrors: [server.url("m1")], md5: checksums)
        ) { events.append($0) }
        #expect(train.count == 7 && train.folder == target)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).sorted() == MNIST.fileNames.sorted())
        for file in files {
            #expect(FileManager.default.contents(atPath: target + "/" + file.name) == Data(file.bytes))
        }
        #expect(server.requests == MNIST.fileNames.map { "/m1/\($0)" }, "all four, in order, once each")

        let first = files[0]
        let url = server.url("m1").appendingPathComponent(first.name)
        #expect(events.first == .started(file: first.name, url: url, expectedBytes: first.bytes.count))
        let received = events.compactMap { event -> Int? in
            if case let .received(file, bytes) = event, file == first.name { bytes } else { nil }
        }
        #expect(received.reduce(0, +) == first.bytes.count)
        #expect(events.contains(.finished(file: first.name, url: url)))
        #expect(events.filter { if case .finished = $0 { true } else { false } }.count == 4)

        // The test split now loads without asking the server again.
        let test = try MNIST(
            root: target, train: false,
            source: DownloadSource(mirrors: [server.url("m1")], md5: checksums)
        ) { _ in }
        #expect(test.count == 3)
        #expect(server.requests.count == 4)
    }

    @Test func wrongChecksumIsRejectedAndTheNextMirrorUsed() throws {
        var damaged = files[0].bytes
        damaged[damaged.count / 2] ^= 1
        let server = LocalHTTPServer(
            replies: replies(mirror: "bad", overrides: [files[0].name: .file(damaged)])
                .merging(replies(mirror: "good")) { a, _ in a })
        defer { server.stop() }
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var events: [DownloadEvent] = []
        let source = DownloadSource(mirrors: [server.url("bad"), server.url("good")], md5: checksums)
        let train = try MNIST(root: folder.path, source: source) { events.append($0) }
        #expect(train.count == 7)
        #expect(
            server.requests.filter { $0.hasSuffix(files[0].name) } == [
                "/bad/\(files[0].name)", "/good/\(files[0].name)",
            ])
        let failures = events.compactMap { event -> String? in
            if case let .failed(_, _, reason) = event { reason } else { nil }
        }
        #expect(failures.count == 1)
        expect(
            failures.first ?? "",
            contains: "wrong checksum: the \(damaged.count) bytes received have MD5 "
                + "\(MD5.hexDigest(of: damaged)), but train-images-idx3-ubyte.gz has \(checksums[files[0].name]!)")
        #expect(FileManager.default.contents(atPath: folder.path + "/" + files[0].name) == Data(files[0].bytes))
        #expect(folder.fileNames == MNIST.fileNames.sorted(), "no .part file is left")
    }

    @Test func droppedConnectionLeavesNoFile() {
        let dropped = LocalHTTPServer.Reply.drop(bytes: files[0].bytes, sent: files[0].bytes.count / 3)
        let server = LocalHTTPServer(replies: replies(mirror: "m1", overrides: [files[0].name: dropped]))
        defer { server.stop() }
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var events: [DownloadEvent] = []
        let source = DownloadSource(mirrors: [server.url("m1")], md5: checksums)
        let text = message { try MNIST(root: folder.path, source: source) { events.append($0) } }
        expect(
            text, contains: "MNIST: 1 file is missing from \(folder.path) and could not be downloaded:",
            "    train-images-idx3-ubyte.gz\nTried:\n    \(server.url("m1").absoluteString)train-images-idx3-ubyte.gz: ",
            "\(files[0].bytes.count / 3) of \(files[0].bytes.count) bytes")
        #expect(
            folder.fileNames == MNIST.fileNames.filter { $0 != files[0].name }.sorted(),
            "the other three arrived; no partial file of the dropped one is left")
        #expect(events.contains { if case .failed(files[0].name, _, _) = $0 { true } else { false } })
    }

    @Test func droppedConnectionFallsBackToTheNextMirror() throws {
        let dropped = LocalHTTPServer.Reply.drop(bytes: files[2].bytes, sent: 10)
        let server = LocalHTTPServer(
            replies: replies(mirror: "m1", overrides: [files[2].name: dropped])
                .merging(replies(mirror: "m2")) { a, _ in a })
        defer { server.stop() }
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let source = DownloadSource(mirrors: [server.url("m1"), server.url("m2")], md5: checksums)
        #expect(try MNIST(root: folder.path, train: false, source: source) { _ in }.count == 3)
        #expect(folder.fileNames == MNIST.fileNames.sorted())
    }

    @Test func notFoundMovesOnToTheNextMirror() throws {
        let server = LocalHTTPServer(replies: replies(mirror: "m2"))  // m1 has nothing: 404
        defer { server.stop() }
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var events: [DownloadEvent] = []
        let source = DownloadSource(mirrors: [server.url("m1"), server.url("m2")], md5: checksums)
        #expect(try MNIST(root: folder.path, source: source) { events.append($0) }.count == 7)
        #expect(
            events.contains(
                .failed(
                    file: files[0].name, url: server.url("m1").appendingPathComponent(files[0].name),
                    reason: "the server answered HTTP 404 (the file is not on this mirror)")))
    }

    /// Only the files that are missing are asked for.
    @Test func presentFilesAreNotDownloadedAgain() throws {
        let server = LocalHTTPServer(replies: replies(mirror: "m1"))
        defer { server.stop() }
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write(files[0].name, files[0].bytes)
        folder.write("t10k-labels-idx1-ubyte", standardFiles(trainCount: 7, testCount: 3)[3].bytes)
        _ = try MNIST(root: folder.path, source: DownloadSource(mirrors: [server.url("m1")], md5: checksums)) { _ in }
        #expect(server.requests == ["/m1/train-labels-idx1-ubyte.gz", "/m1/t10k-images-idx3-ubyte.gz"])
    }

    /// No server at all: the message lists the exact files, the folder, each failed attempt
    /// and the mirrors, and an unreachable mirror is not asked again for the other files.
    @Test func offlineMessage() {
        let (socket, port) = LocalHTTPServer.refusingPort()
        defer { close(socket) }
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let mirror = "http://127.0.0.1:\(port)/mnist/"
        let source = DownloadSource(mirrors: [URL(string: mirror)!], md5: checksums)
        var events: [DownloadEvent] = []
        let text = message { try MNIST(root: folder.path, source: source) { events.append($0) } }
        #expect(
            text == """
                MNIST: 4 files are missing from \(folder.path) and could not be downloaded:
                    train-images-idx3-ubyte.gz
                    train-labels-idx1-ubyte.gz
                    t10k-images-idx3-ubyte.gz
                    t10k-labels-idx1-ubyte.gz
                Tried:
                    \(mirror)train-images-idx3-ubyte.gz: could not connect to the server (no network, or the server is down)
                To fix this, do one of:
                  - connect to the network and run again (the files are downloaded and checked);
                  - download the files by hand from one of these mirrors:
                        \(mirror)
                    and put them (as they are, .gz, or unpacked) in \(folder.path)/
                  - run with --data-dir FOLDER to use a folder that already holds them.
                """)
        #expect(folder.fileNames.isEmpty, "no partial files")
        #expect(events.count == 1, "the unreachable mirror is not asked for the other three files")
    }

    /// A folder made for a download that failed is removed again (a mistyped --data-dir).
    @Test func failedDownloadLeavesNoNewFolder() {
        let (socket, port) = LocalHTTPServer.refusingPort()
        defer { close(socket) }
        let scratch = TemporaryFolder()
        defer { scratch.remove() }
        let source = DownloadSource(mirrors: [URL(string: "http://127.0.0.1:\(port)/")!], md5: checksums)
        _ = message { try MNIST(root: scratch.path + "/typo", source: source) { _ in } }
        #expect(scratch.fileNames.isEmpty)
    }

    /// A file the source has no checksum for is never downloaded unchecked.
    @Test func fileWithoutChecksumIsNotDownloaded() {
        let server = LocalHTTPServer(replies: replies(mirror: "m1"))
        defer { server.stop() }
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var partial = checksums
        partial[MNIST.trainImagesFile] = nil
        let text = message {
            try MNIST(root: folder.path, source: DownloadSource(mirrors: [server.url("m1")], md5: partial)) { _ in }
        }
        expect(text, contains: "train-images-idx3-ubyte.gz: no checksum is known for it, so it is not downloaded")
        #expect(!server.requests.contains("/m1/train-images-idx3-ubyte.gz"))
    }
}
