@testable import check
import ExerciseChecks
import Foundation
import Testing

/// `check --json`'s schema as Exercises/README.md documents it: the example decodes, and its
/// keys and the table's are exactly the keys the report writes for every status.
@Suite("Exercise checks: the JSON schema")
struct JSONSchemaTests {
    static let readme = PackageFolder.current.url("Exercises/README.md")

    /// The README's section on `check --json`.
    static func section() throws -> String {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try #require(text.range(of: "## `check --json`"))
        let rest = text[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }

    /// The keys of every object in `json`, nested ones included.
    static func keys(_ json: Any) -> Set<String> {
        if let object = json as? [String: Any] {
            return Set(object.keys).union(object.values.flatMap(keys))
        }
        if let array = json as? [Any] { return Set(array.flatMap(keys)) }
        return []
    }

    /// A real report with one exercise of each status, as the command writes it.
    static var written: String {
        CheckReport(
            folder: "Exercises",
            entries: [
                .init(exercise: Exercise.named("2.1")!, result: .done),
                .init(exercise: Exercise.named("2.3")!, result: .wrong(input: "i", expected: "e", got: "g", hint: "h")),
                .init(exercise: Exercise.named("2.4")!, result: .notStarted),
                .init(exercise: Exercise.named("4.2")!, result: .needs(id: "4.1", dependencyIsWrong: false)),
            ], course: Exercise.all
        ).json()
    }

    @Test func theDocumentedExampleDecodesAndHasEveryKeyTheReportWrites() throws {
        let section = try Self.section()
        let start = try #require(section.range(of: "```json\n"))
        let example = section[start.upperBound...].prefix { $0 != "`" }
        let document = try JSONDecoder().decode(CheckReport.JSONDocument.self, from: Data(example.utf8))
        #expect(document.exercises.map(\.status) == ["done", "wrong", "not_started", "needs"])
        #expect(document.exercises.compactMap(CheckResult.init).count == 4)
        let documented = Self.keys(try JSONSerialization.jsonObject(with: Data(example.utf8)))
        let written = Self.keys(try JSONSerialization.jsonObject(with: Data(Self.written.utf8)))
        #expect(documented == written)
    }

    @Test func theTableNamesEveryKey() throws {
        let table = try Self.section().split(separator: "\n").filter { $0.hasPrefix("| `") }
        let named = Set(
            table.flatMap { row in
                row.split(separator: "|")[0].split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map {
                    String($0.element)
                }
            })
        let written = Self.keys(try JSONSerialization.jsonObject(with: Data(Self.written.utf8)))
        #expect(named == written)
    }

    @Test func theCommandsJSONIsTheDocumentedShape() throws {
        // The real command's output decodes with the documented type (CheckCommandTests runs it).
        let document = try JSONDecoder().decode(CheckReport.JSONDocument.self, from: Data(Self.written.utf8))
        #expect(document.total == 4 && document.done == 1 && !document.allDone && document.folder == "Exercises")
    }
}
