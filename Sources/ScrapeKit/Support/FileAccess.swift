import Foundation

/// Whether a file an option names can be read, checked before a run so that a typo is a usage
/// error rather than a run that quietly goes without it.
package enum FileAccess {
    /// `path` is a file (not a directory) this process may read.
    package static func isReadableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isReadableFile(atPath: path)
    }
}
