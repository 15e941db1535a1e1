import Foundation

/// The input a check is about to give the learner's code, announced on standard error when the
/// check runs in a child process, so that the parent can name it if the answer stops the
/// program (a trap in the engine leaves no other trace of where it happened).
///
/// The child announces only when its environment has `TORCHLET_CHECK_ANNOUNCE_INPUTS` set (the
/// parent sets it); each announcement is one line, `torchlet-check-input: "<JSON string>"`.
public enum CheckedInput {
    /// The environment variable that turns announcing on.
    public static let environmentKey = "TORCHLET_CHECK_ANNOUNCE_INPUTS"
    static let prefix = "torchlet-check-input: "
    static let isAnnouncing = ProcessInfo.processInfo.environment[environmentKey] != nil

    /// Writes `input` to standard error (unbuffered, so it is there even if the next call traps).
    static func announce(_ input: String) {
        guard isAnnouncing else { return }
        FileHandle.standardError.write(Data((line(for: input) + "\n").utf8))
    }

    /// The announcement of `input`, on one line.
    public static func line(for input: String) -> String {
        let encoded = (try? JSONEncoder().encode(input)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        return prefix + encoded
    }

    /// The last input announced in a child's standard error, or `nil` if there is none.
    public static func last(in errors: String) -> String? {
        for line in errors.split(separator: "\n").reversed() where line.hasPrefix(prefix) {
            let json = Data(line.dropFirst(prefix.count).utf8)
            if let input = try? JSONDecoder().decode(String.self, from: json) { return input }
        }
        return nil
    }
}
