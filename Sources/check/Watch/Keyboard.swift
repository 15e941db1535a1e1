import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The learner's keys during `--watch`. On a terminal each key counts at once, without Enter
/// (the terminal is put in non-canonical mode without echo, and put back by `restore()`);
/// otherwise (a pipe, a script) each line counts by its first letter, so `printf 'h\nq\n'` works.
final class Keyboard {
    let isTerminal: Bool
    private var original = termios()
    private var pending: [UInt8] = []
    /// Standard input has ended: no more keys, the watch goes on until it is stopped.
    private(set) var hasEnded = false

    init() {
        isTerminal = isatty(STDIN_FILENO) == 1
        guard isTerminal, tcgetattr(STDIN_FILENO, &original) == 0 else { return }
        var raw = original
        // No line editing, no echo, and Ctrl-C arrives as a key (3), so that quitting always
        // puts the terminal back.
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
    }

    /// Puts the terminal back as it was.
    func restore() {
        if isTerminal { tcsetattr(STDIN_FILENO, TCSANOW, &original) }
    }

    /// Keys pressed while a child process ran, to be handled after it.
    private var later: [Character] = []

    /// Keeps `keys` to be returned first by the next calls of `key(within:)`.
    func handLater(_ keys: [Character]) {
        later += keys
    }

    /// The next key within `seconds`, lowercased, or `nil`. Ctrl-C and Ctrl-D read as "q".
    func key(within seconds: Double) -> Character? {
        if !later.isEmpty { return later.removeFirst() }
        if let key = takeKey() { return key }
        if hasEnded {
            usleep(useconds_t(seconds * 1_000_000))
            return nil
        }
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(seconds * 1000)) > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = read(STDIN_FILENO, &bytes, bytes.count)
        if count <= 0 {
            hasEnded = true
            if !isTerminal && !pending.isEmpty { pending.append(10) }
            return takeKey()
        }
        pending += bytes[0..<count]
        return takeKey()
    }

    private func takeKey() -> Character? {
        if isTerminal {
            guard !pending.isEmpty else { return nil }
            let byte = pending.removeFirst()
            return byte == 3 || byte == 4 ? "q" : Character(UnicodeScalar(byte)).lowercased().first
        }
        while let newline = pending.firstIndex(of: 10) {
            let line = String(decoding: pending[..<newline], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            pending.removeSubrange(...newline)
            if let first = line.lowercased().first { return first }
        }
        return nil
    }
}
