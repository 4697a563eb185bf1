/* Offline reader: data loading and full-text search, shared by index.html.
 *
 * Browsers refuse fetch()/XHR of file:// pages, so every data file is a script that calls
 * READER.data(key, value); READER.load(key) inserts the <script src> and resolves with
 * the value. The index is a character-bigram index (Chinese has no spaces): a query loads
 * one shard per bigram per segment, intersects the postings, then confirms each candidate
 * against its stored text (newest first, a batch at a time) and cuts a snippet.
 * normalize/bigrams/shardOf must match archiver/reader/tokens.py.
 */
(function () {
  "use strict";
  const R = (window.READER = window.READER || {});
  R.base = R.base || ".reader/";
  const pending = new Map();
  const cache = new Map();
  const CACHE_LIMIT = 600;

  R.data = function (key, value) {
    const waiter = pending.get(key);
    if (waiter) {
      pending.delete(key);
      waiter(value);
    }
  };

  R.load = function (key) {
    if (cache.has(key)) return cache.get(key);
    const promise = new Promise(function (resolve, reject) {
      pending.set(key, resolve);
      const script = document.createElement("script");
      script.src = R.base + key.split("/").map(encodeURIComponent).join("/") + ".js";
      script.async = true;
      script.onload = function () {
        script.remove();
        if (pending.delete(key)) reject(new Error("no data in " + script.src));
      };
      script.onerror = function () {
        script.remove();
        pending.delete(key);
        reject(new Error("cannot load " + script.src));
      };
      document.head.appendChild(script);
    });
    cache.set(key, promise);
    promise.catch(function () { cache.delete(key); });
    if (cache.size > CACHE_LIMIT) {
      for (const old of cache.keys()) {
        if (old.startsWith("tx/") || old.startsWith("ix/")) { cache.delete(old); break; }
      }
    }
    return promise;
  };

  R.normalize = function (text) {
    return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).toLowerCase();
  };

  R.bigrams = function (text) {
    const out = new Set();
    for (const run of text.split(/[^\p{L}\p{N}]+/u)) {
      const chars = Array.from(run);
      for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
    }
    return out;
  };

  R.shardOf = function (gram, shards) {
    let h = 0x811c9dc5;
    for (const ch of gram) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    return h % shards;
  };

  R.terms = function (query) {
    return R.normalize(query).split(/\s+/).filter(Boolean);
  };

  function decode(text, lo, alphabet) {
    const out = [];
    let value = 0, shift = 0, prev = lo - 1;
    for (let i = 0; i < text.length; i++) {
      const c = alphabet.indexOf(text[i]);
      value += (c & 31) * Math.pow(2, shift);
      if (c & 32) { shift += 5; } else { prev += value + 1; out.push(prev); value = 0; shift = 0; }
    }
    return out;
  }

  /* Document numbers holding every bigram of the terms, or null if no term has one. */
  async function candidates(terms, meta) {
    const grams = new Set();
    terms.forEach(function (t) { R.bigrams(t).forEach(function (g) { grams.add(g); }); });
    if (!grams.size) return null;
    const keys = (seg, g) => "ix/" + seg.name + "/" + R.shardOf(g, seg.shards);
    const shards = new Map();
    await Promise.all(meta.segments.flatMap(function (seg) {
      return Array.from(grams, function (g) {
        return R.load(keys(seg, g)).then(function (s) { shards.set(keys(seg, g), s); });
      });
    }));
    const lists = [];
    for (const g of grams) {
      let all = [];
      for (const seg of meta.segments) {
        const encoded = shards.get(keys(seg, g))[g];
        if (encoded) all = all.concat(decode(encoded, seg.lo, meta.alphabet));
      }
      if (!all.length) return new Set();
      lists.push(all);
    }
    lists.sort(function (a, b) { return a.length - b.length; });
    let found = new Set(lists[0]);
    for (let i = 1; i < lists.length && found.size; i++) {
      const next = new Set();
      for (const dn of lists[i]) if (found.has(dn)) next.add(dn);
      found = next;
    }
    return found;
  }

  R.titleKey = function (entry) {
    if (entry.nt === undefined) entry.nt = R.normalize(entry.title);
    return entry.nt;
  };

  R.snippet = function (text, terms, width) {
    width = width || 96;
    const body = text.slice(text.indexOf("\n") + 1);
    const low = R.normalize(body);
    let pos = -1;
    for (const t of terms) {
      const i = low.indexOf(t);
      if (i >= 0 && (pos < 0 || i < pos)) pos = i;
    }
    const start = Math.max(0, pos - 20);
    const end = Math.min(body.length, start + width);
    return (start > 0 ? "…" : "") + body.slice(start, end).replace(/\s+/g, " ") + (end < body.length ? "…" : "");
  };

  /* Run a search over `entries` (newest first). onUpdate(state) is called as hits arrive;
   * state = {hits: [{entry, snippet, inTitle}], done, titleOnly}. Returns {more, cancel}. */
  R.search = function (query, entries, meta, onUpdate) {
    const terms = R.terms(query);
    const state = { terms: terms, hits: [], done: false, titleOnly: false, error: null };
    let limit = 60, cancelled = false, wake = null, queue = [], next = 0;
    const control = {
      more: function () { limit += 100; if (wake) { const w = wake; wake = null; w(); } },
      cancel: function () { cancelled = true; if (wake) wake(); },
    };
    const inTitle = new Set();
    for (const e of entries) {
      const key = R.titleKey(e);
      if (terms.every(function (t) { return key.includes(t); })) {
        inTitle.add(e.dn);
        state.hits.push({ entry: e, snippet: "", inTitle: true });
      }
    }
    async function run() {
      onUpdate(state);
      const found = await candidates(terms, meta);
      if (cancelled) return;
      if (found === null) { state.titleOnly = true; state.done = true; onUpdate(state); return; }
      queue = entries.filter(function (e) { return found.has(e.dn) && !inTitle.has(e.dn); });
      while (next < queue.length) {
        if (cancelled) return;
        if (state.hits.length >= limit) {
          onUpdate(state);
          await new Promise(function (resolve) { wake = resolve; });
          continue;
        }
        const batch = queue.slice(next, next + 24);
        next += batch.length;
        const blocks = await Promise.all(batch.map(function (e) {
          return R.load("tx/" + Math.floor(e.dn / meta.textBlock));
        }));
        if (cancelled) return;
        batch.forEach(function (e, i) {
          const text = blocks[i][e.dn];
          if (!text) return;
          const low = R.normalize(text);
          if (terms.every(function (t) { return low.includes(t); })) {
            state.hits.push({ entry: e, snippet: R.snippet(text, terms), inTitle: false });
          }
        });
        onUpdate(state);
      }
      state.done = true;
      onUpdate(state);
    }
    if (!terms.length) { state.done = true; onUpdate(state); return control; }
    run().catch(function (err) { state.error = err; state.done = true; onUpdate(state); });
    return control;
  };
})();
