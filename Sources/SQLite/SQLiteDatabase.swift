import SystemSQLite

/// One connection to an SQLite database file.
///
/// Not thread-safe by itself (SQLite's multi-thread mode): its owner serialises every use, as
/// the crawl frontier does behind its lock.
public final class SQLiteDatabase: @unchecked Sendable {
    let handle: OpaquePointer

    /// Opens `path`, creating it if need be.
    public init(path: String) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw SQLiteError(code: code, description: "\(path): \(message)")
        }
        self.handle = handle
        // Another process holding the file (a second crawl on the same state) waits a little
        // rather than failing at once.
        sqlite3_busy_timeout(handle, 5000)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &error)
        guard code == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? "error \(code)"
            sqlite3_free(error)
            throw SQLiteError(code: code, description: message)
        }
    }

    /// A statement to run many times with different values.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code) }
        return SQLiteStatement(statement: statement, database: self)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// The row id the last INSERT gave.
    public var lastInsertedRowID: Int { Int(sqlite3_last_insert_rowid(handle)) }

    func error(_ code: Int32) -> SQLiteError {
        SQLiteError(code: code, description: String(cString: sqlite3_errmsg(handle)))
    }
}
