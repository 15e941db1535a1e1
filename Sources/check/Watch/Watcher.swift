import ExerciseChecks
import Foundation

/// `swift run check --watch [exercise|lesson]`: rebuilds and checks again whenever a file under
/// `Exercises/` changes, and shows the first unfinished exercise's full report with the progress
/// bar, until `q`.
///
/// This program cannot recompile itself, so each round runs two child processes: `swift build
/// --product check` (the learner's code is compiled into the checker), then the checker it just
/// built, at this program's own path, as `check --json <selection>`, whose report it draws. A
/// build that fails shows the compiler's first error, and the watch goes on. Saving is noticed by
/// polling the folder twice a second, which works the same everywhere.
struct Watcher {
    let selection: [String]
    let exercises: [Exercise]
    let folder: PackageFolder

    /// Where the freshly built checker is: this program's path, which the build writes anew.
    static var checkerPath: String? {
        Bundle.main.executablePath ?? CommandLine.arguments.first.map { URL(fileURLWithPath: $0).path }
    }

    func run() throws {
        guard let checker = Self.checkerPath else {
            throw ValidationErrorText("--watch could not find the check program's own path.")
        }
        let keyboard = Keyboard()
        defer { keyboard.restore() }
        let style = ReportStyle.standardOutput()
        var screen = WatchScreen(
            watching: selection.isEmpty
                ? "all \(exercises.count) exercises" : selection.joined(separator: ", "))
        var snapshot: FolderSnapshot?
        var report: CheckReport?
        var resetAsked: Exercise?
        var keepsNote = false  // the note of a reset, across the rebuild the reset causes
        func draw() {
            print("\u{1B}[2J\u{1B}[3J\u{1B}[H" + screen.text(style: style))
            fflush(nil)
        }
        while true {
            let now = FolderSnapshot(of: folder.url("Exercises"))
            if now != snapshot {
                if snapshot != nil && !keepsNote { screen.note = [] }
                keepsNote = false
                snapshot = now
                let round = try buildAndCheck(checker: checker, keyboard: keyboard) { progress in
                    screen.outcome = progress
                    draw()
                }
                guard let outcome = round else { break }
                screen.outcome = outcome
                screen.checkedAt = Date()
                if case let .checked(checked) = outcome {
                    screen.current = WatchScreen.current(in: checked, previous: report, keeping: screen.current)
                    report = checked
                }
                draw()
            }
            guard let key = keyboard.key(within: 0.5) else { continue }
            if let exercise = resetAsked {
                resetAsked = nil
                screen.note = key == "y" ? reset(exercise) : ["Kept your code in \(exercise.title)."]
                keepsNote = key == "y"
                draw()
                continue
            }
            switch key {
            case "q":
                keyboard.restore()
                say("Stopped watching." + (report.map { " " + $0.progressBar(style: style) } ?? ""))
                return
            case "h":
                screen.note = hint(for: screen.current)
            case "n":
                if let report { screen.current = WatchScreen.next(in: report, after: screen.current) }
                screen.isListing = false
                screen.note = []
            case "l":
                screen.isListing.toggle()
                screen.note = []
            case "c":
                snapshot = nil
                screen.note = []
                continue
            case "r":
                guard let current = screen.current else { continue }
                resetAsked = current
                screen.note = [
                    "Reset \(current.title) to its stub? Your code in func \(current.name) is replaced "
                        + "(a copy is kept in .build/check/reset/).", "Press y to reset it, any other key to keep it.",
                ]
            default:
                screen.note = ["Keys: " + WatchScreen.keys]
            }
            draw()
        }
        keyboard.restore()
        say("Stopped watching.")
    }

    /// One round: build, then check; `show` is told when the build starts and when it waits for
    /// another. `nil` when the learner pressed `q` meanwhile.
    func buildAndCheck(
        checker: String, keyboard: Keyboard,
        show: (WatchScreen.Outcome) -> Void
    ) throws -> WatchScreen.Outcome? {
        show(.building(waitingForLock: false))
        var waiting = false
        let configuration = checker.contains("/release/") ? ["-c", "release"] : []
        let build = WatchedProcess(
            executable: "/usr/bin/env",
            arguments: ["swift", "build", "--product", "check"] + configuration,
            folder: folder.root)
        guard
            let built = try build.run(
                keyboard: keyboard,
                tick: { output in
                    if !waiting, output.contains("Another instance of SwiftPM is already running") {
                        waiting = true
                        show(.building(waitingForLock: true))
                    }
                })
        else { return nil }
        guard built.status == 0 else {
            return .buildFailed(BuildFailure(output: built.output + "\n" + built.errors, root: folder.root.path))
        }
        let check = WatchedProcess(executable: checker, arguments: ["--json"] + selection, folder: folder.root)
        guard let checked = try check.run(keyboard: keyboard) else { return nil }
        guard let document = try? JSONDecoder().decode(CheckReport.JSONDocument.self, from: Data(checked.output.utf8))
        else {
            let output = (checked.output + checked.errors).split(separator: "\n").suffix(12).map(String.init)
            return .checkerFailed(output)
        }
        let entries = document.exercises.compactMap { entry -> CheckReport.Entry? in
            guard let exercise = Exercise.named(entry.id), let result = CheckResult(entry) else { return nil }
            return .init(exercise: exercise, result: result)
        }
        return .checked(CheckReport(folder: "Exercises", entries: entries, course: Exercise.all))
    }

    func hint(for exercise: Exercise?) -> [String] {
        guard let exercise else { return ["Nothing to hint at: every exercise here is done."] }
        let hints = Hints(folder: folder)
        let (shown, strongerLeft) = hints.request(exercise)
        return hints.text(for: exercise, hints: shown, strongerLeft: strongerLeft, again: "Press h")
    }

    func reset(_ exercise: Exercise) -> [String] {
        do {
            return StubReset.describe(try StubReset(folder: folder).reset(exercise), of: exercise)
        } catch {
            return ["\(error)"]
        }
    }
}

/// An error whose description is its text.
struct ValidationErrorText: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
