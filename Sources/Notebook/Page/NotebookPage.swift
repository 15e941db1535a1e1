import Foundation

/// A lesson run as one HTML page (`--page`): the same cells as the terminal, in order, with the
/// sections as headings and a table of contents, narrative as paragraphs, code cells as
/// highlighted Swift, outputs in monospace and the figures inline as SVG.
///
/// The page is self-contained (its CSS is inline, it loads nothing, and it needs no JavaScript),
/// so a teacher can publish a folder of them as it is. It is written as XHTML-compatible HTML:
/// every tag closed and every text escaped, so a tensor's `<` or a label's `&` cannot break it
/// and any XML parser can check it.
final class NotebookPage {
    /// One cell of the page, holding what the terminal printed in a form the page can lay out.
    enum Block {
        case section(number: Int, title: String)
        case narrative(String)
        case code([String])
        case foreignCode(caption: String, [String])
        case value(label: String, lines: [String])
        case output([String])
        case table(headers: [String], rows: [[String]])
        case callout(kind: String, message: String)
        case figure(name: String, title: String?, svg: String?)
        case progress(String)
    }

    private(set) var blocks: [Block] = []

    func append(_ block: Block) {
        blocks.append(block)
    }

    /// The whole page.
    func html(lesson: String, title: String, settings: [(String, String)]) -> String {
        var body: [String] = []
        body.append("<header><h1>\(HTML.escape(lesson)) · \(HTML.escape(title))</h1>")
        body.append(
            "<dl class=\"settings\">"
                + settings.map { "<dt>\(HTML.escape($0.0))</dt><dd>\(HTML.escape($0.1))</dd>" }.joined() + "</dl>")
        body.append(tableOfContents())
        body.append("</header><main>")
        for block in blocks { body.append(html(block)) }
        body.append("</main>")
        return """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>\(HTML.escape(lesson)) · \(HTML.escape(title))</title>
            <style>
            \(Self.css)
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    private func tableOfContents() -> String {
        let entries = blocks.compactMap { block -> String? in
            guard case .section(let number, let title) = block else { return nil }
            return "<li><a href=\"#section-\(number)\">\(number). \(HTML.escape(title))</a></li>"
        }
        guard !entries.isEmpty else { return "" }
        return "<nav><h2>Contents</h2><ol class=\"toc\">" + entries.joined() + "</ol></nav>"
    }

    private func html(_ block: Block) -> String {
        switch block {
        case .section(let number, let title):
            return "<h2 id=\"section-\(number)\">\(number). \(HTML.escape(title))</h2>"
        case .narrative(let text):
            return HTML.narrative(text)
        case .code(let lines):
            return "<pre class=\"code swift\"><code>" + lines.map(HTML.highlightSwift).joined(separator: "\n")
                + "</code></pre>"
        case .foreignCode(let caption, let lines):
            return
                "<div class=\"foreign\"><p class=\"caption\">\(HTML.escape(caption))</p><pre class=\"code python\"><code>"
                + lines.map(HTML.escape).joined(separator: "\n") + "</code></pre></div>"
        case .value(let label, let lines):
            let rest = lines.first.map { [$0] + lines.dropFirst() } ?? []
            return "<pre class=\"output\"><span class=\"label\">\(HTML.escape(label))</span>"
                + HTML.escape(rest.joined(separator: "\n")) + "</pre>"
        case .output(let lines):
            return "<pre class=\"output\">" + HTML.escape(lines.joined(separator: "\n")) + "</pre>"
        case .table(let headers, let rows):
            return HTML.table(headers: headers, rows: rows)
        case .callout(let kind, let message):
            return "<p class=\"callout \(kind)\"><strong>\(kind):</strong> \(HTML.inline(message))</p>"
        case .figure(let name, let title, let svg):
            let caption = "<figcaption>\(HTML.escape(title ?? name))</figcaption>"
            guard let svg else {
                return
                    "<figure class=\"missing\"><p>(the figure \(HTML.escape(name)) could not be drawn)</p>\(caption)</figure>"
            }
            return "<figure id=\"figure-\(HTML.escape(name))\">\(svg)\(caption)</figure>"
        case .progress(let line):
            return "<pre class=\"output progress\">" + HTML.escape(line) + "</pre>"
        }
    }

    static let css = """
        body { font: 16px/1.55 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1d1d1f;
               max-width: 58rem; margin: 2rem auto; padding: 0 1.5rem; background: #fdfdfc; }
        h1 { font-size: 1.8rem; margin-bottom: .3rem; }
        h2 { font-size: 1.35rem; margin-top: 2.4rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
        nav h2 { font-size: 1rem; border: none; margin: 1rem 0 .3rem; }
        .toc { columns: 2; margin: 0; font-size: .95rem; }
        .settings { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; font-size: .9rem;
                    color: #555; margin: .5rem 0; }
        .settings dt { font-weight: 600; } .settings dd { margin: 0; font-family: "DejaVu Sans Mono", monospace; }
        pre, code { font-family: "DejaVu Sans Mono", "SF Mono", Menlo, monospace; font-size: .86rem; }
        p code, li code { background: #f0f0ee; padding: 0 .2em; border-radius: 3px; }
        pre { overflow-x: auto; margin: .6rem 0; }
        pre.code { background: #f5f6f8; border-left: 3px solid #7a8fb8; padding: .6rem .9rem; }
        pre.python { border-left-color: #c9a227; background: #fbf8ee; }
        .foreign .caption { margin: .6rem 0 -.4rem; font-size: .9rem; color: #7a6413; }
        pre.output { padding: .1rem .9rem; margin: .15rem 0; color: #222; }
        pre.output + pre.output { margin-top: 0; }
        pre.formula { padding-left: 2rem; color: #333; }
        .label { color: #2f5f9e; }
        .kw { color: #a0307a; font-weight: 600; } .str { color: #b0461c; } .num { color: #1c6b8f; }
        .com { color: #6b7a6b; font-style: italic; } .ty { color: #6a3fb0; }
        table { border-collapse: collapse; margin: .8rem 0; font-size: .88rem; }
        th, td { padding: .2rem .7rem; border-bottom: 1px solid #e3e3e3; font-family: "DejaVu Sans Mono", monospace; }
        th { text-align: left; border-bottom: 2px solid #bbb; } td.number { text-align: right; }
        .callout { padding: .5rem .8rem; border-radius: 4px; }
        .callout.note { background: #eef4fb; border-left: 4px solid #4a7fc1; }
        .callout.warning { background: #fff6e0; border-left: 4px solid #e0a800; }
        figure { margin: 1.2rem 0; text-align: center; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { font-size: .9rem; color: #555; }
        """
}
