// The map page (templates/map.html): a world basemap drawn as vector layers from our own
// origin (/api/basemap: countries, lakes, first-level division lines, towns), the areas of
// the disruptions of the chosen dates, and the incidents as clustered markers coloured by
// type and shaded by grade, with a legend of what is shown. Labels that would overlap one
// already shown, or an incident, are hidden; zooming in brings them back.
// A file, not an inline script: the Content-Security-Policy forbids those.
const COLOURS = {shelling: "#c0392b", airstrike: "#8e44ad", killing: "#7b241c", injury: "#e67e22",
  detention: "#2c3e50", torture: "#512e5f", blockade: "#1f618d", infrastructure_disruption: "#d4ac0d",
  displacement: "#117a65", property_destruction: "#784212", ceasefire_violation: "#cb4335", other: "#566573"};
const CUTS = {gas: "#e67e22", electricity: "#d4ac0d", internet: "#2874a6", mobile: "#5dade2",
  water: "#148f77", road: "#6e2c00", food: "#af601a", medicine: "#a93226"};
// a grade is drawn by how solid the marker is: the better the sources, the fuller
const GRADES = {confirmed: {fillOpacity: 0.9, dashArray: null}, fair: {fillOpacity: 0.65, dashArray: null},
  weak: {fillOpacity: 0.35, dashArray: null}, contested: {fillOpacity: 0.55, dashArray: "4 3"},
  discounted: {fillOpacity: 0.1, dashArray: "2 3"}, ungraded: {fillOpacity: 0.5, dashArray: "1 3"}};
const TOWN_ZOOM = [[1000000, 4], [300000, 6], [0, 7]];  // population at least -> shown from zoom
const DIVISION_ZOOM = 5;

const box = document.getElementById("map");
const map = L.map(box, {zoomSnap: 0.5, minZoom: 2, maxZoom: 14}).setView([30, 30], 3);
for (const [pane, z] of [["basemap", 200], ["areas", 350], ["labels", 450]]) {
  map.createPane(pane).style.zIndex = z;
}
map.getPane("labels").style.pointerEvents = "none";
const drawn = L.svg({pane: "basemap", padding: 0.3});
const dots = L.canvas({pane: "basemap"});
const labels = L.layerGroup().addTo(map);
let countryLabels = [], towns = [], divisions = null;

const titled = (text) => text.replace(/_/g, " ");
const label = (latlng, text, kind) => {
  const el = document.createElement("span");
  el.textContent = text;
  return L.marker(latlng, {pane: "labels", interactive: false, keyboard: false,
    icon: L.divIcon({className: "label " + kind, html: el, iconSize: null})});
};

fetch("/api/basemap").then(r => r.json()).then(reference => {
  const by = (kind) => reference.features.filter(f => f.properties.kind === kind);
  const size = {};  // a country's extent, so the larger of two of one rank is named first
  L.geoJSON(by("country"), {renderer: drawn, interactive: false, style: {className: "country",
    color: "#9a968c", weight: 0.8, fillColor: "#f1eee6", fillOpacity: 1},
    onEachFeature: (f, layer) => {
      const b = layer.getBounds();
      size[f.properties.name] = (b.getEast() - b.getWest()) * (b.getNorth() - b.getSouth());
    }}).addTo(map);
  L.geoJSON(by("water"), {renderer: drawn, interactive: false, style: {className: "lake",
    color: "#b5cfdd", weight: 0.5, fillColor: "#cfe0ea", fillOpacity: 1}}).addTo(map);
  divisions = L.geoJSON(by("division"), {renderer: drawn, interactive: false, style: {
    className: "division", color: "#bdb7a9", weight: 0.6, dashArray: "3 3"}});
  countryLabels = by("country").map(f => ({at: [f.properties.label[1], f.properties.label[0]],
    name: f.properties.name, rank: f.properties.rank, iso: f.properties.iso}))
    .sort((a, b) => a.rank - b.rank || size[b.name] - size[a.name]);
  towns = by("town").map(f => ({at: [f.geometry.coordinates[1], f.geometry.coordinates[0]],
    name: f.properties.name, population: f.properties.population}))
    .sort((a, b) => b.population - a.population);
  window.mapCountries = by("country");
  drawAreas();
  relabel();
});

// what is shown of the reference layer depends on the zoom: divisions from DIVISION_ZOOM,
// a country's name from its rank, a town from its population
const townDots = L.layerGroup().addTo(map);
function relabel() {
  const zoom = map.getZoom(), view = map.getBounds().pad(0.1);
  if (divisions) {
    if (zoom >= DIVISION_ZOOM) divisions.addTo(map); else divisions.remove();
  }
  labels.clearLayers();
  townDots.clearLayers();
  for (const c of countryLabels) {
    if (c.rank <= zoom + 2 && view.contains(c.at)) labels.addLayer(label(c.at, c.name, "country-label"));
  }
  let shown = 0;
  for (const t of towns) {
    const from = TOWN_ZOOM.find(([people]) => t.population >= people)[1];
    if (zoom < from || !view.contains(t.at) || shown >= 400) continue;
    shown += 1;
    L.circleMarker(t.at, {renderer: dots, radius: 2, color: "#8b8f96", weight: 1, interactive: false})
      .addTo(townDots);
    labels.addLayer(label(t.at, t.name, "town-label"));
  }
  declutter();
}

// hide each label that overlaps an incident or a label already shown (countries first, then
// towns by population): the order they were added in
function declutter() {
  const taken = [...box.querySelectorAll(".marker-cluster, path.incident")]
    .map(el => el.getBoundingClientRect());
  const placed = [...box.querySelectorAll(".leaflet-labels-pane .label span")];
  const boxes = placed.map(el => el.getBoundingClientRect());  // visibility keeps the layout
  placed.forEach((el, i) => {
    const r = boxes[i];
    const clash = taken.some(t => r.left < t.right && t.left < r.right && r.top < t.bottom && t.top < r.bottom);
    el.parentElement.classList.toggle("hidden", clash);
    if (!clash) taken.push(r);
  });
}
map.on("zoomend moveend", relabel);

// the disruptions of the page's dates: a country's outline, or a circle around the place
const areas = JSON.parse(box.dataset.areas || "[]");
const areaLayer = L.layerGroup().addTo(map);
let drawnKinds = new Set();
function drawAreas() {
  let unplaced = 0;
  drawnKinds = new Set();
  for (const a of areas) {
    const style = {pane: "areas", className: "area", color: CUTS[a.kind] || "#566573", weight: 2,
      dashArray: "6 4", fillOpacity: 0.12};
    let shape = null;
    if (a.country) {
      const outline = window.mapCountries.find(f => f.properties.iso === a.country);
      if (outline) shape = L.geoJSON(outline, {style: () => style, pane: "areas"});
    } else if (a.lat !== null && a.lon !== null) {
      shape = L.circle([a.lat, a.lon], {...style, radius: a.radius});
    }
    if (!shape) { unplaced += 1; continue; }
    const link = document.createElement("a");
    link.href = "/disruptions?on=" + a.start;
    link.textContent = a.kind + " cut — " + a.area + ", " + a.start + " – " + (a.end || "ongoing");
    shape.bindPopup(link).addTo(areaLayer);
    drawnKinds.add(a.kind);
  }
  const note = areas.length ? areas.length + " disruption area(s)" +
    (unplaced ? ", " + unplaced + " without a located place" : "") : "";
  document.getElementById("map-areas").textContent = note;
  legend.show();
}

// the page's filters, those left blank out (the API refuses an empty filter: 400)
const query = new URLSearchParams(box.dataset.query);
for (const [key, value] of [...query]) if (!value) query.delete(key);
let present = [];
fetch("/api/map?" + query).then(r => r.json()).then(data => {
  const cluster = L.markerClusterGroup({maxClusterRadius: 30});
  present = data.features.map(f => f.properties);
  for (const f of data.features) {
    const p = f.properties;
    const grade = GRADES[p.grade] || GRADES.ungraded;
    const marker = L.circleMarker([f.geometry.coordinates[1], f.geometry.coordinates[0]],
      {radius: 8, color: COLOURS[p.type] || "#566573", weight: 2, className: "incident", ...grade});
    const link = document.createElement("a");
    link.href = "/incidents/" + p.id;
    link.textContent = "#" + p.id + " " + titled(p.type) + " — " + (p.date || "date unknown") + ", " + p.place +
      (p.grade ? " (" + p.grade + ")" : "");
    marker.bindPopup(link);
    cluster.addLayer(marker);
  }
  map.addLayer(cluster);
  cluster.on("animationend", declutter);
  document.getElementById("map-count").textContent = data.features.length + " incident location(s)";
  if (data.features.length) map.fitBounds(cluster.getBounds(), {maxZoom: 8, padding: [40, 40]});
  legend.show();
  declutter();
});

// the legend: the incident types, grades and disruption kinds that are on the map
const legend = L.control({position: "bottomright"});
legend.onAdd = () => L.DomUtil.create("div", "legend");
legend.show = function () {
  const root = this.getContainer();
  root.replaceChildren();
  const section = (title, entries, swatch) => {
    if (!entries.length) return;
    const head = document.createElement("h2");
    head.textContent = title;
    const list = document.createElement("ul");
    for (const entry of entries) {
      const item = document.createElement("li");
      const mark = document.createElement("span");
      mark.className = "swatch";
      swatch(mark, entry);
      item.append(mark, titled(entry));
      list.append(item);
    }
    root.append(head, list);
  };
  const types = [...new Set(present.map(p => p.type))].sort();
  const grades = Object.keys(GRADES).filter(g => present.some(p => (p.grade || "ungraded") === g));
  section("Incident type", types, (mark, t) => { mark.style.background = COLOURS[t] || "#566573"; });
  section("Grade", grades, (mark, g) => {
    mark.style.background = "rgba(86, 101, 115, " + GRADES[g].fillOpacity + ")";
    if (GRADES[g].dashArray) mark.classList.add("dashed");
  });
  section("Disruption area", [...drawnKinds].sort(), (mark, k) => {
    mark.classList.add("area-swatch");
    mark.style.borderColor = CUTS[k] || "#566573";
  });
  root.hidden = !root.childElementCount;
};
legend.addTo(map);
