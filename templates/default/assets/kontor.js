/*
 * Kontor – kleine Verbesserungen für alle Seiten. Ohne Abhängigkeiten, ohne Inline-Handler;
 * jede Seite funktioniert auch ohne dieses Skript.
 *
 * - Inhaltsverzeichnis auf kleinen Bildschirmen ein-/ausklappen (.nav-umschalter, aria-expanded)
 * - aktuelle Seite im Inhaltsverzeichnis sichtbar machen
 * - breite Tabellen in einen waagerecht scrollbaren Rahmen legen
 * - Codeblöcke kopieren
 * - aktuellen Abschnitt in „Auf dieser Seite“ markieren
 * - Bildbeschreibungen vor dem Drucken öffnen
 * - Taste „/“ springt ins Suchfeld
 */
(function () {
  "use strict";

  function setupNavToggles() {
    var buttons = document.querySelectorAll(".nav-umschalter[aria-controls]");
    Array.prototype.forEach.call(buttons, function (button) {
      var target = document.getElementById(button.getAttribute("aria-controls"));
      if (!target) return;
      // Eingeklappt wirkt per CSS nur auf kleinen Bildschirmen; auf großen ist der Knopf verborgen.
      setExpanded(button, target, false);
      button.hidden = false;
      button.addEventListener("click", function () {
        setExpanded(button, target, button.getAttribute("aria-expanded") !== "true");
      });
      target.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true" && button.offsetParent !== null) {
          setExpanded(button, target, false);
          button.focus();
        }
      });
    });
  }

  function setExpanded(button, target, expanded) {
    button.setAttribute("aria-expanded", expanded ? "true" : "false");
    target.classList.toggle("eingeklappt", !expanded);
  }

  function revealCurrentPage() {
    var current = document.querySelector('.seitenleiste [aria-current="page"]');
    if (!current) return;
    // Gruppen (details) auf dem Weg zur aktuellen Seite öffnen.
    for (var node = current.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    var frame = document.querySelector(".seitenleiste-rahmen");
    if (!frame || frame.scrollHeight <= frame.clientHeight) return;
    var frameTop = frame.getBoundingClientRect().top;
    var linkTop = current.getBoundingClientRect().top;
    frame.scrollTop += linkTop - frameTop - frame.clientHeight / 3;
  }

  function wrapWideTables() {
    var tables = document.querySelectorAll(".inhalt table");
    Array.prototype.forEach.call(tables, function (table) {
      var parent = table.parentElement;
      if (parent.classList.contains("tabelle-scroll") || parent.classList.contains("table-scroll")) {
        makeScrollableRegion(parent, table);
        return;
      }
      var wrapper = document.createElement("div");
      wrapper.className = "tabelle-scroll";
      parent.insertBefore(wrapper, table);
      wrapper.appendChild(table);
      makeScrollableRegion(wrapper, table);
    });
  }

  // Nur wenn die Tabelle wirklich scrollt, braucht der Rahmen einen Tabstopp (Tastatur-Scrollen).
  function makeScrollableRegion(wrapper, table) {
    if (wrapper.scrollWidth <= wrapper.clientWidth + 1) return;
    wrapper.setAttribute("tabindex", "0");
    wrapper.setAttribute("role", "region");
    var caption = table.querySelector("caption");
    wrapper.setAttribute("aria-label", caption ? caption.textContent.trim() : "Tabelle (waagerecht scrollbar)");
  }

  function addCopyButtons() {
    if (!navigator.clipboard || !window.isSecureContext) return;
    var blocks = document.querySelectorAll(".inhalt pre");
    Array.prototype.forEach.call(blocks, function (pre) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kopieren";
      button.textContent = "Kopieren";
      button.setAttribute("aria-label", "Code in die Zwischenablage kopieren");
      button.addEventListener("click", function () {
        var code = pre.querySelector("code") || pre;
        navigator.clipboard.writeText(code.textContent).then(function () {
          button.textContent = "Kopiert";
          window.setTimeout(function () { button.textContent = "Kopieren"; }, 2000);
        }, function () {
          button.textContent = "Fehler";
        });
      });
      pre.appendChild(button);
    });
  }

  function trackCurrentSection() {
    var links = document.querySelectorAll('.auf-dieser-seite a[href^="#"]');
    if (!links.length || !("IntersectionObserver" in window)) return;
    var byId = {};
    var headings = [];
    Array.prototype.forEach.call(links, function (link) {
      var id = decodeURIComponent(link.getAttribute("href").slice(1));
      var heading = document.getElementById(id);
      if (!heading) return;
      byId[id] = link;
      headings.push(heading);
    });
    var visible = {};
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) { visible[entry.target.id] = entry.isIntersecting; });
      var active = null;
      for (var i = 0; i < headings.length; i++) {
        if (visible[headings[i].id]) { active = headings[i].id; break; }
      }
      if (!active) return;
      Array.prototype.forEach.call(links, function (link) { link.classList.remove("aktiv"); });
      byId[active].classList.add("aktiv");
    }, { rootMargin: "0px 0px -60% 0px" });
    headings.forEach(function (heading) { observer.observe(heading); });
  }

  function openDescriptionsForPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      var closed = document.querySelectorAll("details.image-description:not([open])");
      Array.prototype.forEach.call(closed, function (details) {
        details.open = true;
        opened.push(details);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (details) { details.open = false; });
      opened = [];
    });
  }

  function focusSearchOnSlash() {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      var active = document.activeElement;
      var tag = active ? active.tagName : "";
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (active && active.isContentEditable)) return;
      var field = document.getElementById("suche-eingabe") || document.querySelector(".suchfeld");
      if (!field) return;
      event.preventDefault();
      field.focus();
      field.select();
    });
  }

  function start() {
    setupNavToggles();
    revealCurrentPage();
    wrapWideTables();
    addCopyButtons();
    trackCurrentSection();
    openDescriptionsForPrint();
    focusSearchOnSlash();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
