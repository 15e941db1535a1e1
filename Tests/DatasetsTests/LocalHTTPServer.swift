import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1, on a port the system picks, for testing downloads
/// without the network. It answers each GET from a fixed table of paths, one request per
/// connection, on a background thread.
final class LocalHTTPServer: @unchecked Sendable {
    enum Reply {
        /// 200 with these bytes.
        case file([UInt8])
        /// 200 announcing all of `bytes`, then only the first `sent` of them, then the
        /// connection is closed: a server that drops the connection mid-file.
        case drop(bytes: [UInt8], sent: Int)
        /// This status code with an empty body.
        case status(Int)
    }

    /// The port it listens on.
    let port: UInt16
    /// The folder URL of `/<folder>/` on this server.
    func url(_ folder: String) -> URL { URL(string: "http://127.0.0.1:\(port)/\(folder)/")! }

    private let listener: Int32
    private let replies: [String: Reply]
    private let lock = NSLock()
    private var requestLog: [String] = []
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    /// Starts serving `replies`, by path (`"/mirror/file.gz"`); other paths get 404.
    init(replies: [String: Reply]) {
        self.replies = replies
        (listener, port) = Self.boundSocket(listening: true)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// The paths requested so far, in order.
    var requests: [String] {
        lock.lock()
        defer { lock.unlock() }
        return requestLog
    }

    /// Stops accepting connections and waits for the serving thread to end.
    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        finished.wait()
    }

    /// A port on 127.0.0.1 where nothing answers: bound (so no one else takes it while the
    /// test runs) but not listening, so connections are refused. Close the socket afterwards.
    static func refusingPort() -> (socket: Int32, port: UInt16) {
        boundSocket(listening: false)
    }

    private static func boundSocket(listening: Bool) -> (Int32, UInt16) {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        precondition(descriptor >= 0, "socket: \(String(cString: strerror(errno)))")
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        precondition(bound, "bind: \(String(cString: strerror(errno)))")
        if listening { precondition(listen(descriptor, 16) == 0) }
        return (descriptor, UInt16(bigEndian: address.sin_port))
    }

    private func serve() {
        defer { finished.signal() }
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                lock.lock()
                let done = stopped
                lock.unlock()
                if done { return }
                continue
            }
            answer(connection)
            close(connection)
        }
    }

    /// Reads one request's head and writes the reply.
    private func answer(_ connection: Int32) {
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !head.ends(with: Array("\r\n\r\n".utf8)) && head.count < 65536 {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress!, $0.count, 0) }
            if count <= 0 { return }
            head += buffer[..<count]
        }
        let requestLine = String(decoding: head, as: UTF8.self).split(separator: "\r\n").first ?? ""
        let parts = requestLine.split(separator: " ")
        let path = parts.count >= 2 ? String(parts[1]) : "/"
        lock.lock()
        requestLog.append(path)
        lock.unlock()

        switch replies[path] ?? .status(404) {
        case let .file(bytes):
            send(connection, header(status: 200, length: bytes.count) + bytes)
        case let .drop(bytes, sent):
            send(connection, header(status: 200, length: bytes.count) + bytes[..<sent])
        case let .status(code):
            send(connection, header(status: code, length: 0))
        }
    }

    private func header(status: Int, length: Int) -> [UInt8] {
        let reason = status == 200 ? "OK" : status == 404 ? "Not Found" : "Error"
        return Array(
            ("HTTP/1.1 \(status) \(reason)\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: \(length)\r\nConnection: close\r\n\r\n").utf8)
    }

    /// Writes all of `bytes`, stopping quietly if the client has gone (no SIGPIPE).
    private func send(_ connection: Int32, _ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let result = bytes.withUnsafeBytes {
                Glibc.send(connection, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL))
            }
            if result <= 0 { return }
            sent += result
        }
    }
}

extension Array where Element: Equatable {
    fileprivate func ends(with suffix: [Element]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
