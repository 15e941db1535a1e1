import Foundation
import Plot
import Torchlet

extension Notebook {
    /// Draws a figure where `--plot` says (the terminal, PNG and SVG files under `--plot-dir`),
    /// after everything printed so far, and says where the files went.
    ///
    ///     nb.plot(Figure("loss", title: "Training loss").xLabel("epoch").line(losses, label: "train"))
    ///
    /// Next to each picture the `.dat` and `.gp` files that drew it are written, so
    /// `gnuplot plots/Lesson05/loss.gp` draws it again by hand. A missing gnuplot or a gnuplot
    /// error is reported in one line; the lesson carries on either way.
    @discardableResult
    public func plot(_ figure: Figure) -> RenderResult {
        guard !plotOutputs.isEmpty else {
            let result = figure.render(renderOptions)
            addToPage(figure, result)
            return result
        }
        beginCell(.figure)
        output.flush()
        let result = figure.render(renderOptions)
        addToPage(figure, result)
        let here = FileManager.default.currentDirectoryPath + "/"
        let asked = [
            plotOutputs.contains(.png) ? result.pngFile : nil, plotOutputs.contains(.svg) ? result.svgFile : nil,
        ]
        let pictures = asked.compactMap { $0?.path }
            .map { $0.hasPrefix(here) ? String($0.dropFirst(here.count)) : $0 }
        if plotOutputs.contains(.terminal), !plotOutputs.contains(.sixel), figure.isPictureGrid {
            // Not drawn in characters, where a grid of pictures is noise: say where it is.
            let name = "\"\(figure.title ?? figure.name)\""
            writeLines([
                style.faint(
                    pictures.isEmpty
                        ? "figure: \(name), a grid of pictures, is not drawn in the terminal; run with --plot both to get it as a PNG"
                        : "figure: \(name), a grid of pictures, is not drawn in the terminal: open "
                            + pictures.joined(separator: ", "))
            ])
        } else if !pictures.isEmpty {
            writeLines([style.faint("figure: " + pictures.joined(separator: ", "))])
        }
        endCell()
        return result
    }

    private func addToPage(_ figure: Figure, _ result: RenderResult) {
        guard let page else { return }
        let svg = result.svgFile.flatMap { try? String(contentsOf: $0, encoding: .utf8) }.flatMap(HTML.inlineSVG)
        page.append(.figure(name: figure.name, title: figure.title, svg: svg))
    }

    /// Where `--page` writes this run's page.
    public var pagePath: String {
        (plotDirectory as NSString).appendingPathComponent("\(lesson).html")
    }

    /// Writes the page (at `finish()`) and says where it is; a failure is one warning line.
    func writePage() {
        guard let page else { return }
        let arguments = CommandLine.arguments.dropFirst().joined(separator: " ")
        let settings = [
            ("run", "swift run \(lesson)" + (arguments.isEmpty ? "" : " " + arguments)),
            ("seed", "\(seed)"),
            ("engine", "Torchlet \(torchletVersion)"),
        ]
        let html = page.html(lesson: lesson, title: title, settings: settings)
        do {
            try FileManager.default.createDirectory(atPath: plotDirectory, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: URL(fileURLWithPath: pagePath), options: .atomic)
            beginCell(.figure)
            writeLines([style.faint("page: " + pagePath)])
            endCell()
        } catch {
            warning("could not write the page \(pagePath): \(error.localizedDescription)")
        }
    }
}
