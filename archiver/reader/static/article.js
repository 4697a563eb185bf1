/* Offline reader: small helpers for an article page (no data, no network).
 *
 * Shows dates in the reader's local time (the page says UTC without script), sends the
 * search box to index.html?q=…, and lets the arrow keys move to the newer/older article.
 * Loaded from a file next to the archive; the page's CSP allows no inline script.
 */
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function localize() {
    document.querySelectorAll("time[data-local]").forEach(function (el) {
      const d = new Date(el.getAttribute("datetime"));
      if (isNaN(d)) return;
      const prefix = el.textContent.startsWith("存档于") ? "存档于 " : "";
      const offset = -d.getTimezoneOffset();
      const zone = "UTC" + (offset >= 0 ? "+" : "−") + Math.floor(Math.abs(offset) / 60) +
        (Math.abs(offset) % 60 ? ":" + pad(Math.abs(offset) % 60) : "");
      el.title = el.textContent;
      el.textContent = prefix + d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) +
        " " + pad(d.getHours()) + ":" + pad(d.getMinutes()) + "（" + zone + "）";
    });
  }

  function wireSearch() {
    const form = document.getElementById("search");
    if (!form) return;
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      const q = form.elements.q.value.trim();
      const index = document.body.dataset.index || "index.html";
      location.href = index + (q ? "?q=" + encodeURIComponent(q) : "");
    });
  }

  function wireKeys() {
    document.addEventListener("keydown", function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
      const tag = (document.activeElement && document.activeElement.tagName) || "";
      if (tag === "INPUT" || tag === "TEXTAREA") return;
      const rel = ev.key === "ArrowLeft" ? "prev" : ev.key === "ArrowRight" ? "next" : "";
      const link = rel && document.querySelector('a[rel="' + rel + '"]');
      if (link) location.href = link.href;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    localize();
    wireSearch();
    wireKeys();
  });
})();
