import ExerciseChecks
import Foundation

/// The checkout the checker works in: the folder with `Package.swift` and `Exercises/`, where it
/// reads the exercise files and keeps its own small state under `.build/check/`.
struct PackageFolder: Sendable {
    let root: URL

    /// The checkout around the current directory (where `swift run` runs), else the one this
    /// program was built from.
    static let current: PackageFolder = {
        var folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while folder.path != "/" {
            if isCheckout(folder) { return PackageFolder(root: folder) }
            folder.deleteLastPathComponent()
        }
        let built = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return PackageFolder(root: built)
    }()

    static func isCheckout(_ folder: URL) -> Bool {
        let manager = FileManager.default
        return manager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path)
            && manager.fileExists(atPath: folder.appendingPathComponent("Exercises").path)
    }

    func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    /// The text of `Exercises/LessonNN.swift` or `Solutions/LessonNN.swift`.
    func source(of exercise: Exercise, in folder: String) -> ExerciseSource? {
        (try? String(contentsOf: url(exercise.file(in: folder)), encoding: .utf8)).map(ExerciseSource.init)
    }

    /// The exercise's function in `folder`, found by name.
    func function(of exercise: Exercise, in folder: String) -> SourceFunction? {
        source(of: exercise, in: folder)?.function(named: exercise.name)
    }

    /// `exercise` with its full name read from the learner's file, else from the reference's.
    func described(_ exercise: Exercise) -> Exercise {
        var described = exercise
        if let function = function(of: exercise, in: "Exercises") ?? function(of: exercise, in: "Solutions") {
            described.function = function.signature
        }
        return described
    }

    /// `.build/check/<name>`, the checker's own state (hints asked for, answers saved by reset);
    /// `rm -rf .build` forgets it.
    func stateFile(_ name: String) -> URL {
        url(".build/check").appendingPathComponent(name)
    }
}
