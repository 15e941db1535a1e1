import ExerciseChecks
import Foundation

/// Puts an exercise's stub back in the learner's file, and only that exercise's.
///
/// The stub comes from the checkout's reference answer (`Solutions/`, which the learner does not
/// edit): its doc comment and declaration, which a test keeps identical to the shipped stub's,
/// and a body of the `// TODO` and the `throw` (see `SourceFunction.stub(for:)`). Not from git:
/// a learner who committed an answer would get the answer back. The function replaced is found
/// by name in the learner's file; everything else in the file stays as it is. The function as it
/// was is saved under `.build/check/reset/`.
struct StubReset {
    let folder: PackageFolder

    enum Outcome: Equatable {
        /// The function was replaced; `previous` is what it was, saved at `backup`.
        case reset(previous: SourceFunction, backup: String?)
        /// It already was the stub.
        case alreadyTheStub
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The stub of `exercise`, as shipped.
    func stub(of exercise: Exercise) throws -> String {
        guard let reference = folder.function(of: exercise, in: "Solutions") else {
            throw Failure(
                description: "Could not find func \(exercise.name) in \(exercise.file(in: "Solutions")), "
                    + "where the stub is made from.")
        }
        return reference.stub(for: exercise)
    }

    func reset(_ exercise: Exercise) throws -> Outcome {
        let stub = try stub(of: exercise)
        let path = exercise.file(in: "Exercises")
        guard let source = folder.source(of: exercise, in: "Exercises") else {
            throw Failure(description: "Could not read \(path).")
        }
        guard let current = source.function(named: exercise.name) else {
            throw Failure(
                description: "Could not find func \(exercise.name) in \(path): it must start a line with "
                    + "`public func \(exercise.name)(`. Its stub is:\n\n\(stub)")
        }
        if current.text == stub { return .alreadyTheStub }
        let backup = folder.stateFile("reset/\(exercise.id)-\(exercise.name).swift")
        try? FileManager.default.createDirectory(
            at: backup.deletingLastPathComponent(), withIntermediateDirectories: true)
        let saved = (try? Data(current.text.utf8).write(to: backup)) != nil
        try Data(source.replacing(current, with: stub).utf8).write(to: folder.url(path))
        return .reset(previous: current, backup: saved ? ".build/check/reset/\(backup.lastPathComponent)" : nil)
    }

    /// What `reset` did, for the learner.
    static func describe(_ outcome: Outcome, of exercise: Exercise) -> [String] {
        let path = exercise.file(in: "Exercises")
        switch outcome {
        case .alreadyTheStub:
            return ["\(exercise.title) in \(path) is already its untouched stub: nothing to reset."]
        case let .reset(previous, backup):
            var lines = [
                "Reset \(exercise.title) in \(path) (lines \(previous.lines.lowerBound + 1)–"
                    + "\(previous.lines.upperBound)) to its stub. This overwrote your code:"
            ]
            // The lines of the answer, without the stub's own `// TODO`, which comes back.
            lines += previous.body.filter { !$0.hasPrefix("    // TODO:") }.map { "  - " + $0 }
            if let backup { lines.append("The function as it was is saved in \(backup).") }
            lines.append("Nothing else changed: the other exercises keep your answers.")
            return lines
        }
    }
}
