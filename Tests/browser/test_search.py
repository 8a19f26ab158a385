"""Search in a real Chromium: ranking, dropdown keyboard use, empty state, file:// and CSP.

Rows whose target page is not in the site are skipped, so the same tests run on the fixture
site (Tests/KontorSearchTests/FixtureSiteWriter.swift) and on a real `kontor build`. The
queries are a subset of the Swift query tables (QueryFixtureTests, QueryContentTests), which
rank with SearchQueryEvaluator — the Swift mirror of assets/search.js.
"""
import ctypes
import ctypes.util
import json
import pathlib
import urllib.parse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SITE_DIR

RANKED = [
    # fixture site
    ("Rechnungen", "hilfe/rechnung-lesen.html"),
    ("Gebuehren", "hilfe/rechnung-lesen.html"),
    ("Verwaltung", "hilfe/abonnements-verwalten.html"),
    ("Kennwrot", "hilfe/kennwort-zuruecksetzen.html"),
    ("Kunden Vereinbarung", "hilfe/kundenvereinbarung.html"),
    ("796B6B5F", "katalog/angebot/office-365-e3.html"),
    # the project's own guides
    ("Kennwörter zurücksetzen", "hilfe/reset-a-user-password.html"),
    ("Preisaenderungen", "hilfe/see-offers-and-pricing.html"),
    ("Kunden Liste", "hilfe/see-your-customer-list.html"),
    ("Abonement aussetzen", "hilfe/suspend-a-subscription.html"),
    ("Abstimmungsdatei", "hilfe/use-the-reconciliation-files.html"),
    # offers by id: the first part, the whole id
    ("435DD85D", "katalog/angebot/435dd85d-8358-575f-b60b-18003bb50520.html"),
    ("435DD85D-8358-575F-B60B-18003BB50520", "katalog/angebot/435dd85d-8358-575f-b60b-18003bb50520.html"),
]
TYPED = [
    ("Kennw", "hilfe/kennwort-zuruecksetzen.html"),
    ("Abstimmungsd", "hilfe/use-the-reconciliation-files.html"),
    ("435dd85d-8358-57", "katalog/angebot/435dd85d-8358-575f-b60b-18003bb50520.html"),
]


def present(rows):
    return [row for row in rows if (SITE_DIR / row[1]).exists()]


def wait(driver, condition, timeout=10):
    return WebDriverWait(driver, timeout).until(lambda d: condition(d))


def results_page(driver, root, query):
    driver.get(root + "suche.html?q=" + urllib.parse.quote(query))
    container = driver.find_element(By.ID, "suchergebnisse")
    wait(driver, lambda d: container.find_elements(By.CSS_SELECTOR, ".suchergebnis, .suche-leer, .suche-status"))
    return container


def result_links(container):
    return [a.get_attribute("href") for a in container.find_elements(By.CSS_SELECTOR, ".suchergebnis > a")]


def page_path(href):
    return urllib.parse.urlsplit(href).path


def a_help_page():
    pages = sorted((SITE_DIR / "hilfe").glob("*.html"))
    if not pages:
        pytest.skip("no help pages in the site")
    return pages[0].relative_to(SITE_DIR).as_posix()


@pytest.mark.parametrize("query,target", present(RANKED) or [pytest.param("", "", marks=pytest.mark.skip)])
def test_results_page_ranks_intended_page_in_top_three(browser, root, query, target):
    container = results_page(browser, root, query)
    links = [page_path(href) for href in result_links(container)[:3]]
    assert any(link.endswith("/" + target) for link in links), (query, links)


def test_results_show_title_type_section_and_highlighted_snippet(browser, root):
    query, target = present(RANKED)[0]
    container = results_page(browser, root, query)
    first = container.find_element(By.CSS_SELECTOR, ".suchergebnis")
    assert first.find_element(By.CSS_SELECTOR, "a").text.strip()
    assert first.find_element(By.CSS_SELECTOR, ".suchergebnis-typ").text.strip().lower() in ("hilfe", "katalog")
    marks = container.find_elements(By.CSS_SELECTOR, ".suchergebnis mark")
    assert marks, "matched words are highlighted"
    assert "Treffer für „" in container.text


def test_results_come_in_pages_of_ten(browser, root):
    container = results_page(browser, root, "Partner")
    total = int(container.find_element(By.CSS_SELECTOR, ".suche-status").text.split()[0])
    assert total > 10, "the example content mentions partners on many pages"
    assert len(result_links(container)) == 10
    loaded = browser.execute_script(
        "return performance.getEntriesByType('resource').filter(function (e) { return e.name.indexOf('/search/d/') >= 0; }).length")
    assert loaded <= 10, "only the fragments of the hits on screen are loaded"
    container.find_element(By.CSS_SELECTOR, "button.suche-mehr").click()
    wait(browser, lambda d: len(result_links(container)) == min(total, 20))
    links = result_links(container)
    assert len(set(links)) == len(links), "no hit is shown twice"


def test_empty_state_is_honest(browser, root):
    container = results_page(browser, root, "Quantenverschränkung xyzzy")
    assert "Keine Treffer für „Quantenverschränkung xyzzy“" in container.text
    assert container.find_elements(By.CSS_SELECTOR, ".suche-tipps li")


def open_dropdown(browser, root, text):
    browser.get(root + a_help_page())
    field = browser.find_element(By.CSS_SELECTOR, "input.suchfeld")
    field.click()
    field.send_keys(text)
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".suche-vorschlaege:not([hidden]) [role='option']"))
    return field


@pytest.mark.parametrize("text,target", present(TYPED) or [pytest.param("", "", marks=pytest.mark.skip)])
def test_dropdown_prefix_arrow_keys_and_enter_navigate_to_hit(browser, root, text, target):
    field = open_dropdown(browser, root, text)
    options = browser.find_elements(By.CSS_SELECTOR, ".suche-vorschlaege [role='option']")
    hrefs = [o.find_element(By.CSS_SELECTOR, "a").get_attribute("href") for o in options]
    position = next(i for i, href in enumerate(hrefs) if page_path(href).endswith("/" + target))
    for _ in range(position + 1):
        field.send_keys(Keys.ARROW_DOWN)
    assert field.get_attribute("aria-activedescendant") == options[position].get_attribute("id")
    field.send_keys(Keys.ENTER)
    wait(browser, lambda d: page_path(d.current_url).endswith("/" + target))
    assert browser.find_element(By.CSS_SELECTOR, "h1").text.strip()


def test_escape_closes_dropdown(browser, root):
    text = present(TYPED)[0][0] if present(TYPED) else present(RANKED)[0][0]
    field = open_dropdown(browser, root, text)
    field.send_keys(Keys.ESCAPE)
    wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".suche-vorschlaege").get_attribute("hidden") is not None)
    assert field.get_attribute("aria-expanded") == "false"


def test_enter_without_selection_submits_to_results_page(browser, root):
    query, target = present(RANKED)[0]
    browser.get(root + a_help_page())
    field = browser.find_element(By.CSS_SELECTOR, "input.suchfeld")
    field.send_keys(query)
    field.send_keys(Keys.ENTER)
    wait(browser, lambda d: "suche.html" in d.current_url)
    container = browser.find_element(By.ID, "suchergebnisse")
    wait(browser, lambda d: result_links(container))


def test_no_console_errors_under_strict_csp(browser, http_root):
    browser.get_log("browser")  # drop older entries
    results_page(browser, http_root, present(RANKED)[0][0])
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe


def test_first_query_loads_only_needed_shards(browser, http_root):
    manifest = (SITE_DIR / "search" / "manifest.js").read_text(encoding="utf-8")
    shard_count = len(json.loads(manifest[manifest.index(",") + 1: manifest.rindex(")")])["shards"])
    results_page(browser, http_root, present(RANKED)[0][0])
    loaded = browser.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    shards = [name for name in loaded if "/search/t/" in name]
    assert any(name.endswith("/search/manifest.js") for name in loaded)
    assert 1 <= len(shards) <= max(1, min(shard_count, 6)), shards


def libstemmer():
    path = ctypes.util.find_library("stemmer") or "libstemmer.so.0d"
    try:
        library = ctypes.CDLL(path)
    except OSError:
        pytest.skip("libstemmer not installed")
    library.sb_stemmer_new.restype = ctypes.c_void_p
    library.sb_stemmer_new.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    library.sb_stemmer_stem.restype = ctypes.c_void_p
    library.sb_stemmer_stem.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    library.sb_stemmer_length.argtypes = [ctypes.c_void_p]
    stemmer = library.sb_stemmer_new(b"german", b"UTF_8")

    def stem(word):
        data = word.encode()
        pointer = library.sb_stemmer_stem(stemmer, data, len(data))
        return ctypes.string_at(pointer, library.sb_stemmer_length(stemmer)).decode()
    return stem


def test_javascript_stemmer_matches_libstemmer(browser, http_root):
    stem = libstemmer()
    results_page(browser, http_root, present(RANKED)[0][0])
    texts = []
    for path in sorted((SITE_DIR / "search" / "d").glob("*.js"))[:400]:
        source = path.read_text(encoding="utf-8")
        texts.append(source)
    words = browser.execute_script("""
        var a = window.KontorSuche.analysis, seen = {}, out = [];
        arguments[0].forEach(function (text) {
          a.tokenize(text).forEach(function (t) {
            var w = a.fold(text.slice(t[0], t[1]));
            if (!seen[w] && !/[0-9]/.test(w)) { seen[w] = 1; out.push(w); }
          });
        });
        var suffixes = ["e", "en", "er", "ern", "es", "s", "st", "est", "ung", "ig", "isch", "lich", "heit", "keit", "nisse"];
        var extended = out.slice();
        out.forEach(function (w, i) { if (i % 3 === 0) suffixes.forEach(function (s) { extended.push(w + s); }); });
        return extended.map(function (w) { return [w, a.stem(w)]; });
    """, texts)
    assert len(words) > 50
    mismatches = [(w, js, stem(w)) for w, js in words if js != stem(w)]
    assert not mismatches, mismatches[:20]
