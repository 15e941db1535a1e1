import Foundation
import Testing
@testable import Plot

/// The C++ bridge on its own: commands in, gnuplot-iostream data blocks in, status and messages out.
@Suite struct BridgeTests {
    @Test func dataBlocksArriveIntact() throws {
        let gnuplot = try requireGnuplot()
        let process = try GnuplotProcess(path: gnuplot)
        #expect(process.sendDataBlock("numbers", values: [1, 10, 2, 20, 3, 1e-300, 4, .nan], columns: 2))
        #expect(process.send("stats $numbers using 1:2 nooutput\nprint STATS_records, STATS_invalid, STATS_sum_x"))
        let outcome = process.finish()
        #expect(outcome.succeeded, "\(outcome.output)")
        #expect(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines) == "3 1 6.0")
    }

    @Test func errorsComeBackWithTheStatus() throws {
        let gnuplot = try requireGnuplot()
        let process = try GnuplotProcess(path: gnuplot)
        process.send("plot sin(x) witth lines")
        let outcome = process.finish()
        #expect(outcome.status == 1)
        #expect(outcome.output.contains("witth"))
    }

    @Test func locatingGnuplot() throws {
        #expect(GnuplotProcess.locate("/nonexistent/gnuplot") == nil)
        #expect(GnuplotProcess.locate("no-such-program-\(UUID().uuidString)") == nil)
        #expect(GnuplotProcess.locate("/tmp") == nil, "a folder is not a program")
        #expect(GnuplotProcess.locate("sh") != nil)
    }
}
