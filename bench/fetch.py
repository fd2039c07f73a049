"""`newsctl fetch` of many subscriptions on local servers: seconds and peak memory.

    python bench/fetch.py [--feeds 200] [--entries 20] [--hosts 10] [--latency 0.05]

Starts one HTTP server per loopback address (127.0.0.1, 127.0.0.2, ...: the per-host
limit applies per address, as it would per site), each serving its share of the feeds,
subscribes an empty archive to all of them, then times four runs of the installed
`newsctl fetch`, each a fresh process measured from outside (wall time, peak RSS):

1. first fetch: every entry is new;
2. again, with validators: every feed answers 304 Not Modified;
3. again, the servers ignoring validators: every feed is read, every entry unchanged;
4. again, a new entry in every feed.

`--latency` delays every response (seconds), as a distant server would. The servers run
in this process, on the same cores as newsctl. Nothing leaves the machine.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from run import NEWSCTL, run_process  # noqa: E402

from tests.webserver import Reply, Request, Site, items, rss  # noqa: E402

BODY = (
    "The council met on Tuesday and agreed the plan for the harbour front, after a long "
    "debate about the cost of the sea wall and the future of the old ferry terminal. "
) * 4


class Feeds:
    """The feeds' bodies, versions and ETags; validators honoured unless told not to."""

    def __init__(self, entries: int, latency: float):
        self.entries = entries
        self.latency = latency
        self.extra = 0
        self.honour_validators = True

    def body(self, number: int) -> bytes:
        listed = items(f"feed{number}", self.entries + self.extra, body=BODY)
        return rss(f"Feed {number}", listed[::-1], link=f"https://site{number}.example/")

    def handler(self, number: int):
        def answer(request: Request) -> Reply:
            time.sleep(self.latency)
            etag = f'"{number}-{self.extra}"'
            if self.honour_validators and request.headers.get("if-none-match") == etag:
                return Reply(304, headers={"ETag": etag})
            headers = {"Content-Type": "application/rss+xml", "ETag": etag}
            return Reply(200, self.body(number), headers)

        return answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=20, help="entries per feed")
    parser.add_argument("--hosts", type=int, default=10, help="loopback addresses to serve on")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per response")
    parser.add_argument("--jobs", type=int, default=8)
    args = parser.parse_args()

    feeds = Feeds(args.entries, args.latency)
    sites = [Site(f"127.0.0.{n + 1}") for n in range(args.hosts)]
    folder = Path(tempfile.mkdtemp(prefix="newsctl-fetch-bench-"))
    env = {"NEWSCTL_DB": str(folder / "archive.db")}
    try:
        urls = [
            sites[n % args.hosts].route(f"/feed{n}.xml", feeds.handler(n))
            for n in range(args.feeds)
        ]
        opml = folder / "feeds.opml"
        opml.write_text(
            "<opml version='2.0'><body>"
            + "".join(f"<outline type='rss' xmlUrl='{url}'/>" for url in urls)
            + "</body></opml>"
        )
        run_process([NEWSCTL, "feeds", "import", str(opml)], env)
        fetch = [NEWSCTL, "fetch", "--all", "--quiet", "--jobs", str(args.jobs)]
        print(
            f"newsctl fetch of {args.feeds} feeds x {args.entries} entries on {args.hosts} "
            f"hosts, {args.latency * 1000:g} ms latency, {os.cpu_count()} cores"
        )
        print(f"{'run':<44} {'seconds':>8} {'peak MB':>8}")

        def measure(label: str) -> None:
            seconds, peak = run_process(fetch, env)
            print(f"{label:<44} {seconds:>8.2f} {peak:>8}")

        measure("1. first fetch (every entry new)")
        measure("2. again: 304 Not Modified")
        feeds.honour_validators = False
        measure("3. again, validators ignored: all unchanged")
        feeds.extra = 1
        measure("4. again, one new entry in every feed")
    finally:
        for site in sites:
            site.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
