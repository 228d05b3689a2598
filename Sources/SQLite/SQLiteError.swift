/// A statement SQLite would not prepare or run, in SQLite's own words.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// SQLite's result code (`SQLITE_BUSY`, `SQLITE_FULL`, ...).
    public let code: Int32
    public let description: String
}
