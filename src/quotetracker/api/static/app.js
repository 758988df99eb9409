/* quotetracker UI: render charts from embedded Vega-Lite specs; show attributions on the
   document page. Text is only ever set with textContent, never parsed as HTML. */
(function () {
  "use strict";

  function renderCharts() {
    if (!window.vegaEmbed || !window.vega) return;
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source) return;
      var spec;
      try { spec = JSON.parse(source.textContent); } catch (e) { return; }
      var options = { actions: false, renderer: "svg" };
      if (window.vega.expressionInterpreter) {
        // CSP without unsafe-eval: interpret expressions instead of compiling them.
        options.ast = true;
        options.expr = window.vega.expressionInterpreter;
      }
      window.vegaEmbed(el, spec, options).then(function () {
        el.setAttribute("data-rendered", "true");
      }).catch(function (err) {
        el.setAttribute("data-rendered", "error");
        el.textContent = "The chart could not be drawn: " + err;
      });
    });
  }

  function statementData() {
    var node = document.getElementById("statements-data");
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function setupDocument() {
    var data = statementData();
    var panel = document.getElementById("attribution");
    if (!data || !panel) return;
    var dl = panel.querySelector("dl");
    var empty = panel.querySelector("[data-empty]");
    var link = panel.querySelector("[data-field=speaker_link]");

    function field(name, value) {
      var el = panel.querySelector("[data-field=" + name + "]");
      if (el) el.textContent = value === null || value === undefined || value === "" ? "–" : String(value);
    }

    function select(sid) {
      var st = data[sid];
      if (!st) return;
      document.querySelectorAll(".hl.is-selected").forEach(function (el) { el.classList.remove("is-selected"); });
      document.querySelectorAll(".hl").forEach(function (el) {
        if ((el.getAttribute("data-sids") || "").split(" ").indexOf(String(sid)) >= 0) el.classList.add("is-selected");
      });
      field("speaker", st.speaker || "unknown");
      field("mention", st.mention);
      field("cue", st.cue);
      field("kind", st.kind);
      field("confidence", typeof st.confidence === "number" ? st.confidence.toFixed(2) : st.confidence);
      field("content", st.content);
      if (st.speaker_id) {
        link.href = "/speakers/" + encodeURIComponent(st.speaker_id);
        link.hidden = false;
      } else {
        link.hidden = true;
      }
      dl.hidden = false;
      empty.hidden = true;
      panel.setAttribute("data-selected", String(sid));
    }

    function pick(el) {
      var ids = (el.getAttribute("data-sids") || "").split(" ").filter(Boolean);
      // the innermost statement is the last one listed for nested spans
      if (ids.length) select(ids[ids.length - 1]);
    }

    document.querySelectorAll(".hl").forEach(function (el) {
      el.addEventListener("click", function () { pick(el); });
      el.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); pick(el); } });
    });
    document.querySelectorAll(".jump[data-sid]").forEach(function (a) {
      a.addEventListener("click", function () { select(a.getAttribute("data-sid")); });
    });
    var m = /^#s(\d+)$/.exec(window.location.hash);
    if (m) select(m[1]);
  }

  // Name suggestions for filter fields: <input data-suggest="/api/speakers" list="…">.
  function setupSuggestions() {
    document.querySelectorAll("input[data-suggest]").forEach(function (input) {
      var list = document.getElementById(input.getAttribute("list"));
      var timer = null;
      var last = "";
      if (!list) return;
      input.addEventListener("input", function () {
        var q = input.value.trim();
        if (q.length < 2 || q === last || /^\d+$/.test(q)) return;
        clearTimeout(timer);
        timer = setTimeout(function () {
          last = q;
          fetch(input.getAttribute("data-suggest") + "?limit=8&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
            .then(function (r) { return r.ok ? r.json() : { items: [] }; })
            .then(function (page) {
              list.replaceChildren();
              (page.items || []).forEach(function (item) { list.appendChild(new Option(item.name)); });
            })
            .catch(function () { /* suggestions are optional */ });
        }, 200);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    renderCharts();
    setupDocument();
    setupSuggestions();
  });
})();
