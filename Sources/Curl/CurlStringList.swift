import CCurl

/// A libcurl string list (`curl_slist`) that an easy handle reads during its transfers, kept
/// alive, and rebuilt only when its contents change, across the transfers of that handle.
final class CurlStringList {
    private(set) var values: [String] = []
    private(set) var list: UnsafeMutablePointer<curl_slist>?

    deinit {
        curl_slist_free_all(list)
    }

    /// The list holding `values`, built anew only when they differ from the last ones.
    func holding(_ values: [String]) -> UnsafeMutablePointer<curl_slist>? {
        guard values != self.values else { return list }
        curl_slist_free_all(list)
        list = nil
        for value in values { list = curl_slist_append(list, value) }
        self.values = values
        return list
    }
}
