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

    @Test("every stub has a TODO and throws NotImplemented naming its exercise", arguments: lessons)
    func stubs(lesson: Int) throws {
        let text = try Self.read("Exercises", lesson)
        let bodies = Self.outline(text).bodies
        let exercises = Exercise.all.filter { $0.lesson == lesson }
        #expect(bodies.count == exercises.count)
        for (exercise, body) in zip(exercises, bodies) {
            #expect(text.contains("public func \(exercise.name)("))
            #expect(body.first?.hasPrefix("    // TODO: \(exercise.id) ") == true, "\(exercise.title): \(body)")
            #expect(body.last == "    throw NotImplemented(\"\(exercise.title)\")", "\(exercise.title): \(body)")
        }
    }
}
