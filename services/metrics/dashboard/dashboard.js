"use strict";
// Draws the dashboard from the JSON in #dashboard-data (protobuf messages in
// proto3 JSON). Every text that comes from data is set as textContent or as
// an attribute value, never parsed as markup: display names come from other
// systems.
(function () {
  // The HTML parser knows the SVG namespace, so the page need not spell out
  // its URI (the page names no URL at all).
  var SVG_NS = new DOMParser().parseFromString("<svg></svg>", "text/html").querySelector("svg").namespaceURI;

  var MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december"];
  var STATUS = {
    TARGET_STATUS_ON_TRACK: { className: "on-track", symbol: "\u2713", text: "På väg mot målet" },
    TARGET_STATUS_OFF_TRACK: { className: "off-track", symbol: "\u2717", text: "Inte på väg mot målet" },
    NO_DATA: { className: "no-data", symbol: "?", text: "Underlag saknas" }
  };
  // Okabe–Ito colours, told apart also by colour-blind readers; each line
  // also has its own marker shape.
  var COLOURS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"];
  var MARKERS = ["circle", "square", "diamond", "triangle"];
  var NBSP = "\u00a0";

  var numberFormat = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 1 });
  var percentFormat = new Intl.NumberFormat("sv-SE", { style: "percent", maximumFractionDigits: 0 });
  var stockholmTime = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit"
  });

  var data = JSON.parse(document.getElementById("dashboard-data").textContent) || {};
  var current = data.current || {};
  var definitions = (Array.isArray(data.definitions) ? data.definitions : []).filter(Boolean);
  var seriesByKpi = new Map();
  (Array.isArray(data.series) ? data.series : []).forEach(function (series) {
    if (series && series.kpi && !seriesByKpi.has(series.kpi)) {
      seriesByKpi.set(series.kpi, series);
    }
  });
  var valueByKpi = new Map();
  ((current.total && current.total.values) || []).forEach(function (value) {
    if (value && value.kpi && !valueByKpi.has(value.kpi)) {
      valueByKpi.set(value.kpi, value);
    }
  });

  // ---- Elements -----------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function svg(tag, attributes, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, String(attributes[name]));
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  // ---- Numbers, durations and dates, as written in Sweden -------------------

  function isNumber(value) {
    return typeof value === "number" && isFinite(value);
  }

  function pad2(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function formatDuration(seconds) {
    var total = Math.round(seconds);
    if (total < 60) {
      return total + NBSP + "s";
    }
    if (total < 3600) {
      return Math.floor(total / 60) + NBSP + "min " + pad2(total % 60) + NBSP + "s";
    }
    var minutes = Math.round(total / 60);
    return Math.floor(minutes / 60) + NBSP + "h " + pad2(minutes % 60) + NBSP + "min";
  }

  function formatValue(unit, value) {
    if (!isNumber(value)) {
      return "–";
    }
    if (unit === "KPI_UNIT_RATIO") {
      return percentFormat.format(value);
    }
    if (unit === "KPI_UNIT_SECONDS") {
      return formatDuration(value);
    }
    return numberFormat.format(value);
  }

  function dateKey(date) {
    return (date.year || 0) + "-" + pad2(date.month || 0) + "-" + pad2(date.day || 0);
  }

  function isoWeek(date) {
    var day = new Date(Date.UTC(date.year, date.month - 1, date.day));
    var weekday = day.getUTCDay() || 7;
    day.setUTCDate(day.getUTCDate() + 4 - weekday);  // the week's Thursday names its year
    var yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
    return { year: day.getUTCFullYear(), week: Math.ceil(((day - yearStart) / 86400000 + 1) / 7) };
  }

  function monthName(date) {
    return (MONTHS[date.month - 1] || "") + " " + date.year;
  }

  // The label under a point: "2026-03", "v. 11" or a date.
  function pointLabel(date, granularity) {
    if (granularity === "PERIOD_KIND_WEEK") {
      return "v." + NBSP + isoWeek(date).week;
    }
    if (granularity === "PERIOD_KIND_MONTH") {
      return date.year + "-" + pad2(date.month);
    }
    return dateKey(date);
  }

  function pointLongLabel(date, granularity) {
    if (granularity === "PERIOD_KIND_WEEK") {
      var week = isoWeek(date);
      return "vecka " + week.week + " " + week.year;
    }
    if (granularity === "PERIOD_KIND_MONTH") {
      return monthName(date);
    }
    return dateKey(date);
  }

  function periodText(report) {
    var dates = report.dates;
    if (!dates || !dates.startDate || !dates.endDate) {
      return "–";
    }
    var range = dateKey(dates.startDate) + " – " + dateKey(dates.endDate);
    var kind = report.period && report.period.kind;
    if (kind === "PERIOD_KIND_MONTH") {
      return monthName(dates.startDate) + " (" + range + ")";
    }
    if (kind === "PERIOD_KIND_WEEK") {
      var week = isoWeek(dates.startDate);
      return "vecka " + week.week + " " + week.year + " (" + range + ")";
    }
    if (kind === "PERIOD_KIND_DAY") {
      return dateKey(dates.startDate);
    }
    return range;
  }

  function stockholmTimeText(timestamp) {
    var instant = timestamp ? new Date(timestamp) : null;
    if (!instant || isNaN(instant.getTime())) {
      return "ingen ännu";
    }
    return stockholmTime.format(instant);
  }

  // ---- Catalogue ------------------------------------------------------------

  function kpiName(definition) {
    return definition.displayNameSv || definition.displayName || String(definition.kpi || "");
  }

  function unitOf(definition) {
    return definition.unit || "KPI_UNIT_UNSPECIFIED";
  }

  // Goals in the order they first appear in the catalogue, each with its KPIs.
  function goals() {
    var byGoal = new Map();
    definitions.forEach(function (definition) {
      var goal = definition.goal || "";
      if (!byGoal.has(goal)) {
        byGoal.set(goal, []);
      }
      byGoal.get(goal).push(definition);
    });
    return Array.from(byGoal, function (entry) {
      return { goal: entry[0], definitions: entry[1] };
    });
  }

  function directionText(direction, unit) {
    var fewer = direction === "KPI_DIRECTION_FEWER";
    if (unit === "KPI_UNIT_SECONDS") {
      return fewer ? "Kortare tid är bättre" : "Längre tid är bättre";
    }
    return fewer ? "Färre är bättre" : "Fler är bättre";
  }

  // ---- Header and filter ------------------------------------------------------

  function fact(list, term, description) {
    var item = el("div");
    item.appendChild(el("dt", "", term));
    item.appendChild(el("dd", "", description));
    list.appendChild(item);
  }

  function selectField(labelText, name, options, selected) {
    var label = el("label", "", labelText);
    var select = el("select");
    select.name = name;
    if (selected && !options.some(function (option) { return option[0] === selected; })) {
      options = options.concat([[selected, selected]]);
    }
    options.forEach(function (option) {
      var node = el("option", "", option[1]);
      node.value = option[0];
      node.defaultSelected = option[0] === selected;
      select.appendChild(node);
    });
    label.appendChild(select);
    return label;
  }

  function optionPairs(list) {
    return (Array.isArray(list) ? list : []).map(function (option) {
      return [String(option.value || ""), String(option.name || option.value || "")];
    });
  }

  function renderFilters() {
    // No action: the form reloads this page with the chosen query.
    var form = el("form", "filters");
    form.method = "get";
    form.setAttribute("aria-label", "Urval");
    var token = el("input");
    token.type = "hidden";
    token.name = "token";
    token.value = data.token || "";
    form.appendChild(token);
    form.appendChild(selectField("Spår", "track", [["", "Alla"]].concat(optionPairs(data.trackOptions)),
      data.selectedTrack || ""));
    form.appendChild(selectField("Enhet", "unit", [["", "Alla"]].concat(optionPairs(data.unitOptions)),
      data.selectedUnit || ""));
    form.appendChild(selectField("Tidsupplösning", "granularity", [["WEEK", "Vecka"], ["MONTH", "Månad"]],
      data.granularity === "PERIOD_KIND_WEEK" ? "WEEK" : "MONTH"));
    var submit = el("button", "", "Visa");
    submit.type = "submit";
    form.appendChild(submit);
    return form;
  }

  function renderHeader(header) {
    var facts = el("dl", "facts");
    fact(facts, "Period", periodText(current));
    fact(facts, "Senast inrapporterad händelse", stockholmTimeText(current.latestEventTime));
    header.appendChild(facts);
    header.appendChild(el("p", "lag-note",
      "Händelserna rapporteras in från konsultations- och konferenstjänsterna och kan komma med fördröjning, " +
      "så siffrorna för de senaste dagarna kan ännu ändras. Tider anges i svensk tid. " +
      "Värden som bygger på 1–4 ärenden visas som <5."));
    header.appendChild(renderFilters());
  }

  // ---- Charts -------------------------------------------------------------------

  // The lines of a goal's chart: its KPIs of the unit of its first KPI that
  // have a series, over the union of their points' periods.
  function chartOf(goal) {
    var unit = unitOf(goal.definitions[0]);
    var periodByKey = new Map();
    var lines = [];
    goal.definitions.forEach(function (definition) {
      var series = seriesByKpi.get(definition.kpi);
      if (unitOf(definition) !== unit || !series) {
        return;
      }
      var pointByKey = new Map();
      (series.points || []).forEach(function (point) {
        if (point && point.periodStartDate) {
          var key = dateKey(point.periodStartDate);
          pointByKey.set(key, point);
          periodByKey.set(key, point.periodStartDate);
        }
      });
      lines.push({
        definition: definition,
        pointByKey: pointByKey,
        colour: COLOURS[lines.length % COLOURS.length],
        marker: MARKERS[lines.length % MARKERS.length]
      });
    });
    var keys = Array.from(periodByKey.keys()).sort();
    return {
      goal: goal.goal,
      unit: unit,
      lines: lines,
      keys: keys,
      periods: keys.map(function (key) { return periodByKey.get(key); })
    };
  }

  function isDrawn(point) {
    return Boolean(point) && !point.suppressed && isNumber(point.value);
  }

  function niceStep(raw, unit) {
    if (unit === "KPI_UNIT_SECONDS") {
      var steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
      for (var i = 0; i < steps.length; i++) {
        if (steps[i] >= raw) {
          return steps[i];
        }
      }
      return Math.ceil(raw / 86400) * 86400;
    }
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var fraction = raw / power;
    var factors = unit === "KPI_UNIT_COUNT" ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
    var step = power * factors.filter(function (factor) { return factor >= fraction - 1e-9; })[0];
    if (unit === "KPI_UNIT_COUNT") {
      return Math.max(1, Math.round(step));
    }
    if (unit === "KPI_UNIT_RATIO") {
      return Math.max(0.01, step);
    }
    return step;
  }

  function axisTicks(values, unit) {
    var low = Math.min.apply(null, [0].concat(values));
    var high = Math.max.apply(null, [0].concat(values));
    if (high <= low) {
      high = low + (unit === "KPI_UNIT_RATIO" ? 1 : unit === "KPI_UNIT_SECONDS" ? 60 : 4);
    }
    var step = niceStep((high - low) / 4, unit);
    var first = Math.floor(low / step + 1e-9);
    var last = Math.ceil(high / step - 1e-9);
    var ticks = [];
    for (var i = first; i <= last; i++) {
      ticks.push(Math.round(i * step * 1e9) / 1e9);
    }
    return { ticks: ticks, step: step };
  }

  function tickText(unit, value, step) {
    if (unit === "KPI_UNIT_SECONDS") {
      if (value % 3600 === 0 && step >= 3600) {
        return value / 3600 + NBSP + "h";
      }
      if (value % 60 === 0 && value < 3600) {
        return value / 60 + NBSP + "min";
      }
      return formatDuration(value);
    }
    return formatValue(unit, value);
  }

  function axisTitle(unit) {
    return unit === "KPI_UNIT_RATIO" ? "Andel" : unit === "KPI_UNIT_SECONDS" ? "Tid" : "Antal";
  }

  function granularityText() {
    return data.granularity === "PERIOD_KIND_WEEK" ? "per vecka" : "per månad";
  }

  function markerShape(kind, x, y, colour) {
    var style = { fill: colour, stroke: "#ffffff", "stroke-width": 1 };
    var shape;
    if (kind === "square") {
      shape = svg("rect", { x: x - 3.5, y: y - 3.5, width: 7, height: 7 });
    } else if (kind === "diamond") {
      shape = svg("path", { d: "M" + x + " " + (y - 5) + "L" + (x + 5) + " " + y + "L" + x + " " + (y + 5) +
        "L" + (x - 5) + " " + y + "Z" });
    } else if (kind === "triangle") {
      shape = svg("path", { d: "M" + x + " " + (y - 5) + "L" + (x + 4.5) + " " + (y + 3.5) + "L" + (x - 4.5) +
        " " + (y + 3.5) + "Z" });
    } else {
      shape = svg("circle", { cx: x, cy: y, r: 4 });
    }
    Object.keys(style).forEach(function (name) { shape.setAttribute(name, String(style[name])); });
    return shape;
  }

  // A path through the given [x, y] points (null for a gap); a lone point
  // between gaps becomes a short dash so that a target stays visible.
  function pathThrough(points) {
    var d = "";
    var run = [];
    function flush() {
      if (run.length === 1) {
        d += "M" + (run[0][0] - 6) + " " + run[0][1] + "L" + (run[0][0] + 6) + " " + run[0][1];
      } else if (run.length > 1) {
        d += run.map(function (p, i) { return (i ? "L" : "M") + p[0] + " " + p[1]; }).join("");
      }
      run = [];
    }
    points.forEach(function (point) {
      if (point) {
        run.push(point);
      } else {
        flush();
      }
    });
    flush();
    return d;
  }

  function drawChart(chart, index, width) {
    var values = [];
    var drawn = 0;
    var suppressed = 0;
    var gaps = 0;
    var targets = false;
    chart.lines.forEach(function (line) {
      chart.keys.forEach(function (key) {
        var point = line.pointByKey.get(key);
        if (isDrawn(point)) {
          values.push(point.value);
          drawn++;
        } else if (point && point.suppressed) {
          suppressed++;
        } else {
          gaps++;
        }
        if (point && isNumber(point.target)) {
          values.push(point.target);
          targets = true;
        }
      });
    });

    var axis = axisTicks(values, chart.unit);
    var labelChars = Math.max.apply(null, axis.ticks.map(function (tick) {
      return tickText(chart.unit, tick, axis.step).length;
    }));
    var height = Math.round(Math.min(340, Math.max(240, width * 0.4)));
    var margin = { top: 28, right: 30, bottom: 46, left: Math.max(40, Math.round(labelChars * 6.5) + 14) };
    var plotWidth = width - margin.left - margin.right;
    var plotHeight = height - margin.top - margin.bottom;
    var low = axis.ticks[0];
    var high = axis.ticks[axis.ticks.length - 1];
    var count = chart.keys.length;
    function x(i) {
      return Math.round((count > 1 ? margin.left + (i * plotWidth) / (count - 1) : margin.left + plotWidth / 2) * 10) / 10;
    }
    function y(value) {
      return Math.round((margin.top + plotHeight - ((value - low) / (high - low)) * plotHeight) * 10) / 10;
    }

    var names = chart.lines.map(function (line) { return kpiName(line.definition); });
    var first = chart.periods[0];
    var last = chart.periods[count - 1];
    var span = count ? pointLabel(first, data.granularity) + " – " + pointLabel(last, data.granularity) : "";
    var root = svg("svg", {
      "class": "goal-chart",
      "data-goal": chart.goal,
      "data-points": drawn,
      role: "img",
      viewBox: "0 0 " + width + " " + height,
      width: width,
      height: height,
      "aria-labelledby": "chart-title-" + index + " chart-desc-" + index
    });
    root.appendChild(svg("title", { id: "chart-title-" + index },
      "Diagram: " + (chart.goal || "Övrigt") + (names.length ? ". " + names.join(", ") + ", " + granularityText() +
        (span ? ", " + span : "") : ". Inga data")));
    root.appendChild(svg("desc", { id: "chart-desc-" + index },
      "Linjer: värden " + granularityText() + ". Streckade linjer: mål. <5: färre än fem ärenden, visas inte. " +
      "Luckor: inga data."));

    if (!chart.lines.length || !count) {
      root.appendChild(svg("text", { "class": "empty-chart", x: width / 2, y: height / 2, "text-anchor": "middle" },
        "Inga data"));
      return { svg: root, targets: false, suppressed: 0, gaps: 0 };
    }

    var grid = svg("g", { "class": "grid" });
    var yAxis = svg("g", { "class": "axis y-axis" });
    axis.ticks.forEach(function (tick) {
      grid.appendChild(svg("line", { x1: margin.left, x2: width - margin.right, y1: y(tick), y2: y(tick) }));
      yAxis.appendChild(svg("text", { "class": "tick-label", x: margin.left - 8, y: y(tick) + 4, "text-anchor": "end" },
        tickText(chart.unit, tick, axis.step)));
    });
    yAxis.appendChild(svg("line", { x1: margin.left, x2: margin.left, y1: margin.top, y2: margin.top + plotHeight }));
    root.appendChild(grid);
    root.appendChild(yAxis);
    root.appendChild(svg("text", { "class": "axis-title", x: 4, y: 14 }, axisTitle(chart.unit)));

    var xAxis = svg("g", { "class": "axis x-axis" });
    var baseline = margin.top + plotHeight;
    xAxis.appendChild(svg("line", { x1: margin.left, x2: width - margin.right, y1: baseline, y2: baseline }));
    var every = Math.max(1, Math.ceil(count / Math.max(2, Math.floor(plotWidth / 62))));
    chart.periods.forEach(function (period, i) {
      if ((count - 1 - i) % every !== 0) {
        return;
      }
      xAxis.appendChild(svg("line", { x1: x(i), x2: x(i), y1: baseline, y2: baseline + 5 }));
      xAxis.appendChild(svg("text", { "class": "tick-label", x: x(i), y: baseline + 18, "text-anchor": "middle" },
        pointLabel(period, data.granularity)));
    });
    root.appendChild(xAxis);

    chart.lines.forEach(function (line, lineIndex) {
      var name = kpiName(line.definition);
      var points = chart.keys.map(function (key) { return line.pointByKey.get(key); });
      var group = svg("g", { "class": "series" });
      var targetPath = pathThrough(points.map(function (point, i) {
        return point && isNumber(point.target) ? [x(i), y(point.target)] : null;
      }));
      if (targetPath) {
        group.appendChild(svg("path", { "class": "target-line", d: targetPath, fill: "none", stroke: line.colour,
          "stroke-width": 1.5, "stroke-dasharray": "6 4", opacity: 0.75 }));
      }
      var valuePath = pathThrough(points.map(function (point, i) {
        return isDrawn(point) ? [x(i), y(point.value)] : null;
      }));
      if (valuePath) {
        group.appendChild(svg("path", { "class": "value-line", d: valuePath, fill: "none", stroke: line.colour,
          "stroke-width": 2.25, "stroke-linejoin": "round" }));
      }
      points.forEach(function (point, i) {
        var when = pointLongLabel(chart.periods[i], data.granularity);
        if (isDrawn(point)) {
          var marker = markerShape(line.marker, x(i), y(point.value), line.colour);
          marker.appendChild(svg("title", {}, name + ", " + when + ": " + formatValue(chart.unit, point.value) +
            (isNumber(point.target) ? " (mål " + formatValue(chart.unit, point.target) + ")" : "")));
          group.appendChild(marker);
        } else if (point && point.suppressed) {
          var mark = svg("text", { "class": "suppressed-marker", x: x(i), y: baseline - 6 - lineIndex * 12,
            "text-anchor": "middle", fill: line.colour }, "<5");
          mark.appendChild(svg("title", {}, name + ", " + when + ": färre än fem, visas inte"));
          group.appendChild(mark);
        }
      });
      root.appendChild(group);
    });

    if (!drawn && !suppressed) {
      root.appendChild(svg("text", { "class": "empty-chart", x: margin.left + plotWidth / 2,
        y: margin.top + plotHeight / 2, "text-anchor": "middle" }, "Inga data"));
    }
    return { svg: root, targets: targets, suppressed: suppressed, gaps: gaps };
  }

  function swatch(colour, marker, dashed) {
    var node = svg("svg", { viewBox: "0 0 28 12", "aria-hidden": "true", focusable: "false" });
    var line = svg("line", { x1: 1, x2: 27, y1: 6, y2: 6, stroke: colour, "stroke-width": dashed ? 1.5 : 2.25 });
    if (dashed) {
      line.setAttribute("stroke-dasharray", "6 4");
    }
    node.appendChild(line);
    if (marker) {
      node.appendChild(markerShape(marker, 14, 6, colour));
    }
    return node;
  }

  function legendItem(list, graphic, text) {
    var item = el("li");
    if (graphic) {
      item.appendChild(graphic);
    }
    item.appendChild(el("span", "", text));
    list.appendChild(item);
  }

  function renderLegend(chart, drawing) {
    var list = el("ul", "legend");
    chart.lines.forEach(function (line) {
      legendItem(list, swatch(line.colour, line.marker, false), kpiName(line.definition));
    });
    if (drawing.targets) {
      legendItem(list, swatch("#555d66", null, true), "Mål (streckad linje)");
    }
    if (drawing.suppressed) {
      legendItem(list, null, "<5: färre än fem ärenden, visas inte");
    }
    if (drawing.gaps) {
      legendItem(list, null, "Lucka: inga data");
    }
    return list;
  }

  // ---- Cards ----------------------------------------------------------------------

  function currentText(value, unit) {
    if (!value) {
      return "–";
    }
    if (value.suppressed) {
      return "<5";
    }
    return formatValue(unit, value.value);
  }

  function sampleText(value, unit) {
    if (!value || value.suppressed) {
      return "";
    }
    if (unit === "KPI_UNIT_RATIO" && value.numerator !== undefined && value.denominator !== undefined) {
      return numberFormat.format(Number(value.numerator)) + " av " + numberFormat.format(Number(value.denominator));
    }
    if (unit !== "KPI_UNIT_COUNT" && value.sampleSize !== undefined) {
      return "Underlag: " + numberFormat.format(Number(value.sampleSize));
    }
    return "";
  }

  function renderCard(definition) {
    var value = valueByKpi.get(definition.kpi) || null;
    var unit = definition.unit || (value && value.unit) || "KPI_UNIT_UNSPECIFIED";
    var status = value && Object.prototype.hasOwnProperty.call(STATUS, value.targetStatus) ?
      STATUS[value.targetStatus] : STATUS.NO_DATA;
    var card = el("article", "card " + status.className);
    card.appendChild(el("h3", "", kpiName(definition)));
    card.appendChild(el("p", "value", currentText(value, unit)));
    var sample = sampleText(value, unit);
    if (sample) {
      card.appendChild(el("p", "sample", sample));
    }
    var facts = el("dl");
    facts.appendChild(el("dt", "", "Föregående period"));
    facts.appendChild(el("dd", "", value && value.previousSuppressed ? "<5" : formatValue(unit, value && value.previousValue)));
    facts.appendChild(el("dt", "", "Mål"));
    facts.appendChild(el("dd", "", value && isNumber(value.target) ? formatValue(unit, value.target)
      : "minst som föregående period"));
    card.appendChild(facts);
    var statusLine = el("p", "status " + status.className);
    var symbol = el("span", "", status.symbol + " ");
    symbol.setAttribute("aria-hidden", "true");
    statusLine.appendChild(symbol);
    statusLine.appendChild(document.createTextNode(status.text));
    card.appendChild(statusLine);
    var direction = (value && value.direction) || definition.defaultDirection;
    card.appendChild(el("p", "direction", directionText(direction, unit)));
    return card;
  }

  // ---- Page ---------------------------------------------------------------------------

  var drawings = [];

  function chartWidth(figure) {
    return Math.max(300, Math.min(1100, Math.round(figure.clientWidth || 720)));
  }

  function draw(entry) {
    var width = chartWidth(entry.figure);
    var drawing = drawChart(entry.chart, entry.index, width);
    entry.width = width;
    entry.figure.replaceChildren(drawing.svg);
    if (entry.chart.lines.length) {
      entry.figure.appendChild(renderLegend(entry.chart, drawing));
    }
  }

  function render() {
    renderHeader(document.getElementById("dashboard-header"));
    var main = document.getElementById("dashboard-main");
    var all = goals();
    if (!all.length) {
      main.appendChild(el("p", "empty", "Inga data: det finns inga nyckeltal att visa för det här urvalet."));
    }
    all.forEach(function (goal, index) {
      var section = el("section", "goal");
      var heading = el("h2", "", goal.goal || "Övrigt");
      heading.id = "goal-" + index;
      section.setAttribute("aria-labelledby", heading.id);
      section.appendChild(heading);
      var figure = el("figure", "chart");
      section.appendChild(figure);
      var cards = el("div", "cards");
      goal.definitions.forEach(function (definition) {
        cards.appendChild(renderCard(definition));
      });
      section.appendChild(cards);
      main.appendChild(section);
      drawings.push({ figure: figure, chart: chartOf(goal), index: index, width: 0 });
    });
    drawings.forEach(draw);
    document.body.dataset.charts = String(drawings.length);
    document.body.dataset.ready = "true";
  }

  // Charts are drawn for their width, so that their text stays legible on
  // a narrow screen; they are drawn again when the width changes much.
  var resizePending = false;
  window.addEventListener("resize", function () {
    if (resizePending) {
      return;
    }
    resizePending = true;
    window.requestAnimationFrame(function () {
      resizePending = false;
      drawings.forEach(function (entry) {
        if (Math.abs(chartWidth(entry.figure) - entry.width) > 40) {
          draw(entry);
        }
      });
    });
  });

  render();
})();
