/* govtext report page: the term explorer. Reads the JSON of #gt-explorer's
   data-explorer attribute (see govtext/report/sections/explorer.py) and draws, for a
   term typed or clicked: its rate per 10,000 tokens by year (one line per level) and by
   level (inline SVG), the reports that use it most, and KWIC lines linking to the
   report texts. Plain JavaScript written for govtext; no library, no network. Text from
   the reports is only ever set with textContent, never parsed as HTML. */
(function () {
  "use strict";
  var root = document.getElementById("gt-explorer");
  if (!root) return;
  var data;
  try {
    data = JSON.parse(root.getAttribute("data-explorer"));
  } catch (e) {
    root.appendChild(text("p", "The explorer's data could not be read: " + e.message, "note"));
    return;
  }
  var SVG = "http://www.w3.org/2000/svg";
  var COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
                 "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];
  var TOP = 10; // reports listed
  var SUGGEST = 12; // terms suggested while typing
  var terms = data.terms ? data.terms.split("\t") : [];
  var index = {};
  terms.forEach(function (t, i) { index[t] = i; });
  var docs = data.docs;
  /* a compact document (above 500 reports) appends group entries after its n_docs real
     reports ("(other reports) 2019 county": the counts of the rest, no tokens, no text) */
  var nDocs = data.n_docs || docs.length;
  var TEXT_LINK = /^texts\/[^\/\\:?#]+\.html$/; // links go to the folder's report texts only
  docs.forEach(function (d) { if (typeof d[4] !== "string" || !TEXT_LINK.test(d[4])) d[4] = ""; });
  var levels = data.levels.slice();
  docs.forEach(function (d) { if (levels.indexOf(d[2]) < 0) levels.push(d[2]); });
  var input = root.querySelector("input.ex-input");
  var status = root.querySelector(".ex-status");
  var suggest = root.querySelector(".ex-suggest");
  var result = root.querySelector(".ex-result");

  function el(name, cls) {
    var e = document.createElement(name);
    if (cls) e.className = cls;
    return e;
  }
  function text(name, s, cls) {
    var e = el(name, cls);
    e.textContent = s;
    return e;
  }
  function svg(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }
  function fmt(x) {
    return x === 0 ? "0" : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }

  /* rates of term i: per (year, level) and per level, as term_rates() in Python */
  function rates(i) {
    var pairs = data.counts[i], got = {};
    for (var k = 0; k < pairs.length; k += 2) got[pairs[k]] = pairs[k + 1];
    var byYear = {}, byLevel = {};
    docs.forEach(function (d, j) {
      var c = got[j] || 0, lev = d[2];
      var L = byLevel[lev] || (byLevel[lev] = { count: 0, tokens: 0, reports: 0, more: false });
      L.count += c; L.tokens += d[3];
      if (c && j < nDocs) L.reports += 1;
      else if (c) L.more = true; // reports summed in a group entry: at least one more
      if (d[1] === null) return;
      var key = lev + "\u0000" + d[1];
      var Y = byYear[key] || (byYear[key] = { level: lev, year: d[1], count: 0, tokens: 0 });
      Y.count += c; Y.tokens += d[3];
    });
    var per = data.per;
    var series = levels.map(function (lev) {
      var pts = Object.keys(byYear).map(function (k) { return byYear[k]; })
        .filter(function (p) { return p.level === lev; })
        .sort(function (a, b) { return a.year - b.year; })
        .map(function (p) {
          return { year: p.year, count: p.count, rate: p.tokens ? p.count / p.tokens * per : 0 };
        });
      return { level: lev, points: pts };
    }).filter(function (s) { return s.points.length; });
    var lv = levels.filter(function (lev) { return byLevel[lev]; }).map(function (lev) {
      var L = byLevel[lev];
      return { level: lev, count: L.count, reports: L.reports, more: L.more,
               rate: L.tokens ? L.count / L.tokens * per : 0 };
    });
    var top = [], total = 0;
    for (var k2 = 0; k2 < pairs.length; k2 += 2) {
      total += pairs[k2 + 1];
      if (pairs[k2] >= nDocs) continue; // a group entry is no report to list
      var d = docs[pairs[k2]];
      top.push({ doc: pairs[k2], count: pairs[k2 + 1], rate: d[3] ? pairs[k2 + 1] / d[3] * per : 0 });
    }
    top.sort(function (a, b) { return b.rate - a.rate || b.count - a.count || a.doc - b.doc; });
    var df = data.df ? data.df[i] : top.length; // reports using the term
    return { series: series, levels: lv, top: top, total: total, df: df };
  }

  function colour(lev) { return COLOURS[levels.indexOf(lev) % COLOURS.length]; }

  /* line chart: x = year, y = rate; points joined only between consecutive years */
  function yearChart(series, term) {
    var W = 640, H = 240, L = 46, R = 12, T = 14, B = 34;
    var years = [], ymax = 0;
    series.forEach(function (s) {
      s.points.forEach(function (p) { years.push(p.year); ymax = Math.max(ymax, p.rate); });
    });
    var x0 = Math.min.apply(null, years), x1 = Math.max.apply(null, years);
    if (x0 === x1) { x0 -= 1; x1 += 1; }
    if (ymax === 0) ymax = 1;
    var sx = function (y) { return L + (y - x0) / (x1 - x0) * (W - L - R); };
    var sy = function (r) { return T + (1 - r / ymax) * (H - T - B); };
    var box = svg("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img",
                          "class": "ex-chart ex-years" });
    svg("title", {}, box).textContent = "Rate of " + term + " per 10,000 tokens by year and level";
    [0, 0.5, 1].forEach(function (f) {
      var y = sy(ymax * f);
      svg("line", { x1: L, x2: W - R, y1: y, y2: y, "class": "grid" }, box);
      svg("text", { x: L - 5, y: y + 4, "text-anchor": "end" }, box).textContent = fmt(ymax * f);
    });
    var step = Math.max(1, Math.ceil((x1 - x0) / 8));
    for (var yr = Math.ceil(x0); yr <= x1; yr += step) {
      svg("text", { x: sx(yr), y: H - B + 16, "text-anchor": "middle" }, box).textContent = yr;
    }
    svg("text", { x: L, y: H - 3, "class": "axis" }, box).textContent = "year";
    series.forEach(function (s) {
      var c = colour(s.level), run = [];
      var flush = function () {
        if (run.length > 1) {
          svg("polyline", { points: run.join(" "), fill: "none", stroke: c, "stroke-width": 1.8 }, box);
        }
        run = [];
      };
      s.points.forEach(function (p, k) {
        if (k && p.year !== s.points[k - 1].year + 1) flush();
        run.push(sx(p.year).toFixed(1) + "," + sy(p.rate).toFixed(1));
      });
      flush();
      s.points.forEach(function (p) {
        var dot = svg("circle", { cx: sx(p.year).toFixed(1), cy: sy(p.rate).toFixed(1), r: 3,
                                  fill: c, "class": "pt" }, box);
        svg("title", {}, dot).textContent = s.level + " " + p.year + ": " + fmt(p.rate) +
          " per 10,000 tokens (" + p.count + ")";
      });
    });
    return box;
  }

  /* bars: rate over all years, one bar per level */
  function levelChart(lv, term) {
    var W = 300, row = 22, L = 78, R = 56, H = lv.length * row + 8;
    var max = Math.max.apply(null, lv.map(function (x) { return x.rate; })) || 1;
    var box = svg("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img",
                          "class": "ex-chart ex-levels" });
    svg("title", {}, box).textContent = "Rate of " + term + " per 10,000 tokens by level";
    lv.forEach(function (x, k) {
      var y = 4 + k * row, w = x.rate / max * (W - L - R);
      svg("text", { x: L - 6, y: y + 14, "text-anchor": "end" }, box).textContent = x.level || "?";
      var bar = svg("rect", { x: L, y: y + 2, width: Math.max(w, 0.5).toFixed(1), height: row - 6,
                              fill: colour(x.level) }, box);
      svg("title", {}, bar).textContent = x.count + " in " + (x.more ? "more than " : "") +
        x.reports + " report(s)";
      svg("text", { x: L + w + 4, y: y + 14 }, box).textContent = fmt(x.rate);
    });
    return box;
  }

  function legend(series) {
    var p = el("p", "ex-legend");
    series.forEach(function (s) {
      var key = text("span", s.level || "?", "ex-key");
      key.style.borderColor = colour(s.level);
      p.appendChild(key);
    });
    p.appendChild(document.createTextNode(
      " · rate per 10,000 tokens; lines join consecutive years only"));
    return p;
  }

  function topTable(top) {
    var table = el("table", "ex-top-table");
    var head = table.createTHead().insertRow();
    ["report", "year", "level", "count", "per 10,000 tokens"].forEach(function (h) {
      head.appendChild(text("th", h));
    });
    var body = table.createTBody();
    top.slice(0, TOP).forEach(function (t) {
      var d = docs[t.doc], tr = body.insertRow();
      var a = text("a", d[0]);
      if (d[4]) a.href = d[4];
      tr.insertCell().appendChild(a);
      tr.insertCell().textContent = d[1] === null ? "" : d[1];
      tr.insertCell().textContent = d[2];
      tr.insertCell().textContent = t.count;
      tr.insertCell().textContent = fmt(t.rate);
    });
    if (window.govtextTables) window.govtextTables.enhance(table);
    var wrap = el("div", "tablewrap");
    wrap.appendChild(table);
    return wrap;
  }

  /* KWIC lines, cut in the browser from the texts of the reports with the highest rate
     (texts/<slug>.js, loaded once each as a script: allowed for a page opened from disk) */
  var texts = {}, waiting = {};
  window.govtextText = function (link, paragraphs) {
    texts[link] = paragraphs;
    (waiting[link] || []).forEach(function (f) { f(); });
    delete waiting[link];
  };
  function loadText(link, done) {
    if (!link) texts[link] = [];
    if (texts[link]) { done(); return; }
    if (waiting[link]) { waiting[link].push(done); return; }
    waiting[link] = [done];
    var s = document.createElement("script");
    s.src = link.replace(/\.html$/, ".js");
    s.onerror = function () { texts[link] = []; window.govtextText(link, []); };
    document.body.appendChild(s);
  }

  function kwicLines(term, link) {
    var K = data.kwic, out = [], paras = texts[link] || [];
    for (var p = 0; p < paras.length && out.length < K[1]; p++) {
      var s = paras[p], at = s.indexOf(term);
      while (at >= 0 && out.length < K[1]) {
        out.push({ para: p + 1, left: s.slice(Math.max(0, at - K[2]), at), match: term,
                   right: s.slice(at + term.length, at + term.length + K[2]) });
        at = s.indexOf(term, at + term.length);
      }
    }
    return out;
  }

  function kwic(term, top) {
    var box = el("div", "ex-kwic");
    var shown = top.slice(0, data.kwic[0]);
    var pending = shown.length;
    box.appendChild(text("p", "loading the texts…", "caption ex-loading"));
    var finish = function () {
      pending -= 1;
      if (pending > 0 || input.value.trim() !== term) return;
      clear(box);
      var n = 0;
      shown.forEach(function (t) {
        var d = docs[t.doc];
        kwicLines(term, d[4]).forEach(function (k) {
          var row = el("div", "kw");
          row.appendChild(text("span", k.left, "l"));
          row.appendChild(text("mark", k.match));
          row.appendChild(text("span", k.right, "r"));
          var a = text("a", d[0] + " ¶" + k.para, "src");
          a.href = d[4] + "#p" + k.para;
          row.appendChild(a);
          box.appendChild(row);
          n += 1;
        });
      });
      if (!n) box.appendChild(text("p", "No context line for this term.", "caption"));
    };
    shown.forEach(function (t) { loadText(docs[t.doc][4], finish); });
    if (!shown.length) { pending = 1; finish(); }
    return box;
  }

  function show(term) {
    term = (term || "").trim();
    var i = index[term];
    if (i === undefined) {
      result.hidden = true;
      status.textContent = "";
      return false;
    }
    input.value = term;
    status.textContent = "";
    clear(suggest);
    var r = rates(i);
    clear(result);
    result.appendChild(text("h3", term + " — " + r.total + " occurrence(s) in " + r.df +
                            " of " + nDocs + " reports", "ex-title"));
    var charts = el("div", "ex-charts");
    var left = el("figure");
    if (r.series.length) {
      left.appendChild(yearChart(r.series, term));
      left.appendChild(legend(r.series));
    } else {
      left.appendChild(text("p", "The reports have no year.", "caption"));
    }
    charts.appendChild(left);
    var right = el("figure");
    right.appendChild(levelChart(r.levels, term));
    right.appendChild(text("figcaption", "by level, all years"));
    charts.appendChild(right);
    result.appendChild(charts);
    result.appendChild(text("h3", "Reports that use it most"));
    result.appendChild(topTable(r.top));
    result.appendChild(text("h3", "In context"));
    result.appendChild(kwic(term, r.top));
    result.hidden = false;
    return true;
  }

  function suggestions(q) {
    clear(suggest);
    var list = q ? [] : terms.slice(0, 24);
    if (q) {
      for (var k = 0; k < terms.length && list.length < SUGGEST; k++) {
        if (terms[k].indexOf(q) === 0) list.push(terms[k]);
      }
      for (var m = 0; m < terms.length && list.length < SUGGEST; m++) {
        if (terms[m].indexOf(q) > 0) list.push(terms[m]);
      }
    }
    status.textContent = q && !list.length
      ? "not in the vocabulary (terms used at least " + data.min_count + " times)" : "";
    list.forEach(function (t) {
      var b = text("button", t, "ex-chip");
      b.type = "button";
      b.addEventListener("click", function () { show(t); });
      suggest.appendChild(b);
    });
  }

  function pick(term) {
    if (show(term)) root.scrollIntoView({ block: "start" });
  }

  /* every known term in the page's tables becomes clickable */
  function linkTerms() {
    var cells = document.querySelectorAll("main table td");
    var SPLIT = /(\s+|、|，|,|；|;)/;
    Array.prototype.forEach.call(cells, function (td) {
      if (root.contains(td) || td.children.length || td.textContent.length > 300) return;
      var parts = td.textContent.split(SPLIT);
      if (!parts.some(function (p) { return index[p] !== undefined; })) return;
      clear(td);
      parts.forEach(function (p) {
        if (index[p] === undefined) {
          if (p) td.appendChild(document.createTextNode(p));
          return;
        }
        var s = text("span", p, "gt-term");
        s.tabIndex = 0;
        s.title = "show " + p + " in the term explorer";
        td.appendChild(s);
      });
    });
    document.addEventListener("click", function (ev) {
      var t = ev.target;
      if (t && t.classList && t.classList.contains("gt-term")) pick(t.textContent);
    });
    document.addEventListener("keydown", function (ev) {
      var t = ev.target;
      if (ev.key === "Enter" && t && t.classList && t.classList.contains("gt-term")) {
        pick(t.textContent);
      }
    });
  }

  if (terms.length) input.placeholder = "e.g. " + terms[0];
  function typed(ev) {
    if (ev && ev.isComposing) return; // an input method is still composing (pinyin)
    if (!show(input.value)) suggestions(input.value.trim());
  }
  input.addEventListener("input", typed);
  input.addEventListener("compositionend", function () { typed(); });
  root.querySelector("form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = input.value.trim();
    if (!show(q) && suggest.firstChild) show(suggest.firstChild.textContent);
  });
  suggestions("");
  linkTerms();
  window.govtextExplorer = { show: show, rates: rates };
})();
