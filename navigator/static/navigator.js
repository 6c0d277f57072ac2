// Move focus to the error summary so screen-reader users hear the errors first.
// (A file, not an inline script: the Content-Security-Policy allows scripts from this site only.)
var summary = document.querySelector('[data-module="error-summary"]');
if (summary) { summary.focus(); }
