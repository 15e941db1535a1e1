import Foundation
import Testing
@testable import Plot

/// Real pictures through a real gnuplot: the files exist, are what they claim, and the `.gp`
/// written next to them redraws them by hand.
@Suite struct PictureFileTests {
    @Test func pngAndSVGHaveTheRequestedSize() throws {
        _ = try requireGnuplot()
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        let result = Figure("loss", title: "Training loss").xLabel("epoch").yLabel("loss")
            .line(sampleLosses(), label: "train")
            .size(width: 640, height: 400)
            .render(quietOptions([.png, .svg], in: folder))

        #expect(result.succeeded, "\(String(describing: result.problem))")
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        let png = try #require(result.pngFile)
        let svg = try #require(result.svgFile)
        #expect(png.lastPathComponent == "loss.png" && svg.lastPathComponent == "loss.svg")
        let (width, height) = try pngDimensions(of: png)
        #expect(width == 640 && height == 400)
        let (root, attributes) = try parseSVG(svg)
        #expect(root == "svg")
        #expect(attributes["width"] == "640" && attributes["height"] == "400", "\(attributes)")
        #expect(result.files.map(\.lastPathComponent) == ["loss.dat", "loss.gp", "loss.png", "loss.svg"])
    }

    /// A sixel picture is a DCS escape sequence: ESC P, the raster attributes `q"1;1;W;H` with
    /// the figure's own size, the picture, and ESC \.
    @Test func sixelDrawsThePictureItselfForTheTerminal() throws {
        _ = try requireGnuplot()
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = Figure("loss").line(sampleLosses(), label: "train").size(width: 400, height: 300)
            .render(quietOptions(.sixel, in: folder))
        #expect(result.succeeded, "\(String(describing: result.problem))")
        let picture = try #require(result.terminalDrawing)
        #expect(picture.hasPrefix("\u{1B}Pq\"1;1;400;300"), "\(picture.prefix(20).debugDescription)")
        #expect(picture.contains("\u{1B}\\"))
        #expect(result.pngFile == nil && result.scriptFile != nil)
    }

    @Test func defaultSizeIs800By500() throws {
        _ = try requireGnuplot()
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = Figure("plain").line([1.0, 3, 2]).render(quietOptions(.png, in: folder))
        let (width, height) = try pngDimensions(of: try #require(result.pngFile))
        #expect(width == 800 && height == 500)
    }

    @Test func scriptRedrawsTheSamePictureByHandFromAnotherFolder() throws {
        let gnuplot = try requireGnuplot()
        let folder = try makeTemporaryFolder()
        let elsewhere = try makeTemporaryFolder("plot-tests-elsewhere")
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        let x = stride(from: -4.0, through: 4.0, by: 0.1).map { $0 }
        let result = Figure("activations", title: "tanh and its slope")
            .line(x, x.map(tanh), label: "tanh")
            .line(x, x.map { 1 - tanh($0) * tanh($0) }, label: "derivative", style: .dashed)
            .render(quietOptions([.png, .svg], in: folder.appendingPathComponent("plots/Lesson00")))
        let png = try #require(result.pngFile)
        let svg = try #require(result.svgFile)
        let script = try #require(result.scriptFile)
        let original = try Data(contentsOf: png)
        let originalSVG = try Data(contentsOf: svg)
        try FileManager.default.removeItem(at: png)
        try FileManager.default.removeItem(at: svg)

        // `gnuplot plots/Lesson00/activations.gp` from the project folder…
        let relative = try run(gnuplot, ["plots/Lesson00/activations.gp"], in: folder)
        #expect(relative.status == 0, "\(relative.output)")
        #expect(try Data(contentsOf: png) == original, "the by-hand PNG is byte for byte the same")
        try FileManager.default.removeItem(at: png)

        // …and by absolute path from anywhere else, PNG and SVG.
        let absolute = try run(gnuplot, [script.path], in: elsewhere)
        #expect(absolute.status == 0, "\(absolute.output)")
        #expect(try Data(contentsOf: png) == original)
        let asSVG = try run(gnuplot, ["-e", "format='svg'", script.path], in: elsewhere)
        #expect(asSVG.status == 0, "\(asSVG.output)")
        #expect(try Data(contentsOf: svg) == originalSVG)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty,
            "nothing is written into the folder gnuplot runs in")
    }

    @Test func everyKindOfFigureDrawsWithoutComplaint() throws {
        _ = try requireGnuplot()
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for figure in Gallery.figures {
            let result = figure.render(quietOptions([.terminal, .png], in: folder))
            #expect(result.succeeded, "\(figure.name): \(String(describing: result.problem))")
            #expect(result.warnings.isEmpty, "\(figure.name): \(result.warnings)")
            let png = try #require(result.pngFile, "\(figure.name).png")
            let (width, height) = try pngDimensions(of: png)
            #expect(width >= 200 && height >= 150, "\(figure.name): \(width)×\(height)")
            #expect((try Data(contentsOf: png)).count > 3000, "\(figure.name).png is not blank")
            // A grid of pictures is left out of the terminal on purpose (see Figure.isPictureGrid).
            #expect(
                (result.terminalDrawing?.isEmpty == false) == !figure.isPictureGrid, "\(figure.name) in the terminal")
        }
    }

    @Test func figuresRenderConcurrently() async throws {
        _ = try requireGnuplot()
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = quietOptions([.terminal, .png], in: folder)
        let results = await withTaskGroup(of: RenderResult.self) { group in
            for index in 0..<8 {
                group.addTask {
                    Figure("curve-\(index)").line(sampleLosses(20 + index), label: "run \(index)").render(options)
                }
            }
            var results: [RenderResult] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(results.count == 8)
        for result in results {
            #expect(result.succeeded, "\(result.figure): \(String(describing: result.problem))")
            #expect(result.pngFile != nil && result.terminalDrawing != nil)
        }
    }

    @Test func aFailedRedrawLeavesNoStalePicture() throws {
        _ = try requireGnuplot()
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = Figure("same-name").line([1.0, 2, 3]).render(quietOptions(.png, in: folder))
        #expect(good.pngFile != nil)
        let bad = Figure("same-name").line([1.0, 2, 3]).gnuplot("plot undefined_function(x)")
            .render(quietOptions(.png, in: folder))
        #expect(!bad.succeeded)
        #expect(bad.pngFile == nil)
    }
}
