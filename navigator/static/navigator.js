// Move focus to the error summary so screen-reader users hear the errors first.
// (A file, not an inline script: the Content-Security-Policy allows scripts from this site only.)
var summary = document.querySelector('[data-module="error-summary"]');
if (summary) { summary.focus(); }

// Collapsed result groups: a link to a card (the summary, the route) opens the groups around
// it; printing opens every group and card, and closes again those that were closed.
function openAround(id) {
  var target = id && document.getElementById(id);
  for (var node = target; node; node = node.parentElement) {
    if (node.tagName === 'DETAILS') { node.open = true; }
  }
  return target;
}
document.addEventListener('click', function (event) {
  var link = event.target.closest && event.target.closest('a[href^="#card-"]');
  if (link) { openAround(link.getAttribute('href').slice(1)); }
});
window.addEventListener('hashchange', function () { openAround(location.hash.slice(1)); });
if (location.hash) { openAround(location.hash.slice(1)); }
var closedBeforePrint = [];
window.addEventListener('beforeprint', function () {
  closedBeforePrint = Array.prototype.filter.call(document.querySelectorAll('details'), function (d) { return !d.open; });
  closedBeforePrint.forEach(function (d) { d.open = true; });
});
window.addEventListener('afterprint', function () {
  closedBeforePrint.forEach(function (d) { d.open = false; });
  closedBeforePrint = [];
});

// A long list of checkboxes gets a search box: typing hides the options (and groups) whose
// name does not match; ticked options stay ticked and are still sent.
Array.prototype.forEach.call(document.querySelectorAll('[data-module="option-filter"]'), function (box) {
  var input = box.querySelector('input');
  var fieldset = box.parentElement;
  box.hidden = false;
  input.addEventListener('input', function () {
    var query = input.value.trim().toLowerCase();
    Array.prototype.forEach.call(fieldset.querySelectorAll('.choice-group'), function (group) {
      var shown = 0;
      Array.prototype.forEach.call(group.querySelectorAll('.choice'), function (choice) {
        var hit = !query || choice.textContent.toLowerCase().indexOf(query) >= 0;
        choice.hidden = !hit;
        if (hit) { shown += 1; }
      });
      group.hidden = shown === 0;
    });
  });
});
