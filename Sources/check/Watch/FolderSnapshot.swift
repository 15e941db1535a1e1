import Foundation

/// What the files under a folder look like now: each file's path, size and modification time.
/// Two snapshots differ when a file was saved, added or removed, which is all the watch needs
/// to know, by polling (portable, and cheap for a folder of a dozen files).
struct FolderSnapshot: Equatable {
    struct File: Equatable {
        let path: String
        let size: Int
        let modified: Date
    }

    let files: [File]

    /// The files under `folder` (hidden files and editors' swap files left out), sorted by path.
    init(of folder: URL) {
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey, .isRegularFileKey]
        let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: keys,
            options: [.skipsHiddenFiles])
        var files: [File] = []
        while let url = enumerator?.nextObject() as? URL {
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true,
                !url.lastPathComponent.hasSuffix("~"), !url.lastPathComponent.hasSuffix(".swp")
            else { continue }
            files.append(
                File(
                    path: url.path, size: values.fileSize ?? 0,
                    modified: values.contentModificationDate ?? .distantPast))
        }
        self.files = files.sorted { $0.path < $1.path }
    }
}
