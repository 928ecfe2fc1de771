/*
 * Occupation demand page: an ECharts bar chart of 2024 ads per region ("demand-bar-data")
 * and, when ads are ingested, a line of ads per month ("demand-trend-data"). The values are
 * the page's own figures (the same as its tables and the JSON API).
 */
(function () {
  "use strict";

  if (typeof echarts === "undefined") return;
  var lang = document.documentElement.lang || "sv";
  var number = new Intl.NumberFormat(lang === "en" ? "en-GB" : "sv-SE");

  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function resizeWith(el, chart) {
    if (window.ResizeObserver) new ResizeObserver(function () { chart.resize(); }).observe(el);
  }

  var barEl = document.getElementById("demand-bar");
  var bars = read("demand-bar-data");
  if (barEl && bars) {
    var bar = echarts.init(barEl, null, { renderer: "canvas" });
    bar.setOption({
      aria: { enabled: true },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return number.format(v); } },
      grid: { left: 160, right: 24, top: 8, bottom: 24 },
      xAxis: { type: "value", axisLabel: { formatter: function (v) { return number.format(v); } } },
      yAxis: { type: "category", data: bars.names.slice().reverse(), axisLabel: { fontSize: 11 } },
      dataZoom: bars.names.length > 30 ? [{ type: "slider", yAxisIndex: 0, startValue: Math.max(0, bars.names.length - 30), endValue: bars.names.length - 1 }] : [],
      series: [{ type: "bar", name: barEl.dataset.labelAds, data: bars.values.slice().reverse(), itemStyle: { color: "#2c7fb8" } }],
    });
    barEl.dataset.bars = String(bars.values.length);
    resizeWith(barEl, bar);
  }

  var trendEl = document.getElementById("demand-trend");
  var trend = read("demand-trend-data");
  if (trendEl && trend) {
    var line = echarts.init(trendEl, null, { renderer: "canvas" });
    line.setOption({
      aria: { enabled: true },
      tooltip: { trigger: "axis" },
      grid: { left: 48, right: 24, top: 16, bottom: 32 },
      xAxis: { type: "category", data: trend.periods },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "line", name: trendEl.dataset.labelAds, data: trend.ads, smooth: false, symbolSize: 6 }],
    });
    resizeWith(trendEl, line);
  }
})();
