"""The built documentation in a real browser (headless Chromium): math is typeset offline, images load.

Marked ``slow`` (the full suite and CI run it; it needs the Debian package ``chromium``, and fails under ``CI`` when
chromium is missing rather than skipping). The site is built once for the module
(``CLUSTERGAMES_DOCS_HTML=<folder>`` reuses an existing build) and served by a local ``http.server``; each page is
opened inside an iframe of a probe page that waits for MathJax to finish and reports, as JSON in its own DOM, the
number of typeset formulas (``mjx-container``), whether raw ``\\(``, ``$$`` or ``$\\command`` is left in the prose
(code blocks excluded), and
the natural width of every image. Nothing is fetched from the network: MathJax is bundled with the site.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

DOCS = Path(__file__).resolve().parent.parent / "docs"

PROBE = """<!doctype html><html><body><pre id="out">pending</pre>
<iframe id="page" src="{page}" style="width:1200px;height:900px"></iframe>
<script>
const frame = document.getElementById("page");
function report(extra) {{
  const doc = frame.contentDocument;
  // prose only: code cells and printed output may hold TeX in strings, which is not meant to be typeset
  const clone = doc.body ? doc.body.cloneNode(true) : document.createElement("div");
  clone.querySelectorAll("pre, code, script, style, textarea").forEach(e => e.remove());
  const text = clone.textContent;
  const images = Array.from(doc.images).map(i => ({{src: i.getAttribute("src"), width: i.naturalWidth,
                                                   complete: i.complete}}));
  document.getElementById("out").textContent = JSON.stringify(Object.assign({{
    title: doc.title,
    math: doc.querySelectorAll("mjx-container").length,
    raw_inline: text.includes("\\\\("), raw_display: text.includes("\\\\["),
    raw_dollar: /\\$\\$|\\$\\\\[a-zA-Z]/.test(text), images: images,
    mathjax: typeof (frame.contentWindow.MathJax && frame.contentWindow.MathJax.typesetPromise)}}, extra));
}}
frame.addEventListener("load", () => {{
  const win = frame.contentWindow;
  const wait = (win.MathJax && win.MathJax.startup && win.MathJax.startup.promise) || Promise.resolve();
  const images = Array.from(frame.contentDocument.images).map(
      i => i.complete ? Promise.resolve() : new Promise(r => {{ i.onload = r; i.onerror = r; }}));
  Promise.all([wait].concat(images)).then(() => report({{}}), e => report({{error: String(e)}}));
}});
</script></body></html>"""


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if path := shutil.which(name):
            return path
    return None


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(base URL, html folder) of the built docs, served on localhost."""
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (apt-get install -y chromium)")
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    html = os.environ.get("CLUSTERGAMES_DOCS_HTML")
    if html:
        html = Path(html)
    else:
        html = tmp_path_factory.mktemp("site") / "html"
        out = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(DOCS), str(html)],
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stderr[-4000:]
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(html))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", html, browser
    server.shutdown()
    server.server_close()


def _probe(site, page: str) -> dict:
    base, html, browser = site
    assert (html / page).exists(), f"{page} was not built"
    probe = html / f"_probe_{page.replace('/', '_')}"
    probe.write_text(PROBE.format(page="/" + page), encoding="utf-8")
    try:
        out = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                              "--virtual-time-budget=30000", "--dump-dom", f"{base}/{probe.name}"],
                             capture_output=True, text=True, timeout=180)
    finally:
        probe.unlink()
    start = out.stdout.find('<pre id="out">')
    assert start >= 0, out.stderr[-2000:]
    body = out.stdout[start + len('<pre id="out">'): out.stdout.find("</pre>", start)]
    import html as html_module

    return json.loads(html_module.unescape(body)) if body.strip() != "pending" else {"pending": True}


@pytest.mark.parametrize("page, needs_math", [
    ("index.html", False),
    ("tutorials/notebooks/02_trust_and_exit.html", True),
    ("reference/repeated.html", True),
    ("explanation/repeated_games.html", True),
])
def test_math_is_typeset_offline(site, page, needs_math):
    result = _probe(site, page)
    assert not result.get("pending"), "the page did not finish loading"
    assert result["mathjax"] == "function"  # the bundled MathJax library loaded and started (no CDN)
    assert not result["raw_inline"] and not result["raw_display"] and not result["raw_dollar"], result
    if needs_math:
        assert result["math"] > 0, f"no typeset formula on {page}"
    assert all(img["width"] > 0 for img in result["images"]), [i for i in result["images"] if not i["width"]]


def test_notebook_pages_show_their_figures(site):
    result = _probe(site, "tutorials/notebooks/01_stage_games.html")
    assert any(img["width"] > 300 for img in result["images"]), result["images"]


def test_gallery_images_load(site):
    from clustergames import figures

    result = _probe(site, "howto/gallery.html")
    pictures = [img for img in result["images"] if "_images/" in (img["src"] or "")]
    assert len(pictures) == len(figures.names())
    assert all(img["width"] > 300 for img in pictures), pictures
