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
