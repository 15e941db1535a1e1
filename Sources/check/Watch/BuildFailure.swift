import Foundation

/// Why `swift build` failed, read from its output: the compiler's first error with its file,
/// line and the source lines it quotes, or the checkout having been moved.
struct BuildFailure: Equatable {
    enum Kind: Equatable {
        /// The compiler's first error: "Exercises/Lesson02.swift:48:12: error: ...", relative to
        /// the checkout, and the lines the compiler prints under it (the code, the caret).
        case compilerError(headline: String, context: [String])
        /// SwiftPM's module cache in `.build` keeps the absolute paths of the folder it was built
        /// in; after the checkout is moved or copied every build fails until `.build` is removed.
        case movedCheckout
        /// No error line was recognised: the output's last lines.
        case other([String])
    }

    let kind: Kind

    /// Texts that only the module cache's path mismatch prints (clang's "was compiled with
    /// module cache path '...', but the path is currently '...'", for a PCH or a module file).
    static let movedCheckoutSignals = [
        "was compiled with module cache path",
        "PCH was compiled with module cache path",
        "was built in directory",
    ]

    /// The failure described by `output`, with paths under `root` shown relative to it.
    init(output: String, root: String) {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.contains(where: { line in Self.movedCheckoutSignals.contains { line.contains($0) } }) {
            kind = .movedCheckout
            return
        }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        func relative(_ line: String) -> String {
            line.hasPrefix(prefix) ? String(line.dropFirst(prefix.count)) : line
        }
        let located = lines.firstIndex { Self.isLocatedError($0) }
        guard let start = located ?? lines.firstIndex(where: { $0.contains("error: ") }) else {
            kind = .other(Array(lines.filter { !$0.isEmpty }.suffix(8)))
            return
        }
        var context: [String] = []
        for line in lines[(start + 1)...] {
            if Self.isLocatedError(line) || line.hasPrefix("[") || line.hasPrefix("error: ") || context.count == 12 {
                break
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { if context.isEmpty { continue } else { break } }
            context.append(line)
        }
        kind = .compilerError(headline: relative(lines[start]), context: located == nil ? [] : context)
    }

    /// "path:line:column: error: message".
    static func isLocatedError(_ line: String) -> Bool {
        guard let range = line.range(of: ": error: ") else { return false }
        let location = line[..<range.lowerBound].split(separator: ":")
        return location.count >= 3 && location.suffix(2).allSatisfy { Int($0) != nil } && location[0].hasPrefix("/")
    }

    /// The lines the watch shows.
    var explanation: [String] {
        switch kind {
        case let .compilerError(headline, context):
            return ["The build failed. The compiler's first error:", "", "  " + headline]
                + context.map { "  " + $0 } + ["", "Fix it and save: the watch goes on."]
        case .movedCheckout:
            return Self.movedCheckoutAdvice
        case let .other(lines):
            return ["The build failed:", ""] + lines.map { "  " + $0 } + ["", "Fix it and save: the watch goes on."]
        }
    }

    static let movedCheckoutAdvice = [
        "The build failed because this checkout was moved or copied after it was built:",
        "SwiftPM's module cache in .build/ keeps the absolute paths of the folder it was built in",
        "(\"precompiled file ... was compiled with module cache path ..., but the path is currently ...\").",
        "",
        "Remove the build folder and build again (the first build takes a few minutes):",
        "",
        "  rm -rf .build && swift run check --watch",
    ]
}
