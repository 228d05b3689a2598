/// The version reported by `scrape --version` and sent in the default User-Agent.
public enum ScrapeVersion {
    /// Semantic version of the tool and library.
    public static let current = "0.1.0"
}
