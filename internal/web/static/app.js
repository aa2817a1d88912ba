// Kohtaamo works without JavaScript; this file only adds small comforts.
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the error summary after a failed form post.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.setAttribute("tabindex", "-1"); summary.focus(); }
});
