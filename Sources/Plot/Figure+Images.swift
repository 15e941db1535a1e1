// Heatmaps, matrices and pictures on the current panel.

extension Figure {
    /// A quantity over the plane, sampled on a grid and drawn as colours: `values[i][j]` is its
    /// value at x = x.lowerBound + j·Δx, y = y.lowerBound + i·Δy, where the grid's first and last
    /// columns (rows) sit on the ends of `x` (`y`). Row 0 is at the bottom, like the y axis.
    ///
    /// A classifier's decision regions: evaluate the model on a grid, draw its output here, then
    /// scatter the data on top.
    ///
    ///     Figure("boundary", title: "What the network learned")
    ///         .heatmap(probabilities, x: -0.5...1.5, y: -0.5...1.5, palette: .softDiverging, colorRange: 0...1)
    ///         .scatter(x1, x2, classes: labels)
    public func heatmap<T: BinaryFloatingPoint>(
        _ values: [[T]], x: ClosedRange<Double>, y: ClosedRange<Double>,
        palette: Palette = .viridis, colorRange: ClosedRange<Double>? = nil,
        colorBar: Bool = true
    ) -> Figure {
        let (flat, rows, columns, figure) = flattening(values, what: "heatmap")
        guard rows > 0 else { return figure }
        let layer = ImageLayer(
            placement: .plane(x: x, y: y), tiles: [flat], rows: rows, columns: columns,
            palette: palette, colorRange: colorRange ?? palette.automaticRange(for: flat),
            showsColorBar: colorBar)
        return figure.editingPanel { panel in
            panel.images.append(layer)
            if panel.xRange.isAutomatic { panel.xRange = AxisRange(lower: x.lowerBound, upper: x.upperBound) }
            if panel.yRange.isAutomatic { panel.yRange = AxisRange(lower: y.lowerBound, upper: y.upperBound) }
        }
    }

    /// A matrix drawn as it is written on paper: row 0 on top, one coloured cell per entry,
    /// optionally showing its value, with rows and columns named or numbered from 0.
    ///
    ///     Figure("weights").matrix(w, palette: .diverging, cellLabels: .values(decimals: 2))
    public func matrix<T: BinaryFloatingPoint>(
        _ values: [[T]], palette: Palette = .blues,
        cellLabels: CellLabels = .hidden,
        rowNames: [String]? = nil, columnNames: [String]? = nil,
        colorRange: ClosedRange<Double>? = nil,
        colorBar: Bool? = nil
    ) -> Figure {
        let (flat, rows, columns, figure) = flattening(values, what: "matrix")
        guard rows > 0 else { return figure }
        var layer = ImageLayer(
            placement: .matrix(rowNames: rowNames, columnNames: columnNames), tiles: [flat],
            rows: rows, columns: columns, palette: palette,
            colorRange: colorRange ?? palette.automaticRange(for: flat),
            showsColorBar: colorBar ?? (cellLabels == .hidden))
        layer.cellLabels = cellLabels
        return figure.editingPanel { panel in
            panel.images.append(layer)
            panel.showsGrid = false
        }
    }

    /// A confusion matrix: row `t`, column `p` counts the examples of true class `t` predicted as
    /// class `p`. Correct answers line the diagonal; every bright cell off it is a confusion
    /// worth a look (a 4 taken for a 9?).
    ///
    ///     Figure("confusion", title: "Test set").confusionMatrix(counts, classNames: (0...9).map(String.init))
    public func confusionMatrix<T: BinaryInteger>(_ counts: [[T]], classNames: [String]? = nil) -> Figure {
        let values = counts.map { $0.map { Double($0) } }
        let largest = values.joined().max() ?? 1
        var figure = matrix(
            values, palette: .blues, cellLabels: .counts, rowNames: classNames,
            columnNames: classNames, colorRange: 0...max(largest, 1), colorBar: false)
        figure = figure.editingPanel { panel in
            if panel.xLabel == nil { panel.xLabel = "predicted class" }
            if panel.yLabel == nil { panel.yLabel = "true class" }
        }
        return figure
    }

    /// One picture, `width` × `height` pixels given row by row from the top (an MNIST digit is
    /// 28 × 28 = 784 values), with square pixels and no axes.
    ///
    ///     Figure("first-digit", title: "label: 5").image(images[0], width: 28, height: 28)
    public func image<C: Collection>(
        _ pixels: C, width: Int, height: Int, palette: Palette = .grey,
        colorRange: ClosedRange<Double>? = nil, colorBar: Bool? = nil
    ) -> Figure
    where C.Element: BinaryFloatingPoint {
        imageGrid(
            [pixels], width: width, height: height, columns: 1, palette: palette,
            colorRange: colorRange, colorBar: colorBar)
    }

    /// Several pictures of the same size in a grid, `columns` per row, with an optional title
    /// above each: a batch of digits with their labels, or the filters a convolution learned.
    /// All share one colour range, so equal values look equal in every picture. Without
    /// `width` and `height`, pictures are taken to be square (784 values: 28 × 28).
    ///
    ///     Figure("samples", title: "Training digits").imageGrid(batch, columns: 8, titles: labels.map(String.init))
    ///     Figure("filters", title: "conv1 filters").imageGrid(kernels, palette: .diverging)
    public func imageGrid<C: Collection>(
        _ images: [C], width: Int? = nil, height: Int? = nil,
        columns: Int? = nil, titles: [String]? = nil,
        palette: Palette = .grey, colorRange: ClosedRange<Double>? = nil,
        colorBar: Bool? = nil
    ) -> Figure
    where C.Element: BinaryFloatingPoint {
        var tiles = images.map { $0.map { Double($0) } }
        guard let first = tiles.first else { return noting("imageGrid: no images given") }
        var figure = self
        var pictureWidth = width ?? 0
        var pictureHeight = height ?? 0
        if width == nil || height == nil {
            let known = width ?? height
            if let known, known > 0 {
                pictureWidth = known
                pictureHeight = known
                if width == nil { pictureWidth = first.count / known } else { pictureHeight = first.count / known }
            } else {
                let side = Int(Double(first.count).squareRoot().rounded())
                guard side > 0, side * side == first.count else {
                    return noting("imageGrid: \(first.count) values is not a square picture; give width: and height:")
                }
                (pictureWidth, pictureHeight) = (side, side)
            }
        }
        guard pictureWidth > 0, pictureHeight > 0 else {
            return noting("imageGrid: pictures must be at least 1 × 1 pixel")
        }
        let size = pictureWidth * pictureHeight
        for index in tiles.indices where tiles[index].count != size {
            figure = figure.noting(
                "image \(index) has \(tiles[index].count) values, not \(pictureWidth) × \(pictureHeight) = \(size)")
            tiles[index] =
                Array(tiles[index].prefix(size)) + Array(repeating: .nan, count: max(0, size - tiles[index].count))
        }
        let perRow = min(tiles.count, max(1, columns ?? Int(Double(2 * tiles.count).squareRoot().rounded(.up))))
        let layer = ImageLayer(
            placement: .pictures(columns: perRow, titles: titles), tiles: tiles,
            rows: pictureHeight, columns: pictureWidth, palette: palette,
            colorRange: colorRange ?? palette.automaticRange(for: Array(tiles.joined())),
            showsColorBar: colorBar ?? palette.isDiverging)
        return figure.editingPanel { panel in
            panel.images.append(layer)
            panel.showsGrid = false
        }
    }

    /// `values` row by row, padded with NaN (drawn blank) when rows differ in length.
    private func flattening<T: BinaryFloatingPoint>(_ values: [[T]], what: String)
        -> (values: [Double], rows: Int, columns: Int, figure: Figure)
    {
        let columns = values.map(\.count).max() ?? 0
        guard !values.isEmpty, columns > 0 else { return ([], 0, 0, noting("\(what): no values given")) }
        var figure = self
        if values.contains(where: { $0.count != columns }) {
            figure = noting("\(what): rows have different lengths; short rows are padded with blanks")
        }
        var flat: [Double] = []
        flat.reserveCapacity(values.count * columns)
        for row in values {
            flat.append(contentsOf: row.lazy.map { Double($0) })
            flat.append(contentsOf: repeatElement(.nan, count: columns - row.count))
        }
        return (flat, values.count, columns, figure)
    }
}
