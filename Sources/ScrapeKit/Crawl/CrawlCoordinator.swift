import DequeModule
import Foundation
import WHATWGURL

/// A crawl's shared state, between the stages it links: it feeds the fetch stage from the
/// frontier, takes the links the parse stage found back into it, judges redirect hops, and marks
/// pages done once their records are written.
///
/// **Exact depth.** A page's depth is final once no page two or more levels above it is still
/// unparsed: only those could still link to it by a shorter path. So a page at depth d is handed
/// out only when every page at depth d - 2 or less is parsed, and the crawl fetches exactly the
/// pages within `--max-depth`, with their shortest depths, whatever the timing. Two levels are in
/// flight at once, so a level's slowest pages hold back only the level after next.
///
/// **Hosts take turns.** Hosts with pages waiting form a ring; each hand-out goes round it, taking
/// from each host at most what its free `--per-host` slots allow, so one host with a long queue,
/// or a slow or paced one, never fills the fetch stage while others wait. The pages stay on disk;
/// what is kept in memory is a count per host and depth.
///
/// **Group commit.** Changes to the frontier (a page's links, a page done) go into a journal;
/// whichever thread finds no write under way applies everything the journal holds at once (in one
/// transaction, for a frontier kept with `--state`), its own change and those that arrived
/// meanwhile, so the parse threads do not queue for the database one page at a time.
final class CrawlCoordinator: RedirectGuard, @unchecked Sendable {
    // @unchecked: every mutable field is guarded by `condition`, and the frontier by `database`.
    private let condition = NSCondition()
    private let database = NSLock()
    private let frontier: any Frontier
    private let options: CrawlOptions
    private var scope: CrawlScope
    /// Pages handed out at once to one host, at most: its `--per-host` slots, so that a slow or
    /// paced host never fills the fetch stage while others wait.
    private let perHost: Int
    /// A host's pages are handed out once this many of its slots are free (a quarter), not one
    /// at a time as each page is parsed: a take from the database, a wake-up of the fetch loop
    /// and a turn of its poll then serve several pages, and that overhead was most of what a
    /// crawl cost beyond a list of the same pages when pages come fast. See `takeInTurn`.
    private let batch: Int
    /// Hosts with some slots free but fewer than a batch, and since when.
    private var passedOver: [String: ContinuousClock.Instant] = [:]

    /// Pages not yet parsed (waiting, or handed out and not back), by depth.
    private var unparsed: [Int: Int] = [:]
    private var waiting = 0
    /// Pages waiting, by host and depth.
    private var waitingByHost: [String: [Int: Int]] = [:]
    /// Hosts with pages waiting, in the order they get their next turn, each once.
    private var ring = Deque<String>()
    private var inRing: Set<String> = []
    /// Pages handed out and not yet parsed, by host.
    private var inFlight: [String: Int] = [:]
    /// Redirect targets that a page's transfer reached, which count as fetched with that page:
    /// URL to the page, and each page's targets, until its record is written.
    private var claims: [String: Int] = [:]
    private var claimsByPage: [Int: [FrontierURL]] = [:]
    private var handedOut = 0
    private var statistics = CrawlStatistics()
    private var failure: (any Error)?
    private var cancelled = false
    /// Changes waiting for the next transaction, each with the depth of the page whose parse it
    /// finishes (that page stops counting as unparsed once its links are in).
    private var journal: [(change: FrontierChange, parsed: Int?)] = []
    private var writing = false
    /// URLs offered and not yet in the frontier (in the journal, or in the batch being written),
    /// which a redirect must not claim.
    private var offered: [String: Int] = [:]

    init(options: CrawlOptions, perHost: Int) throws {
        self.options = options
        self.perHost = max(1, perHost)
        batch = max(1, self.perHost / 4)
        scope = try CrawlScope(options: options)
        frontier = try SQLiteFrontier(path: options.statePath)
        for (host, depths) in try frontier.waiting() {
            // Pages an earlier run found deeper than this run's --max-depth stay where they are.
            for (depth, count) in depths where depth <= options.maxDepth {
                unparsed[depth, default: 0] += count
                waiting += count
                addWaiting(host: host, depth: depth, count)
            }
        }
    }

    /// Which links the parse stage collects.
    var following: LinkFollowing { options.following }

    /// Whether the crawl is seeded from sitemaps too (`--sitemaps`).
    var readsSitemaps: Bool { options.sitemaps }

    /// `--max-depth`: the links of pages this deep lead nowhere the crawl goes.
    var maxDepth: Int { options.maxDepth }

    /// Why the crawl's state could not be kept (a full disk, a locked file); the crawl stopped.
    var error: (any Error)? { condition.withLock { failure } }

    /// The counts so far.
    var currentStatistics: CrawlStatistics {
        condition.withLock {
            var current = statistics
            current.waiting = waiting
            return current
        }
    }

    func cancel() {
        condition.withLock {
            cancelled = true
            condition.broadcast()
        }
    }

    // MARK: Feeding the fetch stage

    /// The stage before fetching: adds the seeds, then hands out pages as they become ready,
    /// each once admitted, until none is left or may come (or `--max-pages` is reached).
    /// - Parameter sitemaps: reads the seed sites' sitemaps, under `--sitemaps`.
    func feed(seeds: URLSource, sitemaps: SitemapSeeds?, admission: Admission, into fetchQueue: BlockingQueue<InputURL>) {
        defer { fetchQueue.close() }
        guard let origins = addSeeds(seeds) else { return }
        if let sitemaps {
            sitemaps.collect(from: origins) { [self] urls in
                let (seeds, refused) = sift(urls.map(FrontierURL.init))
                condition.withLock {
                    statistics.countRefused(refused)
                    commit(.offer(seeds, depth: 0, parent: nil))
                }
            }
        }
        var sequence = 0
        while true {
            let pages = nextPages()
            guard !pages.isEmpty else { return }
            for page in pages {
                var input = InputURL(index: page.position.id - 1, url: page.url)
                input.sequence = sequence
                input.crawl = page.position
                input.checked = FetchPolicy.validate(page.url)
                sequence += 1
                guard admission.enter(), fetchQueue.push(input) else { return }
            }
        }
    }

    /// Seeds go in at depth 0, in batches, and widen the scope to their sites. A line that is not
    /// an http(s) URL goes in as written, to get its record (`invalid_url`, `unsupported_scheme`)
    /// from the fetch stage like any page.
    /// - Returns: the seeds' origins (`scheme://host[:port]`), or nil when the frontier failed.
    private func addSeeds(_ seeds: URLSource) -> [String]? {
        var batch: [FrontierURL] = []
        var origins: [String] = []
        var known: Set<String> = []
        func flush() -> Bool {
            defer { batch.removeAll(keepingCapacity: true) }
            return condition.withLock {
                commit(.offer(batch, depth: 0, parent: nil))
                return failure == nil
            }
        }
        for input in seeds {
            if let url = WebURL(input.url), url.isHTTP {
                condition.withLock { scope.add(seed: url) }
                if known.insert(url.origin).inserted { origins.append(url.origin) }
                batch.append(FrontierURL(url))
            } else {
                batch.append(FrontierURL(url: input.url, host: ""))
            }
            if batch.count == 1000, !flush() { return nil }
        }
        return flush() ? origins : nil
    }

    /// Applies `change` to the frontier, with every change that arrives while a write is under
    /// way, in one transaction. Called with `condition` held, which it lets go while the
    /// database works.
    /// - Parameters:
    ///   - depth: the depth of the page whose parse `change` finishes.
    ///   - waits: return only once the change is applied (or the frontier failed); otherwise a
    ///     write under way takes it along, and the caller goes on.
    private func commit(_ change: FrontierChange, finishingParseAt depth: Int? = nil, waits: Bool = true) {
        journal.append((change, depth))
        if case .offer(let urls, _, _) = change {
            for url in urls { offered[url.url, default: 0] += 1 }
        }
        if writing {
            while waits && writing && failure == nil { condition.wait() }
            return
        }
        writing = true
        while !journal.isEmpty && failure == nil {
            let batch = journal
            journal = []
            condition.unlock()
            let applied = Result { try database.withLock { try frontier.apply(batch.map(\.change)) } }
            condition.lock()
            switch applied {
            case .success(let offers):
                for ((change, parsed), offers) in zip(batch, offers) {
                    if case .offer(let urls, let depth, _) = change { account(offers, of: urls, at: depth) }
                    if let parsed { unparsed[parsed, default: 0] -= 1 }
                }
            case .failure(let error):
                failure = failure ?? error
            }
            for case (.offer(let urls, _, _), _) in batch {
                for url in urls {
                    offered[url.url, default: 1] -= 1
                    if offered[url.url] == 0 { offered[url.url] = nil }
                }
            }
        }
        writing = false
        condition.broadcast()
    }

    /// Counts what an offer of `urls` at `depth` did.
    private func account(_ offers: [FrontierOffer], of urls: [FrontierURL], at depth: Int) {
        for (url, offer) in zip(urls, offers) {
            switch offer {
            case .added:
                unparsed[depth, default: 0] += 1
                waiting += 1
                addWaiting(host: url.host, depth: depth, 1)
                statistics.discovered += 1
            case .moved(let from):
                unparsed[from, default: 0] -= 1
                unparsed[depth, default: 0] += 1
                addWaiting(host: url.host, depth: from, -1)
                addWaiting(host: url.host, depth: depth, 1)
            case .known:
                // A seed given again (a resumed crawl reads its list again) is no link.
                if depth > 0 { statistics.alreadySeen += 1 }
            }
        }
    }

    /// The next pages to fetch, waiting until some are ready; none when the crawl is over.
    private func nextPages() -> [FrontierPage] {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && failure == nil {
            let left = options.maxPages.map { $0 - handedOut } ?? Int.max
            guard left > 0, let shallowest = unparsed.filter({ $0.value > 0 }).keys.min(), shallowest <= options.maxDepth else {
                return []
            }
            do {
                let pages = try takeInTurn(min(64, left), maxDepth: min(shallowest + 1, options.maxDepth))
                if !pages.isEmpty {
                    handedOut += pages.count
                    return pages
                }
            } catch {
                failure = error
                return []
            }
            // Until a parse frees more slots, or the first host passed over has waited enough.
            if let first = passedOver.values.min() {
                let wait = max(.microseconds(100), ContinuousClock.now.duration(to: first + Self.batchPatience))
                _ = condition.wait(until: Date(timeIntervalSinceNow: wait.seconds))
            } else {
                condition.wait()
            }
        }
        return []
    }

    /// The host's slots not held by a page handed out and not yet parsed.
    private func freeSlots(of host: String) -> Int {
        perHost - inFlight[host, default: 0]
    }

    /// How long a host's free slots may wait for a batch to form: a small part of any network
    /// latency, and far longer than a batch takes to form when pages come fast.
    private static let batchPatience = Duration.milliseconds(2)

    /// Up to `limit` pages no deeper than `maxDepth`, going once round the ring of hosts.
    ///
    /// A host's pages go out a batch at a time: once `batch` of its slots are free, or once some
    /// have been free for `batchPatience` (`passedOver` keeps since when), so no slot waits
    /// longer than that, however busy the other hosts keep the frontier.
    private func takeInTurn(_ limit: Int, maxDepth: Int) throws -> [FrontierPage] {
        var pages: [FrontierPage] = []
        let now = ContinuousClock.now
        for _ in 0..<ring.count where pages.count < limit {
            let host = ring.removeFirst()
            guard let depths = waitingByHost[host] else {
                inRing.remove(host)
                passedOver[host] = nil
                continue
            }
            ring.append(host)
            let room = freeSlots(of: host)
            guard room > 0, depths.keys.contains(where: { $0 <= maxDepth }) else {
                passedOver[host] = nil
                continue
            }
            if room < batch {
                let since = passedOver[host] ?? now
                passedOver[host] = since
                guard since + Self.batchPatience <= now else { continue }
            }
            passedOver[host] = nil
            let taken = try database.withLock { try frontier.take(min(room, limit - pages.count), of: host, maxDepth: maxDepth) }
            inFlight[host, default: 0] += taken.count
            waiting -= taken.count
            for page in taken { addWaiting(host: host, depth: page.position.depth, -1) }
            pages += taken
        }
        return pages
    }

    /// Adds `count` (or takes it away, when negative) to the pages of `host` waiting at `depth`,
    /// putting the host into the ring when it gets its first, and out when it has none.
    private func addWaiting(host: String, depth: Int, _ count: Int) {
        if count > 0 && inRing.insert(host).inserted { ring.append(host) }
        // Changed in place: a copy of the host's counts, changed and stored back, copied them
        // for every link.
        waitingByHost[host, default: [:]][depth, default: 0] += count
        guard waitingByHost[host]![depth] == 0 else { return }
        waitingByHost[host]![depth] = nil
        // A host left without pages drops out of the ring the next time its turn comes.
        if waitingByHost[host]!.isEmpty { waitingByHost[host] = nil }
    }

    // MARK: Taking links back

    /// A page came back from the fetch stage (fetched, refused or failed) and was parsed: its
    /// in-scope links within the depth limit go into the frontier, one level below it.
    /// - Parameter nofollow: the page's `<meta name="robots">` forbade following its links.
    func parsed(_ page: FetchedPage, links: [FrontierURL], nofollow: Bool) {
        guard let position = page.input.crawl else { return }
        let follows = !nofollow && !(options.following.honoursNofollow && page.robotsTag.map { LinkFollowing.forbidsFollowing($0) } == true)
        let depth = position.depth + 1
        // Judged before taking the lock: the scope is fixed once the seeds are in.
        let (candidates, refused) = sift(follows ? links : [])
        condition.lock()
        defer { condition.unlock() }
        inFlight[position.host, default: 1] -= 1
        if inFlight[position.host] == 0 { inFlight[position.host] = nil }
        statistics.countRefused(refused)
        if position.depth >= options.maxDepth { statistics.pagesAtMaxDepth += 1 }
        if !follows { statistics.nofollowPages += 1 }
        let unclaimed = candidates.filter { claims[$0.url] == nil }
        statistics.alreadySeen += candidates.count - unclaimed.count
        guard !unclaimed.isEmpty else {
            unparsed[position.depth, default: 0] -= 1
            // The frontier thread is the only one waiting for this, and only for these changes:
            // its host's first free slot (its patience starts), a batch of them, the last page of
            // a level. In between it waits on its own clock, so waking it would find nothing.
            let room = freeSlots(of: position.host)
            if room == 1 || room == batch || unparsed[position.depth] == 0 { condition.broadcast() }
            return
        }
        commit(.offer(unclaimed, depth: depth, parent: position.id), finishingParseAt: position.depth, waits: false)
    }

    /// The pages of `pages` that the crawl may add, and how many it may not, by reason: too long,
    /// out of scope. (The links of pages at `--max-depth` are not read at all.)
    private func sift(_ pages: [FrontierURL]) -> ([FrontierURL], CrawlStatistics) {
        var kept: [FrontierURL] = []
        var refused = CrawlStatistics()
        for page in pages {
            if page.url.utf8.count > options.maxURLBytes {
                refused.tooLong += 1
            } else if !scope.contains(page) {
                refused.outOfScope += 1
            } else {
                kept.append(page)
            }
        }
        return (kept, refused)
    }

    // MARK: Redirects

    func refusal(of hop: WebURL, redirecting attempt: Attempt) -> ScrapeError? {
        guard let position = attempt.input.crawl else { return nil }
        let target = FrontierURL(hop)
        let url = target.url
        // The scope is fixed once the seeds are in; a page the frontier knows stays known. Both
        // are asked without holding the crawl's state, since this runs on the fetch loop.
        guard hop.isHTTP, scope.contains(target) else {
            return ScrapeError(.outOfScope, "redirected to \(url), outside the crawl's scope (--scope \(scope.kind.rawValue))")
        }
        do {
            if try database.withLock({ try frontier.contains(url) }) { return Self.duplicate(url, of: attempt) }
        } catch {
            return stateFailure(error)
        }
        condition.lock()
        defer { condition.unlock() }
        if let page = claims[url] {
            // The same page's transfer, tried again, may take its own redirect again.
            return page == position.id ? nil : ScrapeError(.duplicate, "redirected to \(url), which another page's redirect reached")
        }
        if offered[url] != nil { return Self.duplicate(url, of: attempt) }
        // Asked again now that no offer can slip in between (rare: a hop to a page not seen yet).
        do {
            if try database.withLock({ try frontier.contains(url) }) { return Self.duplicate(url, of: attempt) }
        } catch {
            failure = failure ?? error
            return Self.unreadable(error)
        }
        claims[url] = position.id
        claimsByPage[position.id, default: []].append(target)
        return nil
    }

    /// The refusal of a hop to `url`, which the crawl fetches, or fetched, as a page of its own.
    private static func duplicate(_ url: String, of attempt: Attempt) -> ScrapeError {
        url == attempt.input.url
            ? ScrapeError(.duplicate, "redirect loop: redirected back to \(url)")
            : ScrapeError(.duplicate, "redirected to \(url), a page the crawl fetches as its own")
    }

    private func stateFailure(_ error: any Error) -> ScrapeError {
        condition.withLock { failure = failure ?? error }
        return Self.unreadable(error)
    }

    private static func unreadable(_ error: any Error) -> ScrapeError {
        ScrapeError(.io, "the crawl's state could not be read: \(error)")
    }

    // MARK: Records written

    /// The record of a page has been written: the page is done, so a later run with the same
    /// state does not fetch it again. Records of pages the run was interrupted on are not: a
    /// later run fetches those.
    func written(_ record: Record) {
        guard record.depth != nil, record.error?.kind != .interrupted else { return }
        let id = record.index + 1
        condition.withLock {
            let redirects = claimsByPage.removeValue(forKey: id) ?? []
            // A page a redirect reached must be known done at once, and a crawl that may be
            // resumed (`--state`) must record each page as it is written. A temporary frontier
            // outlives nothing: its completions wait for the next write, or for 256 of them, so
            // that one pass over the database carries many, not one each. (Pages taken are kept
            // out of the next takes in memory meanwhile.)
            if redirects.isEmpty, options.statePath == nil, !writing, journal.count < 255 {
                journal.append((.complete(id, redirects: []), nil))
                return
            }
            // Not waiting for a write under way: it takes this along, within milliseconds.
            commit(.complete(id, redirects: redirects), waits: false)
            for target in redirects { claims[target.url] = nil }
        }
    }
}
