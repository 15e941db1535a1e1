@testable import check
import ExerciseChecks
import Foundation
import Testing

/// `Exercises/` and `Solutions/` have the same public API and the same teaching comments; only
/// the function bodies differ. Every stub has a `// TODO` and throws `NotImplemented` naming
/// its exercise.
@Suite("Exercise checks: Exercises and Solutions match")
struct SourceParityTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let lessons = Array(Set(Exercise.all.map(\.lesson))).sorted()

    /// The file's lines from the first `import` on, with the bodies of top-level functions left
    /// out (a body runs from the line that ends a `public func` declaration with "{" to the
    /// closing "}" at the start of a line).
    static func outline(_ text: String) -> (outline: [String], bodies: [[String]]) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let firstImport = lines.firstIndex(where: { $0.hasPrefix("import ") }) {
            lines.removeFirst(firstImport)
        }
        var outline: [String] = [], bodies: [[String]] = []
        var inDeclaration = false, body: [String]?
        for line in lines {
            if var current = body {
                if line == "}" {
                    bodies.append(current)
                    body = nil
                    outline.append(line)
                } else {
                    current.append(line)
                    body = current
                }
                continue
            }
            outline.append(line)
            if line.hasPrefix("public func ") { inDeclaration = true }
            if inDeclaration && line.hasSuffix("{") {
                inDeclaration = false
                body = []
            }
        }
        return (outline, bodies)
    }

    static func read(_ folder: String, _ lesson: Int) throws -> String {
        try String(contentsOf: root.appendingPathComponent("\(folder)/Lesson0\(lesson).swift"), encoding: .utf8)
    }

    @Test("same declarations and comments", arguments: lessons)
    func sameOutline(lesson: Int) throws {
        let exercises = Self.outline(try Self.read("Exercises", lesson))
        let solutions = Self.outline(try Self.read("Solutions", lesson))
        #expect(exercises.outline == solutions.outline)
        #expect(exercises.bodies.count == solutions.bodies.count)
    }

    /// Each exercise's function is where the course says, under its numbered heading; the
    /// reference answer starts with the task line the stub's `// TODO` repeats; and a shipped stub
    /// is exactly what `check reset` makes from the reference, so a reset gives back the file as
    /// shipped.
    @Test("every stub can be made again from its reference answer", arguments: Exercise.all.map(\.id))
    func stubFromReference(id: String) throws {
        let exercise = try #require(Exercise.named(id))
        let folder = PackageFolder.current
        let stub = try #require(folder.function(of: exercise, in: "Exercises"), "func \(exercise.name) in Exercises/")
        let reference = try #require(
            folder.function(of: exercise, in: "Solutions"), "func \(exercise.name) in Solutions/")
        #expect(
            stub.documentation.first?.hasPrefix("/// **\(id) ") == true, "\(id)'s doc comment starts with its number")
        #expect(reference.body.first?.hasPrefix("    // \(id): ") == true, "\(id)'s reference starts with its task")
        #expect(stub.signature == reference.signature && stub.signature == exercise.function)
        #expect(stub.signature.hasPrefix(exercise.name + "("))
        guard stub.isStub else { return }  // the learner has written it
        #expect(stub.text == reference.stub(for: exercise))
        #expect(stub.body.last == "    throw NotImplemented(\"\(exercise.title)\")")
    }
}
