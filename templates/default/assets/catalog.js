/*
 * Kontor – Katalogfilter. Ohne Server und ohne Abhängigkeiten: blendet Angebotskarten nach ihren
 * data-Attributen ein und aus (data-category, data-customer-types, data-billing; mehrere Werte
 * durch Leerzeichen getrennt). Ohne JavaScript bleibt das Formular verborgen und alles sichtbar.
 * Voreinstellung über die Adresse: katalog/index.html?kategorie=teams&kundentyp=education
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-katalog-filter]");
  if (!form) return;

  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var cards = Array.prototype.slice.call(document.querySelectorAll(".katalog-karte"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("[data-filter-section]"));
  var status = form.querySelector("[data-filter-status]");
  var empty = document.querySelector("[data-filter-empty]");
  var attributes = { "category": "data-category", "customer-types": "data-customer-types", "billing": "data-billing" };

  function tokens(card, name) {
    return (card.getAttribute(attributes[name]) || "").split(" ");
  }

  function matches(card, filters) {
    return filters.every(function (filter) {
      return tokens(card, filter.name).indexOf(filter.value) !== -1;
    });
  }

  function apply() {
    var filters = selects
      .filter(function (select) { return select.value !== ""; })
      .map(function (select) { return { name: select.getAttribute("data-filter"), value: select.value }; });
    var ids = {};
    cards.forEach(function (card) {
      var visible = matches(card, filters);
      card.hidden = !visible;
      // Empfohlene Angebote stehen zweimal auf der Seite; gezählt wird jedes Angebot einmal.
      var link = card.querySelector("a");
      if (visible && link) ids[link.getAttribute("href")] = true;
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector(".katalog-karte:not([hidden])");
    });
    var count = Object.keys(ids).length;
    if (status) {
      status.textContent = filters.length === 0 ? "" : count === 1 ? "1 Angebot gefunden" : count + " Angebote gefunden";
    }
    if (empty) empty.hidden = count !== 0;
  }

  function presetFromAddress() {
    var query = window.location.search.replace(/^\?/, "");
    if (!query) return;
    query.split("&").forEach(function (pair) {
      var parts = pair.split("=");
      var name = decodeURIComponent(parts[0] || "");
      var value = decodeURIComponent((parts[1] || "").replace(/\+/g, " "));
      selects.forEach(function (select) {
        if (select.name !== name) return;
        var known = Array.prototype.some.call(select.options, function (option) { return option.value === value; });
        if (known) select.value = value;
      });
    });
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  var resetButton = document.querySelector("[data-filter-reset]");
  if (resetButton) resetButton.addEventListener("click", function () { form.reset(); });
  presetFromAddress();
  apply();
})();
