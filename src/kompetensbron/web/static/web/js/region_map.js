/*
 * Region page: an Apache ECharts choropleth of Sweden's kommuner, län or FA-regions
 * (functional labour-market regions, Tillväxtverket FA15), by population.
 *
 * The shapes come from the REST API (/api/v1/regions/{kind}.geojson) and are registered
 * with echarts.registerMap under the name of their kind; the map series is keyed by the
 * official code (nameProperty "code"). Clicking a region, or choosing a kommun in the list,
 * loads the region's panel from the server with htmx (/regioner/kommun/<code>/,
 * /regioner/lan/<code>/, /regioner/fa/<code>/), the same fragment a link inside the panel
 * loads; choosing an FA-region in its list (shown in the FA view) does the same. After each
 * render the map container carries data-kind (kommuner | lan | fa), data-features (features
 * registered) and data-shapes (regions drawn by the map).
 */
(function () {
  "use strict";

  var el = document.getElementById("region-map");
  if (!el) return;
  var panel = document.getElementById("region-panel");
  var picker = document.getElementById("kommun-picker");
  var select = document.getElementById("kommun-select");
  var faPicker = document.getElementById("fa-picker");
  var faSelect = document.getElementById("fa-select");
  var d = el.dataset;
  var lang = document.documentElement.lang || "sv";
  var number = new Intl.NumberFormat(lang === "en" ? "en-GB" : "sv-SE");

  // Population classes (lower bounds) and a sequential colour scale (ColorBrewer YlGnBu).
  var CLASSES = {
    kommuner: [0, 10000, 20000, 50000, 100000, 250000],
    lan: [0, 150000, 300000, 500000, 1000000],
    fa: [0, 25000, 50000, 100000, 250000, 500000],
  };
  var COLORS = ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"];
  // Sweden spans about 55–69 °N: scale longitudes so the shapes are not stretched.
  var ASPECT = Math.cos((62.5 * Math.PI) / 180);

  var geo = {}; // kind -> GeoJSON FeatureCollection, fetched once
  var names = {}; // kind -> {code: name}
  var kind = null;
  var chart = null;

  function capitalised(word) {
    return word.charAt(0).toUpperCase() + word.slice(1);
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function pieces(k) {
    var bounds = CLASSES[k];
    var step = (COLORS.length - 1) / (bounds.length - 1);
    return bounds.map(function (low, i) {
      var high = bounds[i + 1];
      var piece = { gte: low, color: COLORS[Math.round(i * step)] };
      if (high === undefined) {
        piece.label = "≥ " + number.format(low);
      } else {
        piece.lt = high;
        piece.label = number.format(low) + " – " + number.format(high - 1);
      }
      return piece;
    });
  }

  function regionName(k, code) {
    return (names[k] && names[k][code]) || code;
  }

  function populationLabel(k) {
    // "Folkmängd 2016-12-31": the level's own label with the date of its figures, when the page gives one
    return d["labelPopulation" + capitalised(k)] || d.labelPopulation;
  }

  function tooltip(k, p) {
    var value = p.value;
    var population = value === undefined || value === null || isNaN(value) ? d.labelUnknown : number.format(value);
    return (
      "<strong>" + escapeHtml(regionName(k, p.name)) + "</strong> " +
      '<span class="tooltip-muted">' + escapeHtml(p.name) + "</span><br>" +
      escapeHtml(populationLabel(k)) + ": " + population
    );
  }

  function option(k, collection) {
    var label = {
      show: true,
      formatter: function (p) {
        return regionName(k, p.name);
      },
      fontWeight: "bold",
      color: "#111",
      textBorderColor: "#fff",
      textBorderWidth: 2,
    };
    return {
      aria: { enabled: true, label: { description: el.getAttribute("aria-label") } },
      title: { text: populationLabel(k), left: 4, top: 0, textStyle: { fontSize: 13, fontWeight: "bold", color: "#1d2a33" } },
      tooltip: { trigger: "item", formatter: function (p) { return tooltip(k, p); } },
      visualMap: {
        type: "piecewise",
        pieces: pieces(k),
        left: 4,
        top: 24,
        itemWidth: 16,
        itemHeight: 12,
        itemGap: 4,
        textStyle: { fontSize: 12, color: "#1d2a33" },
      },
      series: [
        {
          type: "map",
          map: k,
          nameProperty: "code",
          aspectScale: ASPECT,
          top: 8,
          bottom: 8,
          roam: true,
          scaleLimit: { min: 1, max: 16 },
          selectedMode: "single",
          label: { show: false },
          itemStyle: { borderColor: "#4b5a63", borderWidth: k === "kommuner" ? 0.3 : 0.8 },
          emphasis: { label: label, itemStyle: { areaColor: "#f6c453" } },
          select: { label: label, itemStyle: { areaColor: "#e4572e" } },
          data: collection.features.map(function (f) {
            return { name: f.properties.code, value: f.properties.population };
          }),
        },
      ],
    };
  }

  function fail() {
    if (chart) {
      chart.dispose();
      chart = null;
    }
    el.dataset.error = "true";
    el.setAttribute("aria-busy", "false");
    el.innerHTML = '<p class="notice notice--error">' + escapeHtml(d.labelError) + "</p>";
  }

  function loadShapes(k) {
    if (geo[k]) return Promise.resolve(geo[k]);
    return fetch(d["geojson" + capitalised(k)], { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (collection) {
        echarts.registerMap(k, collection);
        geo[k] = collection;
        names[k] = {};
        collection.features.forEach(function (f) {
          names[k][f.properties.code] = f.properties.name;
        });
        return collection;
      });
  }

  function showMap(k) {
    el.setAttribute("aria-busy", "true");
    delete el.dataset.shapes;
    chart.showLoading({ text: d.labelLoading });
    return loadShapes(k).then(function (collection) {
      kind = k;
      el.dataset.kind = k;
      if (faPicker) faPicker.hidden = k !== "fa";
      el.dataset.features = String(echarts.getMap(k).geoJSON.features.length);
      chart.hideLoading();
      chart.setOption(option(k, collection), { notMerge: true });
      highlightPanelRegion();
    }, fail);
  }

  function drawnShapes() {
    // Regions the map series built from the registered shapes (its geo coordinate system);
    // getModel() is not part of ECharts' documented API, so fall back to the series data.
    try {
      var geoSystem = chart.getModel().getSeriesByIndex(0).coordinateSystem;
      if (geoSystem && geoSystem.regions) return geoSystem.regions.length;
    } catch (err) {
      /* fall through */
    }
    return chart.getOption().series[0].data.length;
  }

  function openPanel(k, code) {
    var url = d["panel" + capitalised(k)].replace("__code__", encodeURIComponent(code));
    if (window.htmx) {
      return window.htmx.ajax("GET", url, { target: panel, swap: "innerHTML" });
    }
    window.location.assign(url);
  }

  // Select on the map the region whose panel is shown (a kommun's län or FA-region in the
  // län or FA view).
  function highlightPanelRegion() {
    var shown = panel && panel.querySelector("[data-region-kind]");
    if (!chart || !kind || !shown) return;
    var code =
      shown.dataset.regionKind === kind ? shown.dataset.regionCode
      : kind === "lan" ? shown.dataset.lanCode
      : kind === "fa" ? shown.dataset.faCode
      : null;
    chart.dispatchAction({ type: "unselect", seriesIndex: 0, dataIndex: allIndices() });
    if (code) chart.dispatchAction({ type: "select", seriesIndex: 0, name: code });
    if (select && shown.dataset.regionKind === "kommuner") select.value = shown.dataset.regionCode;
    if (faSelect) faSelect.value = shown.dataset.regionKind === "fa" ? shown.dataset.regionCode : shown.dataset.faCode || "";
  }

  function allIndices() {
    return geo[kind].features.map(function (_f, i) {
      return i;
    });
  }

  if (typeof echarts === "undefined") {
    fail();
    return;
  }
  chart = echarts.init(el, null, { renderer: "canvas" });

  chart.on("finished", function () {
    if (!kind) return;
    el.dataset.shapes = String(drawnShapes());
    el.setAttribute("aria-busy", "false");
  });

  chart.on("click", function (p) {
    if (p.componentType === "series" && p.name) openPanel(kind, p.name);
  });

  document.querySelectorAll('input[name="map-kind"]').forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (radio.checked) showMap(radio.value);
    });
  });

  if (picker && select) {
    picker.hidden = false;
    select.addEventListener("change", function () {
      if (!select.value) return;
      openPanel("kommuner", select.value);
    });
  }

  if (faSelect) {
    faSelect.addEventListener("change", function () {
      if (!faSelect.value) return;
      openPanel("fa", faSelect.value);
    });
  }

  if (panel) {
    panel.addEventListener("htmx:afterSwap", function () {
      highlightPanelRegion();
      if (panel.getBoundingClientRect().top > window.innerHeight) panel.scrollIntoView({ block: "nearest" });
    });
  }

  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      if (chart) chart.resize();
    }).observe(el);
  }

  var initial = document.querySelector('input[name="map-kind"]:checked');
  showMap(initial ? initial.value : "kommuner");
})();
