"""Removes the loader Trunk injects into the demo page: the widget loads itself through
case-widget.js (an external module, allowed by a strict Content-Security-Policy), so the
page must carry no inline script and no preloads pointing at the wrong folder."""
import os
import pathlib
import re

page = pathlib.Path(os.environ["TRUNK_STAGING_DIR"]) / "index.html"
html = page.read_text(encoding="utf-8")
html = re.sub(r"<script type=\"module\">\s*import init.*?</script>", "", html, flags=re.S)
html = re.sub(r"<link rel=\"(?:modulepreload|preload)\"[^>]*case-widget-app[^>]*>", "", html)
if "import init" in html:
    raise SystemExit("strip-trunk-loader: Trunk's inline loader is still in index.html")
page.write_text(html, encoding="utf-8")
