// Kohtaamo works without JavaScript; this file only adds small comforts.
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the error summary after a failed form post.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.setAttribute("tabindex", "-1"); summary.focus(); }

  // A page that answers a form post (a form with errors) shows the form's
  // own address, so reloading or bookmarking it opens the form page, not
  // the post's address (which has no page of its own).
  var pagePath = document.body.getAttribute("data-page-path");
  if (pagePath && pagePath.charAt(0) === "/" && pagePath.charAt(1) !== "/" && window.history.replaceState) {
    window.history.replaceState(null, "", pagePath + window.location.hash);
  }

  // A table wider than the screen scrolls inside its box: say so above it
  // while it does (the shadows at its edges show it too, without script).
  // The hint sits inside the box, held at its left edge, so the box keeps
  // its place among its siblings.
  var hint = document.body.getAttribute("data-scroll-hint") || "";
  var wraps = Array.prototype.slice.call(document.querySelectorAll(".table-wrap"));
  if (!hint || wraps.length === 0) { return; }
  var hints = wraps.map(function (wrap) {
    var p = document.createElement("p");
    p.className = "scroll-hint";
    p.setAttribute("aria-hidden", "true");
    p.textContent = hint;
    p.hidden = true;
    wrap.insertBefore(p, wrap.firstChild);
    return p;
  });
  function update() {
    wraps.forEach(function (wrap, i) { hints[i].hidden = wrap.scrollWidth <= wrap.clientWidth + 1; });
  }
  update();
  window.addEventListener("resize", update);
});
