// Submits a form when one of its fields marked data-auto-submit changes (no inline handlers:
// the Content-Security-Policy allows scripts from this site's static files only).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field && field.matches && field.matches("[data-auto-submit]") && field.form) {
    field.form.submit();
  }
});
