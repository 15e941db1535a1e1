import Foundation

/// A lesson's own source file, read at run time, so a code cell can print the very lines that
/// run below it and a value can be labelled with the expression that computed it.
///
/// Why read the source at run time instead of capturing it at compile time with a macro (as
/// Swift Testing's `#expect` does)? Both keep the listing and the code from drifting apart.
/// A macro needs swift-syntax, which adds one to two and a half minutes to every learner's
/// first build on two cores (measured for this package's machines), and that first build is
/// the README's first command, which must stay under three minutes. A macro would also wrap
/// every cell in a closure, so the variables a cell defines would not be visible to the cells
/// after it. Reading the file costs nothing to build, keeps cells as plain statements in the
/// lesson's own scope, and `swift run` always runs from the checkout, where `#filePath` points.
/// When the file is not there (a binary copied elsewhere), each listing says so in one line.
///
/// The rules, for a lesson's author:
///
/// - `nb.code()` lists the lines that follow it, up to the first blank line, the first line
///   indented less than the first listed line (the end of the enclosing block), or the first
///   `nb.` call at the listing's own indentation (the next cell).
/// - A marked elision shortens a listing on purpose: the lines from `// elide: summary` to
///   `// end elide` are shown as one line, `… summary`, at their indentation.
/// - `nb.show(expression)` labels the value with the text of `expression` as written.
struct LessonSource {
    /// The file's lines, without their line breaks.
    let lines: [String]

    /// The path as a reader finds it in the checkout, e.g. `Lessons/Lesson00/Lesson00.swift`.
    let displayPath: String

    /// Reads the file at `path`, or returns `nil` if it is not there.
    init?(path: String) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        displayPath = Self.displayPath(of: path)
    }

    /// `path` from its `Lessons/` or `Sources/` folder on, the way the README names files.
    static func displayPath(of path: String) -> String {
        for folder in ["/Lessons/", "/Sources/", "/Exercises/", "/Tests/"] {
            if let range = path.range(of: folder, options: .backwards) {
                return String(path[path.index(after: range.lowerBound)...])
            }
        }
        return path
    }

    // MARK: Listings

    /// The marker that starts an elided stretch of a listing; the rest of the line summarises it.
    static let elisionStart = "// elide:"

    /// The marker that ends an elided stretch.
    static let elisionEnd = "// end elide"

    /// The listing that follows line `callLine` (1-based), de-indented to its first line.
    func listing(after callLine: Int) -> [String] {
        var index = callLine  // the 0-based index of the line after the call
        guard index < lines.count, let base = Self.indentation(of: lines[index]) else { return [] }
        var listed: [String] = []
        var isEliding = false
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard let indentation = Self.indentation(of: line), indentation >= base else { break }
            let statement = line.drop { $0 == " " }
            if indentation == base, statement.hasPrefix("nb.") { break }
            if statement.hasPrefix(Self.elisionStart) {
                let summary = statement.dropFirst(Self.elisionStart.count).trimmingCharacters(in: .whitespaces)
                listed.append(String(repeating: " ", count: indentation - base) + "… " + summary)
                isEliding = true
            } else if statement.hasPrefix(Self.elisionEnd) {
                isEliding = false
            } else if !isEliding {
                listed.append(String(line.dropFirst(base)))
            }
        }
        return listed
    }

    /// The number of leading spaces, or `nil` for a blank line.
    static func indentation(of line: String) -> Int? {
        let spaces = line.prefix { $0 == " " }.count
        return spaces == line.count ? nil : spaces
    }

    // MARK: Expressions

    /// The text of the first argument of the call whose opening parenthesis is at `line` and
    /// `column` (1-based, as `#line` and `#column` give them for a default argument), with its
    /// line breaks and indentation folded into single spaces; `nil` if it cannot be found.
    func firstArgument(line: Int, column: Int) -> String? {
        guard line >= 1, line <= lines.count else { return nil }
        let text = lines[(line - 1)...].joined(separator: "\n")
        var bytes = Array(text.utf8)
        var start = min(max(column - 1, 0), bytes.count)
        while start < bytes.count, bytes[start] != UInt8(ascii: "(") { start += 1 }
        guard start < bytes.count else { return nil }
        guard let end = Self.endOfArgument(in: bytes, from: start + 1) else { return nil }
        bytes = Array(bytes[(start + 1)..<end])
        let argument = String(decoding: bytes, as: UTF8.self)
        let folded = argument.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return folded.isEmpty ? nil : folded
    }

    /// The index of the top-level `,` or `)` that ends the argument starting at `start`, skipping
    /// nested brackets and string literals.
    static func endOfArgument(in bytes: [UInt8], from start: Int) -> Int? {
        var depth = 0
        var index = start
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if depth == 0 { return index }
                    depth -= 1
                case UInt8(ascii: ","):
                    if depth == 0 { return index }
                default: break
                }
            }
            index += 1
        }
        return nil
    }
}
