/// The leading fields of a record read back from a JSON Lines file: those before `elements` (or
/// `selections`), which is all that resuming and benchmarking need.
///
/// Every field but `url` may be missing or malformed, and is then left out on its own, so that
/// the output of a benchmark peer, written in the same shape with fewer fields, reads too.
package struct RecordHead: Decodable, Sendable {
    package var url: String
    package var ok = false
    package var bytes: Int?
    package var fetchMilliseconds: Double?
    package var parseMilliseconds: Double?

    private enum CodingKeys: String, CodingKey {
        case url, ok, bytes
        case fetchMilliseconds = "fetch_ms"
        case parseMilliseconds = "parse_ms"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        url = try container.decode(String.self, forKey: .url)
        ok = (try? container.decodeIfPresent(Bool.self, forKey: .ok)) == true
        bytes = try? container.decodeIfPresent(Int.self, forKey: .bytes)
        fetchMilliseconds = try? container.decodeIfPresent(Double.self, forKey: .fetchMilliseconds)
        parseMilliseconds = try? container.decodeIfPresent(Double.self, forKey: .parseMilliseconds)
    }
}
