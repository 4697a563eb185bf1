/* Offline reader: the article list of index.html, with filters, search and a virtual list.
 *
 * The list order (every document number, newest first) arrives as one typed array; only
 * the rows on screen exist in the DOM, and their entries and snippets are loaded block by
 * block as they scroll into view, so 100,000 or 1,000,000 articles cost the same to show.
 * Filters are posting lists too ("=s:<site>" ...). State lives in the URL
 * (?q=&site=&cat=&tag=&month=), so a search can be bookmarked or opened as
 * index.html?q=关键词. Untrusted text only ever goes into textContent.
 */
(function () {
  "use strict";
  const R = window.READER;
  const ROW = 116;
  const $ = function (id) { return document.getElementById(id); };
  const FILTERS = { site: "f-site", cat: "f-cat", tag: "f-tag", month: "f-month" };
  const FACET = { site: "=s:", cat: "=c:", tag: "=g:", month: "=m:" };
  const st = { meta: null, order: null, view: null, result: null, query: "", serial: 0 };
  const entries = new Map();
  const snippets = new Map();

  function params() {
    const p = new URLSearchParams(location.search || location.hash.slice(1));
    const out = { q: p.get("q") || "" };
    for (const k in FILTERS) out[k] = p.get(k) || "";
    return out;
  }

  function current() {
    const out = { q: $("q").value.trim() };
    for (const k in FILTERS) out[k] = $(FILTERS[k]).value.trim();
    return out;
  }

  function remember(state) {
    const p = new URLSearchParams();
    for (const k in state) if (state[k]) p.set(k, state[k]);
    const query = p.toString();
    try { history.replaceState(null, "", query ? "?" + query : location.pathname); } catch (e) { /* file:// may refuse */ }
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function localDate(seconds) {
    if (seconds === null || seconds === undefined) return "日期未知";
    const d = new Date(seconds * 1000);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }
  function url(path) { return path.split("/").map(encodeURIComponent).join("/"); }

  function option(select, value, label) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  function fillFilters(meta, wanted) {
    meta.sites.forEach(function (s) { option($("f-site"), s[0], s[0] + "（" + s[1] + "）"); });
    meta.categories.forEach(function (c) { option($("f-cat"), c[0], c[0] + "（" + c[1] + "）"); });
    meta.months.forEach(function (m) { option($("f-month"), m[0], (m[0] === "undated" ? "日期未知" : m[0]) + "（" + m[1] + "）"); });
    meta.tags.forEach(function (t) { option($("tag-list"), t[0], t[1] + " 篇"); });
    for (const k in FILTERS) $(FILTERS[k]).value = wanted[k];
    $("q").value = wanted.q;
  }

  function highlight(el, text, terms) {
    const words = [];
    (terms || []).forEach(function (t) { R.runs(t.text).forEach(function (w) { words.push(w); }); });
    words.sort(function (a, b) { return b.length - a.length; });
    const low = R.normalize(text);
    let i = 0;
    while (i < text.length) {
      let at = -1, len = 0;
      for (const w of words) {
        const j = low.indexOf(w, i);
        if (j >= 0 && (at < 0 || j < at)) { at = j; len = w.length; }
      }
      if (at < 0 || !len) break;
      el.appendChild(document.createTextNode(text.slice(i, at)));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(at, at + len);
      el.appendChild(mark);
      i = at + len;
    }
    el.appendChild(document.createTextNode(text.slice(i)));
  }

  function span(cls, text) {
    const s = document.createElement("span");
    s.className = cls;
    if (text) s.textContent = text;
    return s;
  }

  function placeholder(index) {
    const a = document.createElement("div");
    a.className = "row pending";
    a.style.top = index * ROW + "px";
    return a;
  }

  function row(e, index, terms, snippet) {
    const base = e[1] ? e[1] + "/" : "";
    const a = document.createElement("a");
    a.className = "row";
    a.href = url(base + e[2] + ".html");
    a.dataset.path = base + e[2] + ".md";
    a.style.top = index * ROW + "px";
    const thumb = span("thumb");
    if (e[8]) {
      const img = document.createElement("img");
      img.alt = "";
      img.decoding = "async";
      img.onerror = function () { img.remove(); };
      img.src = url(base + e[8]);
      thumb.appendChild(img);
    } else {
      thumb.classList.add("empty");
      thumb.textContent = (e[5] || "·").slice(0, 2);
    }
    const main = span("main");
    const title = span("title");
    highlight(title, e[3], terms);
    const info = span("info");
    info.appendChild(span("date", localDate(e[4])));
    info.appendChild(span("site", e[5]));
    if (e[6].length) info.appendChild(span("cats", e[6].join(" / ")));
    e[7].slice(0, 4).forEach(function (t) { info.appendChild(span("tag", t)); });
    main.appendChild(title);
    main.appendChild(info);
    if (snippet) {
      const snip = span("snippet");
      highlight(snip, snippet, terms);
      main.appendChild(snip);
    } else if (e[9] && !terms) {
      main.appendChild(span("author", e[9]));
    }
    a.appendChild(thumb);
    a.appendChild(main);
    return a;
  }

  function want(dn, terms) {
    if (!entries.has(dn)) {
      entries.set(dn, null);
      R.entry(st.meta, dn).then(function (e) { entries.set(dn, e); schedulePaint(); }, function () { entries.delete(dn); });
    }
    if (terms && !snippets.has(dn)) {
      snippets.set(dn, null);
      R.text(st.meta, dn).then(function (t) { snippets.set(dn, t); schedulePaint(); }, function () { snippets.delete(dn); });
    }
  }

  function paint() {
    const view = st.view;
    if (!view) return;
    const list = $("list");
    const top = list.getBoundingClientRect().top + window.scrollY;
    const first = Math.max(0, Math.floor((window.scrollY - top) / ROW) - 4);
    const last = Math.min(view.items.length, Math.ceil((window.scrollY - top + window.innerHeight) / ROW) + 4);
    const terms = view.terms;
    const rows = document.createDocumentFragment();
    let ready = 0;
    for (let i = first; i < last; i++) {
      const dn = view.items[i];
      want(dn, terms);
      const e = entries.get(dn);
      if (!e) { rows.appendChild(placeholder(i)); continue; }
      const text = terms ? snippets.get(dn) : null;
      rows.appendChild(row(e, i, terms, text ? R.snippet(text, terms) : ""));
      ready++;
    }
    list.replaceChildren(rows);
    if (ready || !view.items.length) list.dataset.shownFor = view.key;
    if (entries.size > 20000) { entries.clear(); snippets.clear(); }
    const result = st.result;
    if (result && !result.done && last >= view.items.length - 10) {
      const serial = st.serial;
      result.more(view.items.length + 60).then(function () { if (serial === st.serial) showResult(result); });
    }
  }

  let painting = false;
  function schedulePaint() {
    if (painting) return;
    painting = true;
    requestAnimationFrame(function () { painting = false; paint(); });
  }

  function show(items, terms, key, status) {
    st.view = { items: items, terms: terms, key: key };
    $("list").style.height = items.length * ROW + "px";
    $("list").classList.toggle("empty", !items.length);
    $("status").textContent = status || "";
    paint();
  }

  function setCount(text, shown) {
    $("count").textContent = text;
    $("count").dataset.shown = shown;
  }

  function showResult(result) {
    const n = result.done ? result.hits.length : result.total;
    setCount((result.done ? "找到 " : "找到约 ") + n + " 篇", result.hits.length);
    show(result.hits, result.terms, st.query, result.terms.length ? "" : "请输入字词。");
    document.body.dataset.state = result.done ? "done" : "searching";
  }

  async function refresh(scrollTop) {
    const f = current();
    remember(f);
    const serial = ++st.serial;
    const facets = [];
    for (const k in FILTERS) if (f[k]) facets.push(FACET[k] + f[k]);
    $("f-clear").hidden = !facets.length;
    if (st.result) { st.result.cancel(); st.result = null; }
    if (scrollTop) window.scrollTo(0, 0);
    st.query = f.q;
    const total = st.order.length;
    if (!f.q) {
      const items = await R.filter(facets, st.order, st.meta);
      if (serial !== st.serial) return;
      setCount(facets.length ? "筛选出 " + items.length + " / " + total + " 篇" : "共 " + total + " 篇", items.length);
      show(items, null, "");
      document.body.dataset.state = "ready";
      return;
    }
    document.body.dataset.state = "searching";
    $("list").dataset.shownFor = "\u0000";
    setCount("检索中…", 0);
    try {
      const result = await R.search(f.q, st.order, st.meta, facets);
      if (serial !== st.serial) { result.cancel(); return; }
      st.result = result;
      showResult(result);
    } catch (err) {
      if (serial !== st.serial) return;
      setCount("找到 0 篇", 0);
      show([], null, f.q, "检索出错：" + err.message);
      document.body.dataset.state = "done";
    }
  }

  function decodeOrder(text) {
    const bin = atob(text);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Uint32Array(bytes.buffer, 0, bytes.length >> 2);
  }

  async function init() {
    const wanted = params();
    document.body.dataset.state = "loading";
    try {
      const loaded = await Promise.all([R.load("meta"), R.load("order")]);
      st.meta = loaded[0];
      st.order = decodeOrder(loaded[1]);
    } catch (err) {
      $("status").textContent = "找不到目录数据：请先运行 archiver build。";
      return;
    }
    fillFilters(st.meta, wanted);
    performance.mark("reader:catalogue");
    await refresh(false);
    performance.mark("reader:first-rows");
    let timer = null;
    $("q").addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { refresh(true); }, 200);
    });
    $("search").addEventListener("submit", function (ev) { ev.preventDefault(); clearTimeout(timer); refresh(true); });
    for (const k in FILTERS) $(FILTERS[k]).addEventListener("change", function () { refresh(true); });
    $("f-clear").addEventListener("click", function () {
      for (const k in FILTERS) $(FILTERS[k]).value = "";
      refresh(true);
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "/" && document.activeElement !== $("q")) { ev.preventDefault(); $("q").focus(); }
    });
  }

  window.addEventListener("scroll", schedulePaint, { passive: true });
  window.addEventListener("resize", schedulePaint);
  document.addEventListener("DOMContentLoaded", init);
})();
