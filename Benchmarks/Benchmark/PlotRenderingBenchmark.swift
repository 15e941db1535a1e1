import Foundation
import Plot
import Torchlet

/// How long a lesson waits for a figure: a loss curve of 10,000 points (100 epochs of 100
/// batches, say) built with `Figure` and drawn by gnuplot, to each output a lesson can ask for.
///
/// Every render writes the figure's `.dat` and `.gp` files and then starts a gnuplot process that
/// reads them and draws, so what is measured is the whole path a lesson takes: formatting
/// 10,000 numbers, writing two files, starting gnuplot, gnuplot drawing and writing the
/// picture. Starting a process dominates: the same figure with 100 points takes almost as long.
enum PlotRenderingBenchmark {
    /// The outputs measured, each a row of the report.
    enum Output: CaseIterable, Sendable {
        case png, svg, terminal

        var title: String {
            switch self {
            case .png: "10,000-point line figure to PNG"
            case .svg: "10,000-point line figure to SVG"
            case .terminal: "10,000-point line figure to the terminal"
            }
        }

        var plotOutputs: PlotOutputs {
            switch self {
            case .png: .png
            case .svg: .svg
            case .terminal: .terminal
            }
        }
    }

    /// The number of points in the figure.
    static let points = 10_000

    /// What one output of the benchmark gave: its timing, or why gnuplot could not draw it.
    enum Outcome: Sendable {
        case measured(Timing)
        case failed(String)
    }

    /// A noisy, decaying loss curve and its running mean: two series, one with every point.
    static func figure() -> Figure {
        var generator = Generator(seed: 7)
        let steps = (1...points).map(Double.init)
        let losses = steps.map { step in
            2.3 * exp(-step / 2_000) + 0.1 + 0.05 * Double.random(in: 0..<1, using: &generator)
        }
        var runningMean: [Double] = []
        var total = 0.0
        for (index, loss) in losses.enumerated() {
            total += loss
            runningMean.append(total / Double(index + 1))
        }
        return Figure("benchmark-10000-points", title: "Loss per batch")
            .line(steps, losses, label: "batch loss")
            .line(steps, runningMean, label: "running mean")
            .xLabel("batch")
            .yLabel("loss")
    }

    /// Times building and rendering the figure to `output`, one render per sample.
    static func run(_ output: Output, plan: MeasurementPlan) -> Outcome {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("torchlet-plot-benchmark-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = RenderOptions(
            outputs: output.plotOutputs, directory: directory.path,
            terminalColumns: 100, terminalColors: false, quiet: true)

        // One render first, to find out whether gnuplot draws at all here.
        let trial = figure().render(options)
        guard trial.succeeded else { return .failed(trial.problem.map(String.init(describing:)) ?? "no picture") }
        // A render takes a tenth of a second or so: one per sample is already a long batch.
        let renderPlan = MeasurementPlan(warmUpSeconds: 0, sampleSeconds: 0, samples: plan.samples)
        return .measured(measure(renderPlan) { keepAlive(figure().render(options)) })
    }
}
