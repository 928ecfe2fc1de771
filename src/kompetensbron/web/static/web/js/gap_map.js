/*
 * Gap pages: the balance choropleth of län or FA-regions (/efterfragan/balans/) and the forecast line
 * chart (/efterfragan/prognos/), both with Apache ECharts.
 *
 * Map: follows demand_map.js. Shapes from /api/v1/regions/{lan|fa}.geojson (data-geojson,
 * data-kind lan | fa) keyed by the official
 * code (nameProperty "code"); values are the page's own figures (json_script "gap-map-data",
 * the same numbers as the table and /api/v1/gap/balance). data-mode "index" colours AF's
 * 1-5 bristindex in its classes (limits 2.9 and 3.3), "share" the share of occupations in
 * shortage. After rendering, the container carries data-features.
 * Chart: history, forecast, the back-test band and AF's projection ("forecast-chart-data").
 */
(function () {
  "use strict";

  var lang = document.documentElement.lang || "sv";
  var number = new Intl.NumberFormat(lang === "en" ? "en-GB" : "sv-SE", { maximumFractionDigits: 2 });
  var ASPECT = Math.cos((62.5 * Math.PI) / 180);

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function classWord(word) {
    return word ? " " + word : "";
  }

  function fail(el, message) {
    el.dataset.error = "true";
    el.innerHTML = '<p class="notice notice--error">' + escapeHtml(message) + "</p>";
  }

  function drawMap(el, dataEl) {
    var d = el.dataset;
    if (typeof echarts === "undefined") return fail(el, d.labelError);
    var series = JSON.parse(dataEl.textContent);
    var names = {};
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.showLoading({ text: d.labelLoading });
    var share = d.mode === "share";
    var mapName = "gap-" + (d.kind || "lan");
    var visualMap = share
      ? { type: "continuous", min: 0, max: 1, left: 4, bottom: 8, calculable: true,
          inRange: { color: ["#f7fbff", "#fdae6b", "#d94801"] },
          formatter: function (v) { return Math.round(v * 100) + " %"; } }
      : { type: "piecewise", left: 4, bottom: 8,
          // AF's class limits in the page's number format, each class named in the page's language
          pieces: [
            { min: 1, lt: 2.9, label: "< " + number.format(2.9) + classWord(d.labelSurplus), color: "#2c7fb8" },
            { gte: 2.9, lt: 3.3, label: number.format(2.9) + "–" + number.format(3.29) + classWord(d.labelBalance), color: "#f0f0f0" },
            { gte: 3.3, lt: 4, label: number.format(3.3) + "–" + number.format(3.99) + classWord(d.labelShortage), color: "#fdae6b" },
            { gte: 4, max: 5, label: "≥ " + number.format(4) + classWord(d.labelShortage), color: "#d94801" },
          ] };
    fetch(d.geojson, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (collection) {
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
              var v = p.value === undefined || isNaN(p.value) ? "–" : share ? Math.round(p.value * 100) + " %" : number.format(p.value);
              return "<strong>" + escapeHtml(names[p.name] || p.name) + "</strong><br>" + escapeHtml(d.labelValue) + ": " + v;
            },
          },
          visualMap: visualMap,
          series: [{
            type: "map", map: mapName, nameProperty: "code", aspectScale: ASPECT, roam: true,
            scaleLimit: { min: 1, max: 16 },
            itemStyle: { borderColor: "#4b5a63", borderWidth: d.kind === "fa" ? 0.6 : 0.8 },
            emphasis: { itemStyle: { areaColor: "#f6c453" } },
            data: series,
          }],
        });
      })
      .catch(function () { fail(el, d.labelError); });
    if (window.ResizeObserver) new ResizeObserver(function () { chart.resize(); }).observe(el);
  }

  function drawChart(el, dataEl) {
    var d = el.dataset;
    if (typeof echarts === "undefined") return fail(el, d.labelError);
    var data = JSON.parse(dataEl.textContent);
    var chart = echarts.init(el, null, { renderer: "canvas" });
    var last = data.history[data.history.length - 1];
    var lower = data.lower;
    var width = data.upper.map(function (p, i) { return [p[0], p[1] - lower[i][1]]; });
    chart.setOption({
      aria: { enabled: true, label: { description: el.getAttribute("aria-label") } },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return typeof v === "number" ? number.format(v) : v; } },
      legend: { data: [d.labelHistory, d.labelForecast, d.labelBand, d.labelAf] },
      xAxis: { type: "value", min: "dataMin", max: "dataMax", axisLabel: { formatter: function (v) { return String(v); } } },
      yAxis: { type: "value", scale: true, axisLabel: { formatter: function (v) { return number.format(v); } } },
      series: [
        { name: d.labelBand + " lower", type: "line", data: lower, stack: "band", symbol: "none", lineStyle: { opacity: 0 }, tooltip: { show: false } },
        { name: d.labelBand, type: "line", data: width, stack: "band", symbol: "none", lineStyle: { opacity: 0 }, itemStyle: { color: "#fdd0a2" }, areaStyle: { color: "#fdd0a2" } },
        { name: d.labelHistory, type: "line", data: data.history, itemStyle: { color: "#253494" } },
        { name: d.labelForecast, type: "line", data: [last].concat(data.forecast), lineStyle: { type: "dashed" }, itemStyle: { color: "#d94801" } },
        { name: d.labelAf, type: "scatter", data: data.af, itemStyle: { color: "#41b6c4" } },
      ],
    });
    el.dataset.rendered = "true";
    if (window.ResizeObserver) new ResizeObserver(function () { chart.resize(); }).observe(el);
  }

  var mapEl = document.getElementById("gap-map");
  var mapData = document.getElementById("gap-map-data");
  if (mapEl && mapData) drawMap(mapEl, mapData);
  var chartEl = document.getElementById("forecast-chart");
  var chartData = document.getElementById("forecast-chart-data");
  if (chartEl && chartData) drawChart(chartEl, chartData);
})();
