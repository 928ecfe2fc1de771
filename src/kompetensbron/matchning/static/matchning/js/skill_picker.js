// Adds a suggested skill to the skill box it names (opportunity form); no inline script (CSP).
document.addEventListener("click", function (e) {
  var b = e.target.closest("[data-skill-id]");
  if (!b) return;
  e.preventDefault();
  var box = document.getElementById("id_" + b.dataset.target);
  var ids = box.value.split(/[\s,;]+/).filter(Boolean);
  if (ids.indexOf(b.dataset.skillId) < 0) ids.push(b.dataset.skillId);
  box.value = ids.join("\n");
  b.disabled = true;
});
