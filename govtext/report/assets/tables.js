/* govtext report page: every table sorts on a click on a column header, long tables
   get a filter box. Plain JavaScript written for govtext; no library, no network.
   Cell text is only read and moved, never parsed as HTML. */
(function () {
  "use strict";
  var NUMBER = /^[-+\u2212]?(\d{1,3}(,\d{3})+|\d*)(\.\d+)?(e[-+]?\d+)?%?$/i;
  var LONG = 25; // rows from which a table gets a filter box

  function cellValue(row, col) {
    var cell = row.cells[col];
    return cell ? cell.textContent.trim() : "";
  }

  function asNumber(text) {
    if (text === "" || !NUMBER.test(text) || !/\d/.test(text)) return null;
    return parseFloat(text.replace(/,/g, "").replace("\u2212", "-").replace("%", ""));
  }

  function compare(a, b) {
    // empty cells last; numbers before text; numbers by value, text by code point order
    if (a.empty !== b.empty) return a.empty ? 1 : -1;
    if ((a.num === null) !== (b.num === null)) return a.num === null ? 1 : -1;
    if (a.num !== null && a.num !== b.num) return a.num < b.num ? -1 : 1;
    if (a.num === null && a.text !== b.text) return a.text < b.text ? -1 : 1;
    return 0;
  }

  function sortBy(table, col, th) {
    var body = table.tBodies[0];
    if (!body) return;
    var desc = th.getAttribute("aria-sort") === "ascending";
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", desc ? "descending" : "ascending");
    var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
      var text = cellValue(row, col);
      return { row: row, i: i, text: text, num: asNumber(text), empty: text === "" };
    });
    rows.sort(function (a, b) {
      var c = compare(a, b);
      if (c !== 0 && desc && !a.empty && !b.empty && (a.num === null) === (b.num === null)) c = -c;
      return c !== 0 ? c : a.i - b.i; // stable
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) { frag.appendChild(r.row); });
    body.appendChild(frag);
  }

  function addSorting(table) {
    if (!table.tHead || !table.tHead.rows.length || table.getAttribute("data-sortable")) return;
    table.setAttribute("data-sortable", "1");
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "gt-sort";
      button.title = "sort by this column (again: reverse)";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, col, th); });
    });
  }

  function addFilter(table) {
    var body = table.tBodies[0];
    if (!body || body.rows.length <= LONG || table.getAttribute("data-filter")) return;
    table.setAttribute("data-filter", "1");
    var box = document.createElement("div");
    box.className = "gt-filter";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "filter rows";
    input.setAttribute("aria-label", "filter the rows of the table below");
    var count = document.createElement("span");
    count.className = "gt-count";
    box.appendChild(input);
    box.appendChild(count);
    var anchor = table.parentNode && table.parentNode.classList.contains("tablewrap")
      ? table.parentNode : table;
    anchor.parentNode.insertBefore(box, anchor);
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var hit = !q || row.textContent.toLowerCase().indexOf(q) >= 0;
        row.hidden = !hit;
        if (hit) shown += 1;
      });
      count.textContent = q ? shown + " of " + body.rows.length + " rows" : "";
    });
  }

  function enhance(table) {
    addSorting(table);
    addFilter(table);
  }

  window.govtextTables = { enhance: enhance, sortBy: sortBy };
  Array.prototype.forEach.call(document.querySelectorAll("table"), enhance);
})();
