/* Queue statistics: median queue time at contract per year, one line per organisation and home type. */
(function () {
  "use strict";
  var el = document.getElementById("housing-queue-chart");
  var dataEl = document.getElementById("housing-queue-data");
  if (!el || !dataEl || typeof echarts === "undefined") return;
  var lines = JSON.parse(dataEl.textContent);
  var chart = echarts.init(el, null, { renderer: "canvas" });
  chart.setOption({
    aria: { enabled: true, label: { description: el.getAttribute("aria-label") } },
    tooltip: { trigger: "axis" },
    legend: { top: 0, type: "scroll" },
    grid: { left: 56, right: 16, top: 40, bottom: 28 },
    xAxis: { type: "value", min: "dataMin", max: "dataMax", minInterval: 1, axisLabel: { formatter: function (v) { return String(v); } } },
    yAxis: { type: "value", name: el.dataset.labelDays },
    series: lines.map(function (l) { return { name: l.organisation + ": " + l.label, type: "line", data: l.points }; }),
  });
  if (window.ResizeObserver) new ResizeObserver(function () { chart.resize(); }).observe(el);
})();
