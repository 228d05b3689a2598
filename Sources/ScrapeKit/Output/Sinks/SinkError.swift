import ScrapeSystem

/// Why a sink could not keep a record: the file or directory, and the system's reason.
public struct SinkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the failure concerns, when there is one.
    public var path: String?
    /// The `errno` of the failed call.
    public var code: Int32

    public init(path: String? = nil, code: Int32) {
        self.path = path
        self.code = code
    }

    init(path: String? = nil, _ failure: SystemError) {
        self.init(path: path, code: failure.code)
    }

    public var description: String {
        let reason = SystemError(code: code).description
        return path.map { "\($0): \(reason)" } ?? reason
    }
}
