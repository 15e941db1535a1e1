import Foundation

/// The text of an exercise file (`Exercises/Lesson02.swift` or `Solutions/Lesson02.swift`), read
/// as a list of top-level functions: where each starts and ends, its doc comment, its
/// declaration and its body. This is how the checker shows a function's full name, its `Hint:`,
/// a solution, and how it puts a stub back, all from the code itself.
///
/// It reads the files as they are laid out (one `public func` at the start of a line, its
/// doc comment right above it), and finds the end of a body by counting braces outside strings
/// and comments, so a learner's answer may be formatted any way.
public struct ExerciseSource: Sendable {
    /// The file's lines.
    public let lines: [String]

    public init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The text again, with its lines joined.
    public var text: String { lines.joined(separator: "\n") }

    /// Every top-level `public func`, in file order.
    public var functions: [SourceFunction] {
        var found: [SourceFunction] = []
        var index = 0
        while index < lines.count {
            if lines[index].hasPrefix("public func "), let function = function(declaredAt: index) {
                found.append(function)
                index = function.lines.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    /// The top-level function called `name`.
    public func function(named name: String) -> SourceFunction? {
        functions.first { $0.name == name }
    }

    /// The text with `function`'s lines (doc comment to closing brace) replaced by `replacement`.
    public func replacing(_ function: SourceFunction, with replacement: String) -> String {
        let new = replacement.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var result = lines
        result.replaceSubrange(function.lines, with: new)
        return result.joined(separator: "\n")
    }

    /// The function whose `public func` line is `start`, or `nil` if its body never closes.
    func function(declaredAt start: Int) -> SourceFunction? {
        var documentationStart = start
        while documentationStart > 0, lines[documentationStart - 1].hasPrefix("///") { documentationStart -= 1 }
        var scanner = BraceScanner()
        var declarationEnd: Int?
        for index in start..<lines.count {
            scanner.scan(lines[index])
            if declarationEnd == nil, scanner.hasOpened { declarationEnd = index }
            if let declarationEnd, scanner.depth == 0 {
                return SourceFunction(
                    documentation: Array(lines[documentationStart..<start]),
                    declaration: Array(lines[start...declarationEnd]),
                    body: Array(lines[(declarationEnd + 1)..<max(declarationEnd + 1, index)]),
                    closing: index == declarationEnd ? "" : lines[index],
                    lines: documentationStart..<(index + 1))
            }
        }
        return nil
    }
}

/// One top-level function of an exercise file.
public struct SourceFunction: Sendable, Equatable {
    /// The `///` lines right above it.
    public let documentation: [String]
    /// From `public func` to the line that opens the body with `{`.
    public let declaration: [String]
    /// The lines between the declaration and the line that closes the body.
    public let body: [String]
    /// The line that closes the body (usually just "}").
    public let closing: String
    /// Its lines in the file, from the first doc-comment line to the closing brace.
    public let lines: Range<Int>

    /// The whole function, doc comment included, as in the file.
    public var text: String {
        (documentation + declaration + body + [closing]).joined(separator: "\n")
    }

    /// The declaration on one line, without the opening brace.
    var flatDeclaration: String {
        var flat = declaration.map { $0.trimmingSpaces }.joined(separator: " ")
        if let brace = flat.lastIndex(of: "{") { flat = String(flat[..<brace]).trimmingSpaces }
        return flat.replacingOccurrences(of: "( ", with: "(").replacingOccurrences(of: " )", with: ")")
    }

    /// "stableSoftmax".
    public var name: String {
        let afterFunc = flatDeclaration.dropFirst("public func ".count)
        return String(afterFunc.prefix { $0 != "(" && $0 != "<" && $0 != " " })
    }

    /// The full name with argument labels, "stableSoftmax(_:dim:)", as the Swift book writes it.
    public var signature: String {
        let declaration = flatDeclaration
        guard let open = declaration.firstIndex(of: "(") else { return name }
        var depth = 0, current = "", parameters: [String] = []
        for character in declaration[declaration.index(after: open)...] {
            if character == "(" || character == "[" || character == "<" { depth += 1 }
            if character == ")" || character == "]" || character == ">" {
                if depth == 0 { break }
                depth -= 1
            }
            if character == ",", depth == 0 {
                parameters.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.trimmingSpaces.isEmpty { parameters.append(current) }
        let labels = parameters.map { parameter in
            let beforeColon = parameter.prefix { $0 != ":" }
            return String(beforeColon.split(separator: " ").first ?? "_") + ":"
        }
        return "\(name)(\(labels.joined()))"
    }

    /// The `Hint:` paragraph of the doc comment, as one text, or `nil` if it has none.
    public var hint: String? {
        let text = documentation.map { String($0.dropFirst(3)) }
        guard let start = text.firstIndex(where: { $0.trimmingSpaces.hasPrefix("Hint:") }) else { return nil }
        let paragraph = text[start...].prefix { !$0.trimmingSpaces.isEmpty }
        return paragraph.map(\.trimmingSpaces).joined(separator: " ")
    }

    /// Whether the body is still an untouched stub: only its `// TODO` and the `throw`.
    public var isStub: Bool {
        let code = body.map(\.trimmingSpaces).filter { !$0.isEmpty }
        return code.count == 2 && code[0].hasPrefix("// TODO:") && code[1].hasPrefix("throw NotImplemented(")
    }
}

/// Counts braces line by line, outside string literals and comments.
struct BraceScanner {
    private(set) var depth = 0
    private(set) var hasOpened = false
    private var inBlockComment = false
    private var inMultilineString = false

    mutating func scan(_ line: String) {
        let characters = Array(line)
        var index = 0
        var inString = false
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            let isTripleQuote = character == "\"" && line.dropFirst(index).hasPrefix("\"\"\"")
            if inBlockComment {
                if character == "*" && next == "/" { inBlockComment = false; index += 1 }
            } else if inMultilineString {
                if isTripleQuote { inMultilineString = false; index += 2 }
            } else if inString {
                if character == "\\" { index += 1 } else if character == "\"" { inString = false }
            } else if isTripleQuote {
                inMultilineString = true
                index += 2
            } else if character == "\"" {
                inString = true
            } else if character == "/" && next == "/" {
                return
            } else if character == "/" && next == "*" {
                inBlockComment = true
                index += 1
            } else if character == "{" {
                depth += 1
                hasOpened = true
            } else if character == "}" {
                depth -= 1
            }
            index += 1
        }
    }
}

extension StringProtocol {
    /// The text without spaces at either end.
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

extension SourceFunction {
    /// The untouched stub of `exercise`, made from its reference answer (this function, read
    /// from `Solutions/`): the same doc comment and declaration (a test keeps them identical to
    /// `Exercises/`'s), and a body of only the `// TODO` and the `throw`. The TODO's text is the
    /// reference answer's first line, `// 2.3: subtract the max along dim, ...`.
    public func stub(for exercise: Exercise) -> String {
        let marker = "// \(exercise.id): "
        let first = body.first { !$0.trimmingSpaces.isEmpty }?.trimmingSpaces ?? ""
        let task = first.hasPrefix(marker) ? String(first.dropFirst(marker.count)) : "write your answer here."
        let stubBody = ["    // TODO: \(exercise.id) \(task)", "    throw NotImplemented(\"\(exercise.title)\")"]
        return (documentation + declaration + stubBody + ["}"]).joined(separator: "\n")
    }

    /// The reference answer without its doc comment, for `check solution`.
    public var withoutDocumentation: String {
        (declaration + body + [closing]).joined(separator: "\n")
    }
}
