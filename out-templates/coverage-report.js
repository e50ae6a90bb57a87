(function () {
  var table = document.getElementById('matrix');
  if (!table) { return; }
  var body = table.tBodies[0];
  var filters = document.querySelectorAll('select[data-filter]');
  function apply() {
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var visible = Array.prototype.every.call(filters, function (select) {
        var value = select.value;
        if (!value) { return true; }
        var have = (row.getAttribute('data-' + select.getAttribute('data-filter')) || '').split(' ');
        return have.indexOf(value) >= 0;
      });
      row.hidden = !visible;
      if (visible) { shown++; }
    });
    document.getElementById('shown').textContent = String(shown);
  }
  Array.prototype.forEach.call(filters, function (select) { select.addEventListener('change', apply); });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, index) {
    var button = cell.querySelector('button');
    if (!button) { return; }
    button.addEventListener('click', function () {
      var ascending = cell.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute('aria-sort'); });
      cell.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[index].getAttribute('data-sort') || a.cells[index].textContent;
        var y = b.cells[index].getAttribute('data-sort') || b.cells[index].textContent;
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  apply();
})();
