/*
 * Programme progress: an ECharts chart (completed, under construction and planned student homes
 * per year, stacked, against the target line) and a map of the programme's kommuner coloured by
 * homes completed, kommuner without student homes outlined in red. Figures come from the page's
 * json_script blocks (the same numbers as the tables and the JSON API); shapes from
 * /api/v1/regions/kommuner.geojson (only the programme's kommuner are drawn).
 */
(function () {
  "use strict";
  if (typeof echarts === "undefined") return;
  var lang = document.documentElement.lang || "sv";
  var number = new Intl.NumberFormat(lang === "en" ? "en-GB" : "sv-SE");

  var chartEl = document.getElementById("housing-progress-chart");
  var dataEl = document.getElementById("housing-progress-data");
  if (chartEl && dataEl) {
    var d = JSON.parse(dataEl.textContent);
    var l = chartEl.dataset;
    var chart = echarts.init(chartEl, null, { renderer: "canvas" });
    chart.setOption({
      aria: { enabled: true, label: { description: chartEl.getAttribute("aria-label") } },
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 56, right: 16, top: 36, bottom: 28 },
      xAxis: { type: "category", data: d.years },
      yAxis: { type: "value", axisLabel: { formatter: function (v) { return number.format(v); } } },
      series: [
        { name: l.labelCompleted, type: "bar", stack: "homes", data: d.completed, itemStyle: { color: "#2c7fb8" } },
        { name: l.labelBuilding, type: "bar", stack: "homes", data: d.under_construction, itemStyle: { color: "#7fcdbb" } },
        { name: l.labelPlanned, type: "bar", stack: "homes", data: d.planned, itemStyle: { color: "#d9d9d9" } },
        { name: l.labelTarget, type: "line", data: d.target, lineStyle: { type: "dashed", color: "#e4572e" }, itemStyle: { color: "#e4572e" } },
      ],
    });
    chartEl.dataset.rendered = String(d.completed[d.completed.length - 1] || 0);
    if (window.ResizeObserver) new ResizeObserver(function () { chart.resize(); }).observe(chartEl);
  }

  var mapEl = document.getElementById("housing-progress-map");
  var mapData = document.getElementById("housing-map-data");
  if (!mapEl || !mapData) return;
  var regions = JSON.parse(mapData.textContent);
  var wanted = {};
  regions.forEach(function (r) { wanted[r.name] = r; });
  var m = mapEl.dataset;
  fetch(m.geojson, { headers: { Accept: "application/json" } })
    .then(function (response) { if (!response.ok) throw new Error("HTTP " + response.status); return response.json(); })
    .then(function (collection) {
      collection.features = collection.features.filter(function (f) { return wanted[f.properties.code]; });
      echarts.registerMap("housing-kommuner", collection);
      mapEl.dataset.features = String(collection.features.length);
      var max = regions.reduce(function (acc, r) { return Math.max(acc, r.value || 0); }, 1);
      var map = echarts.init(mapEl, null, { renderer: "canvas" });
      map.setOption({
        tooltip: {
          trigger: "item",
          formatter: function (p) {
            var r = wanted[p.name] || {};
            var lines = ["<strong>" + (r.label || p.name) + "</strong>", m.labelCompleted + ": " + number.format(r.value || 0)];
            if (r.stock !== null && r.stock !== undefined) lines.push(m.labelStock + ": " + number.format(r.stock));
            if (r.none) lines.push(m.labelNone);
            return lines.join("<br>");
          },
        },
        visualMap: { type: "continuous", min: 0, max: max, left: 4, bottom: 4, inRange: { color: ["#ffffcc", "#41b6c4", "#253494"] } },
        series: [{
          type: "map", map: "housing-kommuner", nameProperty: "code", aspectScale: Math.cos((59.5 * Math.PI) / 180), roam: true,
          data: regions.map(function (r) {
            return { name: r.name, value: r.value, itemStyle: r.none ? { borderColor: "#e4572e", borderWidth: 2 } : undefined };
          }),
        }],
      });
      if (window.ResizeObserver) new ResizeObserver(function () { map.resize(); }).observe(mapEl);
    })
    .catch(function () { mapEl.dataset.error = "true"; });
})();
