/// The version reported by `scrape --version` and sent in the default User-Agent.
public enum ScrapeVersion {
    public static let current = "0.1.0"
}
