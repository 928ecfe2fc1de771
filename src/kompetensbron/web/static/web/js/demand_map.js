/*
 * Demand overview: an Apache ECharts choropleth of 2024 job ads per kommun, län or FA-region.
 *
 * Follows region_map.js: shapes come from /api/v1/regions/{kommuner|lan|fa}.geojson (the
 * page's data-geojson; FA-regions use the reference FA15 shapes) and are keyed by
 * the official code (nameProperty "code"); the values are the page's own figures (the
 * json_script "demand-map-data", the same numbers as the table and the JSON API).
 * Clicking a region loads its top occupations into #region-panel with htmx
 * (/efterfragan/region/<kind>/<code>/). After rendering, the container carries
 * data-features (shapes registered).
 */
(function () {
  "use strict";

  var el = document.getElementById("demand-map");
  var dataEl = document.getElementById("demand-map-data");
  if (!el || !dataEl) return;
  var panel = document.getElementById("region-panel");
  var d = el.dataset;
  var lang = document.documentElement.lang || "sv";
  var number = new Intl.NumberFormat(lang === "en" ? "en-GB" : "sv-SE");
  var ASPECT = Math.cos((62.5 * Math.PI) / 180);
  var series = JSON.parse(dataEl.textContent);
  var names = {};

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function fail() {
    el.dataset.error = "true";
    el.innerHTML = '<p class="notice notice--error">' + escapeHtml(d.labelError) + "</p>";
  }

  if (typeof echarts === "undefined") {
    fail();
    return;
  }
  var chart = echarts.init(el, null, { renderer: "canvas" });
  chart.showLoading({ text: d.labelLoading });
  var COLOURS = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];

  /* Quantile classes (five groups with about as many regions each), so one large region
     (Stockholm) does not wash every other region into the palest colour; the legend says
     the unit. */
  function quantilePieces(values, unit) {
    var v = values.filter(function (x) { return x > 0; }).sort(function (a, b) { return a - b; });
    if (!v.length) return [{ min: 0, max: 0, label: "0 " + unit, color: COLOURS[0] }];
    var breaks = [];
    for (var i = 1; i < COLOURS.length; i++) {
      var b = v[Math.floor((i * v.length) / COLOURS.length)];
      if (b > (breaks.length ? breaks[breaks.length - 1] : v[0])) breaks.push(b);
    }
    var bounds = [v[0]].concat(breaks).concat([v[v.length - 1] + 1]);
    var pieces = [];
    for (var j = 0; j < bounds.length - 1; j++) {
      var lo = bounds[j], hi = bounds[j + 1];
      pieces.push({
        gte: j === 0 ? 0 : lo,
        lt: hi,
        color: COLOURS[Math.round((j * (COLOURS.length - 1)) / Math.max(bounds.length - 2, 1))],
        label: number.format(j === 0 ? 0 : lo) + "–" + number.format(hi - 1) + " " + unit,
      });
    }
    return pieces;
  }

  fetch(d.geojson, { headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(function (collection) {
      var mapName = "demand-" + d.kind;
      echarts.registerMap(mapName, collection);
      collection.features.forEach(function (f) { names[f.properties.code] = f.properties.name; });
      el.dataset.features = String(collection.features.length);
      chart.hideLoading();
      chart.setOption({
        aria: { enabled: true, label: { description: el.getAttribute("aria-label") } },
        title: { text: d.labelTitle, left: 4, top: 0, textStyle: { fontSize: 13 } },
        tooltip: {
          trigger: "item",
          formatter: function (p) {
            var v = p.value === undefined || isNaN(p.value) ? "–" : number.format(p.value);
            return "<strong>" + escapeHtml(names[p.name] || p.name) + "</strong><br>" + escapeHtml(d.labelAds) + ": " + v;
          },
        },
        visualMap: {
          type: "piecewise", left: 4, bottom: 8, itemWidth: 16, itemHeight: 12, itemGap: 4,
          pieces: quantilePieces(series.map(function (p) { return p.value || 0; }), d.labelUnit || ""),
          textStyle: { fontSize: 12, color: "#1d2a33" },
        },
        series: [{
          type: "map", map: mapName, nameProperty: "code", aspectScale: ASPECT, roam: true,
          scaleLimit: { min: 1, max: 16 }, selectedMode: "single",
          itemStyle: { borderColor: "#4b5a63", borderWidth: d.kind === "kommun" ? 0.3 : 0.8 },
          emphasis: { itemStyle: { areaColor: "#f6c453" } },
          select: { itemStyle: { areaColor: "#e4572e" } },
          data: series,
        }],
      });
    })
    .catch(fail);

  chart.on("click", function (p) {
    if (p.componentType !== "series" || !p.name) return;
    var url = d.panel.replace("__code__", encodeURIComponent(p.name));
    if (window.htmx && panel) {
      window.htmx.ajax("GET", url, { target: panel, swap: "innerHTML" });
    } else {
      window.location.assign(url);
    }
  });

  if (window.ResizeObserver) new ResizeObserver(function () { chart.resize(); }).observe(el);
})();
