import Foundation

/// A file as the system knows it, device and inode: two paths (or a path and standard input)
/// name the same file when these match, whatever the names say.
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64
    /// The file type bits of `st_mode` (`S_IFREG`, `S_IFDIR`, `S_IFIFO`, ...).
    let type: UInt32

    /// The file at `path`, links followed; nil when there is none.
    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(status)
    }

    /// The file open as `descriptor`.
    init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        self.init(status)
    }

    private init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        type = UInt32(status.st_mode) & UInt32(S_IFMT)
    }

    var isRegular: Bool { type == UInt32(S_IFREG) }
    var isDirectory: Bool { type == UInt32(S_IFDIR) }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.device == rhs.device && lhs.inode == rhs.inode
    }
}
