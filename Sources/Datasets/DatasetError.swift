/// Why a dataset could not be loaded. Every message names what is wrong, the file or folder
/// it is about, and how to fix it; a dataset that throws was not half-loaded.
///
///     do {
///         let train = try MNIST(train: true)
///     } catch {
///         print(error)        // e.g. "MNIST: 4 files are missing from /home/ada/.cache/torchlet/mnist ..."
///     }
public enum DatasetError: Error, CustomStringConvertible, Equatable {
    /// The file exists but could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file is not a valid IDX file, or not a valid `.gz` file: wrong magic number, wrong
    /// dimensions, too short or too long, a damaged gzip stream.
    case corrupt(path: String, reason: String)
    /// Each file is valid on its own, but the two do not belong together (an image file and a
    /// label file that disagree on the number of samples).
    case mismatch(images: String, labels: String, reason: String)
    /// Files of a dataset are not in `folder` and could not be downloaded. `attempts` says, per
    /// mirror and file, what went wrong (empty when downloading was switched off).
    case missingFiles(dataset: String, files: [String], folder: String, mirrors: [String], attempts: [String])
    /// A value passed to a loader is out of range (a negative limit, say).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "cannot read '\(path)': \(reason). Check that the file exists and may be read."
        case let .corrupt(path, reason):
            return "'\(path)' is corrupt: \(reason). Nothing was loaded from it. Delete the file so that it is "
                + "downloaded again, or replace it with a good copy."
        case let .mismatch(images, labels, reason):
            return "'\(images)' and '\(labels)' do not belong together: \(reason). Replace them with the two files "
                + "of the same dataset and split."
        case let .missingFiles(dataset, files, folder, mirrors, attempts):
            return missingFilesMessage(
                dataset: dataset, files: files, folder: folder, mirrors: mirrors,
                attempts: attempts)
        case let .invalidArgument(message):
            return message
        }
    }
}

/// The message for files that are neither on disk nor downloadable: which files, where to put
/// them, where to get them, and how to point the loader at another folder.
private func missingFilesMessage(
    dataset: String, files: [String], folder: String, mirrors: [String], attempts: [String]
) -> String {
    let count = files.count == 1 ? "1 file is" : "\(files.count) files are"
    var lines = [
        attempts.isEmpty
            ? "\(dataset): \(count) missing from \(folder) (downloading is switched off):"
            : "\(dataset): \(count) missing from \(folder) and could not be downloaded:"
    ]
    lines += files.map { "    \($0)" }
    if !attempts.isEmpty {
        lines.append("Tried:")
        lines += attempts.map { "    \($0)" }
    }
    lines.append("To fix this, do one of:")
    lines.append("  - connect to the network and run again (the files are downloaded and checked);")
    lines.append("  - download the files by hand from one of these mirrors:")
    lines += mirrors.map { "        \($0)" }
    lines.append("    and put them (as they are, .gz, or unpacked) in \(folder)/")
    lines.append("  - run with --data-dir FOLDER to use a folder that already holds them.")
    return lines.joined(separator: "\n")
}
