import Foundation
import SQLite

/// The frontier in an SQLite database on disk (WAL mode), so that neither the seen set nor the
/// queue lives in memory, and a crawl killed at any moment carries on from the file.
///
/// A page is waiting (0), taken by this run (1) or done (2: its record was written). Taken pages
/// of a run that was killed wait again when the file is next opened.
final class SQLiteFrontier: Frontier {
    private let database: SQLiteDatabase
    /// Removed when the frontier goes: a crawl without `--state`.
    private let temporaryPath: String?
    private let find: SQLiteStatement
    private let insert: SQLiteStatement
    private let nextTurn: SQLiteStatement
    private let move: SQLiteStatement
    private let waiting: SQLiteStatement
    private let markTaken: SQLiteStatement
    private let markDone: SQLiteStatement
    private let insertDone: SQLiteStatement

    /// Pages a `take` looks at, at most, to find ones whose hosts are not busy.
    private static let scanLimit = 4096

    /// Opens (or creates) the database at `path`; nil for a temporary one.
    init(path: String?) throws {
        let file = path ?? NSTemporaryDirectory() + "scrape-crawl-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sqlite"
        temporaryPath = path == nil ? file : nil
        database = try SQLiteDatabase(path: file)
        // WAL with NORMAL sync: a killed process loses nothing (the log is in the file), and a
        // commit costs no fsync. The page cache is bounded, so memory stays flat however big
        // the crawl grows.
        try database.execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA cache_size = -8192;
            CREATE TABLE IF NOT EXISTS pages (
                id INTEGER PRIMARY KEY,
                url TEXT NOT NULL UNIQUE,
                host TEXT NOT NULL,
                depth INTEGER NOT NULL,
                parent INTEGER,
                turn INTEGER NOT NULL,
                state INTEGER NOT NULL
            );
            CREATE INDEX IF NOT EXISTS waiting ON pages (depth, turn, id) WHERE state = 0;
            CREATE TABLE IF NOT EXISTS hosts (host TEXT PRIMARY KEY, pages INTEGER NOT NULL) WITHOUT ROWID;
            UPDATE pages SET state = 0 WHERE state = 1;
            """)
        find = try database.prepare("SELECT id, depth, state FROM pages WHERE url = ?")
        insert = try database.prepare("INSERT INTO pages (url, host, depth, parent, turn, state) VALUES (?, ?, ?, ?, ?, ?)")
        nextTurn = try database.prepare("""
            INSERT INTO hosts (host, pages) VALUES (?, 1) ON CONFLICT (host) DO UPDATE SET pages = pages + 1 RETURNING pages
            """)
        move = try database.prepare("UPDATE pages SET depth = ?, parent = ? WHERE id = ?")
        // Hosts take turns: a host's n-th page comes after every host's (n-1)-th of that depth.
        waiting = try database.prepare("""
            SELECT p.id, p.url, p.host, p.depth, q.url FROM pages p LEFT JOIN pages q ON q.id = p.parent
            WHERE p.state = 0 AND p.depth <= ? ORDER BY p.depth, p.turn, p.id LIMIT ?
            """)
        markTaken = try database.prepare("UPDATE pages SET state = 1 WHERE id = ?")
        markDone = try database.prepare("UPDATE pages SET state = 2 WHERE id = ?")
        insertDone = try database.prepare("INSERT OR IGNORE INTO pages (url, host, depth, parent, turn, state) VALUES (?, ?, 0, NULL, 0, 2)")
    }

    deinit {
        guard let temporaryPath else { return }
        for suffix in ["", "-wal", "-shm"] { unlink(temporaryPath + suffix) }
    }

    func waitingByDepth() throws -> [Int: Int] {
        var counts: [Int: Int] = [:]
        try database.prepare("SELECT depth, count(*) FROM pages WHERE state = 0 GROUP BY depth").query { row in
            counts[row.integer(0)] = row.integer(1)
            return true
        }
        return counts
    }

    func offer(_ urls: [FrontierURL], depth: Int, parent: Int?) throws -> [FrontierOffer] {
        try database.transaction {
            try urls.map { url in
                var known: (id: Int, depth: Int, state: Int)?
                try find.query(.text(url.url)) { row in
                    known = (row.integer(0), row.integer(1), row.integer(2))
                    return false
                }
                if let known {
                    guard known.state == 0, known.depth > depth else { return .known }
                    try move.run(.integer(depth), parent.map { .integer($0) } ?? .null, .integer(known.id))
                    return .moved(from: known.depth)
                }
                let turn = try nextTurn.integer(.text(url.host)) ?? 1
                try insert.run(.text(url.url), .text(url.host), .integer(depth), parent.map { .integer($0) } ?? .null,
                               .integer(turn), 0)
                return .added
            }
        }
    }

    func take(limit: Int, maxDepth: Int, admits: (String) -> Bool) throws -> [FrontierPage] {
        var pages: [FrontierPage] = []
        try waiting.query(.integer(maxDepth), .integer(Self.scanLimit)) { row in
            let host = row.text(2) ?? ""
            if admits(host) {
                let position = CrawlPosition(id: row.integer(0), depth: row.integer(3), parent: row.text(4), host: host)
                pages.append(FrontierPage(position: position, url: row.text(1) ?? "", host: host))
            }
            return pages.count < limit
        }
        guard !pages.isEmpty else { return [] }
        try database.transaction {
            for page in pages { try markTaken.run(.integer(page.position.id)) }
        }
        return pages
    }

    func contains(_ url: String) throws -> Bool {
        try find.integer(.text(url)) != nil
    }

    func complete(_ page: Int, redirects: [FrontierURL]) throws {
        guard !redirects.isEmpty else { return try markDone.run(.integer(page)) }
        try database.transaction {
            try markDone.run(.integer(page))
            for url in redirects { try insertDone.run(.text(url.url), .text(url.host)) }
        }
    }
}
