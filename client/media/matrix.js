// The responsibility matrix webview. Plain DOM, no framework.
// - Template text goes in as textContent or attribute values only, never as markup.
// - Data comes only through postMessage ({ type: 'matrix', data, title }).
// - Rows are built once into a DocumentFragment; filtering toggles `hidden`, so
//   2,000 resources stay smooth.
// - The same file runs in the webview (wired to acquireVsCodeApi) and in tests
//   (window.SrmLensMatrix, or module.exports under require).
(function () {
  'use strict';

  var OWNER_LABEL = { aws: 'AWS', shared: 'Shared', customer: 'Customer' };
  var OWNER_ORDER = ['customer', 'shared', 'aws'];
  var STATUS_LABEL = {
    gap: 'gap',
    'cannot-tell': 'cannot tell',
    'not-checked': 'not checked',
    'accepted-risk': 'accepted risk',
    met: 'met',
    'aws-default': 'AWS default',
    'not-applicable': 'n/a',
    'outside-template': 'outside template',
  };
  var STATUS_MARK = { gap: '✗', 'cannot-tell': '?', 'not-checked': '…', 'accepted-risk': '!', met: '✓', 'aws-default': '✓', 'not-applicable': '–', 'outside-template': '·' };
  var PAGE = 10;

  function own(map, key) {
    return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
  }

  function ownerLabel(owner) {
    return own(OWNER_LABEL, owner) || String(owner);
  }

  function statusLabel(status) {
    return own(STATUS_LABEL, status) || String(status);
  }

  function el(doc, tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  /** The path of a URI, decoded for people: file:///w/b%20c/main.tf → /w/b c/main.tf. */
  function fileName(uri) {
    var path = String(uri);
    try {
      path = decodeURIComponent(path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, ''));
    } catch {
      /* keep the raw text when it is not valid percent-encoding */
    }
    return path;
  }

  /** A focusable cell of the grid: a resource's row header or one of its aspect cells. */
  function isCell(node) {
    return (
      !!node &&
      !!node.parentNode &&
      !!node.classList &&
      (node.classList.contains('resource-name') || node.classList.contains('cell')) &&
      !!node.parentNode.dataset &&
      node.parentNode.dataset.row !== undefined
    );
  }

  /** True when `data` has the MatrixResult shape (the page trusts nothing it is sent). */
  function isMatrix(data) {
    return (
      !!data &&
      Array.isArray(data.aspects) &&
      Array.isArray(data.rows) &&
      Array.isArray(data.cells) &&
      data.cells.length === data.rows.length &&
      data.cells.every(function (row) {
        return Array.isArray(row) && row.length === data.aspects.length;
      })
    );
  }

  /**
   * "Customer owns 61% of aspects, shared 20%, AWS 19% across 48 resources; 9 gaps",
   * over the rows shown (`visible[i]`), or all rows without `visible`.
   */
  function summary(data, visible) {
    var owners = { aws: 0, shared: 0, customer: 0 };
    var gaps = 0;
    var total = 0;
    var resources = 0;
    for (var i = 0; i < data.rows.length; i++) {
      if (visible && !visible[i]) continue;
      resources++;
      var cells = data.cells[i];
      for (var j = 0; j < cells.length; j++) {
        if (own(owners, cells[j].owner) !== undefined) owners[cells[j].owner]++;
        total++;
        if (cells[j].status === 'gap') gaps++;
      }
    }
    if (resources === 0) return data.rows.length ? 'No resources match the filters.' : 'No AWS resources.';
    var pct = function (n) {
      return total ? Math.round((n / total) * 100) : 0;
    };
    return (
      'Customer owns ' + pct(owners.customer) + '% of aspects, shared ' + pct(owners.shared) + '%, AWS ' + pct(owners.aws) + '% across ' +
      resources + (resources === 1 ? ' resource' : ' resources') + '; ' + gaps + (gaps === 1 ? ' gap' : ' gaps')
    );
  }

  function addOptions(doc, select, label, values) {
    var any = el(doc, 'option', '', label);
    any.value = '';
    select.appendChild(any);
    values.forEach(function (v) {
      var o = el(doc, 'option', '', v.label);
      o.value = v.value;
      select.appendChild(o);
    });
  }

  function unique(values) {
    var seen = Object.create(null);
    var out = [];
    values.forEach(function (v) {
      if (!seen[v]) {
        seen[v] = true;
        out.push(v);
      }
    });
    return out.sort();
  }

  function select(doc, className, label) {
    var s = el(doc, 'select', className);
    s.setAttribute('aria-label', label);
    s.title = label;
    return s;
  }

  /** Where Enter on a cell leads: its first piece of evidence, else the resource. */
  function target(data, rowIndex, colIndex) {
    var row = data.rows[rowIndex];
    if (!row) return undefined;
    var cell = colIndex >= 0 && data.cells[rowIndex] ? data.cells[rowIndex][colIndex] : undefined;
    var ev = cell && Array.isArray(cell.evidence) ? cell.evidence[0] : undefined;
    if (ev && typeof ev.uri === 'string' && ev.range) return { uri: ev.uri, range: ev.range };
    return { uri: row.uri, range: row.range };
  }

  /**
   * Builds the whole view into `root`. `post` sends messages to the extension
   * ({ type: 'reveal' | 'export' | 'state' }); `state` is the persisted state
   * ({ filters }). Returns handles the tests (and the page wiring) use.
   */
  function render(doc, root, data, title, post, state) {
    state = state || {};
    post = post || function () {};
    while (root.firstChild) root.removeChild(root.firstChild);
    if (!isMatrix(data)) {
      root.appendChild(el(doc, 'p', 'empty', 'The matrix data could not be read.'));
      return undefined;
    }

    // Toolbar: search, four filters, three exports.
    var toolbar = el(doc, 'header', 'toolbar');
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', 'Filters and export');
    var search = el(doc, 'input', 'search');
    search.type = 'search';
    search.placeholder = 'Search resources, types, notes';
    search.setAttribute('aria-label', 'Search resources, types and notes');
    var owner = select(doc, 'filter-owner', 'Owner');
    addOptions(doc, owner, 'Any owner', OWNER_ORDER.map(function (v) {
      return { value: v, label: OWNER_LABEL[v] };
    }));
    var status = select(doc, 'filter-status', 'Status');
    addOptions(doc, status, 'Any status', Object.keys(STATUS_LABEL).map(function (v) {
      return { value: v, label: STATUS_LABEL[v] };
    }));
    var service = select(doc, 'filter-service', 'Service');
    addOptions(doc, service, 'Any service', unique(data.rows.map(function (r) {
      return String(r.serviceName || '');
    }).filter(Boolean)).map(function (v) {
      return { value: v, label: v };
    }));
    var file = select(doc, 'filter-file', 'File');
    addOptions(doc, file, 'Any file', unique(data.rows.map(function (r) {
      return String(r.uri);
    })).map(function (v) {
      return { value: v, label: fileName(v) };
    }));
    [search, owner, status, service, file].forEach(function (c) {
      toolbar.appendChild(c);
    });
    var exports = el(doc, 'span', 'exports');
    [['csv', 'CSV'], ['markdown', 'Markdown'], ['html', 'HTML']].forEach(function (f) {
      var b = el(doc, 'button', 'export', 'Export ' + f[1]);
      b.type = 'button';
      b.dataset.format = f[0];
      b.title = 'Save the whole matrix as ' + f[1];
      b.addEventListener('click', function () {
        post({ type: 'export', format: f[0] });
      });
      exports.appendChild(b);
    });
    toolbar.appendChild(exports);
    root.appendChild(toolbar);

    var summaryLine = el(doc, 'p', 'summary');
    summaryLine.setAttribute('role', 'status');
    summaryLine.setAttribute('aria-live', 'polite');
    root.appendChild(summaryLine);

    // The table: one column per aspect, one tbody per file.
    var table = el(doc, 'table', 'matrix');
    table.setAttribute('role', 'grid');
    table.setAttribute('aria-readonly', 'true');
    table.appendChild(el(doc, 'caption', '', title || 'Responsibility matrix'));
    var thead = el(doc, 'thead');
    var headRow = el(doc, 'tr');
    var corner = el(doc, 'th', 'corner', 'Resource');
    corner.setAttribute('scope', 'col');
    headRow.appendChild(corner);
    data.aspects.forEach(function (a) {
      var th = el(doc, 'th', 'aspect', a.short || a.title);
      th.setAttribute('scope', 'col');
      th.title = String(a.title);
      th.setAttribute('aria-label', String(a.title));
      headRow.appendChild(th);
    });
    thead.appendChild(headRow);
    table.appendChild(thead);

    // One prototype cell per owner × status, cloned for each cell: far less DOM work than building each.
    var templates = Object.create(null);
    function cellTemplate(ownerKey, statusKey) {
      var key = ownerKey + '\n' + statusKey;
      if (!templates[key]) {
        var td = el(doc, 'td', 'cell status-' + String(statusKey).replace(/[^a-z-]/g, '') + ' by-' + String(ownerKey).replace(/[^a-z]/g, ''));
        td.appendChild(el(doc, 'span', 'badge owner-' + String(ownerKey).replace(/[^a-z]/g, ''), ownerLabel(ownerKey)));
        td.appendChild(el(doc, 'span', 'status', (own(STATUS_MARK, statusKey) || '') + ' ' + statusLabel(statusKey)));
        templates[key] = td;
      }
      return templates[key];
    }
    var aspectTitles = data.aspects.map(function (a) {
      return String(a.title);
    });
    var rows = new Array(data.rows.length); // by data index
    var rowGroup = new Array(data.rows.length); // data index → group index
    var haystack = new Array(data.rows.length); // lower-cased search text per row
    var groups = []; // { uri, body, header }
    var groupOf = Object.create(null);
    data.rows.forEach(function (row, i) {
      var key = String(row.uri);
      var g = groupOf[key];
      if (g === undefined) {
        g = groupOf[key] = groups.length;
        var tbody = el(doc, 'tbody', 'file');
        var groupRow = el(doc, 'tr', 'file-row');
        var groupHead = el(doc, 'th', 'file-name', fileName(key));
        groupHead.setAttribute('scope', 'rowgroup');
        groupHead.colSpan = data.aspects.length + 1;
        groupHead.title = key;
        groupRow.appendChild(groupHead);
        tbody.appendChild(groupRow);
        groups.push({ uri: key, body: tbody, header: groupRow });
      }
      rowGroup[i] = g;
      var tr = el(doc, 'tr', 'resource');
      var th = el(doc, 'th', 'resource-name');
      th.setAttribute('scope', 'row');
      th.appendChild(el(doc, 'span', 'id', row.resourceId));
      th.appendChild(el(doc, 'span', 'type', row.type));
      th.appendChild(el(doc, 'span', 'model', row.model ? row.model + ' model' : ''));
      th.title = String(row.resourceId) + ' — ' + String(row.type) + (row.serviceName ? ', ' + row.serviceName : '') + (row.model ? ', ' + row.model + ' model' : '') + '. Enter opens it.';
      tr.dataset.row = String(i);
      tr.appendChild(th);
      var notes = [];
      var cells = data.cells[i];
      for (var j = 0; j < cells.length; j++) {
        var c = cells[j];
        var td = cellTemplate(c.owner, c.status).cloneNode(true);
        var label = aspectTitles[j] + ': ' + ownerLabel(c.owner) + ', ' + statusLabel(c.status) + (c.note ? ' — ' + c.note : '');
        td.title = label;
        td.setAttribute('aria-label', label);
        td.dataset.col = String(j);
        tr.appendChild(td);
        if (c.note) notes.push(c.note);
      }
      groups[g].body.appendChild(tr);
      rows[i] = tr;
      haystack[i] = [row.resourceId, row.type, row.service, row.serviceName, row.model, fileName(row.uri)].concat(notes).join('\n').toLowerCase();
    });
    var fragment = doc.createDocumentFragment();
    groups.forEach(function (g) {
      fragment.appendChild(g.body);
    });
    table.appendChild(fragment);
    root.appendChild(table);

    // Visual order (grouped by file) for keyboard movement; data order may differ.
    var order = [];
    groups.forEach(function (g) {
      for (var n = 1; n < g.body.children.length; n++) order.push(Number(g.body.children[n].dataset.row));
    });
    var position = new Array(data.rows.length);
    order.forEach(function (dataIndex, p) {
      position[dataIndex] = p;
    });

    // Roving tabindex: exactly one cell (or row header) is in the tab order.
    var current = null;
    function setCurrent(node, focus) {
      if (!node) return;
      if (current && current !== node) current.tabIndex = -1;
      current = node;
      node.tabIndex = 0;
      if (focus) node.focus();
    }
    function cellAt(dataIndex, col) {
      var tr = rows[dataIndex];
      return tr ? tr.children[col + 1] : undefined;
    }
    function coords(node) {
      return { row: Number(node.parentNode.dataset.row), col: node.tagName === 'TH' ? -1 : Number(node.dataset.col) };
    }
    /** The visible row `steps` rows away in visual order (clamped), or the row itself. */
    function stepRow(dataIndex, steps) {
      var p = position[dataIndex];
      var dir = steps < 0 ? -1 : 1;
      var left = Math.abs(steps);
      var best = dataIndex;
      for (var q = p + dir; q >= 0 && q < order.length && left > 0; q += dir) {
        if (!rows[order[q]].hidden) {
          best = order[q];
          left--;
        }
      }
      return best;
    }
    function firstVisible(fromEnd) {
      for (var k = 0; k < order.length; k++) {
        var q = fromEnd ? order[order.length - 1 - k] : order[k];
        if (!rows[q].hidden) return q;
      }
      return undefined;
    }
    function move(from, key, ctrl) {
      var at = coords(from);
      var r = at.row;
      var c = at.col;
      var last = data.aspects.length - 1;
      if (key === 'ArrowUp') r = stepRow(r, -1);
      else if (key === 'ArrowDown') r = stepRow(r, 1);
      else if (key === 'PageUp') r = stepRow(r, -PAGE);
      else if (key === 'PageDown') r = stepRow(r, PAGE);
      else if (key === 'ArrowLeft') c = Math.max(-1, c - 1);
      else if (key === 'ArrowRight') c = Math.min(last, c + 1);
      else if (key === 'Home') {
        c = -1;
        if (ctrl) r = firstVisible(false);
      } else if (key === 'End') {
        c = last;
        if (ctrl) r = firstVisible(true);
      } else return false;
      if (r === undefined) return true;
      setCurrent(cellAt(r, c), true);
      return true;
    }
    function reveal(node) {
      var at = coords(node);
      var t = target(data, at.row, at.col);
      if (t) post({ type: 'reveal', uri: t.uri, range: t.range });
    }
    table.addEventListener('keydown', function (e) {
      var node = isCell(e.target) ? e.target : null;
      if (!node) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        reveal(node);
      } else if (move(node, e.key, e.ctrlKey || e.metaKey)) {
        e.preventDefault();
      }
    });
    table.addEventListener('click', function (e) {
      var node = e.target && e.target.closest ? e.target.closest('th.resource-name, td.cell') : null;
      if (!isCell(node)) return;
      setCurrent(node, true);
      reveal(node);
    });
    setCurrent(order.length ? cellAt(order[0], -1) : null, false);

    /** Moves the keyboard focus to a resource's cell, found by file and id (used after a refresh). */
    function focusCell(uri, resourceId, col) {
      for (var i = 0; i < data.rows.length; i++) {
        if (data.rows[i].uri === uri && data.rows[i].resourceId === resourceId && !rows[i].hidden) {
          setCurrent(cellAt(i, Math.min(col, data.aspects.length - 1)), true);
          return true;
        }
      }
      return false;
    }

    var shownBefore = null;
    function apply() {
      var q = search.value.trim().toLowerCase();
      var o = owner.value;
      var s = status.value;
      var visible = new Array(data.rows.length);
      var perGroup = groups.map(function () {
        return 0;
      });
      for (var i = 0; i < data.rows.length; i++) {
        var row = data.rows[i];
        var ok = true;
        if (service.value && row.serviceName !== service.value) ok = false;
        else if (file.value && String(row.uri) !== file.value) ok = false;
        else if (o || s) {
          ok = data.cells[i].some(function (c) {
            return (!o || c.owner === o) && (!s || c.status === s);
          });
        }
        if (ok && q && haystack[i].indexOf(q) < 0) ok = false;
        visible[i] = ok;
        if (ok) perGroup[rowGroup[i]]++;
        // Touch the DOM only where something changes.
        if (!shownBefore || shownBefore[i] !== ok) rows[i].hidden = !ok;
      }
      groups.forEach(function (g, n) {
        g.body.hidden = perGroup[n] === 0;
      });
      shownBefore = visible;
      // Keep the roving focus on a visible row, so Tab still reaches the table.
      if (current && current.parentNode && current.parentNode.hidden) {
        var first = firstVisible(false);
        if (first !== undefined) setCurrent(cellAt(first, -1), false);
      }
      summaryLine.textContent = summary(data, visible);
      post({ type: 'state', filters: { text: search.value, owner: owner.value, status: status.value, service: service.value, file: file.value } });
      return visible;
    }

    // Restore saved filters; a saved value that no longer exists falls back to "any".
    var f = state.filters || {};
    search.value = typeof f.text === 'string' ? f.text : '';
    [[owner, f.owner], [status, f.status], [service, f.service], [file, f.file]].forEach(function (p) {
      p[0].value = typeof p[1] === 'string' ? p[1] : '';
      if (p[0].value !== (p[1] || '')) p[0].value = '';
    });
    [owner, status, service, file].forEach(function (sel) {
      sel.addEventListener('change', apply);
    });
    search.addEventListener('input', apply);
    apply();
    return {
      apply: apply,
      focusCell: focusCell,
      rows: rows,
      table: table,
      search: search,
      owner: owner,
      status: status,
      service: service,
      file: file,
      summary: summaryLine,
    };
  }

  /**
   * Wires the page to VS Code: asks for data with `ready`, renders each
   * `matrix` message, keeps filters and scope in the webview state, and keeps
   * focus and scroll across live refreshes.
   */
  function start(win, vscode) {
    var doc = win.document;
    var saved = vscode.getState() || {};
    var view;
    function post(message) {
      if (message.type === 'state') {
        saved.filters = message.filters;
        vscode.setState(saved);
      } else {
        vscode.postMessage(message);
      }
    }
    win.addEventListener('message', function (event) {
      var message = event.data;
      if (!message || message.type !== 'matrix') return;
      var root = doc.getElementById('app');
      if (!root) return;
      var active = doc.activeElement;
      var focus = null;
      if (view && isCell(active) && view.table.contains(active)) {
        var old = view.data.rows[Number(active.parentNode.dataset.row)];
        if (old) focus = { uri: old.uri, resourceId: old.resourceId, col: active.tagName === 'TH' ? -1 : Number(active.dataset.col) };
      }
      var x = win.scrollX;
      var y = win.scrollY;
      if (message.scope) saved.scope = message.scope;
      vscode.setState(saved);
      var handles = render(doc, root, message.data, typeof message.title === 'string' ? message.title : '', post, saved);
      view = handles ? { table: handles.table, data: message.data } : undefined;
      if (handles && focus) handles.focusCell(focus.uri, focus.resourceId, focus.col);
      if (typeof win.scrollTo === 'function' && (x || y)) {
        try {
          win.scrollTo(x, y);
        } catch {
          /* jsdom has no layout */
        }
      }
    });
    vscode.postMessage({ type: 'ready', scope: saved.scope });
  }

  var api = { render: render, summary: summary, fileName: fileName, isMatrix: isMatrix, start: start };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof window !== 'undefined') {
    window.SrmLensMatrix = api;
    if (typeof acquireVsCodeApi === 'function') start(window, acquireVsCodeApi());
  }
})();
