import Foundation
import Testing
@testable import Plot

/// Draws one figure of every kind into `$PLOT_GALLERY` (when set), to look at by eye:
///     PLOT_GALLERY=/tmp/gallery swift test --filter GalleryTests
/// Skipped, and reported as skipped, unless `PLOT_GALLERY` names a folder.
@Suite struct GalleryTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PLOT_GALLERY"] != nil, "set PLOT_GALLERY to a folder"))
    func gallery() throws {
        let folder = try #require(ProcessInfo.processInfo.environment["PLOT_GALLERY"])
        let options = RenderOptions(
            outputs: [.terminal, .png, .svg], directory: folder, terminalColumns: 100, terminalColors: false,
            quiet: false)
        for figure in Gallery.figures + EdgeCaseTests.figures {
            let result = figure.render(options)
            #expect(result.succeeded, "\(figure.name): \(String(describing: result.problem))")
        }
    }
}

enum Gallery {
    static var figures: [Figure] {
        var random = SplitMix(seed: 7)
        let losses = (1...50).map { 2.3 * exp(-Double($0) / 12) + 0.05 + 0.03 * random.next() }
        let test = losses.map { $0 * 1.1 + 0.02 }
        let accuracy = (1...50).map { 1 - 0.9 * exp(-Double($0) / 8) }
        let x = stride(from: -6.0, through: 6.0, by: 0.05).map { $0 }
        func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

        var px: [Double] = [], py: [Double] = [], classes: [Int] = []
        for i in 0..<200 {
            let a = random.next() * 2 - 0.5, b = random.next() * 2 - 0.5
            px.append(a); py.append(b); classes.append((a > 0.5) != (b > 0.5) ? 1 : 0)
            _ = i
        }
        let grid = (0..<80).map { i in
            (0..<80).map { j -> Double in
                let a = -0.5 + 2 * Double(j) / 79, b = -0.5 + 2 * Double(i) / 79
                return sigmoid(8 * (a - 0.5) * (0.5 - b))
            }
        }
        let confusion: [[Int]] = (0..<10).map { t in
            (0..<10).map { p in t == p ? 900 + t * 7 : (t + p) % 7 == 0 ? 25 : (t * p) % 5 }
        }
        let digits: [[Double]] = (0..<32).map { k in
            (0..<784).map { idx in
                let r = idx / 28, c = idx % 28
                let dx = Double(c) - 14, dy = Double(r) - 14
                let d = (dx * dx + dy * dy).squareRoot()
                return abs(d - Double(5 + k % 5)) < 2 ? 1.0 : 0.0
            }
        }
        let filters: [[Double]] = (0..<16).map { _ in (0..<25).map { _ in random.next() * 2 - 1 } }
        let weights = (0..<5000).map { _ in (random.next() + random.next() + random.next() - 1.5) * 0.4 }

        return [
            Figure("loss", title: "Training loss").xLabel("epoch").yLabel("loss")
                .line(losses, label: "train").line(test, label: "test", style: .dashed),
            Figure("accuracy", title: "Accuracy").xLabel("epoch").yLabel("accuracy").yRange(0...1)
                .line(accuracy, label: "train accuracy"),
            Figure("activations", title: "Sigmoid and its derivative")
                .line(x, x.map(sigmoid), label: "sigmoid")
                .line(x, x.map { sigmoid($0) * (1 - sigmoid($0)) }, label: "derivative", style: .dashed),
            Figure("panels", title: "Activation functions")
                .panel("sigmoid").function(-6...6, label: "σ(x)", sigmoid)
                .panel("tanh").function(-6...6, label: "tanh(x)", tanh)
                .panel("ReLU").function(-6...6, label: "max(0, x)") { max(0, $0) }
                .panel("log loss").logScale(.y).line(losses, label: "loss"),
            Figure("xor", title: "XOR data").scatter(px, py, classes: classes, names: ["false", "true"]),
            Figure("boundary", title: "Decision regions")
                .heatmap(grid, x: -0.5...1.5, y: -0.5...1.5, palette: .softDiverging, colorRange: 0...1)
                .scatter(px, py, classes: classes, names: ["false", "true"]),
            Figure("confusion", title: "Confusion matrix").confusionMatrix(
                confusion, classNames: (0...9).map(String.init)),
            Figure("digits", title: "Training digits").imageGrid(
                digits, columns: 8, titles: (0..<32).map { "label \($0 % 10)" }),
            Figure("filters", title: "conv1 filters").imageGrid(filters, palette: .diverging),
            Figure("weights", title: "Weights").xLabel("value").yLabel("count").histogram(
                weights, bins: 40, label: "layer 1"
            )
            .histogram(weights.map { $0 * 0.5 + 0.2 }, bins: 40, label: "layer 2"),
            Figure("schedule", title: "Learning rate").step([0.1, 0.1, 0.1, 0.05, 0.05, 0.01, 0.01], label: "lr"),
        ]
    }
}

/// A tiny seeded generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
