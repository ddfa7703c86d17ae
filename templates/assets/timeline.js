/* Search and filters for the home page (progressive enhancement: without this file
   every event is still reachable through the year, tag and source pages).
   Loads the static index search.json lazily; never uses innerHTML. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;
  var q = document.getElementById("search");
  var tag = document.getElementById("filter-tag");
  var source = document.getElementById("filter-source");
  var from = document.getElementById("filter-from");
  var to = document.getElementById("filter-to");
  var count = document.getElementById("result-count");
  var more = document.getElementById("search-more");
  var items = Array.prototype.slice.call(document.querySelectorAll("#timeline li.event"));
  var byId = {};
  items.forEach(function (li) { byId[li.id.slice(2)] = li; });
  var initialCount = count.textContent;
  var index = null, loading = null, failed = false, timer = null;
  var MORE_LIMIT = 200;

  function split(s) { return s ? s.split("|") : []; }
  function fold(s) { return (s || "").toLocaleLowerCase(); }

  /* Entries from the page itself: used until (or if) search.json cannot be loaded. */
  function pageEntries() {
    return items.map(function (li) {
      var a = li.querySelector("a"), t = li.querySelector("time");
      return { id: li.id.slice(2), title: a.textContent, label: t.textContent, url: a.getAttribute("href"),
        quotes: [], tags: split(li.dataset.tags), people: split(li.dataset.people),
        places: split(li.dataset.places), sources: split(li.dataset.sources),
        start: li.dataset.start, end: li.dataset.end, kind: li.dataset.kind };
    });
  }

  function loadIndex() {
    if (loading) return loading;
    loading = fetch(form.dataset.index, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        index = data.events.map(function (e) {
          e.hay = fold([e.title, e.label, e.quotes.join(" "), e.tags.join(" "), e.people.join(" "),
            e.places.join(" ")].join(" "));
          return e;
        });
        apply();
      })
      .catch(function () { index = null; failed = true; apply(); });
    return loading;
  }

  function matcher() {
    var words = fold(q.value).split(/\s+/).filter(Boolean);
    var t = tag.value, s = source.value, f = from.value, u = to.value;
    if (!words.length && !t && !s && !f && !u) return null;
    return function (e) {
      var hay = e.hay || (e.hay = fold([e.title, e.label, e.tags.join(" "), e.people.join(" "),
        e.places.join(" ")].join(" ")));
      for (var i = 0; i < words.length; i++) if (hay.indexOf(words[i]) < 0) return false;
      if (t && e.tags.indexOf(t) < 0) return false;
      if (s && e.sources.indexOf(s) < 0) return false;
      if (f && e.end < f) return false;
      if (u && e.start > u) return false;
      return true;
    };
  }

  function entryItem(e) {
    var li = document.createElement("li");
    li.className = "event" + (e.kind === "planned" ? " planned" : "");
    var time = document.createElement("time");
    time.setAttribute("datetime", e.start);
    time.textContent = e.label;
    var a = document.createElement("a");
    a.href = e.url;
    a.textContent = e.title;
    li.appendChild(time);
    li.appendChild(a);
    if (e.kind === "planned") {
      var b = document.createElement("span");
      b.className = "badge planned-badge";
      b.textContent = "planned";
      li.appendChild(b);
    }
    return li;
  }

  function setSections() {
    document.querySelectorAll("#timeline section.month").forEach(function (sec) {
      sec.hidden = !sec.querySelector("li.event:not([hidden])");
    });
    document.querySelectorAll("#timeline section.year").forEach(function (sec) {
      sec.hidden = !sec.querySelector("li.event:not([hidden])");
    });
  }

  function syncUrl() {
    var params = new URLSearchParams();
    [["q", q], ["tag", tag], ["source", source], ["from", from], ["to", to]].forEach(function (p) {
      if (p[1].value) params.set(p[0], p[1].value);
    });
    var qs = params.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
  }

  function apply() {
    var match = matcher();
    var onPageMore = document.querySelectorAll("#timeline .more");
    while (more.firstChild) more.removeChild(more.firstChild);
    if (!match) {
      items.forEach(function (li) { li.hidden = false; });
      document.querySelectorAll("#timeline section").forEach(function (s) { s.hidden = false; });
      onPageMore.forEach(function (p) { p.hidden = false; });
      more.hidden = true;
      count.textContent = initialCount;
      return;
    }
    var entries = index || pageEntries();
    var found = 0, extra = [];
    var hit = {};
    entries.forEach(function (e) {
      if (!match(e)) return;
      found++;
      hit[e.id] = true;
      if (!byId[e.id]) extra.push(e);
    });
    items.forEach(function (li) { li.hidden = !hit[li.id.slice(2)]; });
    onPageMore.forEach(function (p) { p.hidden = true; });
    setSections();
    extra.slice(0, MORE_LIMIT).forEach(function (e) { more.appendChild(entryItem(e)); });
    more.hidden = extra.length === 0;
    var text = found === 1 ? "1 event matches" : found + " events match";
    if (extra.length > MORE_LIMIT) text += " (the first " + MORE_LIMIT + " not on this page are listed above the timeline; refine the search to see the rest)";
    else if (extra.length) text += " (" + extra.length + " listed above the timeline are on other pages)";
    if (!index) text += failed ? " on this page (the search index could not be loaded)"
                               : "; searching this page only until the full index loads";
    count.textContent = text + ".";
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () { apply(); syncUrl(); }, 120);
  }

  form.hidden = false;
  form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); syncUrl(); });
  form.addEventListener("input", function () { loadIndex(); schedule(); });
  form.addEventListener("change", function () { loadIndex(); schedule(); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(); syncUrl(); }, 0); });
  form.addEventListener("focusin", loadIndex, { once: true });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target.tagName;
    if (ev.key === "/" && t !== "INPUT" && t !== "SELECT" && t !== "TEXTAREA" && !ev.ctrlKey && !ev.metaKey) {
      ev.preventDefault();
      q.focus();
    }
  });

  var params = new URLSearchParams(location.search);
  q.value = params.get("q") || "";
  tag.value = params.get("tag") || "";
  source.value = params.get("source") || "";
  from.value = params.get("from") || "";
  to.value = params.get("to") || "";
  if (matcher()) { loadIndex(); apply(); }
})();
