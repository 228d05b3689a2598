import CCurl

/// libcurl's global state, set up once before any handle exists (curl_global_init is not thread-safe).
enum CurlGlobal {
    static let initialized: Void = {
        _ = curl_global_init(Int(CURL_GLOBAL_ALL))
    }()
}
