import Foundation
import Testing
import Torchlet

/// A misuse stops the program with the message and the learner's own line, and nothing else:
/// no crash report (threads, registers), and a non-zero exit status.
///
/// The misuses are written in `LearnersProgram`, outside the exit tests: inside an exit test's
/// macro, `#line` is the line of the `#expect` itself.
@Suite("Failure reports")
struct FailureReportTests {
    @Test func aLayerAppliedToTheWrongShapeNamesTheLineOfTheCall() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            LearnersProgram.linearOnTheWrongShape()
        }
        let report = standardError(result)
        #expect(report.contains("linear: mat1 and mat2 shapes cannot be multiplied (4x5 and 3x2)"), "\(report)")
        #expect(
            report.contains("  at Tests/TorchletTests/FailureReportTests.swift:\(LearnersProgram.linearLine)\n")
                || report.contains("/Tests/TorchletTests/FailureReportTests.swift:\(LearnersProgram.linearLine)\n"),
            "\(report)")
        expectNoCrashReport(report)
    }

    @Test func anOperationCalledDirectlyNamesItsOwnLine() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            LearnersProgram.catOfMismatchedSizes()
        }
        let report = standardError(result)
        #expect(report.contains("FailureReportTests.swift:\(LearnersProgram.catLine)\n"), "\(report)")
        expectNoCrashReport(report)
    }

    @Test func aFailureInsideAModuleNamesTheLearnersInnermostLine() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = LearnersProgram.TwoLayers()(Tensor.zeros([1, 2]))
        }
        let report = standardError(result)
        #expect(report.contains("FailureReportTests.swift:\(LearnersProgram.TwoLayers.forwardLine)\n"), "\(report)")
        expectNoCrashReport(report)
    }

    @Test func anOperatorIsFoundOnTheStack() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            LearnersProgram.addOfMismatchedShapes()
        }
        let report = standardError(result)
        #expect(report.contains("must match the size of tensor b (4)"), "\(report)")
        #expect(report.contains("FailureReportTests.swift:\(LearnersProgram.addLine)\n"), "\(report)")
        expectNoCrashReport(report)
    }

    @Test func theReportIsTwoLines() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            LearnersProgram.permuteRepeatingADimension()
        }
        let lines = standardError(result).split(separator: "\n")
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first?.hasPrefix("error: permute: ") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("  at ") == true, "\(lines)")
    }

    @Test func torchletCrashKeepsTheCrashForADebugger() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            setenv("TORCHLET_CRASH", "1", 1)
            LearnersProgram.permuteRepeatingADimension()
        }
        let report = standardError(result)
        #expect(report.contains("Fatal error: permute: "), "\(report)")
    }
}

/// Misuses as a learner writes them, each with the line the report must name.
enum LearnersProgram {
    static func linearOnTheWrongShape() {
        let layer = Linear(3, 2)
        _ = layer(Tensor.zeros([4, 5]))
    }
    static let linearLine = #line - 2

    static func catOfMismatchedSizes() {
        _ = Tensor.cat([Tensor.zeros([2, 3]), Tensor.zeros([2, 4])])
    }
    static let catLine = #line - 2

    static func addOfMismatchedShapes() {
        _ = Tensor.zeros([2, 3]) + Tensor.zeros([4])
    }
    static let addLine = #line - 2

    static func permuteRepeatingADimension() {
        _ = Tensor.zeros([2, 3]).permute([0, 0])
    }

    final class TwoLayers: Module {
        let first = Linear(2, 3), second = Linear(4, 1)
        override func forward(_ x: Tensor) -> Tensor {
            second(first(x))  // 3 features into a layer that takes 4
        }
        static let forwardLine = #line - 2
    }
}

func standardError(_ result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}

/// Swift's crash report lists threads and registers and says the program crashed.
func expectNoCrashReport(_ report: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for sign in ["Thread 0", "Crash", "crashed", "Fatal error", "Registers", "Backtrace"] {
        #expect(!report.contains(sign), "standard error shows '\(sign)':\n\(report)", sourceLocation: sourceLocation)
    }
}
