// Optional hover: a cursor across every chart and a box with that second's figures.
// The charts are complete without it; text goes in with textContent, never as markup.
(function () {
  var data = document.getElementById('cursor-data');
  var charts = Array.prototype.slice.call(document.querySelectorAll('svg.chart'));
  if (!data || charts.length === 0) { return; }
  var d = JSON.parse(data.textContent);
  if (d.buckets.length === 0) { return; }
  var tip = document.createElement('div');
  tip.className = 'tip';
  document.body.appendChild(tip);

  function fmt(v, unit) { return v === null ? '–' : (Math.round(v * 10) / 10) + unit; }
  function two(n) { return ('0' + n).slice(-2); }
  function label(s) {
    s = Math.round(s);
    if (d.span <= 600) { return s + 's'; }
    if (s < 3600) { return Math.floor(s / 60) + ':' + two(s % 60); }
    return Math.floor(s / 3600) + ':' + two(Math.floor(s / 60) % 60) + ':' + two(s % 60);
  }
  function bucketAt(t) {
    var lo = 0, hi = d.buckets.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (d.buckets[mid][0] <= t) { lo = mid; } else { hi = mid - 1; }
    }
    var b = d.buckets[lo];
    return t >= b[0] && t < b[1] ? b : null;
  }
  function line(text, cls) {
    var div = document.createElement('div');
    if (cls) { div.className = cls; }
    div.textContent = text;
    tip.appendChild(div);
  }
  function cursors(x) {
    charts.forEach(function (c) {
      var l = c.querySelector('.cursor');
      if (x === null) { l.style.display = 'none'; return; }
      l.setAttribute('x1', x); l.setAttribute('x2', x); l.style.display = 'inline';
    });
  }
  function hide() { tip.style.display = 'none'; cursors(null); }

  charts.forEach(function (svg) {
    svg.addEventListener('mouseleave', hide);
    svg.addEventListener('mousemove', function (ev) {
      var r = svg.getBoundingClientRect();
      var x = (ev.clientX - r.left) * d.width / r.width;
      if (x < d.left || x > d.right) { hide(); return; }
      var t = (x - d.left) / (d.right - d.left) * d.span;
      var b = bucketAt(t);
      if (!b) { hide(); return; }
      cursors(x);
      tip.textContent = '';
      line('t+' + label(b[0]) + (b[1] - b[0] > 1 ? ' to ' + label(b[1]) : '') + (b[9] ? ' · ' + b[9] : ''), 'tip-head');
      line('healthy ' + b[7] + ' of ' + b[8]);
      line('requests ' + fmt(b[2], '/s'));
      line('failed ' + fmt(b[3], '%') + (b[10] ? ' (' + b[10] + ')' : ''));
      line('p50 ' + fmt(b[4], '') + ' · p95 ' + fmt(b[5], '') + ' · p99 ' + fmt(b[6], ' ms'));
      tip.style.display = 'block';
      var left = ev.pageX + 16;
      if (left + tip.offsetWidth > window.scrollX + document.documentElement.clientWidth - 8) { left = ev.pageX - tip.offsetWidth - 16; }
      tip.style.left = left + 'px';
      tip.style.top = (ev.pageY + 16) + 'px';
    });
  });
})();
