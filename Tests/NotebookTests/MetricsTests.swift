import Foundation
import Testing
@testable import Notebook

@Suite("Metrics as JSON lines")
struct MetricsTests {
    @Test("keys are sorted, numbers stay numbers, strings are escaped")
    func encoding() {
        let line = JSONLine.encode([
            "loss": .number(0.25), "epoch": .integer(3), "name": .text("say \"hi\"\\\n\u{1}"),
            "diverged": .flag(false),
        ])
        #expect(line == #"{"diverged":false,"epoch":3,"loss":0.25,"name":"say \"hi\"\\\n\u0001"}"#)
    }

    @Test("NaN and infinity, which JSON cannot hold, are written as null")
    func nonFiniteNumbers() {
        #expect(JSONLine.encode(["a": .number(.nan), "b": .number(-.infinity)]) == #"{"a":null,"b":null}"#)
    }

    @Test("a Float keeps its short decimal form")
    func floats() {
        #expect(Float(0.1).metricValue == .number(0.1))
        #expect(JSONLine.encode(["lr": Float(0.1).metricValue]) == #"{"lr":0.1}"#)
    }

    @Test("a notebook writes start, each record, and finish, and the lines parse back")
    func notebookWritesFile() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("NotebookTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("metrics.jsonl").path
        let clock = FakeClock()
        let (nb, _) = try makeNotebook(["--metrics", path, "--seed", "5"], clock: clock)
        #expect(nb.isLoggingMetrics)
        nb.log(["epoch": 1, "loss": 0.25, "accuracy": 0.9, "optimizer": "SGD"])
        nb.log(["epoch": 2, "loss": Double.nan])
        clock.seconds = 1.5
        nb.finish()
        nb.log(["after": "finish"])  // ignored: the file is closed

        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        let records = try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        try #require(records.count == 4)
        #expect(records[0]["event"] as? String == "start")
        #expect(records[0]["lesson"] as? String == "Lesson00")
        #expect(records[0]["seed"] as? Int == 5)
        #expect(records[1]["epoch"] as? Int == 1)
        #expect(records[1]["loss"] as? Double == 0.25)
        #expect(records[1]["accuracy"] as? Double == 0.9)
        #expect(records[1]["optimizer"] as? String == "SGD")
        #expect(records[2]["loss"] is NSNull)
        #expect(records[3]["event"] as? String == "finish")
        #expect(records[3]["seconds"] as? Double == 1.5)
    }

    @Test("a run's settings are one record with the same keys in every lesson, leaving out what a lesson lacks")
    func settingsRecord() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("NotebookTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("metrics.jsonl").path
        let (nb, _) = try makeNotebook(["--metrics", path])
        nb.log(
            TrainingSettings(epochs: 15, learningRate: 0.1, batchSize: 100, optimizer: "SGD", dataset: "fashion-mnist"))
        nb.log(TrainingSettings(epochs: 3, learningRate: 0.01))
        nb.finish()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        try #require(lines.count == 4)
        #expect(
            lines[1]
                == #"{"batch_size":100,"dataset":"fashion-mnist","epochs":15,"event":"settings","lr":0.1,"optimizer":"SGD"}"#
        )
        #expect(lines[2] == #"{"epochs":3,"event":"settings","lr":0.01}"#)
    }

    @Test("without --metrics, logging does nothing")
    func noMetrics() throws {
        let (nb, output) = try makeNotebook()
        #expect(!nb.isLoggingMetrics)
        let before = output.text
        nb.log(["epoch": 1])
        #expect(output.text == before)
    }
}
