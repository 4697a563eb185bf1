/* Offline reader: the article list of index.html, with filters, search and a virtual list.
 *
 * The catalogue arrives month by month (READER.load("cat/YYYY-MM")), newest first, so the
 * list shows at once and fills in. Only the rows on screen exist in the DOM, which keeps
 * 100k articles smooth. State lives in the URL (?q=&site=&cat=&tag=&month=), so a search
 * can be bookmarked or opened as index.html?q=关键词. Untrusted text only ever goes into
 * textContent.
 */
(function () {
  "use strict";
  const R = window.READER;
  const ROW = 116;
  const $ = function (id) { return document.getElementById(id); };
  const FILTERS = { site: "f-site", cat: "f-cat", tag: "f-tag", month: "f-month" };
  const st = { meta: null, entries: [], loaded: false, view: [], search: null, result: null };

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

  function toEntry(a, month) {
    return { dn: a[0], folder: a[1], name: a[2], title: a[3], date: a[4], site: a[5],
      cats: a[6], tags: a[7], cover: a[8], author: a[9], month: month };
  }

  function filtered(f) {
    return st.entries.filter(function (e) {
      return (!f.site || e.site === f.site) && (!f.month || e.month === f.month) &&
        (!f.cat || e.cats.indexOf(f.cat) >= 0) && (!f.tag || e.tags.indexOf(f.tag) >= 0);
    });
  }

  function highlight(el, text, terms) {
    const low = R.normalize(text);
    let i = 0;
    while (i < text.length) {
      let at = -1, len = 0;
      for (const t of terms) {
        const j = low.indexOf(t, i);
        if (j >= 0 && (at < 0 || j < at)) { at = j; len = t.length; }
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

  function row(item, index, terms) {
    const e = item.entry || item;
    const base = e.folder ? e.folder + "/" : "";
    const a = document.createElement("a");
    a.className = "row";
    a.href = url(base + e.name + ".html");
    a.dataset.path = base + e.name + ".md";
    a.style.top = index * ROW + "px";
    const thumb = span("thumb");
    if (e.cover) {
      const img = document.createElement("img");
      img.alt = "";
      img.decoding = "async";
      img.onerror = function () { img.remove(); };
      img.src = url(base + e.cover);
      thumb.appendChild(img);
    } else {
      thumb.classList.add("empty");
      thumb.textContent = (e.site || "·").slice(0, 2);
    }
    const main = span("main");
    const title = span("title");
    highlight(title, e.title, terms || []);
    const info = span("info");
    info.appendChild(span("date", localDate(e.date)));
    info.appendChild(span("site", e.site));
    if (e.cats.length) info.appendChild(span("cats", e.cats.join(" / ")));
    e.tags.slice(0, 4).forEach(function (t) { info.appendChild(span("tag", t)); });
    main.appendChild(title);
    main.appendChild(info);
    if (item.snippet) {
      const snip = span("snippet");
      highlight(snip, item.snippet, terms);
      main.appendChild(snip);
    } else if (e.author) {
      main.appendChild(span("author", e.author));
    }
    a.appendChild(thumb);
    a.appendChild(main);
    return a;
  }

  function paint() {
    const list = $("list");
    const top = list.getBoundingClientRect().top + window.scrollY;
    const first = Math.max(0, Math.floor((window.scrollY - top) / ROW) - 4);
    const last = Math.min(st.view.length, Math.ceil((window.scrollY - top + window.innerHeight) / ROW) + 4);
    const terms = st.result ? st.result.terms : null;
    const rows = document.createDocumentFragment();
    for (let i = first; i < last; i++) rows.appendChild(row(st.view[i], i, terms));
    list.replaceChildren(rows);
    if (st.search && st.result && !st.result.done && last >= st.view.length - 10) st.search.more();
  }

  let painting = false;
  function schedulePaint() {
    if (painting) return;
    painting = true;
    requestAnimationFrame(function () { painting = false; paint(); });
  }

  function show(view, status) {
    st.view = view;
    $("list").style.height = view.length * ROW + "px";
    $("list").classList.toggle("empty", !view.length && st.loaded);
    $("status").textContent = status || "";
    paint();
  }

  function setCount(text, shown) {
    $("count").textContent = text;
    $("count").dataset.shown = shown;
  }

  function refresh(scrollTop) {
    const f = current();
    remember(f);
    const active = f.site || f.cat || f.tag || f.month;
    $("f-clear").hidden = !active;
    if (st.search) { st.search.cancel(); st.search = null; }
    st.result = null;
    const base = filtered(f);
    if (scrollTop) window.scrollTo(0, 0);
    if (!f.q) {
      document.body.dataset.state = st.loaded ? "ready" : "loading";
      setCount(active ? "筛选出 " + base.length + " / " + st.entries.length + " 篇" : "共 " + st.entries.length + " 篇", base.length);
      show(base, st.loaded ? "" : "正在载入目录…");
      return;
    }
    document.body.dataset.state = "searching";
    st.search = R.search(f.q, base, st.meta, function (result) {
      st.result = result;
      const n = result.hits.length;
      const more = result.done && st.loaded ? "" : "（继续检索中…）";
      setCount("找到 " + n + " 篇" + more, n);
      let note = result.titleOnly ? "单字查询只匹配标题。" : "";
      if (!st.loaded) note = "目录仍在载入，先显示较新的文章。";
      if (result.error) note = "检索出错：" + result.error.message;
      show(result.hits, note);
      if (result.done && st.loaded) document.body.dataset.state = "done";
    });
  }

  async function loadCatalogue(meta) {
    const months = meta.months.map(function (m) { return m[0]; });
    const loads = months.slice(0, 1).map(function (m) { return R.load("cat/" + m); });
    let shown = 0;
    for (let i = 0; i < months.length; i++) {
      const list = await loads[i];
      if (i === 0) {
        months.slice(1).forEach(function (m) { loads.push(R.load("cat/" + m)); });
      }
      for (const a of list) st.entries.push(toEntry(a, months[i]));
      if (st.entries.length >= shown * 4 + 50 || i === 0) {
        shown = st.entries.length;
        refresh(false);
        if (i === 0) performance.mark("reader:first-rows");
      }
    }
    st.entries.sort(function (a, b) {
      const da = a.date === null ? -Infinity : a.date, db = b.date === null ? -Infinity : b.date;
      return db - da || (a.folder + a.name < b.folder + b.name ? -1 : 1);
    });
    st.loaded = true;
    performance.mark("reader:catalogue");
  }

  async function init() {
    const wanted = params();
    document.body.dataset.state = "loading";
    try {
      st.meta = await R.load("meta");
    } catch (err) {
      $("status").textContent = "找不到目录数据：请先运行 archiver build。";
      return;
    }
    fillFilters(st.meta, wanted);
    await loadCatalogue(st.meta);
    refresh(false);
    let timer = null;
    $("q").addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { refresh(true); }, 250);
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
