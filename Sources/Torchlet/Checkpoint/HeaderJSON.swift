/// A small, strict JSON reader for the header of a safetensors file.
///
/// Foundation's `JSONSerialization` would do, but it forgets the order of keys, silently keeps
/// one of two equal keys, and says only "the data isn't in the correct format" when something
/// is wrong. This reader keeps every key in order and reports what it expected and where
/// ("expected ',' or '}' at byte 57 of the header"), so a corrupt checkpoint gets a message
/// that helps.
enum HeaderJSON {
    case object([(key: String, value: HeaderJSON)])
    case array([HeaderJSON])
    case string(String)
    /// A number as written; `wholeNumber` reads it when it is a non-negative integer.
    case number(String)
    case bool(Bool)
    case null

    /// The value as a whole number `0, 1, 2, ...`, or `nil` if it is anything else (negative,
    /// fractional, written with an exponent, too large, or not a number at all).
    var wholeNumber: Int? {
        guard case let .number(text) = self, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }

    /// How the value reads in a message: `"F64"`, `12`, `[2, 3]`, `an object`.
    var shortDescription: String {
        switch self {
        case let .string(s): return "\"\(s)\""
        case let .number(n): return n
        case let .bool(b): return b ? "true" : "false"
        case .null: return "null"
        case let .array(items):
            return items.count <= 8 ? "[" + items.map(\.shortDescription).joined(separator: ", ") + "]"
                                    : "an array of \(items.count) values"
        case .object: return "an object"
        }
    }

    /// Parses `bytes` as one JSON value followed only by whitespace. Throws a `HeaderJSON.Error`
    /// saying what was expected at which byte.
    static func parse(_ bytes: ArraySlice<UInt8>) throws(HeaderJSON.Error) -> HeaderJSON {
        var parser = Parser(bytes: bytes)
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position < bytes.endIndex {
            throw parser.error("expected the end of the header after the closing '}'")
        }
        return value
    }

    /// Why a header is not valid JSON, and where (counting from the first byte of the header).
    struct Error: Swift.Error {
        let message: String
        let offset: Int
        var description: String { "\(message) at byte \(offset) of the header" }
    }

    private struct Parser {
        let bytes: ArraySlice<UInt8>
        var position: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            self.position = bytes.startIndex
        }

        func error(_ message: String) -> Error {
            Error(message: message, offset: position - bytes.startIndex)
        }

        mutating func skipWhitespace() {
            while position < bytes.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        var current: UInt8? { position < bytes.endIndex ? bytes[position] : nil }

        mutating func parseValue(depth: Int) throws(Error) -> HeaderJSON {
            // A safetensors header nests three levels deep; anything far deeper is not one, and
            // stopping here keeps a hostile file from exhausting the stack.
            guard depth < 32 else { throw error("nested too deeply") }
            skipWhitespace()
            guard let byte = current else { throw error("unexpected end of the header, expected a value") }
            switch byte {
            case UInt8(ascii: "{"): return try parseObject(depth: depth)
            case UInt8(ascii: "["): return try parseArray(depth: depth)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
            case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
            case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
            case UInt8(ascii: "n"): try expectWord("null"); return .null
            default: throw error("expected a value, found \(describe(byte))")
            }
        }

        mutating func parseObject(depth: Int) throws(Error) -> HeaderJSON {
            position += 1   // {
            var entries: [(key: String, value: HeaderJSON)] = []
            skipWhitespace()
            if current == UInt8(ascii: "}") { position += 1; return .object(entries) }
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else {
                    throw error("expected a key in double quotes, found \(current.map(describe) ?? "the end of the header")")
                }
                let key = try parseString()
                skipWhitespace()
                guard current == UInt8(ascii: ":") else {
                    throw error("expected ':' after the key \"\(key)\", found \(current.map(describe) ?? "the end of the header")")
                }
                position += 1
                entries.append((key, try parseValue(depth: depth + 1)))
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "}"): position += 1; return .object(entries)
                default: throw error("expected ',' or '}', found \(current.map(describe) ?? "the end of the header")")
                }
            }
        }

        mutating func parseArray(depth: Int) throws(Error) -> HeaderJSON {
            position += 1   // [
            var items: [HeaderJSON] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") { position += 1; return .array(items) }
            while true {
                items.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "]"): position += 1; return .array(items)
                default: throw error("expected ',' or ']', found \(current.map(describe) ?? "the end of the header")")
                }
            }
        }

        mutating func parseString() throws(Error) -> String {
            position += 1   // opening quote
            var utf8: [UInt8] = []
            while true {
                guard let byte = current else { throw error("unexpected end of the header inside a string") }
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    guard let text = String(validating: utf8, as: UTF8.self) else {
                        throw error("a string is not valid UTF-8")
                    }
                    return text
                case UInt8(ascii: "\\"):
                    try parseEscape(into: &utf8)
                case 0..<0x20:
                    position -= 1
                    throw error("a control character (\(describe(byte))) must be escaped inside a string")
                default:
                    utf8.append(byte)
                }
            }
        }

        mutating func parseEscape(into utf8: inout [UInt8]) throws(Error) {
            guard let byte = current else { throw error("unexpected end of the header inside a string") }
            position += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A UTF-16 surrogate pair: \uD83D\uDE00 is one character.
                    guard current == UInt8(ascii: "\\"), position + 1 < bytes.endIndex,
                          bytes[position + 1] == UInt8(ascii: "u") else {
                        throw error("a \\u escape of a high surrogate must be followed by a low one")
                    }
                    position += 2
                    let low = try parseHex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw error("invalid low surrogate in a \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                utf8.append(contentsOf: Array(String(Character(unicode)).utf8))
            default:
                position -= 1
                throw error("invalid escape '\\\(describe(byte))' in a string")
            }
        }

        mutating func parseHex4() throws(Error) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = current, let digit = hexValue(byte) else {
                    throw error("expected four hexadecimal digits after \\u")
                }
                value = value << 4 | digit
                position += 1
            }
            return value
        }

        func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }

        /// A number in JSON's grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
        mutating func parseNumber() throws(Error) -> String {
            let start = position
            func digits(_ p: inout Parser) -> Int {
                var n = 0
                while let b = p.current, b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") { p.position += 1; n += 1 }
                return n
            }
            if current == UInt8(ascii: "-") { position += 1 }
            if current == UInt8(ascii: "0") {
                position += 1
            } else if digits(&self) == 0 {
                throw error("expected a digit in a number")
            }
            if current == UInt8(ascii: ".") {
                position += 1
                guard digits(&self) > 0 else { throw error("expected a digit after the decimal point") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                position += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
                guard digits(&self) > 0 else { throw error("expected a digit in the exponent") }
            }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        mutating func expectWord(_ word: String) throws(Error) {
            for expected in word.utf8 {
                guard current == expected else { throw error("expected '\(word)'") }
                position += 1
            }
        }

        /// A byte as a message shows it: `'x'` for printable ASCII, `byte 0x00` otherwise.
        func describe(_ byte: UInt8) -> String {
            (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'"
                : "byte 0x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
