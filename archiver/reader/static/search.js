/* Offline reader: data loading and full-text search, shared by index.html.
 *
 * Browsers refuse fetch()/XHR of file:// pages, so every data file is a script that calls
 * READER.data(key, value); READER.load(key) inserts the <script src> and resolves with the
 * value. The index (archiver/reader/webindex.py) maps characters and character pairs to
 * posting lists in shards: a query loads one shard per key per segment, counts how many of
 * its keys each document has, and takes the documents that have them all, title hits
 * first, in list order. Terms longer than two characters are then confirmed against the
 * stored title or text (a batch at a time, as rows are needed), which also gives snippets.
 * normalize/canon/runs/terms/shardOf and the list decoding in count() must match
 * archiver/reader/tokens.py and postings.py (tests/test_browser.py compares them).
 */
(function () {
  "use strict";
  const R = (window.READER = window.READER || {});
  R.base = R.base || ".reader/";
  const waiting = new Map();
  const cache = new Map();
  const KEEP = { ix: 300, t: 160, m: 400 };
  const held = { ix: 0, t: 0, m: 0 };

  R.data = function (key, value) {
    const resolve = waiting.get(key);
    if (resolve) {
      waiting.delete(key);
      resolve(value);
    }
  };

  function kind(key) { return key.slice(0, key.indexOf("/")); }

  function forget(prefix) {
    for (const old of cache.keys()) {
      if (kind(old) === prefix) { cache.delete(old); held[prefix]--; return; }
    }
  }

  R.load = function (key) {
    const found = cache.get(key);
    if (found) { cache.delete(key); cache.set(key, found); return found; }
    const promise = new Promise(function (resolve, reject) {
      waiting.set(key, resolve);
      const script = document.createElement("script");
      script.src = R.base + key.split("/").map(encodeURIComponent).join("/") + ".js";
      script.async = true;
      script.onload = function () {
        script.remove();
        if (waiting.delete(key)) reject(new Error("no data in " + script.src));
      };
      script.onerror = function () {
        script.remove();
        waiting.delete(key);
        reject(new Error("cannot load " + script.src));
      };
      document.head.appendChild(script);
    });
    cache.set(key, promise);
    const k = kind(key);
    if (k in held && ++held[k] > KEEP[k]) forget(k);
    promise.catch(function () { if (cache.get(key) === promise) cache.delete(key); });
    return promise;
  };

  R.normalize = function (text) {
    return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).toLowerCase();
  };
  R.canon = function (text) { return R.normalize(text).replace(/\s+/g, " "); };
  R.runs = function (text) { return text.match(/[\p{L}\p{N}]+/gu) || []; };

  R.shardOf = function (key, shards) {
    let h = 0x811c9dc5;
    for (const ch of key[0] === "^" ? key.slice(1) : key) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    return h % shards;
  };

  /* Terms as tokens.query_terms: {text, keys, exact}; "quoted phrases" stay whole. */
  R.terms = function (query) {
    const out = [];
    for (const m of query.matchAll(/"([^"]*)"?|(\S+)/g)) {
      const text = R.canon(m[1] !== undefined ? m[1] : m[2]).trim();
      const parts = R.runs(text);
      if (!parts.length) continue;
      const keys = new Set();
      for (const run of parts) {
        const chars = Array.from(run);
        if (chars.length === 1) keys.add(chars[0]);
        for (let i = 0; i + 1 < chars.length; i++) keys.add(chars[i] + chars[i + 1]);
      }
      const all = Array.from(keys);
      const exact = parts.length === 1 && Array.from(parts[0]).length <= 2 && parts[0] === text;
      /* a longer term: its first and last keys (the text confirms the rest) */
      const lookup = exact || all.length <= 2 ? all : [all[0], all[all.length - 1]];
      out.push({ text: text, keys: all, lookup: Array.from(new Set(lookup)), exact: exact });
    }
    return out;
  };

  const VALUE = new Int8Array(128).fill(-1);
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("").forEach(function (c, i) { VALUE[c.charCodeAt(0)] = i; });

  /* Add one to counts[dn] for every document of a posting list. */
  function count(code, lo, counts) {
    let value = 0, shift = 0, prev = lo - 1;
    for (let i = 0; i < code.length; i++) {
      const c = VALUE[code.charCodeAt(i)];
      if (c & 32) { value += (c & 31) * 2 ** shift; shift += 5; continue; }
      prev += value + (c & 31) * 2 ** shift + 1;
      counts[prev]++;
      value = 0; shift = 0;
    }
  }
  /* For each key, how many of `keys` each document has (one Uint8Array per group). */
  async function counted(groups, meta) {
    const all = new Set();
    groups.forEach(function (g) { g.forEach(function (k) { all.add(k); }); });
    const jobs = [];
    for (const seg of meta.segments) {
      for (const key of all) {
        jobs.push(R.load("ix/" + seg[0] + "/" + R.shardOf(key, seg[3])).then(function (shard) {
          return [key, seg[1], shard[key]];
        }));
      }
    }
    const found = await Promise.all(jobs);
    return groups.map(function (keys) {
      const counts = new Uint8Array(meta.maxDn + 1);
      const wanted = new Set(keys);
      for (const [key, lo, code] of found) if (code && wanted.has(key)) count(code, lo, counts);
      return counts;
    });
  }

  /* Documents (in list order) that have every filter key: the list with filters on. */
  R.filter = async function (facetKeys, order, meta) {
    if (!facetKeys.length) return order;
    const [counts] = await counted([facetKeys], meta);
    const n = facetKeys.length, out = [];
    for (let i = 0; i < order.length; i++) if (counts[order[i]] === n) out.push(order[i]);
    return Int32Array.from(out);
  };

  R.entry = function (meta, dn) {
    return R.load("m/" + Math.floor(dn / meta.metaBlock)).then(function (rows) {
      for (const row of rows) if (row[0] === dn) return row;
      return null;
    });
  };

  const inflated = new Map();
  R.text = function (meta, dn) {
    const block = Math.floor(dn / meta.textBlock);
    let texts = inflated.get(block);
    if (!texts) {
      texts = R.load("t/" + block).then(async function (data) {
        const bytes = Uint8Array.from(atob(data.z), function (c) { return c.charCodeAt(0); });
        const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
        const parts = (await new Response(stream).text()).split("\u0000");
        const out = new Map();
        data.dns.forEach(function (d, i) { out.set(d, parts[i]); });
        return out;
      });
      inflated.set(block, texts);
      if (inflated.size > KEEP.t) inflated.delete(inflated.keys().next().value);
      texts.catch(function () { inflated.delete(block); });
    }
    return texts.then(function (m) { return m.get(dn) || ""; });
  };

  R.snippet = function (text, terms, width) {
    width = width || 96;
    const low = R.normalize(text);
    let pos = -1;
    for (const t of terms) {
      const run = R.runs(t.text).sort(function (a, b) { return b.length - a.length; })[0];
      const i = low.indexOf(run);
      if (i >= 0 && (pos < 0 || i < pos)) pos = i;
    }
    const start = Math.max(0, pos - 20);
    const end = Math.min(text.length, start + width);
    return (start > 0 ? "…" : "") + text.slice(start, end).replace(/\s+/g, " ") + (end < text.length ? "…" : "");
  };

  /* A search over the list `order` (typed array of document numbers, newest first) with
   * optional filter keys. Returns a result: {terms, hits (dn array), done, total (upper
   * bound until done), more(n) -> Promise (confirm until n hits or the end), cancel()}. */
  R.search = async function (query, order, meta, facetKeys) {
    const terms = R.terms(query);
    const result = { terms: terms, hits: [], done: true, total: 0, cancelled: false };
    result.more = function () { return Promise.resolve(); };
    result.cancel = function () { result.cancelled = true; };
    if (!terms.length) return result;
    const keys = Array.from(new Set(terms.flatMap(function (t) { return t.lookup; })));
    const [body, title] = await counted([keys.concat(facetKeys), keys.map(function (k) { return "^" + k; })], meta);
    const nb = keys.length + facetKeys.length, nt = keys.length;
    const titled = [], rest = [];
    for (let i = 0; i < order.length; i++) {
      const dn = order[i];
      if (body[dn] === nb) { rest.push(dn); if (title[dn] === nt) titled.push(dn); }
    }
    const exact = terms.every(function (t) { return t.exact; });
    result.total = rest.length;
    if (exact) {
      const shown = new Set(titled);
      result.hits = titled.concat(rest.filter(function (dn) { return !shown.has(dn); }));
      result.titled = titled.length;
      return result;
    }
    const long = terms.filter(function (t) { return !t.exact; });
    const accepted = new Set();
    const queue = titled.map(function (dn) { return [dn, true]; }).concat(rest.map(function (dn) { return [dn, false]; }));
    let next = 0, running = null;
    result.done = false;
    result.titled = 0;
    async function confirm(limit) {
      while (!result.cancelled && result.hits.length < limit && next < queue.length) {
        const batch = queue.slice(next, next + 32);
        next += batch.length;
        const checked = await Promise.all(batch.map(async function ([dn, inTitle]) {
          if (accepted.has(dn)) return false;
          const entry = await R.entry(meta, dn);
          const head = R.canon(entry ? entry[3] : "");
          if (inTitle) return long.every(function (t) { return head.includes(t.text); });
          const text = R.canon(await R.text(meta, dn));
          return long.every(function (t) { return head.includes(t.text) || text.includes(t.text); });
        }));
        batch.forEach(function ([dn, inTitle], i) {
          if (checked[i] && !accepted.has(dn)) {
            accepted.add(dn);
            result.hits.push(dn);
            if (inTitle) result.titled++;
          }
        });
      }
      if (next >= queue.length) { result.done = true; result.total = result.hits.length; }
    }
    result.more = function (limit) {
      running = (running || Promise.resolve()).then(function () { return confirm(limit); });
      return running;
    };
    await result.more(16);  /* a screenful; the rest as the list needs them */
    return result;
  };
})();
