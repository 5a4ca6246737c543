// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  function ready(fn) {
    if (document.readyState !== 'loading') { fn(); } else { document.addEventListener('DOMContentLoaded', fn); }
  }
  ready(function () {
    if (!navigator.clipboard) { return; }
    document.querySelectorAll('button.copy[data-copy]').forEach(function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(button.getAttribute('data-copy')).then(function () {
          button.textContent = 'Copied';
          button.setAttribute('aria-live', 'polite');
        }, function () {
          button.textContent = 'Copy failed';
        });
      });
    });
  });
}());
