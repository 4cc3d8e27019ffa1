// Charts for pages that read without them: every .chart element carries its data in
// data-series (JSON, escaped by the server) and gets a uPlot chart of monthly events and deaths.
(function () {
  "use strict";
  function monthToSeconds(month) {
    var parts = month.split("-");
    return Date.UTC(parseInt(parts[0], 10), parseInt(parts[1], 10) - 1, 1) / 1000;
  }
  function draw(el) {
    var series;
    try { series = JSON.parse(el.getAttribute("data-series") || "{}"); } catch (e) { return; }
    if (!series.months || series.months.length < 2 || typeof uPlot === "undefined") { return; }
    var data = [series.months.map(monthToSeconds), series.events, series.fatalities];
    var width = Math.max(320, el.clientWidth || 900);
    var options = {
      title: "Events and deaths per month",
      width: width,
      height: 220,
      series: [
        {},
        { label: "events", stroke: "#b23a48", fill: "rgba(178,58,72,0.12)", points: { show: false } },
        { label: "deaths", stroke: "#1f5fa8", scale: "deaths", points: { show: false } }
      ],
      axes: [{}, { label: "events" }, { side: 1, scale: "deaths", label: "deaths", grid: { show: false } }]
    };
    el.textContent = "";
    new uPlot(options, data, el);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var charts = document.querySelectorAll(".chart[data-series]");
    for (var i = 0; i < charts.length; i++) { draw(charts[i]); }
  });
})();
