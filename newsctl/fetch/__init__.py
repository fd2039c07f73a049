"""Fetching from the web: urls given to `add` and `import`, feed subscriptions, `fetch`.

- http.py: one GET, politely and within limits (User-Agent, time and size limits,
  redirects, conditional requests, gzip/brotli, Retry-After). No database.
- documents.py: a response read by the import path like a file named by its url.
- discovery.py: the feed a web page advertises; opml.py: subscription lists in and out.
- subscriptions.py: the subscriptions table (newsctl.schema m006), written through
  Archive.write() like everything else.
- runner.py: `newsctl fetch`: due feeds fetched a few at a time, each imported through
  newsctl.importer, each outcome recorded.

Nothing here parses articles or writes them: fetched bytes go through the same parsers
and the same saving code as files. httpx is imported only by the commands that fetch.
"""
