import Foundation

extension Notebook {
    /// The folder for the files a lesson writes besides its figures (a checkpoint, a graph):
    /// the plot folder, or with `--plot none` (and no `--page`), which promises nothing in
    /// `plots/`, a folder of this lesson's under the system's temporary folder.
    public var fileDirectory: String {
        guard plotOutputs.isEmpty, !options.page else { return plotDirectory }
        return (NSTemporaryDirectory() as NSString).appendingPathComponent("torchlet/\(lesson)")
    }

    /// Writes `text` to a file named `name` in the lesson's output folder (`fileDirectory`),
    /// creating the folder if needed, and returns its path.
    ///
    /// The file is written to a temporary name and then renamed, so an interrupted run never
    /// leaves half a file behind.
    @discardableResult
    public func save(_ text: String, as name: String) throws -> String {
        try FileManager.default.createDirectory(atPath: fileDirectory, withIntermediateDirectories: true)
        let path = (fileDirectory as NSString).appendingPathComponent(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
