// hozon console: small progressive enhancements; every page works without this file.
// The statute's limits are checked again by policy-service, which alone decides.
(function () {
  'use strict';
  function onReady(fn) {
    if (document.readyState !== 'loading') { fn(); } else { document.addEventListener('DOMContentLoaded', fn); }
  }
  onReady(function () {
    var type = document.getElementById('type');
    var days = document.getElementById('days');
    var check = document.getElementById('days-check');
    function showFieldsFor() {
      if (!type) { return; }
      document.querySelectorAll('[data-for]').forEach(function (el) {
        var show = el.getAttribute('data-for').split(' ').indexOf(type.value) >= 0;
        el.hidden = !show;
      });
      checkDays();
    }
    function checkDays() {
      if (!days || !check) { return; }
      var limit = parseInt(days.getAttribute('data-limit'), 10);
      var v = parseInt(days.value, 10);
      var over = type && type.value === 'PRESERVATION_REQUEST' && !isNaN(v) && v > limit;
      check.textContent = over ? check.getAttribute('data-message') : '';
      if (over) { days.setAttribute('aria-invalid', 'true'); } else { days.removeAttribute('aria-invalid'); }
    }
    if (type) { type.addEventListener('change', showFieldsFor); showFieldsFor(); }
    if (days) { days.addEventListener('input', checkDays); }
  });
})();
