/// One of N disjoint parts of a URL list, chosen by a stable hash of each URL, so that N machines
/// given the same list split the work between them with no coordinator.
///
/// Shards are numbered from 0, as Kubernetes numbers the pods of an Indexed Job. A URL listed
/// twice falls into the same shard both times; records keep their index in the whole list, so
/// the outputs of all shards merge back in list order.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// This shard's number, from 0 to `count - 1`.
    public let index: Int
    /// How many shards the list is split into.
    public let count: Int

    /// Fails unless `0 <= index < count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Reads `K/N`, e.g. `0/4`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    /// `K/N`, as the command line takes it.
    public var description: String { "\(index)/\(count)" }

    /// Whether `url` belongs to this shard; the same answer on every machine and every run.
    public func contains(_ url: String) -> Bool {
        contains(hash: FNV1a.hash64(url))
    }

    /// The same, given `FNV1a.hash64` of the URL (computed once when several checks need it).
    func contains(hash: UInt64) -> Bool {
        // The high half of hash x count is uniform over 0..<count once every bit of the hash
        // depends on every byte. FNV-1a alone leaves its top bits nearly blind to the last bytes,
        // where lists of similar URLs differ, hence the finalizer.
        Int(UInt64(count).multipliedFullWidth(by: Self.avalanche(hash)).high) == index
    }

    /// MurmurHash3's 64-bit finalizer.
    private static func avalanche(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash = hash &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }
}
