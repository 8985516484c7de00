// The map page (templates/map.html): incidents as coloured, clustered markers over the
// gazetteer's towns. A file, not an inline script: the Content-Security-Policy forbids those.
const COLOURS = {shelling: "#c0392b", airstrike: "#8e44ad", killing: "#7b241c", injury: "#e67e22",
  detention: "#2c3e50", torture: "#512e5f", blockade: "#1f618d", infrastructure_disruption: "#d4ac0d",
  displacement: "#117a65", property_destruction: "#784212", ceasefire_violation: "#cb4335", other: "#566573"};
const box = document.getElementById("map");
const map = L.map(box, {zoomSnap: 0.5, minZoom: 3, maxZoom: 14}).setView([39.8, 46.5], 7);
if (box.dataset.tiles) L.tileLayer(box.dataset.tiles, {attribution: box.dataset.attribution}).addTo(map);
const canvas = L.canvas();
fetch("/api/basemap").then(r => r.json()).then(towns => L.geoJSON(towns, {
  pointToLayer: (f, at) => L.circleMarker(at, {radius: 2, color: "#9aa3af", weight: 1, renderer: canvas})
    .bindTooltip(f.properties.name, {direction: "right", className: "town", permanent: true,
                                     opacity: 0.7})}).addTo(map));
// the page's filters, those left blank out (the API refuses an empty filter: 400)
const query = new URLSearchParams(box.dataset.query);
for (const [key, value] of [...query]) if (!value) query.delete(key);
fetch("/api/map?" + query).then(r => r.json()).then(data => {
  const cluster = L.markerClusterGroup({maxClusterRadius: 30});
  for (const f of data.features) {
    const p = f.properties;
    const marker = L.circleMarker([f.geometry.coordinates[1], f.geometry.coordinates[0]],
      {radius: 8, color: COLOURS[p.type] || "#566573", fillOpacity: 0.8, className: "incident"});
    const link = document.createElement("a");
    link.href = "/incidents/" + p.id;
    link.textContent = "#" + p.id + " " + p.type.replace(/_/g, " ") + " — " + (p.date || "date unknown") + ", " + p.place;
    marker.bindPopup(link);
    cluster.addLayer(marker);
  }
  map.addLayer(cluster);
  document.getElementById("map-count").textContent = data.features.length + " incident location(s)";
  if (data.features.length) map.fitBounds(cluster.getBounds(), {maxZoom: 10, padding: [30, 30]});
});
