import Foundation

extension Notebook {
    /// Writes `text` to a file named `name` in the lesson's output folder (`--plot-dir`,
    /// `plots/LessonNN` by default), creating the folder if needed, and returns its path.
    ///
    /// The file is written to a temporary name and then renamed, so an interrupted run never
    /// leaves half a file behind.
    @discardableResult
    public func save(_ text: String, as name: String) throws -> String {
        try FileManager.default.createDirectory(atPath: plotDirectory, withIntermediateDirectories: true)
        let path = (plotDirectory as NSString).appendingPathComponent(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
