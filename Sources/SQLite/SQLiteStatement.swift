import SystemSQLite

/// A prepared statement. Values are bound by position, from 1, as SQLite numbers them.
public final class SQLiteStatement: @unchecked Sendable {
    private let statement: OpaquePointer
    private let database: SQLiteDatabase

    /// A value to bind: SQLite's integers, text and NULL are all a crawl stores.
    public enum Value: Sendable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
        case integer(Int)
        case text(String)
        case null

        public init(integerLiteral value: Int) { self = .integer(value) }
        public init(stringLiteral value: String) { self = .text(value) }
    }

    init(statement: OpaquePointer, database: SQLiteDatabase) {
        self.statement = statement
        self.database = database
    }

    deinit {
        sqlite3_finalize(statement)
    }

    /// How many virtual-machine instructions SQLite has run for this statement since it was
    /// prepared: the work a query costs, counted rather than timed.
    public var instructions: Int {
        Int(sqlite3_stmt_status(statement, Int32(SQLITE_STMTSTATUS_VM_STEP), 0))
    }

    /// Runs the statement with `values` to completion, for its effect.
    public func run(_ values: Value...) throws {
        try bind(values)
        defer { sqlite3_reset(statement) }
        while try step() {}
    }

    /// Runs the statement with `values`, calling `row` for each row until it returns false.
    public func query(_ values: Value..., row: (Row) throws -> Bool) throws {
        try bind(values)
        defer { sqlite3_reset(statement) }
        while try step() {
            guard try row(Row(statement: statement)) else { break }
        }
    }

    /// The first row's value of column 0 as an integer, if there is a row.
    public func integer(_ values: Value...) throws -> Int? {
        try bind(values)
        defer { sqlite3_reset(statement) }
        return try step() ? Row(statement: statement).integer(0) : nil
    }

    private func bind(_ values: [Value]) throws {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        for (offset, value) in values.enumerated() {
            let position = Int32(offset + 1)
            let code: Int32
            switch value {
            case .integer(let number): code = sqlite3_bind_int64(statement, position, Int64(number))
            case .null: code = sqlite3_bind_null(statement, position)
            case .text(let text):
                // SQLITE_TRANSIENT: SQLite copies the text before this call returns.
                code = sqlite3_bind_text(statement, position, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            }
            guard code == SQLITE_OK else { throw database.error(code) }
        }
    }

    private func step() throws -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw database.error(code)
        }
    }

    /// The current row of a query, valid only inside the `query` callback.
    public struct Row {
        fileprivate let statement: OpaquePointer

        public func integer(_ column: Int32) -> Int {
            Int(sqlite3_column_int64(statement, column))
        }

        public func text(_ column: Int32) -> String? {
            guard let bytes = sqlite3_column_text(statement, column) else { return nil }
            return String(cString: bytes)
        }
    }
}
