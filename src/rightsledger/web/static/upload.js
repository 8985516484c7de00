// The upload page (templates/upload.html): drop files or a folder on the form. A file, not
// an inline script: the Content-Security-Policy forbids those.
const drop = document.getElementById("drop"), files = document.getElementById("files");
drop.addEventListener("dragover", e => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", e => {
  e.preventDefault(); drop.classList.remove("over");
  const all = new DataTransfer();
  for (const f of e.dataTransfer.files) all.items.add(f);
  files.files = all.files;
  drop.querySelector("label").firstChild.textContent = all.files.length + " file(s) ready ";
});

// A title or a publication date typed in the form is given to every file of the upload:
// say so when more than one file is chosen, before anyone sends twenty files one title.
const given = document.getElementById("given"), shared = document.createElement("p");
shared.className = "note"; shared.id = "shared-fields"; shared.setAttribute("role", "status");
given.appendChild(shared);
function chosen() {
  return document.getElementById("files").files.length + document.getElementById("folder").files.length;
}
function warn() {
  const typed = ["title", "published"].filter(id => document.getElementById(id).value);
  shared.textContent = chosen() > 1 && typed.length ? "The " + typed.join(" and ").replace(
    "published", "publication date") + " will be given to each of the " + chosen() + " files." : "";
}
for (const id of ["files", "folder", "title", "published"]) {
  document.getElementById(id).addEventListener("input", warn);
  document.getElementById(id).addEventListener("change", warn);
}
drop.addEventListener("drop", warn);
