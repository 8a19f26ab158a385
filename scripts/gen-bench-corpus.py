#!/usr/bin/env python3
"""Writes a deterministic German DocFX benchmark corpus for Kontor (Python 3 standard library only).

    scripts/gen-bench-corpus.py OUT [--pages N] [--seed S] [--page-bytes B] [--hugo-site DIR]

OUT gets
  docs/index.md, docs/<group>/<page>.md   N pages of about B bytes (default 10,000 pages of ~10 KB):
                                          front matter (title, description, ms.date), ## / ### headings,
                                          DocFX alerts, GFM pipe tables, lists, code, relative .md links
                                          between pages (some with #anchors that exist on the target)
  docs/TOC.yml                            nested TOC (about sqrt(N) groups of sqrt(N) pages)
  catalog/preisliste.csv                  N offers in Partner Center's price list columns (CNY)
  catalog/angebote.yml                    categories and German texts for every offer
  kontor.yml                              site title and language

With --hugo-site DIR it also writes a minimal Hugo site (config, layouts, the same Markdown bodies
with Hugo front matter) used by scripts/bench.sh for comparison.

The generator has its own PRNG (SplitMix64) so that the same arguments give byte-identical output
on every Python 3 version; every page draws from its own stream, so pages do not depend on
each other's length.
"""

import argparse
import csv
import io
import math
import os
import shutil
import sys

MASK64 = (1 << 64) - 1


class Rng:
    """SplitMix64: tiny, fast enough, and fully specified (unlike `random`'s internals)."""

    def __init__(self, *seeds):
        state = 0x9E3779B97F4A7C15
        for seed in seeds:
            state = (state * 6364136223846793005 + seed + 1442695040888963407) & MASK64
        self.state = state

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n

    def between(self, low, high):
        """Integer in [low, high]."""
        return low + self.below(high - low + 1)

    def chance(self, percent):
        return self.below(100) < percent

    def pick(self, items):
        return items[self.below(len(items))]


# ---------------------------------------------------------------------------------------------
# Vocabulary: noun parts (form inside a compound, standalone noun, gender), verbs, adjectives.

NOUNS = [
    ("Abonnement", "Abonnement", "n"), ("Abrechnungs", "Abrechnung", "f"), ("Adress", "Adresse", "f"),
    ("Angebots", "Angebot", "n"), ("Anmelde", "Anmeldung", "f"), ("Auftrags", "Auftrag", "m"),
    ("Benutzer", "Benutzer", "m"), ("Berechtigungs", "Berechtigung", "f"), ("Bereitstellungs", "Bereitstellung", "f"),
    ("Bestätigungs", "Bestätigung", "f"), ("Bestell", "Bestellung", "f"), ("Daten", "Datensatz", "m"),
    ("Datei", "Datei", "f"), ("Dienst", "Dienst", "m"), ("Einkaufs", "Einkauf", "m"),
    ("Einstellungs", "Einstellung", "f"), ("Export", "Export", "m"), ("Gebühren", "Gebühr", "f"),
    ("Geschäfts", "Geschäft", "n"), ("Größen", "Größe", "f"), ("Gruppen", "Gruppe", "f"),
    ("Gutschrift", "Gutschrift", "f"), ("Händler", "Händler", "m"), ("Import", "Import", "m"),
    ("Katalog", "Katalog", "m"), ("Kennwort", "Kennwort", "n"), ("Konto", "Konto", "n"),
    ("Kunden", "Kunde", "m"), ("Kündigungs", "Kündigung", "f"), ("Laufzeit", "Laufzeit", "f"),
    ("Lizenz", "Lizenz", "f"), ("Mandanten", "Mandant", "m"), ("Nutzungs", "Nutzung", "f"),
    ("Partner", "Partner", "m"), ("Portal", "Portal", "n"), ("Preis", "Preis", "m"),
    ("Prüf", "Prüfung", "f"), ("Rabatt", "Rabatt", "m"), ("Rechnungs", "Rechnung", "f"),
    ("Richtlinien", "Richtlinie", "f"), ("Rollen", "Rolle", "f"), ("Schlüssel", "Schlüssel", "m"),
    ("Sicherheits", "Sicherheit", "f"), ("Speicher", "Speicher", "m"), ("Status", "Status", "m"),
    ("Steuer", "Steuer", "f"), ("Straßen", "Straße", "f"), ("Support", "Support", "m"),
    ("Überweisungs", "Überweisung", "f"), ("Übersichts", "Übersicht", "f"), ("Unternehmens", "Unternehmen", "n"),
    ("Verlängerungs", "Verlängerung", "f"), ("Vertrags", "Vertrag", "m"), ("Verwaltungs", "Verwaltung", "f"),
    ("Vorgangs", "Vorgang", "m"), ("Währungs", "Währung", "f"), ("Zahlungs", "Zahlung", "f"),
    ("Zugriffs", "Zugriff", "m"), ("Zuweisungs", "Zuweisung", "f"), ("Änderungs", "Änderung", "f"),
]

# Imperative stem and separable particle: ("Wählen", "aus") → "Wählen Sie … aus", "auswählen".
VERBS = [
    ("Wählen", "aus"), ("Prüfen", ""), ("Fügen", "hinzu"), ("Erstellen", ""), ("Löschen", ""),
    ("Aktualisieren", ""), ("Weisen", "zu"), ("Laden", "herunter"), ("Öffnen", ""), ("Speichern", ""),
    ("Bestätigen", ""), ("Kündigen", ""), ("Verlängern", ""), ("Exportieren", ""), ("Zeigen", "an"),
    ("Übermitteln", ""), ("Richten", "ein"), ("Überprüfen", ""), ("Geben", "frei"), ("Ändern", ""),
    ("Verwalten", ""), ("Beantragen", ""), ("Stornieren", ""), ("Übertragen", ""), ("Legen", "fest"),
]

ADJECTIVES = [
    "neu", "aktuell", "monatlich", "jährlich", "gültig", "bestehend", "zugehörig", "übergeordnet",
    "verfügbar", "kostenpflichtig", "vollständig", "gewünscht", "betroffen", "zuständig", "primär",
    "regional", "gesperrt", "ausstehend", "überfällig", "geprüft", "länderspezifisch", "rückwirkend",
]
PREDICATES = ["gültig", "aktuell", "vollständig", "korrekt", "verfügbar", "freigegeben", "bestätigt", "hinterlegt"]
ROLES = ["Administratoren", "Vertriebsmitarbeiter", "Abrechnungsadministratoren", "Händler", "Kunden",
         "Partner", "Supportmitarbeiter", "globale Administratoren"]
MENUS = ["Dashboard", "Kunden", "Abrechnung", "Einstellungen", "Angebote", "Support", "Konto", "Berichte"]
ALERTS = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"]
LANGS = ["powershell", "json", "bash", "xml", ""]
ARTICLES = {  # nominative, accusative, dative
    "m": ("der", "den", "dem"), "f": ("die", "die", "der"), "n": ("das", "das", "dem"),
}
INDEFINITE_ACC = {"m": "einen", "f": "eine", "n": "ein"}
MONTHS = 12


def compound(rng, parts=None):
    """A German compound noun and its gender: Kunden + konto + verwaltung → Kundenkontoverwaltung (f)."""
    count = parts or rng.pick((1, 1, 2, 2, 2, 3))
    pieces = [rng.pick(NOUNS) for _ in range(count)]
    word = "".join(piece[0] if i < count - 1 else piece[1] for i, piece in enumerate(pieces))
    word = word[0] + word[1:].lower()
    return word, pieces[-1][2]


def noun_phrase(rng, case, adjective=True):
    """Definite noun phrase in case 0 (nominative), 1 (accusative) or 2 (dative)."""
    noun, gender = compound(rng)
    article = ARTICLES[gender][case]
    if adjective and rng.chance(40):
        weak_e = case == 0 or (case == 1 and gender != "m")
        return f"{article} {rng.pick(ADJECTIVES)}{'e' if weak_e else 'en'} {noun}"
    return f"{article} {noun}"


def infinitive(verb):
    stem, particle = verb
    return particle + stem.lower()


def imperative(rng, object_phrase):
    stem, particle = rng.pick(VERBS)
    return f"{stem} Sie {object_phrase}{' ' + particle if particle else ''}"


def capitalized(text):
    return text[0].upper() + text[1:]


def sentence(rng):
    kind = rng.below(14)
    if kind == 0:
        return imperative(rng, noun_phrase(rng, 1)) + "."
    if kind == 1:
        return f"{imperative(rng, noun_phrase(rng, 1))}, bevor Sie {noun_phrase(rng, 1)} {infinitive(rng.pick(VERBS))}."
    if kind == 2:
        return (f"Wenn Sie {noun_phrase(rng, 1)} {infinitive(rng.pick(VERBS))} möchten, "
                f"öffnen Sie zuerst im Menü **{rng.pick(MENUS)}** den Bereich **{compound(rng)[0]}**.")
    if kind == 3:
        return f"{capitalized(noun_phrase(rng, 0))} enthält alle Angaben zu {noun_phrase(rng, 2)}."
    if kind == 4:
        return f"Für {noun_phrase(rng, 1)} fallen keine zusätzlichen Gebühren an."
    if kind == 5:
        return f"{capitalized(rng.pick(ROLES))} können {noun_phrase(rng, 1)} jederzeit {infinitive(rng.pick(VERBS))}."
    if kind == 6:
        return f"{capitalized(noun_phrase(rng, 0))} wird innerhalb von {rng.between(2, 30)} Werktagen bearbeitet."
    if kind == 7:
        return f"Achten Sie darauf, dass {noun_phrase(rng, 0, adjective=False)} {rng.pick(PREDICATES)} ist."
    if kind == 8:
        return (f"{capitalized(noun_phrase(rng, 0, adjective=False))} gilt ab dem {rng.between(1, 28)}.{rng.between(1, MONTHS)}.{rng.between(2019, 2025)} "
                f"für alle Verträge mit {noun_phrase(rng, 2)}.")
    if kind == 9:
        return f"Im Feld `{compound(rng, 1)[0]}{compound(rng, 1)[0]}` steht {noun_phrase(rng, 0)} in der Währung CNY."
    if kind == 10:
        amount = rng.between(100, 9_999_999)
        return f"Die Gebühr beträgt {amount // 100:,}".replace(",", ".") + f",{amount % 100:02d} CNY pro Monat und Lizenz."
    if kind == 11:
        return f"Nur {rng.pick(ROLES)} dürfen {noun_phrase(rng, 1)} für {noun_phrase(rng, 1)} {infinitive(rng.pick(VERBS))}."
    if kind == 12:
        return f"Nach der Änderung zeigt das Portal {noun_phrase(rng, 1)} unter **{compound(rng)[0]}** an."
    return f"Ohne {noun_phrase(rng, 1)} können Sie {noun_phrase(rng, 1)} nicht {infinitive(rng.pick(VERBS))}."


def slug(text):
    """Heading id as Kontor makes it: lower-case, ä→ae ö→oe ü→ue ß→ss, other non-alphanumerics → one `-`."""
    out = []
    pending = False
    for ch in text:
        if ch.isascii() and ch.isalnum():
            piece = ch.lower()
        elif ch in "äÄ":
            piece = "ae"
        elif ch in "öÖ":
            piece = "oe"
        elif ch in "üÜ":
            piece = "ue"
        elif ch in "ßẞ":
            piece = "ss"
        elif ch.isascii():
            pending = True
            continue
        elif ch.isalpha():
            piece = ch.lower()
        else:
            pending = True
            continue
        if pending and out:
            out.append("-")
        pending = False
        out.append(piece)
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Site plan: groups, pages, titles and headings, known before any body is written so that links
# can point at anchors that exist.

class Page:
    __slots__ = ("index", "path", "title", "description", "date", "sections", "anchors")

    def __init__(self, index, path, title, description, date, sections):
        self.index = index
        self.path = path          # relative to docs/, e.g. "g001-lizenzverwaltung/kundenkonto-pruefen-00042.md"
        self.title = title
        self.description = description
        self.date = date
        self.sections = sections  # [(h2 text, [h3 text, …]), …]
        self.anchors = [slug(h2) for h2, _ in sections] + [slug(h3) for _, subs in sections for h3 in subs]


def heading_text(rng):
    kind = rng.below(6)
    if kind == 0:
        return f"{compound(rng)[0]} {infinitive(rng.pick(VERBS))}"
    if kind == 1:
        return f"Häufige Fragen zu {noun_phrase(rng, 2, adjective=False)}"
    if kind == 2:
        return f"Voraussetzungen für {noun_phrase(rng, 1, adjective=False)}"
    if kind == 3:
        return f"Übersicht: {compound(rng)[0]} und {compound(rng)[0]}"
    if kind == 4:
        return f"So {infinitive(rng.pick(VERBS))} Sie {noun_phrase(rng, 1, adjective=False)}"
    return f"{compound(rng, 2)[0]} im Partner Center"


def plan_page(seed, index, path, title):
    rng = Rng(seed, 1, index)
    used = {slug(title)}
    sections = []
    for _ in range(rng.between(4, 6)):
        h2 = unique_heading(rng, used)
        subs = [unique_heading(rng, used) for _ in range(rng.between(1, 3))]
        sections.append((h2, subs))
    description = f"Erläutert, wie Sie {noun_phrase(rng, 1, adjective=False)} im Partner Center {infinitive(rng.pick(VERBS))}."
    date = f"{rng.between(1, 12):02d}/{rng.between(1, 28):02d}/{rng.between(2018, 2025)}"
    return Page(index, path, title, description, date, sections)


def unique_heading(rng, used):
    while True:
        text = heading_text(rng)
        key = slug(text)
        if key and key not in used and not key[-1].isdigit():  # no clash with registry suffixes x-1
            used.add(key)
            return text


def plan_site(pages, seed):
    """Returns (groups, plans): groups are (name, folder, [page indices]); page 0 is docs/index.md."""
    rng = Rng(seed, 0)
    group_count = max(1, math.isqrt(max(pages - 1, 1)))
    groups = []
    for g in range(group_count):
        name, _ = compound(rng, 2)
        groups.append([name, f"g{g + 1:03d}-{slug(name)}", []])
    plans = [plan_page(seed, 0, "index.md", "Hilfe-Center für Händler")]
    for index in range(1, pages):
        group = groups[(index - 1) * group_count // max(pages - 1, 1)]
        title_rng = Rng(seed, 2, index)
        title = f"{compound(title_rng)[0]} {infinitive(title_rng.pick(VERBS))}"
        path = f"{group[1]}/{slug(title)}-{index:05d}.md"
        group[2].append(index)
        plans.append(plan_page(seed, index, path, title))
    return groups, plans


def relative(from_path, to_path):
    source = from_path.split("/")[:-1]
    target = to_path.split("/")
    common = 0
    while common < len(source) and common < len(target) - 1 and source[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(source) - common) + target[common:])


# ---------------------------------------------------------------------------------------------
# Page bodies.

def link_to(rng, page, plans):
    target = plans[rng.below(len(plans))]
    href = relative(page.path, target.path)
    if rng.chance(35) and target.index != 0:  # docs/index.md has no planned headings
        href += "#" + rng.pick(target.anchors)
    return f"[{target.title}]({href})"


def paragraph(rng, page, plans):
    parts = []
    for _ in range(rng.between(2, 5)):
        text = sentence(rng)
        if rng.chance(18):
            text += f" Weitere Informationen finden Sie unter {link_to(rng, page, plans)}."
        parts.append(text)
    if rng.chance(10):
        parts.append(f"Siehe auch [{page.sections[0][0]}](#{page.anchors[0]}).")
    return " ".join(parts)


def bullet_list(rng, page, plans):
    ordered = rng.chance(50)
    lines = []
    for number in range(1, rng.between(3, 7) + 1):
        marker = f"{number}." if ordered else "-"
        item = sentence(rng) if not rng.chance(20) else link_to(rng, page, plans)
        lines.append(f"{marker} {item}")
        if rng.chance(12):
            lines.append(f"   - {sentence(rng)}")
    return "\n".join(lines)


def alert(rng):
    lines = [f"> [!{rng.pick(ALERTS)}]"]
    for _ in range(rng.between(1, 2)):
        lines.append(f"> {sentence(rng)}")
    return "\n".join(lines)


def table(rng):
    columns = rng.between(3, 5)
    header = [compound(rng, 1)[0] for _ in range(columns)]
    aligns = [rng.pick(("---", ":---", ":---:", "---:")) for _ in range(columns)]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(aligns) + " |"]
    for _ in range(rng.between(3, 8)):
        cells = []
        for column in range(columns):
            kind = rng.below(4)
            if kind == 0:
                cells.append(f"{rng.between(1, 99999) / 100:.2f}".replace(".", ","))
            elif kind == 1:
                cells.append(f"**{compound(rng)[0]}**")
            elif kind == 2:
                cells.append(f"`P1{rng.pick('MY')}`")
            else:
                cells.append(compound(rng)[0])
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def code_block(rng):
    lang = rng.pick(LANGS)
    lines = []
    for _ in range(rng.between(3, 8)):
        name = compound(rng, 1)[0]
        if lang == "json":
            lines.append(f'  "{name.lower()}": "{compound(rng)[0]}",')
        elif lang == "powershell":
            lines.append(f"Get-{name} -Id {rng.between(1000, 9999)} | Set-{compound(rng, 1)[0]} -Status Aktiv")
        else:
            lines.append(f"{name.lower()}={rng.between(1, 500)} # {compound(rng)[0]}")
    if lang == "json":
        lines = ["{"] + lines + ['  "waehrung": "CNY"', "}"]
    return f"```{lang}\n" + "\n".join(lines) + "\n```"


def block(rng, page, plans):
    kind = rng.below(10)
    if kind < 4:
        return paragraph(rng, page, plans)
    if kind < 6:
        return bullet_list(rng, page, plans)
    if kind == 6:
        return alert(rng)
    if kind == 7:
        return table(rng)
    if kind == 8:
        return code_block(rng)
    return paragraph(rng, page, plans)


def yaml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_body(page, plans, seed, target_bytes):
    """Markdown after the front matter; about `target_bytes` long (±15 %)."""
    rng = Rng(seed, 3, page.index)
    goal = target_bytes * rng.between(85, 115) // 100
    out = [f"# {page.title}", "", paragraph(rng, page, plans), ""]
    size = sum(len(part.encode()) + 1 for part in out)
    headings = []
    for h2, subs in page.sections:
        headings += [("##", h2)] + [("###", sub) for sub in subs]
    # Spread the goal over the planned headings; every heading gets at least one block.
    for number, (level, text) in enumerate(headings, start=1):
        out += [f"{level} {text}", ""]
        size += len(text.encode()) + len(level) + 3
        while True:
            chunk = block(rng, page, plans)
            out += [chunk, ""]
            size += len(chunk.encode()) + 2
            if size >= goal * number // len(headings):
                break
    return "\n".join(out)


def front_matter(page, hugo=False):
    lines = ["---", f"title: {yaml_string(page.title)}", f"description: {yaml_string(page.description)}"]
    if hugo:
        month, day, year = page.date.split("/")
        lines.append(f"date: {year}-{month}-{day}")
    else:
        lines += ["ms.topic: article", f"ms.date: {page.date}"]
    lines.append("---")
    return "\n".join(lines) + "\n"


def index_body(groups, plans):
    """docs/index.md links every group's first page."""
    lines = [f"# {plans[0].title}", "", "Willkommen im Hilfe-Center. Die Themen im Überblick:", ""]
    for name, _, members in groups:
        if members:
            lines.append(f"- [{name}]({plans[members[0]].path})")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# TOC, catalog, Hugo site.

def toc_yaml(groups, plans):
    lines = [f"- name: {yaml_string(plans[0].title)}", "  href: index.md"]
    for number, (name, _, members) in enumerate(groups):
        if not members:
            continue
        lines.append(f"- name: {yaml_string(name)}")
        if number % 2 == 0:  # half the groups are plain group names, half link their first page
            lines.append(f"  href: {plans[members[0]].path}")
        lines.append("  items:")
        for index in members:
            lines.append(f"    - name: {yaml_string(plans[index].title)}")
            lines.append(f"      href: {plans[index].path}")
    return "\n".join(lines) + "\n"


CATEGORIES = [
    ("produktivitaet", "Produktivität"), ("speicher-und-daten", "Speicher und Daten"),
    ("sicherheit", "Sicherheit"), ("kommunikation", "Kommunikation"), ("entwicklung", "Entwicklung"),
    ("analyse", "Analyse und Berichte"), ("geraete", "Geräteverwaltung"), ("branchenloesungen", "Branchenlösungen"),
]
PRODUCTS = ["Kontor", "Wolke", "Rechenwerk", "Datenhafen", "Brücke", "Leuchtturm", "Werkbank", "Schreibstube"]
EDITIONS = ["Basis", "Standard", "Plus", "Premium", "Enterprise", "Bildung", "Behörden", "Kompakt"]
UNITS = ["Lizenzen", "Benutzer", "Gerät", "1 GB", "100 GB", "Instanz", "Postfach"]
BILLING = ["Monthly", "Annual"]
TERMS = ["P1M", "P1Y", "P3Y"]
CUSTOMERS = ["Commercial", "Education", "Government", "Nonprofit"]


def offer_rows(count, seed):
    rng = Rng(seed, 4)
    rows = []
    for number in range(count):
        digits = f"{rng.next():016X}{rng.next():016X}"
        offer_id = f"{digits[0:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:32]}"
        name = f"{rng.pick(PRODUCTS)} {compound(rng, 1)[0]} {rng.pick(EDITIONS)} {number + 1}"
        cents = rng.between(500, 2_500_000)
        erp_cents = cents * rng.between(105, 130) // 100  # ERP (suggested retail) ≥ the partner's list price
        rows.append([offer_id, name, rng.pick(UNITS), f"{cents // 100}.{cents % 100:02d}",
                     f"{erp_cents // 100}.{erp_cents % 100:02d}", "CNY", rng.pick(BILLING),
                     rng.pick(TERMS), rng.pick(CUSTOMERS)])
    return rows


def price_list_csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Offer ID", "Offer Display Name", "Purchase Unit", "List Price", "ERP Price", "Currency",
                     "Billing Frequency", "Term Duration", "End Customer Type"])
    writer.writerows(rows)
    return buffer.getvalue()


def offers_yaml(rows, plans, seed):
    rng = Rng(seed, 5)
    lines = ["valid_from: 2025-01-01", "categories:"]
    for category_id, name in CATEGORIES:
        lines += [f"  - id: {category_id}", f"    name: {yaml_string(name)}",
                  f"    description: {yaml_string(sentence(rng))}"]
    lines.append("offers:")
    guides = [plan.path[:-3] for plan in plans[1:]] or ["index"]
    for row in rows:
        lines += [f"  {yaml_string(row[0])}:",
                  f"    category: {rng.pick(CATEGORIES)[0]}",
                  f"    summary: {yaml_string(sentence(rng))}",
                  "    description: |",
                  f"      {sentence(rng)} {sentence(rng)}",
                  "",
                  f"      {sentence(rng)}",
                  f"    features: [{', '.join(yaml_string(compound(rng)[0]) for _ in range(3))}]",
                  f"    guides: [{yaml_string(rng.pick(guides))}]"]
    return "\n".join(lines) + "\n"


HUGO_CONFIG = """baseURL = "/"
languageCode = "de-de"
title = "Kontor-Vergleich"
contentDir = "content"
uglyURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
"""
HUGO_SINGLE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
"""
HUGO_LIST = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main></body></html>
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="output folder (docs/, catalog/, kontor.yml are replaced)")
    parser.add_argument("--pages", type=int, default=10_000, help="number of pages and offers (default 10000)")
    parser.add_argument("--offers", type=int, default=None, help="number of offers (default: same as --pages; 0: no catalog/)")
    parser.add_argument("--seed", type=int, default=1, help="PRNG seed (default 1)")
    parser.add_argument("--page-bytes", type=int, default=10_000, help="average page size in bytes (default 10000)")
    parser.add_argument("--hugo-site", help="also write a minimal Hugo site with the same Markdown here")
    args = parser.parse_args(argv)
    if args.pages < 1 or args.page_bytes < 500 or (args.offers or 0) < 0:
        parser.error("--pages must be ≥ 1, --offers ≥ 0 and --page-bytes ≥ 500")
    offers = args.pages if args.offers is None else args.offers

    for sub in ("docs", "catalog"):
        shutil.rmtree(os.path.join(args.out, sub), ignore_errors=True)
    groups, plans = plan_site(args.pages, args.seed)
    hugo_content = None
    if args.hugo_site:
        shutil.rmtree(args.hugo_site, ignore_errors=True)
        hugo_content = os.path.join(args.hugo_site, "content")
        write(os.path.join(args.hugo_site, "config.toml"), HUGO_CONFIG)
        write(os.path.join(args.hugo_site, "layouts", "_default", "single.html"), HUGO_SINGLE)
        write(os.path.join(args.hugo_site, "layouts", "_default", "list.html"), HUGO_LIST)

    total = 0
    for page in plans:
        body = index_body(groups, plans) if page.index == 0 else page_body(page, plans, args.seed, args.page_bytes)
        text = front_matter(page) + body
        total += len(text.encode())
        write(os.path.join(args.out, "docs", page.path), text)
        if hugo_content:
            # Hugo's home page comes from _index.md; the other pages keep their paths.
            hugo_path = "_index.md" if page.index == 0 else page.path
            write(os.path.join(hugo_content, hugo_path), front_matter(page, hugo=True) + body)
    write(os.path.join(args.out, "docs", "TOC.yml"), toc_yaml(groups, plans))

    if offers > 0:  # --offers 0: a help center without a catalog
        rows = offer_rows(offers, args.seed)
        write(os.path.join(args.out, "catalog", "preisliste.csv"), price_list_csv(rows))
        write(os.path.join(args.out, "catalog", "angebote.yml"), offers_yaml(rows, plans, args.seed))
    write(os.path.join(args.out, "kontor.yml"),
          'title: "Kontor-Benchmark"\ndescription: "Generierter Korpus für make bench"\nlanguage: de-DE\n')
    print(f"wrote {len(plans)} pages ({total / 1e6:.1f} MB Markdown, {len(groups)} groups) "
          f"and {offers} offers to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
