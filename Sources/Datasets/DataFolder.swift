import Foundation

/// Where datasets live on disk when no folder is given: a per-user cache folder, following the
/// XDG convention that Linux desktops (and PyTorch's own cache) use.
///
///     DataFolder.cache(for: "mnist")    // "$XDG_CACHE_HOME/torchlet/mnist", or "~/.cache/torchlet/mnist"
public enum DataFolder {
    /// The per-user cache folder for the dataset `name`: `$XDG_CACHE_HOME/torchlet/<name>` when
    /// `XDG_CACHE_HOME` is set to an absolute path, else `~/.cache/torchlet/<name>`.
    public static func cache(for name: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return trimmedSlash(xdg) + "/torchlet/" + name
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return trimmedSlash(home) + "/.cache/torchlet/" + name
    }

    /// Whether `folder` holds each of `files`, as it is or unpacked (see `locate(_:in:)`).
    static func holds(_ files: [String], in folder: String) -> Bool {
        files.allSatisfy { locate($0, in: folder) != nil }
    }

    /// The path of the standard file `name` (e.g. `train-images-idx3-ubyte.gz`) in `folder`:
    /// the unpacked file (`train-images-idx3-ubyte`) if it is there, since it reads fastest,
    /// otherwise the `.gz`; `nil` if neither is.
    static func locate(_ name: String, in folder: String) -> String? {
        let unpacked = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
        for candidate in [unpacked, unpacked + ".gz"] {
            let path = trimmedSlash(folder) + "/" + candidate
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                return path
            }
        }
        return nil
    }

    /// Makes `folder` and any missing parents.
    static func create(_ folder: String) throws(DatasetError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .unreadable(path: folder, reason: "the folder cannot be created (\(error.localizedDescription))")
        }
    }
}

/// `path` without a trailing slash (but `/` stays `/`).
func trimmedSlash(_ path: String) -> String {
    path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
}
