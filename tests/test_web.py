"""The web interface in a real browser: `wirelens serve` runs as a subprocess on the sample
store (see test_api.py) and Debian's Chromium, driven headless by Playwright, searches, opens
the founding sample, checks the per-speaker highlights, the cue and speaker marks and the
removed junk, follows speaker links, and loads the hostile article to check it stays inert.

Skipped when /usr/bin/chromium or Playwright is missing, unless WIRELENS_REQUIRE_BROWSER=1
(set by .ci/run), which makes that a failure. Playwright never downloads a browser here: it
drives the system Chromium (`executable_path`). The Python process opens no socket itself:
Playwright talks to its driver over pipes, and Chromium to the server.

`WIRELENS_SCREENSHOT=docs/screenshot-article.png` also saves the README's screenshot.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_api import ARTICLES, COPIES, SAMPLE_EVENTS, SAMPLE_QUOTES, sample_store

CHROMIUM = "/usr/bin/chromium"
REQUIRED = os.environ.get("WIRELENS_REQUIRE_BROWSER") == "1"


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed (Debian package chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="module", autouse=True)
def _needs_browser():
    why = _missing()
    if why and REQUIRED:
        pytest.fail(f"browser tests required (WIRELENS_REQUIRE_BROWSER=1) but {why}")
    if why:
        pytest.skip(why)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`wirelens serve` on a free port (port 0: the server picks and logs it)."""
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    cmd = [sys.executable, "-m", "wirelens", "serve", "--db", str(sample_store()), "--port", "0"]
    with log.open("w") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
    try:
        deadline = time.monotonic() + 30
        while not (
            m := re.search(r"Uvicorn running on (http://127\.0\.0\.1:\d+)", log.read_text())
        ):
            assert proc.poll() is None, f"server exited: {log.read_text()}"
            assert time.monotonic() < deadline, f"server did not start: {log.read_text()}"
            time.sleep(0.05)
        yield m.group(1)
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page that records every dialog (alert, confirm…) a script would open."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    pg.dialogs = []

    def on_dialog(dialog):
        pg.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    yield pg
    context.close()


_QUOTES_BY_SPEAKER = """() => {
  const out = {};
  for (const el of document.querySelectorAll("#text .quote")) {
    const who = el.dataset.speaker || "?";
    out[who] = out[who] || {quotes: [], colours: []};
    if (!out[who].quotes.includes(el.dataset.quote)) out[who].quotes.push(el.dataset.quote);
    const colour = getComputedStyle(el).backgroundColor;
    if (!out[who].colours.includes(colour)) out[who].colours.push(colour);
  }
  return out;
}"""


def test_search_article_highlights_and_speaker_links(page, server):
    page.goto(server + "/")
    assert page.inner_text("#n-articles") == str(ARTICLES)
    assert page.locator(".top-speakers a", has_text="Vladimir Putin").count() == 1

    # search quotations by speaker, then articles by words, with the page's form
    page.goto(server + "/search")
    page.fill("input[name=speaker]", "Poutine")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"/search\?.*speaker=Poutine"))
    assert page.locator("#quote-results tr.quote-row").count() == 7  # each counted once
    page.fill("input[name=speaker]", "")
    page.fill("input[name=q]", "Kremlin")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"q=Kremlin"))
    results = page.locator("#article-results a.article-link")
    assert results.count() == COPIES  # the sample and its two copies
    results.filter(has_text=re.compile(r"^afp-putin-xi\.fr$")).click()
    page.wait_for_url(re.compile(r"/articles/\d+$"))

    # every quotation highlighted, one colour per speaker, a different one for each speaker
    by_speaker = page.evaluate(_QUOTES_BY_SPEAKER)
    assert sum(len(s["quotes"]) for s in by_speaker.values()) == SAMPLE_QUOTES
    counts = {who: len(s["quotes"]) for who, s in by_speaker.items()}
    assert counts == {"kb:vladimir-putin": 7, "kb:xi-jinping": 2, "kb:china-central-television": 3}
    colours = [s["colours"] for s in by_speaker.values()]
    assert all(len(c) == 1 for c in colours)  # one colour per speaker...
    assert len({c[0] for c in colours}) == 3  # ...and not the same for two speakers
    assert "rgba(0, 0, 0, 0)" not in {c[0] for c in colours}

    # cues and speaker mentions are marked, and differently
    cue = page.locator("#text .cue").first
    mention = page.locator("#text .speaker").first
    assert cue.inner_text() == "a déclaré" and mention.inner_text() == "Vladimir Poutine"
    assert cue.evaluate("e => getComputedStyle(e).fontWeight") == "700"
    assert mention.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    assert page.locator("#text .cue").count() >= SAMPLE_QUOTES

    # the removed junk is hidden until asked for
    rows = page.locator("#removed tr.removed-row")
    assert rows.count() == 5 and not rows.first.is_visible()
    page.click("#removed summary")
    assert rows.first.is_visible() and "[ad_1]" in page.inner_text("#removed")

    # a legend colour shows one speaker's quotations only (the small script)
    page.click(".legend button.swatch[data-colour=sp-1]")
    dimmed = page.evaluate(
        "() => [...document.querySelectorAll('#text .quote.dim')].map(e => e.dataset.speaker)"
    )
    assert dimmed and "kb:xi-jinping" not in dimmed
    assert page.errors == []

    # follow a speaker link to the actor page, and on to whom they were addressed by
    page.click("a.speaker-link:text-is('Xi Jinping')")
    page.wait_for_url(re.compile(r"/actors/kb(:|%3A)xi-jinping$"))
    assert page.inner_text("h1") == "Xi Jinping"
    assert page.locator("#timeline rect.bar").count() == 1
    assert page.get_attribute("#timeline rect.bar", "data-n") == str(2 * COPIES)
    assert page.locator("#actor-quotes tr.quote-row").count() == 2 * COPIES
    page.click(".addressed-by a:text-is('Vladimir Putin')")
    page.wait_for_url(re.compile(r"/actors/kb(:|%3A)vladimir-putin$"))
    assert page.locator(".addressed a").all_inner_texts() == ["Xi Jinping"]
    assert "president of Russia (2012-05-07–)" in page.inner_text("ul.roles")

    shot = os.environ.get("WIRELENS_SCREENSHOT")
    if shot:
        _screenshot(page, server, shot)


def test_hostile_article_renders_inert(page, server):
    for url in (
        "/articles/hostile",
        "/search?q=refusons",
        "/actors/name:jean-dupont",
        "/stories?min_size=1",
        "/",
    ):
        page.goto(server + url)
        page.wait_for_load_state("load")
        assert page.locator("main script, main img, main b, main i").count() == 0, url
    assert page.dialogs == []
    page.goto(server + "/articles/hostile")
    first = page.evaluate(  # the quotation's pieces (an event trigger cuts it)
        "() => [...document.querySelectorAll(\"#text .quote[data-quote='0']\")]"
        ".map(e => e.textContent).join('')"
    )
    assert first == "Nous refusons <script>alert(1)</script> et <b>tout</b> cela"
    assert "<img src=x onerror=" in page.inner_text("#text")
    assert page.inner_text("h1") == "<i>Titre</i> <script>alert(3)</script>"
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.dialogs == [] and page.errors == []


def test_story_page_members_timeline_and_links(page, server):
    page.goto(server + "/articles/afp-putin-xi.fr")
    page.click("a.story-link")
    page.wait_for_url(re.compile(r"/stories/\d+$"))
    members = page.locator("#members tr.member-row a.article-link")
    titles = members.all_inner_texts()  # an untitled article shows its text's start
    assert titles[0] == titles[1] and titles[0].startswith("Moscou (AFP) – Le dirigeant russe")
    assert titles[2] == "Poutine et Xi, unis face à l'Occident"
    sources = page.locator("#members tr.member-row td:nth-child(3)").all_inner_texts()
    assert [s.split()[0] for s in sources] == ["afp.com", "lesoir.be", "rtbf.be"]
    assert page.locator("#members tr.representative").count() == 1
    assert "afp.com" in page.inner_text("#members tr.representative")
    bars = page.locator("#republication rect.bar")
    assert [b.get_attribute("data-n") for b in bars.all()] == ["2", "1"]
    heights = [b.bounding_box()["height"] for b in bars.all()]
    assert heights[0] > heights[1] > 0  # drawn, to scale
    assert page.locator("#story-quotes tr.quote-row").count() == SAMPLE_QUOTES
    assert "<i>Titre</i>" in page.inner_text("#translations")  # as text
    members.nth(1).click()  # back to an article of the story
    page.wait_for_url(re.compile(r"/articles/\d+$"))
    assert page.locator("#text .quote").count() >= SAMPLE_QUOTES
    assert page.inner_text("a.story-link").endswith(f": {COPIES} articles")
    assert page.errors == [] and page.dialogs == []


def _screenshot(page, server: str, path: str) -> None:
    """The founding sample's article page down to the removed-junk toggle, junk shown."""
    page.goto(server + "/articles/afp-putin-xi.fr")
    page.click("#removed summary")
    bottom = page.evaluate(
        "() => document.getElementById('removed').getBoundingClientRect().bottom + scrollY"
    )
    page.screenshot(
        path=path, full_page=True, clip={"x": 0, "y": 0, "width": 1100, "height": bottom + 16}
    )


def test_article_events_and_country_pair(page, server):
    """Event triggers are underlined per group and listed; the toggle hides the marks; a
    participant's country leads to the country pair, whose plot draws conflict below."""
    page.goto(server + "/articles/afp-putin-xi.fr")
    marks = page.locator("#text .event")
    assert marks.count() >= SAMPLE_EVENTS
    assault = page.locator("#text .event[data-event-type=ASSAULT]")
    assert assault.inner_text() == "assaut"
    red = assault.evaluate("e => getComputedStyle(e).boxShadow")
    green = page.locator("#text .event.ev-cooperation").first.evaluate(
        "e => getComputedStyle(e).boxShadow"
    )
    assert red != "none" and green != "none" and red != green
    assert page.locator("#events li.event-item").count() == SAMPLE_EVENTS
    page.click("button.toggle-events")
    assert assault.evaluate("e => getComputedStyle(e).boxShadow") == "none"
    assert page.inner_text("button.toggle-events") == "Show event marks"
    page.click("button.toggle-events")
    assert assault.evaluate("e => getComputedStyle(e).boxShadow") == red

    page.click("#events li[data-type=ASSAULT] a.country:text-is('RUS')")
    page.wait_for_url(re.compile(r"/countries/RUS/UKR$"))
    bars = page.locator("#pair-chart rect.seg")
    assert bars.count() == 1 and bars.first.get_attribute("data-type") == "ASSAULT"
    box = bars.first.bounding_box()
    axis = page.locator("#pair-chart line.axis").bounding_box()
    assert box["height"] > 0 and box["y"] >= axis["y"] - 1  # conflict: below the axis
    assert page.locator("#pair-events tr.event-row").count() == 1  # the story's copies once
    assert page.errors == [] and page.dialogs == []
