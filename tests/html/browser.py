#!/usr/bin/python3
"""Drive incmap's interactive HTML map in headless Chromium through the
DevTools protocol (python3-websocket) and check what a reader does with it:
hover a marker and read the tooltip, focus one with the keyboard, click a
legend entry and see its markers hidden, move the time range and see the
counts change, zoom and pan; and that hostile text from the input stays
text. Exit 77 (skipped) when Chromium or python3-websocket is absent.

usage: browser.py INCMAP DATA_DIR TESTS_DIR SCRATCH
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

try:
    import websocket  # python3-websocket
except ImportError:
    print("SKIP: python3-websocket is not installed")
    sys.exit(77)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    print("SKIP: chromium is not installed")
    sys.exit(77)

incmap, data_dir, tests_dir, scratch = sys.argv[1:5]
os.makedirs(scratch, exist_ok=True)
failures = []
t_start = time.time()


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what + f"  [{time.time() - t_start:.1f} s]")
    if not ok:
        failures.append(what)


class Page:
    """One Chromium tab over the DevTools protocol."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="chromium-", dir=scratch)
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--remote-debugging-port=0", "--user-data-dir=" + self.profile,
             "--window-size=1400,1100", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().count("\n") >= 1:
                break
            time.sleep(0.1)
        port = open(port_file).read().split("\n")[0]
        for _ in range(100):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
                break
            except OSError:
                time.sleep(0.1)
        url = [t for t in targets if t["type"] == "page"][0]["webSocketDebuggerUrl"]
        self.ws = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def js(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expr}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def open(self, path):
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call("Page.navigate", url="file://" + os.path.abspath(path))
        for _ in range(200):
            if self.js("document.readyState") == "complete":
                break
            time.sleep(0.05)

    def mouse(self, kind, x, y, button="none", clicks=0):
        self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button=button,
                  clickCount=clicks)

    def click(self, x, y):
        self.mouse("mouseMoved", x, y)
        self.mouse("mousePressed", x, y, "left", 1)
        self.mouse("mouseReleased", x, y, "left", 1)

    def key(self, key, code=None, vk=0):
        for kind in ("rawKeyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key=key, code=code or key,
                      windowsVirtualKeyCode=vk)

    def center(self, selector):
        r = self.js(f"(function(){{var e=document.querySelector({json.dumps(selector)});"
                    "e.scrollIntoView({block:'center'});var b=e.getBoundingClientRect();return [b.left+b.width/2,b.top+b.height/2];})()")
        return r[0], r[1]

    def close(self):
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            self.proc.wait(timeout=30)
            shutil.rmtree(self.profile, ignore_errors=True)


def render(inp, out, *extra):
    r = subprocess.run([incmap, "render", inp, "-o", out, "--size", "1400x1000", *extra],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stderr)
        sys.exit(1)


def ready(page):
    for _ in range(100):
        if page.js("document.documentElement.dataset.ready") == "1":
            return True
        time.sleep(0.05)
    return False


# ---- the sample data: tooltip, legend, time range, zoom --------------------
sample = os.path.join(data_dir, "iraq-2021.json")
html = os.path.join(scratch, "iraq.html")
render(sample, html)
incidents = json.load(open(sample))["incidents"]

page = Page()
try:
    page.open(html)
    # The script runs only when the policy's hash matches it.
    check(ready(page), "the script ran under the page's Content-Security-Policy")
    total = page.js("document.querySelectorAll('.im-m').length")
    check(total == len(incidents), f"one marker element per incident ({total} of {len(incidents)})")

    # Hover a marker that stands alone and read its tooltip.
    target = page.js("(function(){var m=[].slice.call(document.querySelectorAll('.im-m'))"
                     ".filter(function(e){return !e.dataset.c;});"
                     "m.sort(function(a,b){return a.dataset.id<b.dataset.id?-1:1});"
                     "return m[0].dataset.id;})()")
    inc = [i for i in incidents if i["id"] == target][0]
    x, y = page.center(f".im-m[data-id='{target}']")
    page.mouse("mouseMoved", x, y)
    tip = page.js("document.getElementById('im-tip').hidden ? null : "
                  "document.getElementById('im-tip').textContent")
    check(tip is not None, f"hovering marker {target} shows a tooltip")
    tip = tip or ""
    for label, value in (("Date", inc["date"][:10]), ("Site", inc.get("site", "")),
                         ("Id", inc["id"]), ("Weapon", "")):
        check(label + ": " + value in tip, f"the tooltip has {label}: {value!r}")
    if "count" in inc:
        check(f"Count: {inc['count']}" in tip, "the tooltip has the count")
    if "casualties" in inc:
        check(f"Casualties: {inc['casualties']}" in tip, "the tooltip has the casualties")
    page.mouse("mouseMoved", 5, 5)
    check(page.js("document.getElementById('im-tip').hidden"), "leaving the marker hides it")

    # Keyboard: markers are in the tab order and show the tooltip on focus.
    page.js("document.getElementById('im-zreset').focus()")
    page.js("document.querySelector('.im-m[tabindex]').focus()")
    focused = page.js("document.activeElement.classList.contains('im-m')")
    tip_k = page.js("document.getElementById('im-tip').hidden ? '' : "
                    "document.getElementById('im-tip').textContent")
    check(focused and "Id: " in tip_k, "a focused marker shows its tooltip")
    check(page.js("[].every.call(document.querySelectorAll('.im-cat'),"
                  "function(b){return b.tagName==='BUTTON'})"), "legend entries are buttons")
    page.js("document.body.focus()")
    page.js("document.activeElement.blur()")
    tabs = 0
    for _ in range(8):  # Tab from the top reaches a marker
        page.key("Tab", "Tab", 9)
        tabs += 1
        if page.js("document.activeElement.classList.contains('im-m') || "
                   "document.activeElement.classList.contains('im-cl')"):
            break
    check(page.js("document.activeElement.classList.contains('im-m') || "
                  "document.activeElement.classList.contains('im-cl')"),
          f"the Tab key reaches a marker ({tabs} presses)")

    # Click the legend entry of rockets: their markers hide, counts change.
    rockets = sum(1 for i in incidents if i["weapon"] == "rocket")
    w = page.js("(function(){var b=[].filter.call(document.querySelectorAll('.im-cat'),"
                "function(b){return /Rocket/.test(b.textContent)})[0];return b.dataset.w;})()")
    bx, by = page.center(f".im-cat[data-w='{w}']")
    page.click(bx, by)
    shown = page.js("[].filter.call(document.querySelectorAll('.im-m:not([data-c])'),"
                    f"function(m){{return m.dataset.w==='{w}' && getComputedStyle(m).display!=='none'}}).length")
    check(shown == 0, "clicking Rocket in the legend hides every rocket marker")
    count = page.js("document.getElementById('im-count').textContent")
    check(count.startswith(f"Showing {len(incidents) - rockets} of {len(incidents)}"),
          f"the count follows ({count!r})")
    check(page.js(f"document.querySelector(\".im-cat[data-w='{w}']\").getAttribute('aria-pressed')")
          == "false", "the entry says it is off (aria-pressed)")
    rows = page.js("[].filter.call(document.querySelectorAll('#im-table tbody tr'),"
                   "function(r){return !r.hidden}).length")
    check(rows == len(incidents) - rockets, "the table follows the legend")
    page.click(bx, by)
    check(page.js("document.getElementById('im-count').textContent").startswith(
        f"Showing {len(incidents)} of"), "clicking again shows them again")

    # The time range: move the end handle to the first day with the keyboard.
    fx, fy = page.center("#im-to")
    page.click(fx, fy)
    page.key("Home", "Home", 36)
    first = min(i["date"][:10] for i in incidents)
    n_first = sum(1 for i in incidents if i["date"][:10] == first)
    count = page.js("document.getElementById('im-count').textContent")
    check(count.startswith(f"Showing {n_first} of {len(incidents)}"),
          f"moving the end of the time range to {first} leaves {n_first} ({count!r})")
    visible = page.js("[].filter.call(document.querySelectorAll('.im-m'),function(m){"
                      "return !m.dataset.c && getComputedStyle(m).display!=='none'}).length + "
                      "[].reduce.call(document.querySelectorAll('.im-cl'),function(s,c){"
                      "return s + (getComputedStyle(c).display==='none' ? 0 : "
                      "+c.querySelector('.im-cn').textContent)},0)")
    check(visible == n_first, f"markers and cluster counts shown add up to {n_first}")
    page.key("End", "End", 35)
    check(page.js("document.getElementById('im-count').textContent").startswith(
        f"Showing {len(incidents)} of"), "moving it back shows everything")

    # Zoom and pan stay within the page.
    vb0 = page.js("document.querySelector('#im-map svg').getAttribute('viewBox')")
    zx, zy = page.center("#im-zin")
    page.click(zx, zy)
    page.click(zx, zy)
    vb1 = [float(v) for v in page.js(
        "document.querySelector('#im-map svg').getAttribute('viewBox')").split()]
    full = [float(v) for v in vb0.split()]
    check(vb1[2] < full[2] * 0.5, f"zoom in narrows the view ({vb0} -> {vb1})")
    page.js("document.querySelector('#im-map svg').focus()")
    for _ in range(40):
        page.key("ArrowLeft", "ArrowLeft", 37)
    vb2 = [float(v) for v in page.js(
        "document.querySelector('#im-map svg').getAttribute('viewBox')").split()]
    check(vb2[0] == 0 and vb2[2] == vb1[2], f"panning stops at the page's edge ({vb2})")
    rx, ry = page.center("#im-zreset")
    page.click(rx, ry)
    vb3 = [float(v) for v in page.js(
        "document.querySelector('#im-map svg').getAttribute('viewBox')").split()]
    check(all(abs(a - b) < 1e-3 for a, b in zip(vb3, full)), "Whole map restores the page")
    page.call("Page.captureScreenshot")  # the page renders
finally:
    page.close()

# ---- --color-by FIELD and --size-by FIELD: category buttons, size key -------
sym_csv = os.path.join(tests_dir, "html", "symbology.csv")
sym_html = os.path.join(scratch, "symbology.html")
render(sym_csv, sym_html, "--color-by", "unit", "--size-by", "rockets", "--stack", "none",
       "--basemap", "none")
units = [line.split(",")[-1].strip() for line in open(sym_csv)][1:]
page = Page()
try:
    page.open(sym_html)
    check(ready(page), "the symbology page's script ran")
    k = page.js("(function(){var b=[].filter.call(document.querySelectorAll('.im-cat'),"
                "function(b){return /Alpha Brigade/.test(b.textContent)})[0];"
                "return b ? b.dataset.k : null;})()")
    check(k is not None, "a button for the category Alpha Brigade")
    if k is not None:
        n_alpha = units.count("Alpha Brigade")
        bx, by = page.center(f".im-cat[data-k='{k}']")
        page.click(bx, by)
        shown = page.js("[].filter.call(document.querySelectorAll('.im-m'),function(m){"
                        "return getComputedStyle(m).display!=='none'}).map(function(m){"
                        "return m.dataset.cat})")
        check(len(shown) == len(units) - n_alpha and "Alpha Brigade" not in shown,
              f"clicking Alpha Brigade hides its {n_alpha} markers ({shown})")
        count = page.js("document.getElementById('im-count').textContent")
        check(count.startswith(f"Showing {len(units) - n_alpha} of {len(units)}"),
              f"the count follows the category ({count!r})")
        wn = page.js("[].map.call(document.querySelectorAll('.im-cat[data-w]'),"
                     "function(b){return +b.querySelector('.im-n').textContent})"
                     ".reduce(function(a,b){return a+b},0)")
        check(wn == len(units) - n_alpha, f"the shape buttons count what is shown ({wn})")
        page.click(bx, by)
        check(page.js("document.getElementById('im-count').textContent").startswith(
            f"Showing {len(units)} of"), "clicking it again shows them again")
    # The tooltip names the category and the value.
    x, y = page.center(".im-m[data-id='a2']")
    page.mouse("mouseMoved", x, y)
    tip = page.js("document.getElementById('im-tip').textContent") or ""
    check("Unit: Bravo Group" in tip and "Rockets: 40" in tip,
          f"the tooltip has the category and the value ({tip!r})")
    # The size key is shown at the map's scale: its largest circle is as wide
    # on screen as a marker of that value would be.
    ratio = page.js("(function(){var svg=document.querySelector('#im-map svg');"
                    "var s=svg.getBoundingClientRect().width/svg.viewBox.baseVal.width;"
                    "var c=document.querySelector('.im-step');"
                    "return c.getBoundingClientRect().width/(+c.dataset.d*s);})()")
    check(ratio is not None and abs(ratio - 1) < 0.05,
          f"the size key is at the map's scale (ratio {ratio})")
finally:
    page.close()

# ---- hostile text: shown as text, never run ---------------------------------
hostile = os.path.join(scratch, "hostile.html")
render(os.path.join(tests_dir, "html", "hostile.json"), hostile)
page = Page()
try:
    page.open(hostile)
    check(ready(page), "the hostile page's script ran")
    check(page.js("document.querySelectorAll('script').length") == 1, "one script element")
    check(page.js("document.querySelectorAll('img').length") == 0, "no injected image")
    sites = set(page.js("[].map.call(document.querySelectorAll('.im-m'),"
                        "function(m){return m.dataset.site})"))
    want = set(i.get("site", "") for i in json.load(open(os.path.join(
        tests_dir, "html", "hostile.json")))["incidents"])
    check(sites == want, "site names arrive as the exact text")
    for sel in [".im-m:not([data-c])", ".im-cl"]:
        n = page.js(f"document.querySelectorAll('{sel}').length")
        for k in range(n):
            x, y = page.js(
                f"(function(){{var b=document.querySelectorAll('{sel}')[{k}]"
                ".getBoundingClientRect();return [b.left+b.width/2,b.top+b.height/2];})()")
            page.mouse("mouseMoved", x, y)
    tip = page.js("document.getElementById('im-tip').textContent")
    check(page.js("window.__xss") is None, "hovering every marker runs no injected script")
    check(page.js("document.title").startswith("Hostile names </title><script>"),
          "the title is the text given")
    cells = page.js("[].map.call(document.querySelectorAll('#im-table td'),"
                    "function(c){return c.textContent}).join('|')")
    check("<script>window.__xss=1</script>" in cells and "</details></table>" in cells,
          "the table shows the names as text")
    print("last tooltip:", tip)
finally:
    page.close()

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("all checks passed")
