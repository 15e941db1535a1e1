import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Notebook
import Testing
import Torchlet

/// Every lesson run as the program a learner runs (`swift run LessonNN`), not as functions
/// picked out of it: its whole narrative, flags and plotting code, in a process of its own, so
/// a crash is reported as a failed run rather than taking the test runner with it.
///
/// The default run (`--quick --plot none --transcript`) must print exactly the lesson's golden
/// transcript, `Lessons/LessonNN/LessonNN.transcript.txt`; after a change that is meant to
/// alter the text, `scripts/update-transcripts.sh` writes them anew and `git diff` shows what
/// changed. Other seeds and short trainings must run to the end without a sentence of the
/// lesson contradicting the run (`Notebook.claim`).
@Suite("The lessons as programs")
struct LessonProgramTests {
    static let lessons = (0...8).map { String(format: "Lesson%02d", $0) }

    /// The lessons that take `--epochs`.
    static let lessonsWithEpochs: Set<String> = ["Lesson04", "Lesson05", "Lesson06", "Lesson07", "Lesson08"]

    /// The flags of a golden transcript.
    static let transcriptArguments = ["--quick", "--plot", "none", "--transcript"]

    @Test("the default --quick run prints the golden transcript", arguments: lessons)
    func transcript(lesson: String) throws {
        let run = try LessonRun(lesson, Self.transcriptArguments)
        try run.expectFinished()
        run.expectNoContradiction()
        let golden = try String(contentsOf: LessonRun.transcriptFile(lesson), encoding: .utf8)
        guard run.output != golden else { return }
        Issue.record(Comment(rawValue: LessonRun.firstDifference(expected: golden, actual: run.output, lesson: lesson)))
    }

    /// The engine shares its work among one thread per core; how it cuts the work must not
    /// depend on how many there are, or a learner with more cores would see other digits.
    @Test("Lesson07 prints its golden transcript on 1 and on 3 threads too", arguments: ["1", "3"])
    func threadCountChangesNoDigit(threads: String) throws {
        let run = try LessonRun("Lesson07", Self.transcriptArguments, environment: ["TORCHLET_THREADS": threads])
        try run.expectFinished()
        let golden = try String(contentsOf: LessonRun.transcriptFile("Lesson07"), encoding: .utf8)
        guard run.output != golden else { return }
        Issue.record(
            Comment(rawValue: LessonRun.firstDifference(expected: golden, actual: run.output, lesson: "Lesson07")))
    }

    @Test(
        "a TORCHLET_THREADS that is not a number of threads is reported, and the lesson runs on",
        arguments: ["0", "two"])
    func badThreadCount(value: String) throws {
        let run = try LessonRun("Lesson05", Self.transcriptArguments, environment: ["TORCHLET_THREADS": value])
        try run.expectFinished()
        #expect(
            run.errors.contains(
                "warning: TORCHLET_THREADS=\(value) is not a number of threads (a whole number from 1 up); using "),
            "\(run.errors)")
        #expect(
            run.errors.components(separatedBy: "warning: TORCHLET_THREADS").count == 2, "reported once: \(run.errors)")
    }

    @Test("other seeds run to the end and no sentence contradicts the run", arguments: lessons)
    func otherSeeds(lesson: String) throws {
        for seed in ["7", "123"] {
            let run = try LessonRun(lesson, Self.transcriptArguments + ["--seed", seed])
            try run.expectFinished()
            run.expectNoContradiction()
        }
    }

    @Test(
        "a short training runs to the end and no sentence contradicts the run",
        arguments: lessons.filter(lessonsWithEpochs.contains))
    func shortTraining(lesson: String) throws {
        for epochs in ["1", "3"] {
            let run = try LessonRun(lesson, Self.transcriptArguments + ["--epochs", epochs])
            try run.expectFinished()
            run.expectNoContradiction()
        }
    }

    @Test(
        "--page writes a well-formed, self-contained page with every section and figure of the run",
        arguments: lessons)
    func page(lesson: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("page-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try LessonRun(
            lesson, ["--quick", "--plot", "svg", "--plot-dir", folder.path, "--page", "--transcript"])
        try run.expectFinished()
        let page = try String(contentsOf: folder.appendingPathComponent("\(lesson).html"), encoding: .utf8)
        let parser = XMLParser(data: Data(page.utf8))
        #expect(parser.parse(), "\(lesson).html is not well-formed: \(String(describing: parser.parserError))")
        for external in ["<script", "<link", "src=\"http", "href=\"http", "url(http", "@import"] {
            #expect(!page.contains(external), "\(lesson).html refers outside itself: \(external)")
        }
        let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false)
        let sections = zip(lines, lines.dropFirst()).filter { heading, rule in
            rule.hasPrefix("──") && heading.first?.isNumber == true
        }
        #expect(!sections.isEmpty)
        for (heading, _) in sections {
            let number = heading.prefix { $0.isNumber }
            #expect(page.contains("<h2 id=\"section-\(number)\">"), "\(lesson).html lacks section \(heading)")
        }
        let figures = lines.filter { $0.hasPrefix("figure: ") }.count
        #expect(
            page.components(separatedBy: "<figure id=").count - 1 == figures,
            "\(lesson): the run announced \(figures) figures")
        #expect(!page.contains("<figure class=\"missing\""))
        if run.output.contains("grad_fn=<") {
            #expect(page.contains("grad_fn=&lt;") && !page.contains("grad_fn=<"))
        }
        #expect(page.contains(">seed</dt><dd>42</dd>") && page.contains("Torchlet \(torchletVersion)"))
    }

    /// The README's metrics schema: one settings record, the same keys in every training lesson.
    @Test(
        "--metrics records the run's hyperparameters under the README's keys",
        arguments: [
            (
                "Lesson04", ["--epochs", "3", "--lr", "0.002"],
                #"{"batch_size":30,"dataset":"line-30","epochs":3,"event":"settings","lr":0.0020000000949949026,"optimizer":"SGD"}"#
            ),
            (
                "Lesson05", ["--epochs", "2", "--batch-size", "64"],
                #"{"batch_size":64,"dataset":"xor","epochs":2,"event":"settings","lr":0.10000000149011612,"optimizer":"SGD"}"#
            ),
            (
                "Lesson06", ["--epochs", "1", "--optimizer", "sgd"],
                #"{"batch_size":100,"dataset":"fashion-mnist","epochs":1,"event":"settings","lr":0.009999999776482582,"optimizer":"SGD"}"#
            ),
            (
                "Lesson07", ["--epochs", "1", "--lr", "0.01"],
                #"{"batch_size":100,"dataset":"fashion-mnist","epochs":1,"event":"settings","lr":0.009999999776482582,"optimizer":"Adam"}"#
            ),
            (
                "Lesson08", ["--epochs", "2", "--optimizer", "sgd,adam"],
                #"{"dataset":"two-moons","epochs":2,"event":"settings","optimizer":"sgd,adam"}"#
            ),
        ])
    func metricsRecordTheSettings(lesson: String, flags: [String], expected: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try LessonRun(lesson, ["--quick", "--plot", "none", "--transcript", "--metrics", file.path] + flags)
        try run.expectFinished()
        let records = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(records.filter { $0.contains(#""event":"settings""#) } == [expected])
    }

    @Test("every line shown as code is a line of the lesson's source; marked elisions stay under 2%")
    func listingsAreTheSource() throws {
        var shown = 0, elided = 0
        for lesson in Self.lessons {
            let run = try LessonRun(lesson, Self.transcriptArguments)
            let source = try LessonRun.codeLines(ofLesson: lesson)
            for line in LessonRun.listedLines(in: run.output) {
                shown += 1
                if line.hasPrefix("… ") {
                    elided += 1
                } else if !source.contains(line) {
                    Issue.record("\(lesson) shows a line that is not in its source: \(line)")
                }
            }
        }
        #expect(shown > 10 * Self.lessons.count, "the lessons show \(shown) lines of code")
        #expect(Double(elided) < 0.02 * Double(shown), "\(elided) of \(shown) shown lines are elisions")
    }
}

/// One run of a lesson's executable, with what it printed.
struct LessonRun {
    /// The OpenBLAS kernel every run uses, as `scripts/update-transcripts.sh` does.
    static let transcriptCore = "Haswell"

    let lesson: String
    let arguments: [String]
    let output: String
    let errors: String
    let status: Int32

    /// Runs the lesson built beside the test bundle, in a temporary folder (so its files go
    /// nowhere near the checkout), and waits for it.
    init(_ lesson: String, _ arguments: [String], environment extra: [String: String] = [:]) throws {
        self.lesson = lesson
        self.arguments = arguments
        let executable = try Self.executable(lesson)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = nil
        // The last digits of a matrix product depend on OpenBLAS's CPU kernel; the golden
        // transcripts are made with the Haswell (AVX2) kernel, which nearly every x86 CPU runs.
        environment["OPENBLAS_CORETYPE"] = LessonRun.transcriptCore
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the lesson runs, so a long output never blocks it.
        let errorData = LockedData()
        let errorReader = Thread { errorData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        errorReader.start()
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        output = String(decoding: outputData, as: UTF8.self)
        errors = String(decoding: errorData.value, as: UTF8.self)
        status = process.terminationStatus
    }

    var commandLine: String { ([lesson] + arguments).joined(separator: " ") }

    /// Fails unless the lesson exited normally after printing its closing line.
    func expectFinished(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(
            status == 0, "\(commandLine) exited with status \(status):\n\(errors.suffix(2000))",
            sourceLocation: sourceLocation)
        #expect(
            output.hasSuffix("Finished.\n"), "\(commandLine) did not print its closing line",
            sourceLocation: sourceLocation)
    }

    /// Fails on any warning that a sentence of the lesson is false for this run.
    func expectNoContradiction(sourceLocation: SourceLocation = #_sourceLocation) {
        let warnings = output.split(separator: "\n").filter { $0.contains(Notebook.contradictionMarker) }
        #expect(warnings.isEmpty, "\(commandLine): \(warnings.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    // MARK: Files

    /// The checkout this test file is in.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func transcriptFile(_ lesson: String) -> URL {
        packageRoot.appendingPathComponent("Lessons/\(lesson)/\(lesson).transcript.txt")
    }

    /// The lesson's executable from the same build as this test, refusing one older than the
    /// lesson's sources (a stale binary would test yesterday's lesson).
    static func executable(_ lesson: String) throws -> URL {
        let buildFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [buildFolder, packageRoot.appendingPathComponent(".build/debug")]
            .map { $0.appendingPathComponent(lesson) }
        let found = try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
            "no \(lesson) executable beside the tests; run `swift build` first")
        let built = try modificationDate(found)
        for source in try sourceFiles(ofLesson: lesson) where try modificationDate(source) > built {
            Issue.record("\(found.path) is older than \(source.lastPathComponent): run `swift build` first")
        }
        return found
    }

    static func modificationDate(_ url: URL) throws -> Date {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
    }

    static func sourceFiles(ofLesson lesson: String) throws -> [URL] {
        let folder = packageRoot.appendingPathComponent("Lessons/\(lesson)")
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" }
    }

    /// The trimmed lines of the lesson's Swift sources that are code: outside multi-line string
    /// literals, the only strings a whole line can sit inside.
    /// Lessons 06 and 07 also list the training loop they share, from `Sources/ClassifierTraining`.
    static func codeLines(ofLesson lesson: String) throws -> Set<String> {
        var lines: Set<String> = []
        let shared = packageRoot.appendingPathComponent("Sources/ClassifierTraining")
        let sharedFiles =
            ["Lesson06", "Lesson07"].contains(lesson)
            ? try FileManager.default.contentsOfDirectory(at: shared, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "swift" }
            : []
        for file in try sourceFiles(ofLesson: lesson) + sharedFiles {
            var insideString = false
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                let quotes = trimmed.components(separatedBy: "\"\"\"").count - 1
                if !insideString { lines.insert(trimmed) }
                if quotes % 2 == 1 { insideString.toggle() }
            }
        }
        return lines
    }

    /// The lines a run showed as code, trimmed, with wrapped continuations joined back on.
    static func listedLines(in output: String) -> [String] {
        var listed: [String] = []
        // A code cell starts after a blank line; a drawn tree's "│" inside an output is not one.
        var previousWasBlankOrCode = true
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let isCode = line.hasPrefix(Notebook.codeGutter.trimmingCharacters(in: .whitespaces))
            let isContinuation = line.hasPrefix(Notebook.continuationGutter.trimmingCharacters(in: .whitespaces))
            if isCode, previousWasBlankOrCode {
                listed.append(line.dropFirst(1).trimmingCharacters(in: .whitespaces))
            } else if isContinuation, previousWasBlankOrCode, !listed.isEmpty {
                listed[listed.count - 1] += " " + line.dropFirst(1).trimmingCharacters(in: .whitespaces)
            }
            previousWasBlankOrCode = line.isEmpty || ((isCode || isContinuation) && previousWasBlankOrCode)
        }
        return listed.filter { !$0.isEmpty }
    }

    /// Where a transcript first differs, with a few lines of context and how to update it.
    static func firstDifference(expected: String, actual: String, lesson: String) -> String {
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let index =
            zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(want.count, got.count)
        let context = max(0, index - 2)
        func excerpt(_ lines: [Substring]) -> String {
            lines[min(context, lines.count)..<min(index + 3, lines.count)].map { "    " + $0 }.joined(separator: "\n")
        }
        return """
            \(lesson)'s output differs from Lessons/\(lesson)/\(lesson).transcript.txt at line \(index + 1):
            expected:
            \(excerpt(want))
            printed:
            \(excerpt(got))
            If the change is meant, run scripts/update-transcripts.sh and review `git diff Lessons`.
            """
    }
}

/// Data handed from the thread that reads standard error.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var done = false
    func set(_ value: Data) {
        lock.withLock {
            data = value; done = true
        }
    }
    var isSet: Bool { lock.withLock { done } }
    var value: Data { lock.withLock { data } }
}
