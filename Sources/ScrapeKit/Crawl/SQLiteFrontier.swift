import SQLite

/// The frontier in an SQLite database on disk (WAL mode with `--state`), so that neither the seen
/// set nor the queue lives in memory, and a crawl killed at any moment carries on from the file.
///
/// A page is waiting (0) or done (2: its record was written); which waiting pages this run has
/// taken is kept in memory (they are at most the pages in flight), so that handing a page out
/// costs no write, and pages a killed run had taken simply wait again. (State 1, taken, is what
/// earlier versions wrote; it reads as waiting.)
final class SQLiteFrontier: Frontier {
    private let database: SQLiteDatabase
    /// A temporary frontier stays in one transaction from start to end: nothing must survive a
    /// crash, and each commit would write the pages it changed (a crawl's every page adds its
    /// links), where held open they are written only as the bounded page cache spills.
    private let holdsOneTransaction: Bool
    private let find: SQLiteStatement
    private let insert: SQLiteStatement
    private let move: SQLiteStatement
    /// A host's waiting pages after its cursor: those at the cursor's depth, then deeper ones.
    /// Two index ranges, since SQLite reads a row-value bound `(depth, id) > (?, ?)` as
    /// `depth >= ?` and would scan the cursor's whole level on every take.
    private let waitingAtDepth: SQLiteStatement
    private let waitingDeeper: SQLiteStatement
    /// Pages this run has handed out and not yet completed, by host, and each one's host.
    private var taken: [String: Set<Int>] = [:]
    private var hostOfTaken: [Int: String] = [:]
    /// Where each host's last `take` stopped, in (depth, id) order. The pages before it are taken
    /// (the database still has them waiting), so the next take starts after them instead of
    /// reading them again each time.
    private var cursors: [String: (depth: Int, id: Int)] = [:]
    private let markDone: SQLiteStatement
    private let insertDone: SQLiteStatement

    /// Opens (or creates) the database at `path`; nil for a temporary one: SQLite's own (the
    /// empty name), a file it unlinks as soon as it has opened it, so that even a crawl killed
    /// with SIGKILL leaves nothing behind. (On disk as long as SQLite was built with its default
    /// `SQLITE_TEMP_STORE` of 1, as Debian's is; a build that keeps temporary databases in memory
    /// would hold the frontier there.)
    init(path: String?) throws {
        database = try SQLiteDatabase(path: path ?? "")
        holdsOneTransaction = path == nil
        // WAL with NORMAL sync: a killed process loses nothing (the log is in the file), and a
        // commit costs no fsync. A temporary database dies with the run, so it keeps no log at
        // all and, in its one transaction, is written only as its page cache spills. The page
        // cache is bounded, so memory stays flat however big the crawl grows.
        let durability = path == nil
            ? "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;"
            : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
        try database.execute(durability + """
            PRAGMA cache_size = -8192;
            CREATE TABLE IF NOT EXISTS pages (
                id INTEGER PRIMARY KEY,
                url TEXT NOT NULL UNIQUE,
                host TEXT NOT NULL,
                depth INTEGER NOT NULL,
                parent INTEGER,
                state INTEGER NOT NULL
            );
            CREATE INDEX IF NOT EXISTS waiting ON pages (host, depth, id) WHERE state = 0;
            UPDATE pages SET state = 0 WHERE state = 1;
            """)
        find = try database.prepare("SELECT id, depth, state FROM pages WHERE url = ?")
        insert = try database.prepare("INSERT INTO pages (url, host, depth, parent, state) VALUES (?, ?, ?, ?, 0)")
        move = try database.prepare("UPDATE pages SET depth = ?, parent = ? WHERE id = ?")
        let waitingColumns = "SELECT p.id, p.url, p.depth, q.url FROM pages p LEFT JOIN pages q ON q.id = p.parent"
        waitingAtDepth = try database.prepare(waitingColumns + """
             WHERE p.state = 0 AND p.host = ? AND p.depth = ? AND p.id > ? ORDER BY p.id LIMIT ?
            """)
        waitingDeeper = try database.prepare(waitingColumns + """
             WHERE p.state = 0 AND p.host = ? AND p.depth > ? AND p.depth <= ? ORDER BY p.depth, p.id LIMIT ?
            """)
        markDone = try database.prepare("UPDATE pages SET state = 2 WHERE id = ?")
        insertDone = try database.prepare("INSERT OR IGNORE INTO pages (url, host, depth, parent, state) VALUES (?, ?, 0, NULL, 2)")
        if holdsOneTransaction { try database.execute("BEGIN") }
    }

    func waiting() throws -> [String: [Int: Int]] {
        var counts: [String: [Int: Int]] = [:]
        try database.prepare("SELECT host, depth, count(*) FROM pages WHERE state = 0 GROUP BY host, depth").query { row in
            counts[row.text(0) ?? "", default: [:]][row.integer(1)] = row.integer(2)
            return true
        }
        return counts
    }

    func apply(_ changes: [FrontierChange]) throws -> [[FrontierOffer]] {
        let applyAll = {
            try changes.map { change in
                switch change {
                case .offer(let urls, let depth, let parent):
                    return try urls.map { try self.offer($0, depth: depth, parent: parent) }
                case .complete(let page, let redirects):
                    try self.complete(page, redirects: redirects)
                    return []
                }
            }
        }
        return try holdsOneTransaction ? applyAll() : database.transaction(applyAll)
    }

    private func offer(_ url: FrontierURL, depth: Int, parent: Int?) throws -> FrontierOffer {
        var known: (id: Int, depth: Int, state: Int)?
        try find.query(.text(url.url)) { row in
            known = (row.integer(0), row.integer(1), row.integer(2))
            return false
        }
        if let known {
            guard known.state != 2, known.depth > depth, !isTaken(known.id, of: url.host) else { return .known }
            try move.run(.integer(depth), parent.map { .integer($0) } ?? .null, .integer(known.id))
            // A page moved up may now stand before its host's cursor: start there next time.
            if let cursor = cursors[url.host], (depth, known.id) <= cursor { cursors[url.host] = (depth, known.id - 1) }
            return .moved(from: known.depth)
        }
        try insert.run(.text(url.url), .text(url.host), .integer(depth), parent.map { .integer($0) } ?? .null)
        return .added
    }

    private func isTaken(_ page: Int, of host: String) -> Bool {
        taken[host]?.contains(page) == true
    }

    private func complete(_ page: Int, redirects: [FrontierURL]) throws {
        if let host = hostOfTaken.removeValue(forKey: page) {
            taken[host]?.remove(page)
            if taken[host]?.isEmpty == true { taken[host] = nil }
        }
        try markDone.run(.integer(page))
        for url in redirects { try insertDone.run(.text(url.url), .text(url.host)) }
    }

    func take(_ limit: Int, of host: String, maxDepth: Int) throws -> [FrontierPage] {
        var pages: [FrontierPage] = []
        let already = taken[host] ?? []
        let cursor = cursors[host] ?? (-1, 0)
        let collect = { (row: SQLiteStatement.Row) -> Bool in
            let id = row.integer(0)
            guard !already.contains(id) else { return true }
            pages.append(FrontierPage(position: CrawlPosition(id: id, depth: row.integer(2), parent: row.text(3), host: host),
                                      url: row.text(1) ?? ""))
            return pages.count < limit
        }
        if cursor.depth >= 0, cursor.depth <= maxDepth {
            try waitingAtDepth.query(.text(host), .integer(cursor.depth), .integer(cursor.id), .integer(limit + already.count),
                                     row: collect)
        }
        if pages.count < limit {
            try waitingDeeper.query(.text(host), .integer(cursor.depth), .integer(maxDepth), .integer(limit + already.count),
                                    row: collect)
        }
        if let last = pages.last?.position { cursors[host] = (last.depth, last.id) }
        for page in pages {
            taken[host, default: []].insert(page.position.id)
            hostOfTaken[page.position.id] = host
        }
        return pages
    }

    /// The SQLite instructions the frontier's takes have cost, so a test can bound their work.
    var takeInstructions: Int { waitingAtDepth.instructions + waitingDeeper.instructions }

    func contains(_ url: String) throws -> Bool {
        try find.integer(.text(url)) != nil
    }
}
