"""The URL list format shared by the peers: one URL a line, blanks and # comments skipped."""


def urls_in(path):
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line
