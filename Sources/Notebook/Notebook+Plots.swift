import Foundation
import Plot

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
        guard !plotOutputs.isEmpty else { return figure.render(renderOptions) }
        beginCell(.figure)
        output.flush()
        let result = figure.render(renderOptions)
        let here = FileManager.default.currentDirectoryPath + "/"
        let pictures = [result.pngFile, result.svgFile].compactMap { $0?.path }
            .map { $0.hasPrefix(here) ? String($0.dropFirst(here.count)) : $0 }
        if !pictures.isEmpty {
            writeLines([style.faint("figure: " + pictures.joined(separator: ", "))])
        }
        endCell()
        return result
    }
}
