import Foundation

/// What the `check` command reports: each exercise's result, `n/N done`, and what to do next
/// (the Rustlings way), as text for a person or as one JSON document for a grading script.
public struct CheckReport: Sendable, Equatable {
    /// One exercise and its result.
    public struct Entry: Sendable, Equatable {
        public let exercise: Exercise
        public let result: CheckResult

        public init(exercise: Exercise, result: CheckResult) {
            self.exercise = exercise
            self.result = result
        }
    }

    /// "Exercises" or "Solutions": where the answers were read from.
    public let folder: String
    public let entries: [Entry]
    /// Every exercise of the course, to name an exercise that one of `entries` needs first and
    /// to tell "all done" from "all done here".
    public let course: [Exercise]

    /// How the next step says to check again, when not "run `swift run check 2.3`": the watch
    /// says "save the file".
    public var checkAgainAdvice: String?

    public init(folder: String, entries: [Entry], course: [Exercise] = []) {
        self.folder = folder
        self.entries = entries
        self.course = course
    }

    /// "run `swift run check 2.3`", or `checkAgainAdvice`.
    func checkAgain(_ id: String) -> String {
        checkAgainAdvice ?? "run `swift run check \(id)`"
    }

    /// The exercise numbered `id`, from the course or the entries.
    func exercise(_ id: String) -> Exercise? {
        course.first { $0.id == id } ?? entries.first { $0.exercise.id == id }?.exercise
    }

    /// "4.1 mseGradients" (or just "4.1" for an exercise this report does not know).
    func title(of id: String) -> String {
        exercise(id)?.title ?? id
    }

    /// "Exercises/Lesson04.swift, func mseGradients(weight:bias:x:y:)": where to write `exercise`.
    func place(of exercise: Exercise) -> String {
        "\(exercise.file(in: folder)), func \(exercise.function)"
    }

    /// Why an exercise waits for `id`, in one sentence.
    func needsExplanation(_ exercise: Exercise, id: String, dependencyIsWrong: Bool) -> String {
        let location = self.exercise(id).map { " (\(place(of: $0)))" } ?? ""
        if dependencyIsWrong {
            return "\(exercise.id) builds on \(title(of: id)), which is wrong: its report is under \(id). "
                + "Fix \(id) first\(location), then \(exercise.id) is checked on its own."
        }
        return "Your \(exercise.name) calls \(title(of: id)), which is not started yet: write \(id) first\(location)."
    }

    public var doneCount: Int { entries.filter { $0.result.isDone }.count }
    public var allDone: Bool { doneCount == entries.count }

    /// The `check` command's exit status: 0 when every exercise checked is done, 1 otherwise.
    public var exitStatus: Int32 { allDone ? 0 : 1 }

    // MARK: Text

    /// The whole report as text: `header`, each entry's lines (under its lesson's heading), `footer`.
    public func text(style: ReportStyle = ReportStyle(isEnabled: false)) -> String {
        var text = [header(style: style)]
        var lesson: Int?
        for entry in entries {
            if entry.exercise.lesson != lesson {
                lesson = entry.exercise.lesson
                text.append("")
                text.append(Self.lessonHeading(entry.exercise.lesson, style: style))
            }
            text.append(contentsOf: lines(for: entry, style: style))
        }
        text.append("")
        text.append(footer(style: style))
        return text.joined(separator: "\n")
    }

    /// "Checking your answers in Exercises/ (9 exercises)".
    public func header(style: ReportStyle) -> String {
        let whose = folder == "Exercises" ? "your answers" : "the reference answers"
        let count = entries.count == 1 ? "1 exercise" : "\(entries.count) exercises"
        return style.heading("Checking \(whose) in \(folder)/") + style.faint(" (\(count))")
    }

    /// "Lesson 02 · activation functions".
    public static func lessonHeading(_ lesson: Int, style: ReportStyle) -> String {
        let title = Exercise.lessonTitles[lesson].map { " · \($0)" } ?? ""
        return style.heading("Lesson \(lesson < 10 ? "0" : "")\(lesson)\(title)")
    }

    /// The lines of one entry: its status line, and for a wrong or unstarted exercise what is
    /// wrong and where to write.
    /// `titleWidth` is the width the titles are padded to (by default, to line up this report's
    /// entries).
    public func lines(for entry: Entry, style: ReportStyle, titleWidth: Int? = nil) -> [String] {
        let width = titleWidth ?? Self.titleWidth(entries.map(\.exercise))
        let title = entry.exercise.title.padding(toLength: width, withPad: " ", startingAt: 0)
        let place = place(of: entry.exercise)
        switch entry.result {
        case .done:
            return ["  " + style.done("✓") + " \(title)" + style.done("done")]
        case .notStarted:
            return [
                "  " + style.notStarted("·") + " \(title)" + style.notStarted("not started"),
                "      " + style.faint("write it in ") + place,
            ]
        case let .wrong(input, expected, got, hint):
            var lines = ["  " + style.wrong("✗") + " \(title)" + style.wrong("wrong")]
            if !input.isEmpty { lines += Self.labelled("for", input, style: style) }
            lines += Self.labelled("expected", expected, style: style)
            lines += Self.labelled("got", got, style: style)
            lines += Self.labelled("hint", Self.wrapped(hint, width: 78), style: style)
            lines.append("      " + style.faint("fix it in ") + place)
            return lines
        case let .needs(id, dependencyIsWrong):
            let why = needsExplanation(entry.exercise, id: id, dependencyIsWrong: dependencyIsWrong)
            return ["  " + style.notStarted("→") + " \(title)" + style.notStarted("needs \(id) first")]
                + Self.wrapped(why, width: 88).split(separator: "\n").map { "      " + $0 }
        }
    }

    /// The width that lines up the titles of `exercises`, with two spaces after the longest.
    public static func titleWidth(_ exercises: [Exercise]) -> Int {
        (exercises.map(\.title.count).max() ?? 0) + 2
    }

    /// `n/N done` with a progress bar, then the next thing to do.
    public func footer(style: ReportStyle) -> String {
        progressBar(style: style) + "\n" + Self.wrapped(nextStep, width: 88)
    }

    /// "[######--------------] 7/23 done".
    public func progressBar(style: ReportStyle) -> String {
        let total = entries.count, done = doneCount
        let filled = total == 0 ? 0 : done * 20 / total
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 20 - filled) + "]"
        return style.heading("\(bar) \(done)/\(total) done")
    }

    /// What to do next: fix the first wrong exercise, else start the first unstarted one.
    public var nextStep: String {
        if folder != "Exercises" {
            return allDone
                ? "Every reference answer passes its checks."
                : "A reference answer fails its check: that is a bug in Torchlet's exercises, please report it."
        }
        guard let next = entries.first(where: { !$0.result.isDone }) else {
            return !course.isEmpty && entries.count == course.count
                ? "All done! Compare your answers with Solutions/ (other answers can be just as right), "
                    + "and try the lessons' flags to see your functions at work."
                : "All done here. `swift run check` checks every exercise."
        }
        var exercise = next.exercise
        var isWrong = next.result.isWrong
        var first = ""
        if case let .needs(id, dependencyIsWrong) = next.result, let dependency = self.exercise(id) {
            first = "\(dependency.title) first, which \(exercise.title) needs. "
            exercise = dependency
            isWrong = dependencyIsWrong
        }
        let place = "\(exercise.file(in: folder)) (func \(exercise.name))"
        if !first.isEmpty {
            return "Next: " + first + (isWrong ? "Fix it" : "Write it") + " in \(place), "
                + "then \(checkAgain(exercise.id))."
        }
        if isWrong {
            return "Next: fix \(exercise.title) in \(place), using the hint above, "
                + "then \(checkAgain(exercise.id))."
        }
        return "Next: \(exercise.title). Open \(place), find its `// TODO`, write your answer "
            + "in place of the `throw`, then \(checkAgain(exercise.id))."
    }

    /// A labelled block: "      expected  tensor([...])", continuation lines aligned under the value.
    public static func labelled(_ label: String, _ value: String, style: ReportStyle) -> [String] {
        let pad = 10
        let valueLines = value.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return valueLines.enumerated().map { index, line in
            if index == 0 {
                return "      " + style.faint(label.padding(toLength: pad, withPad: " ", startingAt: 0)) + line
            }
            return "      " + String(repeating: " ", count: pad) + line
        }
    }

    /// `text` broken into lines of at most `width` characters, at spaces outside `code spans`.
    public static func wrapped(_ text: String, width: Int) -> String {
        var words: [String] = []
        var insideCode = false
        for word in text.split(separator: " ") {
            if insideCode, let last = words.last {
                words[words.count - 1] = last + " " + word
            } else {
                words.append(String(word))
            }
            if word.filter({ $0 == "`" }).count % 2 == 1 { insideCode.toggle() }
        }
        var lines: [String] = []
        var line = ""
        for word in words {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    // MARK: JSON

    /// One exercise in the JSON report.
    public struct JSONEntry: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var lesson: Int
        /// "done", "wrong", "not_started" or "needs".
        public var status: String
        /// One line for a person: "done", "not started: write it in ...", or what is wrong.
        public var message: String
        /// The file and the function to write in: "Exercises/Lesson02.swift", "stableSoftmax(_:dim:)".
        public var file: String
        public var function: String
        /// For a wrong answer: the input, the expected and the actual result, the hint.
        public var input: String?
        public var expected: String?
        public var got: String?
        public var hint: String?
        /// For "needs": the exercise to finish first, and whether it is wrong (else not started).
        public var needs: String?
        public var needsIsWrong: Bool?
    }

    /// The JSON report: the folder, the counts, and one entry per exercise.
    public struct JSONDocument: Codable, Sendable, Equatable {
        public var folder: String
        public var done: Int
        public var total: Int
        public var allDone: Bool
        public var exercises: [JSONEntry]
    }

    public func jsonEntry(_ entry: Entry) -> JSONEntry {
        let exercise = entry.exercise
        var json = JSONEntry(
            id: exercise.id, name: exercise.name, lesson: exercise.lesson,
            status: entry.result.status, message: "done", file: exercise.file(in: folder),
            function: exercise.function)
        switch entry.result {
        case .done:
            break
        case .notStarted:
            json.message = "not started: write it in \(exercise.file(in: folder)), func \(exercise.function)"
        case let .wrong(input, expected, got, hint):
            json.message = (input.isEmpty ? "" : "for \(input): ") + "expected \(expected), got \(got). \(hint)"
            json.input = input
            json.expected = expected
            json.got = got
            json.hint = hint
        case let .needs(id, dependencyIsWrong):
            json.message =
                "needs \(id) first: "
                + needsExplanation(exercise, id: id, dependencyIsWrong: dependencyIsWrong)
            json.needs = id
            json.needsIsWrong = dependencyIsWrong
        }
        return json
    }

    public var jsonDocument: JSONDocument {
        JSONDocument(
            folder: folder, done: doneCount, total: entries.count, allDone: allDone,
            exercises: entries.map(jsonEntry))
    }

    /// The report as one pretty-printed JSON document with sorted keys.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and numbers cannot fail.
        let data = (try? encoder.encode(jsonDocument)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

extension CheckResult {
    /// The result described by a JSON entry (how the `check` command reads the verdict of an
    /// exercise checked in a child process); `nil` for an unknown status.
    public init?(_ json: CheckReport.JSONEntry) {
        switch json.status {
        case "done": self = .done
        case "not_started": self = .notStarted
        case "wrong":
            self = .wrong(
                input: json.input ?? "", expected: json.expected ?? "", got: json.got ?? "",
                hint: json.hint ?? "")
        case "needs":
            guard let id = json.needs else { return nil }
            self = .needs(id: id, dependencyIsWrong: json.needsIsWrong ?? false)
        default: return nil
        }
    }
}
