"""Finishes the demo page Trunk built (Trunk's post_build hook).

1. Removes the loader Trunk injects: the widget loads itself through case-widget.js (an external
   module, allowed by a strict Content-Security-Policy), so the page must carry no inline script
   and no preloads pointing at the wrong folder.
2. Puts the prerendered first step (public/prerendered/first-step.html, written by
   `make prerender`) inside the page's <case-widget>, so it shows before the wasm arrives.
3. Runs scripts/fingerprint.mjs: content-hashed names, and compressed copies."""
import os
import pathlib
import re
import subprocess

page = pathlib.Path(os.environ["TRUNK_STAGING_DIR"]) / "index.html"
html = page.read_text(encoding="utf-8")

html = re.sub(r"<script type=\"module\">\s*import init.*?</script>", "", html, flags=re.S)
html = re.sub(r"<link rel=\"(?:modulepreload|preload)\"[^>]*case-widget-app[^>]*>", "", html)
if "import init" in html:
    raise SystemExit("finish-demo-page: Trunk's inline loader is still in index.html")

step = pathlib.Path("public/prerendered/first-step.html").read_text(encoding="utf-8").strip()
if html.count("></case-widget>") != 1:
    raise SystemExit("finish-demo-page: expected one empty <case-widget> in index.html")
html = html.replace("></case-widget>", f">{step}</case-widget>")

page.write_text(html, encoding="utf-8")

subprocess.run(["node", "scripts/fingerprint.mjs", os.environ["TRUNK_STAGING_DIR"]], check=True)
