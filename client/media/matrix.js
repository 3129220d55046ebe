// The responsibility matrix webview. Plain DOM, no framework: text goes in
// as textContent only, data comes only through postMessage, and filtering
// toggles `hidden` on rows already built, so 2,000 resources stay smooth.
(function () {
  'use strict';

  var OWNER_LABEL = { aws: 'AWS', shared: 'Shared', customer: 'Customer' };
  var STATUS_LABEL = {
    gap: 'gap',
    'cannot-tell': 'cannot tell',
    'accepted-risk': 'accepted risk',
    met: 'met',
    'aws-default': 'AWS default',
    'outside-template': 'outside template',
    'not-applicable': 'n/a',
  };
  var STATUS_MARK = { gap: '✗', 'cannot-tell': '?', 'accepted-risk': '!', met: '✓', 'aws-default': '✓', 'outside-template': '·', 'not-applicable': '–' };

  function el(doc, tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fileName(uri) {
    var path = String(uri);
    try {
      path = decodeURIComponent(path.replace(/^[a-z]+:\/\/[^/]*/, ''));
    } catch {
      /* keep the raw text when it is not valid percent-encoding */
    }
    return path;
  }

  /** "Customer owns 61% of aspects across 48 resources; 9 gaps", over the rows shown. */
  function summary(data, visible) {
    var owners = { aws: 0, shared: 0, customer: 0 };
    var gaps = 0;
    var total = 0;
    var resources = 0;
    data.rows.forEach(function (_row, i) {
      if (visible && !visible[i]) return;
      resources++;
      data.cells[i].forEach(function (c) {
        owners[c.owner]++;
        total++;
        if (c.status === 'gap') gaps++;
      });
    });
    var pct = function (n) {
      return total ? Math.round((n / total) * 100) : 0;
    };
    return (
      'Customer owns ' + pct(owners.customer) + '% of aspects, shared ' + pct(owners.shared) + '%, AWS ' + pct(owners.aws) + '% across ' +
      resources + (resources === 1 ? ' resource' : ' resources') + '; ' + gaps + (gaps === 1 ? ' gap' : ' gaps')
    );
  }

  function options(doc, select, label, values) {
    select.appendChild(el(doc, 'option', '', label)).value = '';
    values.forEach(function (v) {
      var o = el(doc, 'option', '', v.label);
      o.value = v.value;
      select.appendChild(o);
    });
  }

  function unique(values) {
    return values.filter(function (v, i) {
      return values.indexOf(v) === i;
    }).sort();
  }

  /**
   * Builds the whole view into `root`. `post` sends messages to the extension;
   * `state` is the persisted filter state. Returns handles the tests use.
   */
  function render(doc, root, data, title, post, state) {
    state = state || {};
    while (root.firstChild) root.removeChild(root.firstChild);
    var header = el(doc, 'header', 'toolbar');
    var search = el(doc, 'input', 'search');
    search.type = 'search';
    search.placeholder = 'Search resources, types, notes';
    search.setAttribute('aria-label', 'Search');
    var owner = el(doc, 'select', 'filter-owner');
    owner.setAttribute('aria-label', 'Owner');
    options(doc, owner, 'Any owner', ['customer', 'shared', 'aws'].map(function (v) {
      return { value: v, label: OWNER_LABEL[v] };
    }));
    var status = el(doc, 'select', 'filter-status');
    status.setAttribute('aria-label', 'Status');
    options(doc, status, 'Any status', Object.keys(STATUS_LABEL).map(function (v) {
      return { value: v, label: STATUS_LABEL[v] };
    }));
    var service = el(doc, 'select', 'filter-service');
    service.setAttribute('aria-label', 'Service');
    options(doc, service, 'Any service', unique(data.rows.map(function (r) {
      return r.serviceName;
    })).map(function (v) {
      return { value: v, label: v };
    }));
    var file = el(doc, 'select', 'filter-file');
    file.setAttribute('aria-label', 'File');
    options(doc, file, 'Any file', unique(data.rows.map(function (r) {
      return r.uri;
    })).map(function (v) {
      return { value: v, label: fileName(v) };
    }));
    [search, owner, status, service, file].forEach(function (c) {
      header.appendChild(c);
    });
    ['csv', 'markdown', 'html'].forEach(function (format) {
      var b = el(doc, 'button', 'export', 'Export ' + (format === 'csv' ? 'CSV' : format === 'html' ? 'HTML' : 'Markdown'));
      b.type = 'button';
      b.addEventListener('click', function () {
        post({ type: 'export', format: format });
      });
      header.appendChild(b);
    });
    root.appendChild(header);
    var summaryLine = el(doc, 'p', 'summary');
    summaryLine.setAttribute('role', 'status');
    root.appendChild(summaryLine);

    var table = el(doc, 'table', 'matrix');
    table.appendChild(el(doc, 'caption', '', title || 'Responsibility matrix'));
    var thead = el(doc, 'thead');
    var headRow = el(doc, 'tr');
    headRow.appendChild(el(doc, 'th', 'corner', 'Resource')).setAttribute('scope', 'col');
    data.aspects.forEach(function (a) {
      var th = el(doc, 'th', 'aspect', a.short);
      th.setAttribute('scope', 'col');
      th.title = a.title;
      th.setAttribute('aria-label', a.title);
      headRow.appendChild(th);
    });
    thead.appendChild(headRow);
    table.appendChild(thead);

    var rows = [];
    var groups = [];
    var fragment = doc.createDocumentFragment();
    var currentFile = null;
    data.rows.forEach(function (row, i) {
      if (row.uri !== currentFile) {
        currentFile = row.uri;
        var tbody = el(doc, 'tbody', 'file');
        var groupRow = el(doc, 'tr', 'file-row');
        var groupHead = el(doc, 'th', 'file-name', fileName(row.uri));
        groupHead.setAttribute('scope', 'rowgroup');
        groupHead.colSpan = data.aspects.length + 1;
        groupRow.appendChild(groupHead);
        tbody.appendChild(groupRow);
        fragment.appendChild(tbody);
        groups.push({ uri: row.uri, body: tbody, header: groupRow });
      }
      var tr = el(doc, 'tr', 'resource');
      var th = el(doc, 'th', 'resource-name');
      th.setAttribute('scope', 'row');
      th.appendChild(el(doc, 'span', 'id', row.resourceId));
      th.appendChild(el(doc, 'span', 'type', row.type));
      th.appendChild(el(doc, 'span', 'model', row.model));
      th.dataset.row = String(i);
      tr.appendChild(th);
      data.cells[i].forEach(function (c, j) {
        var td = el(doc, 'td', 'cell status-' + c.status);
        var badge = el(doc, 'span', 'badge owner-' + c.owner, OWNER_LABEL[c.owner] || c.owner);
        td.appendChild(badge);
        td.appendChild(el(doc, 'span', 'status', (STATUS_MARK[c.status] || '') + ' ' + (STATUS_LABEL[c.status] || c.status)));
        var note = data.aspects[j].title + ': ' + (OWNER_LABEL[c.owner] || c.owner) + ', ' + (STATUS_LABEL[c.status] || c.status) + (c.note ? ' — ' + c.note : '');
        td.title = note;
        td.setAttribute('aria-label', note);
        td.dataset.row = String(i);
        td.dataset.col = String(j);
        tr.appendChild(td);
      });
      groups[groups.length - 1].body.appendChild(tr);
      rows.push(tr);
    });
    table.appendChild(fragment);
    root.appendChild(table);

    // Roving tabindex: one focusable cell; arrows move it, Enter reveals the resource.
    var focusable = table.querySelectorAll('th.resource-name, td.cell');
    if (focusable.length) focusable[0].tabIndex = 0;
    function cellAt(r, c) {
      return c < 0 ? rows[r] && rows[r].firstChild : rows[r] && rows[r].children[c + 1];
    }
    function move(from, dr, dc) {
      var r = Number(from.dataset.row);
      var c = from.tagName === 'TH' ? -1 : Number(from.dataset.col);
      var nr = r;
      do {
        nr += dr;
      } while (dr && rows[nr] && rows[nr].hidden);
      if (!rows[nr] || rows[nr].hidden) nr = r;
      var nc = Math.max(-1, Math.min(data.aspects.length - 1, c + dc));
      var target = cellAt(nr, nc);
      if (!target) return;
      from.tabIndex = -1;
      target.tabIndex = 0;
      target.focus();
    }
    function reveal(target) {
      var row = data.rows[Number(target.dataset.row)];
      if (row) post({ type: 'reveal', uri: row.uri, range: row.range });
    }
    table.addEventListener('keydown', function (e) {
      var target = e.target;
      if (!target || target.dataset === undefined || target.dataset.row === undefined) return;
      var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      if (moves[e.key]) {
        e.preventDefault();
        move(target, moves[e.key][0], moves[e.key][1]);
      } else if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        reveal(target);
      }
    });
    table.addEventListener('click', function (e) {
      var target = e.target && e.target.closest ? e.target.closest('[data-row]') : null;
      if (target) reveal(target);
    });

    function apply() {
      var q = search.value.trim().toLowerCase();
      var visible = data.rows.map(function (row, i) {
        var cells = data.cells[i];
        if (service.value && row.serviceName !== service.value) return false;
        if (file.value && row.uri !== file.value) return false;
        if (owner.value || status.value) {
          var any = cells.some(function (c) {
            return (!owner.value || c.owner === owner.value) && (!status.value || c.status === status.value);
          });
          if (!any) return false;
        }
        if (q) {
          var text = [row.resourceId, row.type, row.serviceName, row.model, fileName(row.uri)].concat(cells.map(function (c) {
            return c.note || '';
          })).join(' ').toLowerCase();
          if (text.indexOf(q) < 0) return false;
        }
        return true;
      });
      rows.forEach(function (tr, i) {
        tr.hidden = !visible[i];
      });
      groups.forEach(function (g) {
        var any = data.rows.some(function (row, i) {
          return row.uri === g.uri && visible[i];
        });
        g.header.hidden = !any;
      });
      summaryLine.textContent = summary(data, visible);
      post({ type: 'state', filters: { text: search.value, owner: owner.value, status: status.value, service: service.value, file: file.value } });
      return visible;
    }
    var f = state.filters || {};
    search.value = f.text || '';
    owner.value = f.owner || '';
    status.value = f.status || '';
    service.value = f.service || '';
    file.value = f.file || '';
    [owner, status, service, file].forEach(function (s) {
      s.addEventListener('change', apply);
    });
    search.addEventListener('input', apply);
    apply();
    return { apply: apply, rows: rows, table: table, search: search, owner: owner, status: status, service: service, file: file, summary: summaryLine };
  }

  var api = { render: render, summary: summary };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof window !== 'undefined') window.SrmLensMatrix = api;

  // In the webview: wire to VS Code. Data arrives only by message; filters persist in the webview state.
  if (typeof acquireVsCodeApi === 'function') {
    var vscode = acquireVsCodeApi();
    var saved = vscode.getState() || {};
    var post = function (message) {
      if (message.type === 'state') {
        saved.filters = message.filters;
        vscode.setState(saved);
      } else {
        vscode.postMessage(message);
      }
    };
    window.addEventListener('message', function (event) {
      var message = event.data;
      if (!message || message.type !== 'matrix') return;
      saved.scope = message.scope;
      vscode.setState(saved);
      render(document, document.getElementById('app'), message.data, message.title, post, saved);
    });
    vscode.postMessage({ type: 'ready', scope: saved.scope });
  }
})();
