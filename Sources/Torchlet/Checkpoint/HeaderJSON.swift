import Foundation

/// A JSON value of a safetensors header, as Foundation's `JSONDecoder` reads it.
///
/// The header is checked field by field (`SafeTensorsHeader`), so that a corrupt checkpoint gets
/// a message naming the tensor and the field that is wrong; decoding into this small enum first,
/// rather than straight into typed structs, keeps each wrong value at hand to quote.
enum HeaderJSON: Decodable {
    case object([String: HeaderJSON])
    case array([HeaderJSON])
    case string(String)
    /// A number that is a whole number `0, 1, 2, ...`.
    case wholeNumber(Int)
    /// Any other number (negative, fractional, too large).
    case number(Double)
    case bool(Bool)
    case null

    init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer()
        if value.decodeNil() {
            self = .null
        } else if let flag = try? value.decode(Bool.self) {
            self = .bool(flag)
        } else if let whole = try? value.decode(Int.self), whole >= 0 {
            self = .wholeNumber(whole)
        } else if let number = try? value.decode(Double.self) {
            self = .number(number)
        } else if let text = try? value.decode(String.self) {
            self = .string(text)
        } else if let items = try? value.decode([HeaderJSON].self) {
            self = .array(items)
        } else {
            self = .object(try value.decode([String: HeaderJSON].self))
        }
    }

    /// Parses `bytes` as one JSON value. Throws a reason that says what is wrong and, as far as
    /// Foundation tells, where: `invalid value around character 66 of the header`.
    static func parse(_ bytes: ArraySlice<UInt8>) throws(Invalid) -> HeaderJSON {
        let data = Data(bytes)
        do {
            return try JSONDecoder().decode(HeaderJSON.self, from: data)
        } catch {
            // JSONDecoder says only "not valid JSON"; JSONSerialization's message says where.
            var detail = "the data is not valid JSON"
            do { _ = try JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed) } catch {
                if let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String {
                    detail = text.prefix(1).lowercased() + text.dropFirst().trimmingCharacters(in: ["."])
                }
            }
            throw Invalid(description: detail + " of the header")
        }
    }

    /// Why a header is not JSON.
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    /// The value as a whole number `0, 1, 2, ...`, or `nil` if it is anything else.
    var wholeNumber: Int? {
        if case let .wholeNumber(n) = self { n } else { nil }
    }

    /// How the value reads in a message: `"F64"`, `12`, `[2, 3]`, `an object`.
    var shortDescription: String {
        switch self {
        case let .string(s): return "\"\(s)\""
        case let .wholeNumber(n): return String(n)
        case let .number(n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case let .bool(b): return b ? "true" : "false"
        case .null: return "null"
        case let .array(items):
            return items.count <= 8
                ? "[" + items.map(\.shortDescription).joined(separator: ", ") + "]"
                : "an array of \(items.count) values"
        case .object: return "an object"
        }
    }
}

/// Torchlet's one JSON escaper, for the safetensors header and the notebook's metrics lines.
public enum JSON {
    /// `text` as a JSON string, escaped exactly as serde_json (and so Python's `safetensors`)
    /// does: `\"`, `\\`, the short escapes `\b \f \n \r \t`, `\u00XX` (lowercase hex) for the
    /// other control characters, everything else (including non-ASCII) as raw UTF-8.
    public static func quoted(_ text: String) -> String {
        "\""
            + text.unicodeScalars.map { scalar in
                shortEscapes[scalar] ?? (scalar.value < 0x20 ? String(format: "\\u%04x", scalar.value) : String(scalar))
            }.joined() + "\""
    }

    private static let shortEscapes: [Unicode.Scalar: String] = [
        "\"": "\\\"", "\\": "\\\\", "\u{08}": "\\b", "\u{0C}": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
    ]
}
