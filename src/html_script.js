/* html_script.js - the script of incmap's interactive HTML map (html.c
 * embeds it verbatim; the page's Content-Security-Policy allows this
 * script by its SHA-256 and nothing else, and forbids any network access).
 *
 * Everything it needs is in the document: every incident is an element of
 * class "im-m" (or a row of the table) with data-* attributes; clustered
 * incidents are counted by their cluster symbol ("im-cl"). Text from the
 * input is only ever set with textContent, never parsed as markup. */
(function () {
  "use strict";
  var svg = document.querySelector("#im-map svg");
  var tip = document.getElementById("im-tip");
  var marks = Array.prototype.slice.call(document.querySelectorAll(".im-m"));
  var clusters = Array.prototype.slice.call(document.querySelectorAll(".im-cl"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("#im-table tbody tr"));
  var cats = Array.prototype.slice.call(document.querySelectorAll(".im-cat"));
  var from = document.getElementById("im-from");
  var to = document.getElementById("im-to");
  var fromOut = document.getElementById("im-from-out");
  var toOut = document.getElementById("im-to-out");
  var countOut = document.getElementById("im-count");
  var hiddenW = {}; /* weapon key -> true when its legend entry is off */
  var hiddenK = {}; /* category key (--color-by FIELD) -> true when off */
  var keys = Array.prototype.slice.call(document.querySelectorAll(".im-size-svg"));
  var mk = document.getElementById("im-markers").dataset;

  function dayText(day) {
    return new Date(day * 86400000).toISOString().slice(0, 10);
  }

  /* ---- filters: legend entries and the time range ---- */
  function visible(el) {
    var t = +el.dataset.t;
    return !hiddenW[el.dataset.w] && !(el.dataset.k && hiddenK[el.dataset.k]) &&
      t >= +from.value && t <= +to.value;
  }

  function update() {
    if (+from.value > +to.value) { /* the handles never cross */
      if (document.activeElement === to) from.value = to.value; else to.value = from.value;
    }
    fromOut.textContent = dayText(+from.value);
    toOut.textContent = dayText(+to.value);
    var shown = 0, byW = {}, byK = {}, byCluster = {};
    marks.forEach(function (m) {
      var on = visible(m);
      if (on) {
        shown++;
        byW[m.dataset.w] = (byW[m.dataset.w] || 0) + 1;
        if (m.dataset.k) byK[m.dataset.k] = (byK[m.dataset.k] || 0) + 1;
        if (m.dataset.c) byCluster[m.dataset.c] = (byCluster[m.dataset.c] || 0) + 1;
      }
      if (!m.dataset.c) m.style.display = on ? "" : "none";
      var leader = document.getElementById("im-l" + m.dataset.i);
      if (leader) leader.style.display = on ? "" : "none";
      var ring = document.getElementById("im-u" + m.dataset.i); /* uncertainty */
      if (ring) ring.style.display = on ? "" : "none";
    });
    clusters.forEach(function (c) {
      var n = byCluster[c.dataset.c] || 0;
      c.style.display = n ? "" : "none";
      c.querySelector(".im-cn").textContent = String(n);
    });
    rows.forEach(function (r) { r.hidden = !visible(r); });
    cats.forEach(function (b) {
      var n = b.dataset.k !== undefined ? byK[b.dataset.k] : byW[b.dataset.w];
      b.querySelector(".im-n").textContent = String(n || 0);
    });
    countOut.textContent = "Showing " + shown + " of " + marks.length + " incidents, " +
      dayText(+from.value) + " to " + dayText(+to.value);
    hideTip();
  }

  cats.forEach(function (b) {
    b.addEventListener("click", function () {
      var off = b.getAttribute("aria-pressed") === "true";
      b.setAttribute("aria-pressed", off ? "false" : "true");
      if (b.dataset.k !== undefined) hiddenK[b.dataset.k] = off; else hiddenW[b.dataset.w] = off;
      update();
    });
  });
  from.addEventListener("input", update);
  to.addEventListener("input", update);

  /* ---- tooltips: on hover and on keyboard focus ---- */
  function line(label, value) {
    var div = document.createElement("div");
    var b = document.createElement("b");
    b.textContent = label + ": ";
    div.appendChild(b);
    div.appendChild(document.createTextNode(value));
    tip.appendChild(div);
  }

  function fill(m) {
    var d = m.dataset;
    line("Date", d.date);
    line("Weapon", d.weapon);
    if (d.cat !== undefined) line(mk.catTitle || "Category", d.cat);
    if (d.v !== undefined) line(mk.sizeTitle || "Value", d.v || "unknown");
    line("Site", d.site || "unknown");
    line("Count", d.count || "unknown");
    line("Casualties", d.cas || "unknown");
    line("Source", d.src || "none given");
    line("Id", d.id);
  }

  function showTip(el) {
    tip.textContent = "";
    if (el.classList.contains("im-cl")) {
      var members = marks.filter(function (m) { return m.dataset.c === el.dataset.c && visible(m); });
      var head = document.createElement("div");
      head.className = "im-tip-head";
      head.textContent = members.length + " incidents at " + (el.dataset.site || "one site");
      tip.appendChild(head);
      members.slice(-5).reverse().forEach(function (m) {
        var div = document.createElement("div");
        div.textContent = m.dataset.date + " \u00b7 " + m.dataset.weapon + " \u00b7 " + m.dataset.id;
        tip.appendChild(div);
      });
      if (members.length > 5) line("and", (members.length - 5) + " older (see the table)");
    } else {
      fill(el);
    }
    var box = el.getBoundingClientRect(), host = tip.parentNode.getBoundingClientRect();
    tip.hidden = false;
    var x = box.right - host.left + 8, y = box.top - host.top;
    if (x + tip.offsetWidth > host.width) x = Math.max(0, box.left - host.left - tip.offsetWidth - 8);
    if (y + tip.offsetHeight > host.height) y = Math.max(0, host.height - tip.offsetHeight);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
    el.setAttribute("aria-describedby", "im-tip");
  }

  function hideTip() {
    tip.hidden = true;
  }

  marks.concat(clusters).forEach(function (el) {
    if (el.dataset.c && el.classList.contains("im-m")) return; /* shown by its cluster */
    el.addEventListener("mouseenter", function () { showTip(el); });
    el.addEventListener("mouseleave", hideTip);
    el.addEventListener("focus", function () { showTip(el); });
    el.addEventListener("blur", hideTip);
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hideTip(); });

  /* ---- zoom and pan within the page: the SVG's viewBox ---- */
  var full = svg.viewBox.baseVal;
  var W = full.width, H = full.height;
  var view = { x: 0, y: 0, w: W, h: H };

  function apply() {
    view.w = Math.min(W, Math.max(W / 16, view.w));
    view.h = view.w * H / W;
    view.x = Math.min(W - view.w, Math.max(0, view.x));
    view.y = Math.min(H - view.h, Math.max(0, view.y));
    svg.setAttribute("viewBox", view.x + " " + view.y + " " + view.w + " " + view.h);
    hideTip();
  }

  function zoom(factor, cx, cy) { /* cx, cy: the fixed point, 0..1 of the view */
    var w = Math.min(W, Math.max(W / 16, view.w / factor));
    view.x += (view.w - w) * cx;
    view.y += (view.h - w * H / W) * cy;
    view.w = w;
    apply();
  }

  svg.addEventListener("wheel", function (e) {
    e.preventDefault();
    var r = svg.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 1.25 : 0.8, (e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height);
  }, { passive: false });
  var drag = null;
  svg.addEventListener("pointerdown", function (e) {
    if (e.target.closest(".im-m, .im-cl")) return;
    drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointermove", function (e) {
    if (!drag) return;
    var r = svg.getBoundingClientRect();
    view.x = drag.vx - (e.clientX - drag.x) * view.w / r.width;
    view.y = drag.vy - (e.clientY - drag.y) * view.h / r.height;
    apply();
  });
  svg.addEventListener("pointerup", function () { drag = null; });
  document.getElementById("im-zin").addEventListener("click", function () { zoom(1.5, 0.5, 0.5); });
  document.getElementById("im-zout").addEventListener("click", function () { zoom(1 / 1.5, 0.5, 0.5); });
  document.getElementById("im-zreset").addEventListener("click", function () {
    view = { x: 0, y: 0, w: W, h: H };
    apply();
  });
  svg.addEventListener("keydown", function (e) { /* arrows pan, + and - zoom */
    var step = view.w / 10, keys = { ArrowLeft: [-step, 0], ArrowRight: [step, 0],
                                     ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (keys[e.key]) {
      view.x += keys[e.key][0];
      view.y += keys[e.key][1];
      apply();
      e.preventDefault();
    } else if (e.key === "+" || e.key === "=") {
      zoom(1.5, 0.5, 0.5);
    } else if (e.key === "-") {
      zoom(1 / 1.5, 0.5, 0.5);
    }
  });

  update();
  /* The size key is drawn in the map's points: shown at the map's scale
   * (unzoomed), so its circles match the markers. */
  function scaleKeys() {
    var s = svg.getBoundingClientRect().width / W;
    keys.forEach(function (k) {
      var b = k.viewBox.baseVal;
      k.setAttribute("width", String(b.width * s));
      k.setAttribute("height", String(b.height * s));
    });
  }
  scaleKeys();
  window.addEventListener("resize", scaleKeys);

  document.documentElement.dataset.ready = "1";
})();
