/*
 * Kontor – Suche im Browser (vanilla JS, keine Abhängigkeiten, keine Anfragen an Dritte).
 *
 * Loads the index written by KontorSearch (Sources/KontorSearch/Index/SearchIndexFormat.swift):
 * search/manifest.js, search/t/<n>.js (term shards) and search/d/<n>.js (one per document;
 * catalog offers are packed, manifest.packed.per to a file, in search/d/p<k>.js), each a script
 * calling window.KontorSuche.register(key, data). Scripts are inserted as <script>
 * elements, so the index loads over http and from file:// alike (no fetch, no XHR).
 *
 * The site root relative to this page comes from this script tag's data-root attribute:
 *   <script src="{{root}}assets/search.js" defer data-root="{{root}}"></script>
 * Index files and result links (index URLs are relative to the site root) are prefixed with it.
 *
 * The analysis (tokenizer, folding, stop words, Snowball German stemmer) and the query
 * evaluation (queryWords, resolveWord, splitCompound, fuzzyTerms, termsWithPrefix, rank) mirror
 * Sources/KontorSearch (GermanAnalyzer, SearchQueryEvaluator) step by step; change both together.
 * Results are built with createElement/textContent only: index data never becomes HTML.
 */
(function () {
  "use strict";

  if (window.KontorSuche && window.KontorSuche.ready) return; // loaded twice (layout + page)

  var script = document.currentScript ||
    document.querySelector("script[data-root][src$='search.js']");
  var root = script ? (script.getAttribute("data-root") || "") : "";

  // ---------------------------------------------------------------- loading

  var loaded = Object.create(null);
  var pending = Object.create(null);

  window.KontorSuche = {
    ready: true,
    register: function (key, data) {
      loaded[key] = data;
      if (pending[key]) {
        pending[key].resolve(data);
        delete pending[key];
      }
    }
  };

  function load(key) {
    if (loaded[key]) return Promise.resolve(loaded[key]);
    if (pending[key]) return pending[key].promise;
    var entry = {};
    entry.promise = new Promise(function (resolve, reject) {
      entry.resolve = resolve;
      entry.reject = reject;
    });
    pending[key] = entry;
    var element = document.createElement("script");
    element.src = root + "search/" + key + ".js";
    element.async = true;
    element.onerror = function () {
      delete pending[key];
      entry.reject(new Error("Suchindex nicht ladbar: " + key));
    };
    document.head.appendChild(element);
    return entry.promise;
  }

  // ---------------------------------------------------------------- analysis

  // Mirrors WordTokenizer.isWordScalar.
  function isWordCode(c) {
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return true;
    if (c === 0xd7 || c === 0xf7) return false;
    if ((c >= 0xc0 && c <= 0x24f) || (c >= 0x370 && c <= 0x3ff) || (c >= 0x400 && c <= 0x52f) ||
        (c >= 0x1e00 && c <= 0x1eff)) return true;
    return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff);
  }

  /** Word ranges [start, end) of a string. */
  function tokenize(text) {
    var tokens = [];
    var start = -1;
    for (var i = 0; i < text.length; i++) {
      if (isWordCode(text.charCodeAt(i))) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        tokens.push([start, i]);
        start = -1;
      }
    }
    if (start >= 0) tokens.push([start, text.length]);
    return tokens;
  }

  // Mirrors GermanFolding: umlauts become digraphs so "ü" and "ue" meet.
  var FOLD = {
    "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss", "æ": "ae",
    "à": "a", "á": "a", "â": "a", "ã": "a", "å": "a", "ç": "c",
    "è": "e", "é": "e", "ê": "e", "ë": "e", "ì": "i", "í": "i", "î": "i", "ï": "i",
    "ñ": "n", "ò": "o", "ó": "o", "ô": "o", "õ": "o", "ø": "o",
    "ù": "u", "ú": "u", "û": "u", "ý": "y", "ÿ": "y"
  };

  function foldWord(word) {
    var lower = word.toLowerCase();
    var out = "";
    for (var i = 0; i < lower.length; i++) {
      var ch = lower.charAt(i);
      out += FOLD[ch] || ch;
    }
    return out;
  }

  // Mirrors GermanStopWords.
  var STOP_WORDS = {};
  ("aber alle allem allen aller alles als also am an auch auf aus bei bin bis bist da damit dann " +
   "das dass dein deine dem den denn der des dessen die dies diese diesem diesen dieser dieses doch " +
   "dort du durch ein eine einem einen einer eines er es euch euer fuer hat hatte hier ich ihm ihn " +
   "ihnen ihr ihre ihrem ihren ihrer im in ins ist ja jede jedem jeden jeder jedes kann man mit nach " +
   "nicht noch nun nur ob oder sehr sein seine sich sie sind so soll sowie um und uns unser unter " +
   "vom von vor war waren was weil wenn wer werden wie wir wird wo zu zum zur ueber")
    .split(" ").forEach(function (w) { STOP_WORDS[w] = true; });

  function isStopWord(word) { return STOP_WORDS[word] === true; }

  // ---- Snowball German stemmer (the classic "german" algorithm, as in libstemmer)

  function isVowel(ch) { return "aeiouyäöü".indexOf(ch) >= 0; }
  var S_ENDING = "bdfghklmnrt";
  var ST_ENDING = "bdfghklmnt";

  function longestSuffix(word, suffixes) {
    var best = "";
    for (var i = 0; i < suffixes.length; i++) {
      var s = suffixes[i];
      if (s.length > best.length && word.length >= s.length && word.slice(-s.length) === s) best = s;
    }
    return best;
  }

  var stemCache = Object.create(null);

  function stem(word) {
    if (/[0-9]/.test(word)) return word;
    var cached = stemCache[word];
    if (cached !== undefined) return cached;
    var result = snowballGerman(word);
    stemCache[word] = result;
    return result;
  }

  function snowballGerman(input) {
    var w = input.replace(/ß/g, "ss").split("");
    // prelude: u and y between vowels are consonants (U, Y)
    var i = 0;
    while (i < w.length) {
      var j = i;
      while (j + 2 < w.length && !(isVowel(w[j]) && (w[j + 1] === "u" || w[j + 1] === "y") && isVowel(w[j + 2]))) j++;
      if (j + 2 >= w.length) break;
      w[j + 1] = w[j + 1] === "u" ? "U" : "Y";
      i = j + 3;
    }
    var word = w.join("");
    var n = word.length;
    // mark_regions
    var p1 = n, p2 = n;
    if (n >= 3) {
      var k = 0;
      while (k < n && !isVowel(word[k])) k++;
      k++;
      while (k < n && isVowel(word[k])) k++;
      if (k < n) {
        k++;
        p1 = Math.max(k, 3);
        while (k < n && !isVowel(word[k])) k++;
        k++;
        while (k < n && isVowel(word[k])) k++;
        if (k < n) p2 = k + 1;
      }
    }
    // step 1
    var suffix = longestSuffix(word, ["em", "ern", "er", "e", "en", "es", "s"]);
    if (suffix && word.length - suffix.length >= p1) {
      var start = word.length - suffix.length;
      if (suffix === "em" || suffix === "ern" || suffix === "er") {
        word = word.slice(0, start);
      } else if (suffix === "e" || suffix === "en" || suffix === "es") {
        word = word.slice(0, start);
        if (word.slice(-4) === "niss") word = word.slice(0, -1);
      } else if (start > 0 && S_ENDING.indexOf(word[start - 1]) >= 0) {
        word = word.slice(0, start);
      }
    }
    // step 2
    suffix = longestSuffix(word, ["en", "er", "est", "st"]);
    if (suffix && word.length - suffix.length >= p1) {
      start = word.length - suffix.length;
      if (suffix !== "st") {
        word = word.slice(0, start);
      } else if (start >= 4 && ST_ENDING.indexOf(word[start - 1]) >= 0) {
        word = word.slice(0, start);
      }
    }
    // step 3
    suffix = longestSuffix(word, ["end", "ung", "ig", "ik", "isch", "lich", "heit", "keit"]);
    if (suffix && word.length - suffix.length >= p2) {
      start = word.length - suffix.length;
      if (suffix === "end" || suffix === "ung") {
        word = word.slice(0, start);
        if (word.slice(-2) === "ig" && word.length - 2 >= p2 && word[word.length - 3] !== "e") word = word.slice(0, -2);
      } else if (suffix === "ig" || suffix === "ik" || suffix === "isch") {
        if (word[start - 1] !== "e") word = word.slice(0, start);
      } else if (suffix === "lich" || suffix === "heit") {
        word = word.slice(0, start);
        var tail = word.slice(-2);
        if ((tail === "er" || tail === "en") && word.length - 2 >= p1) word = word.slice(0, -2);
      } else {
        word = word.slice(0, start);
        var inner = longestSuffix(word, ["lich", "ig"]);
        if (inner && word.length - inner.length >= p2) word = word.slice(0, word.length - inner.length);
      }
    }
    // postlude
    return word.replace(/U/g, "u").replace(/Y/g, "y").replace(/ä/g, "a").replace(/ö/g, "o").replace(/ü/g, "u");
  }

  // ---------------------------------------------------------------- index access

  function compare(a, b) { return a < b ? -1 : (a > b ? 1 : 0); }

  function Index(manifest) {
    this.boundaries = manifest.shards || [""];
    this.packed = manifest.packed || null;
    var documents = manifest.documents || 0;
    this.layout = {
      documents: documents,
      singleSectionFrom: typeof manifest.singleSectionFrom === "number" ? manifest.singleSectionFrom : documents
    };
    this.decoded = Object.create(null);
  }

  /** The result fragment of document `id`: its own file, or its place in a pack of offers. */
  Index.prototype.loadDocument = function (id) {
    var packed = this.packed;
    if (!packed || id < packed.from) return load("d/" + id);
    return load("d/p" + Math.floor((id - packed.from) / packed.per)).then(function (pack) {
      return pack.documents[id - pack.first];
    });
  };

  Index.prototype.shardIndex = function (term) {
    var low = 0, high = this.boundaries.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (compare(this.boundaries[middle], term) <= 0) low = middle; else high = middle - 1;
    }
    return low;
  };

  Index.prototype.shard = function (index) { return load("t/" + index); };

  function lowerBound(terms, term) {
    var low = 0, high = terms.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (terms[middle] < term) low = middle + 1; else high = middle;
    }
    return low;
  }

  Index.prototype.hasTerm = function (term) {
    return this.shard(this.shardIndex(term)).then(function (shard) {
      var position = lowerBound(shard.terms, term);
      return position < shard.terms.length && shard.terms[position] === term;
    });
  };

  // Mirrors ShardEncoding.decodeVarints and decodePostings.
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

  function decodeVarints(text, start) {
    var values = [], value = 0, scale = 1;
    for (var i = start; i < text.length; i++) {
      var digit = DIGITS.indexOf(text.charAt(i));
      if (digit < 0) continue;
      if (digit >= 32) {
        value += (digit - 32) * scale;
        scale *= 32;
        continue;
      }
      values.push(value + digit * scale);
      value = 0;
      scale = 1;
    }
    return values;
  }

  /**
   * [[document, weight, section], …]: sparse lists are (delta, weight, section) per document;
   * dense lists start with "." and a bitmap of the documents (six per letter), then (weight,
   * section). Documents from layout.singleSectionFrom on carry no section.
   */
  function decodePostings(text, layout) {
    var members = null, start = 0;
    if (text.charAt(0) === ".") {
      var letters = Math.ceil(layout.documents / 6);
      members = [];
      for (var c = 0; c < letters; c++) {
        var bits = Math.max(0, DIGITS.indexOf(text.charAt(1 + c)));
        for (var b = 0; b < 6; b++) if (bits & (1 << b)) members.push(c * 6 + b);
      }
      start = 1 + letters;
    }
    var values = decodeVarints(text, start);
    var result = [], v = 0, m = 0, document = 0;
    while (true) {
      if (members) {
        if (m >= members.length) break;
        document = members[m++];
      } else {
        if (v >= values.length) break;
        document += values[v++];
      }
      var hasSection = document < layout.singleSectionFrom;
      if (v + (hasSection ? 1 : 0) >= values.length) break;
      result.push([document, values[v], hasSection ? values[v + 1] : 0]);
      v += hasSection ? 2 : 1;
    }
    return result;
  }

  Index.prototype.postings = function (term) {
    var self = this;
    if (self.decoded[term]) return Promise.resolve(self.decoded[term]);
    return self.shard(self.shardIndex(term)).then(function (shard) {
      var position = lowerBound(shard.terms, term);
      var list = position < shard.terms.length && shard.terms[position] === term
        ? decodePostings(shard.postings[position], self.layout) : [];
      self.decoded[term] = list;
      return list;
    });
  };

  // ---------------------------------------------------------------- query evaluation

  var PREFIX_FACTOR = 0.8, COMPOUND_FACTOR = 0.9, FUZZY_FACTOR = 0.6, MAXIMUM_EXPANSIONS = 30;
  var MINIMUM_COMPOUND = 8, MINIMUM_PART = 4;

  /** Folded query words without stop words; the unfinished last word is kept (typing). */
  function queryWords(query, typing) {
    var tokens = tokenize(query);
    var endsInWord = tokens.length > 0 && tokens[tokens.length - 1][1] === query.length;
    var result = [];
    function add(word, open) {
      if (!open && (word.length < 2 || isStopWord(word))) return;
      for (var i = 0; i < result.length; i++) if (result[i].word === word) return;
      result.push({ word: word, open: open });
    }
    function hyphenated(before, after) {
      return before[1] + 1 === after[0] && query.charAt(before[1]) === "-";
    }
    // Like the index: a hyphen group's later parts with digits are no words of their own; the
    // group's joined spelling stands for them ("8607F52F-EE6F-…").
    var joined = "", groupHasIDParts = false;
    tokens.forEach(function (token, index) {
      var word = foldWord(query.slice(token[0], token[1]));
      var open = typing && endsInWord && index === tokens.length - 1;
      var joinsPrevious = index > 0 && hyphenated(tokens[index - 1], token);
      if (!joinsPrevious) { joined = ""; groupHasIDParts = false; }
      joined += word;
      if (joinsPrevious && /[0-9]/.test(word)) groupHasIDParts = true; else add(word, open);
      var endsGroup = index === tokens.length - 1 || !hyphenated(token, tokens[index + 1]);
      if (endsGroup && groupHasIDParts) add(joined, open);
    });
    return result;
  }

  function mostFrequent(found) {
    return found.map(function (entry, index) { return [entry, index]; })
      .sort(function (a, b) { return b[0].size - a[0].size || a[1] - b[1]; })
      .slice(0, MAXIMUM_EXPANSIONS)
      .map(function (pair) { return pair[0].term; });
  }

  function termsWithPrefix(index, prefix) {
    var first = index.shardIndex(prefix);
    var shardIndices = [first];
    for (var i = first + 1; i < index.boundaries.length && i < first + 3; i++) {
      if (index.boundaries[i].indexOf(prefix) !== 0) break;
      shardIndices.push(i);
    }
    return Promise.all(shardIndices.map(function (i) { return index.shard(i); })).then(function (shards) {
      var found = [];
      shards.forEach(function (shard) {
        for (var p = lowerBound(shard.terms, prefix); p < shard.terms.length && shard.terms[p].indexOf(prefix) === 0; p++) {
          found.push({ term: shard.terms[p], size: shard.postings[p].length });
        }
      });
      return mostFrequent(found);
    });
  }

  // Mirrors withinOneEdit (EditDistance.swift).
  function withinOneEdit(a, b) {
    if (a === b) return true;
    if (Math.abs(a.length - b.length) > 1) return false;
    var short = a.length <= b.length ? a : b;
    var long = a.length <= b.length ? b : a;
    var i = 0;
    while (i < short.length && short[i] === long[i]) i++;
    if (short.length === long.length) {
      if (short.slice(i + 1) === long.slice(i + 1)) return true;
      return i + 1 < short.length && short[i] === long[i + 1] && short[i + 1] === long[i] &&
        short.slice(i + 2) === long.slice(i + 2);
    }
    return short.slice(i) === long.slice(i + 1);
  }

  function fuzzyTerms(index, word, stemmed, open) {
    var shardIndices = [index.shardIndex(stemmed)];
    var wordShard = index.shardIndex(word);
    if (wordShard !== shardIndices[0]) shardIndices.push(wordShard);
    return Promise.all(shardIndices.map(function (i) { return index.shard(i); })).then(function (shards) {
      var found = [];
      var seen = Object.create(null);
      shards.forEach(function (shard) {
        shard.terms.forEach(function (term, position) {
          var matches = withinOneEdit(term, stemmed) || withinOneEdit(term, word);
          if (!matches && open) {
            for (var length = word.length - 1; length <= word.length + 1; length++) {
              if (length > 0 && length <= term.length && withinOneEdit(term.slice(0, length), word)) { matches = true; break; }
            }
          }
          if (matches && !seen[term]) {
            seen[term] = true;
            found.push({ term: term, size: shard.postings[position].length });
          }
        });
      });
      return mostFrequent(found);
    });
  }

  /** Two indexed terms for an unknown compound, longest first part first; linking "s"/"es". */
  async function splitCompound(index, word) {
    if (word.length < MINIMUM_COMPOUND || !/^[a-z]+$/.test(word)) return null;
    for (var end = word.length - MINIMUM_PART; end >= MINIMUM_PART; end--) {
      var left = word.slice(0, end);
      if (isStopWord(left)) continue;
      var leftStem = stem(left);
      var leftTerm = (await index.hasTerm(left)) ? left : ((await index.hasTerm(leftStem)) ? leftStem : null);
      if (!leftTerm) continue;
      var linkers = [0];
      if (word[end] === "s") linkers.push(1);
      if (word.slice(end, end + 2) === "es") linkers.push(2);
      for (var l = 0; l < linkers.length; l++) {
        if (word.length - end - linkers[l] < MINIMUM_PART) continue;
        var right = word.slice(end + linkers[l]);
        if (isStopWord(right)) continue;
        var rightStem = stem(right);
        if (await index.hasTerm(rightStem)) return [leftTerm, rightStem];
        if (await index.hasTerm(right)) return [leftTerm, right];
      }
    }
    return null;
  }

  /** Candidate groups of one query word (a split compound gives one group per part). */
  async function resolveWord(index, word, open) {
    var stemmed = stem(word);
    var candidates = [];
    if (await index.hasTerm(stemmed)) candidates.push({ term: stemmed, factor: 1 });
    if (open) {
      if (word.length >= 2) {
        (await termsWithPrefix(index, word)).forEach(function (term) {
          if (term !== stemmed) candidates.push({ term: term, factor: PREFIX_FACTOR });
        });
      }
      for (var length = word.length - 1; length >= Math.max(4, word.length - 3); length--) {
        var shorter = word.slice(0, length);
        if (shorter === stemmed || !(await index.hasTerm(shorter))) continue;
        if (!candidates.some(function (c) { return c.term === shorter; })) {
          candidates.push({ term: shorter, factor: PREFIX_FACTOR });
        }
      }
    }
    if (candidates.length) return [candidates];
    var parts = await splitCompound(index, word);
    if (parts) return parts.map(function (term) { return [{ term: term, factor: COMPOUND_FACTOR }]; });
    if (word.length >= 5) {
      var fuzzy = await fuzzyTerms(index, word, stemmed, open);
      if (fuzzy.length) return [fuzzy.map(function (term) { return { term: term, factor: FUZZY_FACTOR }; })];
    }
    return [[]];
  }

  /** More matched words first, then summed weight, then document order (mirrors rank()). */
  async function rank(index, groups, limit) {
    if (!groups.some(function (g) { return g.length > 0; })) return [];
    var scores = new Map();
    for (var g = 0; g < groups.length; g++) {
      var best = new Map();
      for (var c = 0; c < groups[g].length; c++) {
        var candidate = groups[g][c];
        var list = await index.postings(candidate.term);
        for (var p = 0; p < list.length; p++) {
          var value = list[p][1] * candidate.factor;
          var previous = best.get(list[p][0]);
          if (value > (previous ? previous.value : 0)) best.set(list[p][0], { value: value, section: list[p][2] });
        }
      }
      best.forEach(function (entry, document) {
        var total = scores.get(document);
        if (!total) { total = { document: document, score: 0, matched: 0, sections: new Map() }; scores.set(document, total); }
        total.score += entry.value;
        total.matched += 1;
        total.sections.set(entry.section, (total.sections.get(entry.section) || 0) + entry.value);
      });
    }
    var ordered = Array.from(scores.values()).sort(function (a, b) {
      return b.matched - a.matched || b.score - a.score || a.document - b.document;
    });
    return ordered.slice(0, limit).map(function (total) {
      var section = 0, sectionScore = -1;
      total.sections.forEach(function (value, key) {
        if (value > sectionScore || (value === sectionScore && key < section)) { section = key; sectionScore = value; }
      });
      return { document: total.document, section: section, score: total.score, matched: total.matched };
    });
  }

  var indexPromise = null;
  var INDEX_FORMAT = 3; // SearchIndexFormat.formatVersion

  function openIndex() {
    if (!indexPromise) {
      indexPromise = load("manifest").then(function (manifest) {
        // A theme's own copy of this file may be older than the index it is served with.
        if (manifest.format !== INDEX_FORMAT) throw new Error("Suchindex im Format " + manifest.format + ", erwartet " + INDEX_FORMAT);
        return new Index(manifest);
      });
      indexPromise.catch(function () { indexPromise = null; });
    }
    return indexPromise;
  }

  /**
   * Ranks every matching document, loading only term shards. `total` counts the hits; `hits(start,
   * count)` loads the result fragments of one slice, so a first query costs the shards of its
   * words plus the fragments of the hits on screen, never those of all hits.
   */
  async function searchAll(query, typing) {
    var index = await openIndex();
    var words = queryWords(query, typing);
    var groups = [];
    for (var i = 0; i < words.length; i++) {
      groups = groups.concat(await resolveWord(index, words[i].word, words[i].open));
    }
    var ranked = await rank(index, groups, Infinity);
    var terms = [];
    groups.forEach(function (group) { group.forEach(function (c) { terms.push(c.term); }); });
    return {
      total: ranked.length,
      hits: function (start, count) { return withDocuments(index, ranked.slice(start, start + count), terms); }
    };
  }

  /** Ranked hits with their documents loaded: {url, title, kind, anchor, heading, text, terms}. */
  async function withDocuments(index, ranked, terms) {
    var documents = await Promise.all(ranked.map(function (hit) { return index.loadDocument(hit.document); }));
    return ranked.map(function (hit, n) {
      var doc = documents[n];
      var section = (doc.sections || [])[hit.section] || ["", "", ""];
      if (!section[2] && doc.sections && doc.sections.length) section = [section[0], section[1], doc.sections[0][2]];
      return {
        url: doc.url, title: doc.title, kind: doc.kind, anchor: section[0], heading: section[1],
        text: section[2], terms: terms, score: hit.score, matched: hit.matched
      };
    });
  }

  async function search(query, typing, limit) {
    return (await searchAll(query, typing)).hits(0, limit);
  }

  // ---------------------------------------------------------------- rendering (DOM only)

  var KIND_LABELS = { help: "Hilfe", catalog: "Katalog" };

  function hitURL(hit) {
    return root + hit.url + (hit.anchor ? "#" + encodeURIComponent(hit.anchor) : "");
  }

  /** True when a word of the text is one of the matched terms (or contains one, for compounds). */
  function isMatch(word, terms) {
    var folded = foldWord(word);
    var stemmed = stem(folded);
    for (var i = 0; i < terms.length; i++) {
      if (stemmed === terms[i] || folded === terms[i]) return true;
      if (terms[i].length >= 5 && folded.indexOf(terms[i]) >= 0) return true;
    }
    return false;
  }

  /** Appends text to parent, wrapping matched words in <mark>. */
  function appendHighlighted(parent, text, terms) {
    var last = 0;
    tokenize(text).forEach(function (token) {
      if (!isMatch(text.slice(token[0], token[1]), terms)) return;
      if (token[0] > last) parent.appendChild(document.createTextNode(text.slice(last, token[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(token[0], token[1]);
      parent.appendChild(mark);
      last = token[1];
    });
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /** About 180 characters around the first matched word. */
  function snippetText(text, terms) {
    if (!text) return "";
    var tokens = tokenize(text);
    var at = 0;
    for (var i = 0; i < tokens.length; i++) {
      if (isMatch(text.slice(tokens[i][0], tokens[i][1]), terms)) { at = tokens[i][0]; break; }
    }
    var start = Math.max(0, at - 60);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < at ? space + 1 : start;
    }
    var end = Math.min(text.length, start + 180);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      if (cut > at) end = cut;
    }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length && text.slice(end - 1, end) !== "…" ? " …" : "");
  }

  function buildHit(hit, elementName, id) {
    var item = document.createElement(elementName);
    item.className = "suchergebnis";
    if (id) item.id = id;
    var link = document.createElement("a");
    link.className = "suchergebnis-titel";
    link.href = hitURL(hit);
    appendHighlighted(link, hit.title, hit.terms);
    item.appendChild(link);
    var meta = document.createElement("span");
    meta.className = "suchergebnis-bereich";
    var kind = document.createElement("span");
    kind.className = "suchergebnis-typ suchergebnis-typ-" + (hit.kind === "catalog" ? "katalog" : "hilfe");
    kind.textContent = KIND_LABELS[hit.kind] || "Hilfe";
    meta.appendChild(kind);
    if (hit.heading) meta.appendChild(document.createTextNode(" · " + hit.heading));
    item.appendChild(meta);
    var snippet = snippetText(hit.text, hit.terms);
    if (snippet) {
      var paragraph = document.createElement("p");
      paragraph.className = "suchergebnis-auszug";
      appendHighlighted(paragraph, snippet, hit.terms);
      item.appendChild(paragraph);
    }
    return item;
  }

  function emptyState(query) {
    var box = document.createElement("div");
    box.className = "suche-leer";
    var title = document.createElement("p");
    title.className = "suche-status";
    title.textContent = "Keine Treffer für „" + query.trim() + "“";
    box.appendChild(title);
    var tips = document.createElement("ul");
    tips.className = "suche-tipps";
    ["Prüfen Sie die Schreibweise.",
     "Verwenden Sie weniger oder allgemeinere Suchbegriffe.",
     "Suchen Sie nach einem Teil eines zusammengesetzten Wortes, etwa „Verwaltung“ statt „Abonnementverwaltung“."]
      .forEach(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        tips.appendChild(item);
      });
    box.appendChild(tips);
    return box;
  }

  function statusLine(text) {
    var line = document.createElement("p");
    line.className = "suche-status";
    line.textContent = text;
    return line;
  }

  function clear(element) {
    while (element.firstChild) element.removeChild(element.firstChild);
  }

  var UNAVAILABLE = "Die Suche ist gerade nicht verfügbar: Der Suchindex konnte nicht geladen werden.";
  /** Hits per page of the results page; each hit costs its result fragment. */
  var RESULTS_PER_PAGE = 10;

  // ---------------------------------------------------------------- results page

  function setupResultsPage(container) {
    var input = document.getElementById("suche-eingabe");
    var params = new URLSearchParams(window.location.search);
    var initial = params.get("q") || "";
    if (input) input.value = initial;
    var generation = 0;

    function show(query) {
      var mine = ++generation;
      if (!query.trim()) {
        clear(container);
        container.appendChild(statusLine("Geben Sie einen Suchbegriff ein."));
        return;
      }
      searchAll(query, false).then(function (all) {
        if (mine !== generation) return;
        if (!all.total) {
          clear(container);
          container.appendChild(emptyState(query));
          return;
        }
        return all.hits(0, RESULTS_PER_PAGE).then(function (hits) {
          if (mine !== generation) return;
          clear(container);
          container.appendChild(statusLine(all.total + " Treffer für „" + query.trim() + "“"));
          var list = document.createElement("ol");
          list.className = "suchergebnis-liste";
          container.appendChild(list);
          appendResults(list, hits, all, mine);
        });
      }).catch(function () {
        if (mine !== generation) return;
        clear(container);
        container.appendChild(statusLine(UNAVAILABLE));
      });
    }

    /** Appends a page of hits and, while more are ranked, a button that loads the next page. */
    function appendResults(list, hits, all, mine) {
      hits.forEach(function (hit) { list.appendChild(buildHit(hit, "li")); });
      var shown = list.children.length;
      if (shown >= all.total) return;
      var more = document.createElement("button");
      more.type = "button";
      more.className = "suche-mehr";
      more.textContent = "Weitere Treffer anzeigen (" + (all.total - shown) + ")";
      more.addEventListener("click", function () {
        more.disabled = true;
        all.hits(shown, RESULTS_PER_PAGE).then(function (next) {
          if (mine !== generation) return;
          more.remove();
          appendResults(list, next, all, mine);
          // Keyboard users land on the first new hit instead of the end of the page.
          var first = list.children[shown] && list.children[shown].querySelector("a");
          if (first) first.focus();
        }, function () {
          more.disabled = false;
        });
      });
      list.parentNode.appendChild(more);
    }

    if (input) {
      var timer = 0;
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          show(input.value);
          try {
            var url = new URL(window.location.href);
            url.searchParams.set("q", input.value);
            window.history.replaceState(null, "", url.toString());
          } catch (error) { /* file:// in some browsers */ }
        }, 120);
      });
    }
    show(initial);
  }

  // ---------------------------------------------------------------- dropdown on every page

  var dropdownCount = 0;

  function setupDropdown(input) {
    var form = input.form;
    var host = form || input.parentNode;
    host.classList.add("suche-anker");
    var id = "suchvorschlaege-" + (++dropdownCount);
    var panel = document.createElement("div");
    panel.className = "suche-vorschlaege";
    panel.hidden = true;
    var list = document.createElement("ul");
    list.id = id;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suchvorschläge");
    panel.appendChild(list);
    host.appendChild(panel);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);

    var active = -1;
    var generation = 0;
    var timer = 0;

    function options() { return list.querySelectorAll("[role='option']"); }

    function close() {
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function setActive(next) {
      var items = options();
      if (!items.length) return;
      if (active >= 0 && items[active]) {
        items[active].classList.remove("aktiv");
        items[active].setAttribute("aria-selected", "false");
      }
      active = (next + items.length) % items.length;
      items[active].classList.add("aktiv");
      items[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[active].id);
      if (items[active].scrollIntoView) items[active].scrollIntoView({ block: "nearest" });
    }

    function render(query, hits) {
      clear(list);
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!hits.length) {
        var none = document.createElement("li");
        none.className = "suche-status suche-keine";
        none.textContent = "Keine Treffer für „" + query.trim() + "“";
        list.appendChild(none);
      } else {
        hits.forEach(function (hit, n) {
          var item = buildHit(hit, "li", id + "-" + n);
          item.setAttribute("role", "option");
          item.setAttribute("aria-selected", "false");
          list.appendChild(item);
        });
      }
      var all = document.createElement("li");
      all.className = "suche-alle";
      var link = document.createElement("a");
      link.href = (form && form.getAttribute("action") ? form.getAttribute("action") : root + "suche.html") +
        "?q=" + encodeURIComponent(query.trim());
      link.textContent = "Alle Ergebnisse anzeigen";
      all.appendChild(link);
      list.appendChild(all);
      open();
    }

    function update() {
      var query = input.value;
      var mine = ++generation;
      if (!query.trim()) { close(); return; }
      search(query, true, 6).then(function (hits) {
        if (mine === generation) render(query, hits);
      }, function () {
        if (mine !== generation) return;
        clear(list);
        list.appendChild(statusLine(UNAVAILABLE));
        open();
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 60);
    });
    input.addEventListener("focus", function () { if (input.value.trim() && list.firstChild) open(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (panel.hidden) { update(); return; }
        setActive(active + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (!panel.hidden) setActive(active - 1);
      } else if (event.key === "Enter") {
        var items = options();
        if (!panel.hidden && active >= 0 && items[active]) {
          event.preventDefault();
          var target = items[active].querySelector("a");
          if (target) window.location.href = target.href;
        }
      } else if (event.key === "Escape") {
        if (!panel.hidden) { event.preventDefault(); close(); }
      }
    });
    document.addEventListener("click", function (event) {
      if (!host.contains(event.target)) close();
    });
  }

  // ---------------------------------------------------------------- start

  function ensureStylesheet() {
    var links = document.querySelectorAll("link[rel='stylesheet']");
    for (var i = 0; i < links.length; i++) {
      if (/assets\/search\.css$/.test(links[i].getAttribute("href") || "")) return;
    }
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = root + "assets/search.css";
    document.head.appendChild(link);
  }

  function start() {
    ensureStylesheet();
    Array.prototype.forEach.call(document.querySelectorAll("input.suchfeld"), setupDropdown);
    var container = document.getElementById("suchergebnisse");
    if (container) setupResultsPage(container);
  }

  // Exposed for the browser tests (parity with libstemmer and the Swift evaluator).
  window.KontorSuche.analysis = { tokenize: tokenize, fold: foldWord, stem: stem, isStopWord: isStopWord };
  window.KontorSuche.search = search;

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
