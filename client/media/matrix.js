// The responsibility matrix webview. Plain DOM, no framework.
// - Template text goes in as textContent or attribute values only, never as markup.
// - Data comes only through postMessage ({ type: 'matrix', data, title, scope, roots }).
// - Rows are built once into a DocumentFragment; filtering toggles `hidden`, so
//   2,000 resources stay smooth.
// - The same file runs in the webview (wired to acquireVsCodeApi) and in tests
//   (window.SrmLensMatrix, or module.exports under require).
//
// DOM contract, kept stable for the unit tests and the VS Code UI tests:
//   header.toolbar[role=toolbar]           input.search, select.filter-{owner,status,service,file}, button.export[data-format]
//   section.overview                       p.summary[role=status], svg.owner-bar[role=img], span.gap-counts
//   div.table-wrap                         the only scrolling box; the header sticks inside it, no offset
//   table.matrix[role=grid]                caption; thead > tr.groups > th.group[data-category][scope=colgroup]
//                                          (th.group[data-category=inherited] holds button.toggle-inherited[aria-expanded]);
//                                          thead > tr.aspects > th.aspect[data-aspect] | th.aspect.collapsed
//   tbody.file > tr.file-row > th.file-name[scope=rowgroup] (span.path, svg.owner-bar, span.gap-counts)
//   tbody.file > tr.resource[data-row][data-category-summary] (.companion[data-parent] when nested)
//                > th.resource-name[scope=row] (span.id, span.type, span.model) + td.cell[data-col] (span.badge, span.status)
(function () {
  'use strict';

  var OWNER_LABEL = { customer: 'Yours', shared: 'Shared', aws: 'AWS', none: '—' };
  var OWNER_ORDER = ['customer', 'shared', 'aws'];
  var OWNER_OF_CATEGORY = { 'customer-specific': 'customer', shared: 'shared', inherited: 'aws' };
  /** Customer's columns first: at 600 px (the panel beside an editor) they are what shows. */
  var CATEGORY_ORDER = ['customer-specific', 'shared', 'inherited'];
  var CATEGORY_LABEL = {
    'customer-specific': 'Yours (security in the cloud)',
    shared: 'Shared',
    inherited: 'Inherited from AWS (security of the cloud)',
  };
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
  /** Shown for an aspect the type does not bear; not a status a filter offers. */
  var NOT_BORNE = 'not borne';
  var STATUS_MARK = { gap: '✗', 'cannot-tell': '?', 'not-checked': '…', 'accepted-risk': '!', met: '✓', 'aws-default': '✓', 'not-applicable': '–', 'outside-template': '·' };
  var SEVERITIES = ['error', 'warning', 'info'];
  var SVG = 'http://www.w3.org/2000/svg';
  var PAGE = 10;

  function own(map, key) {
    return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
  }

  function ownerLabel(owner) {
    return own(OWNER_LABEL, owner) || String(owner);
  }

  function statusLabel(status) {
    if (status === 'not-borne') return NOT_BORNE;
    return own(STATUS_LABEL, status) || String(status);
  }

  function plural(n, word) {
    return n + ' ' + word + (n === 1 ? '' : 's');
  }

  function el(doc, tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  /**
   * A span whose text may wrap after `.`, `_`, `/` and `::` (long Terraform
   * addresses and CloudFormation types) rather than inside a word: text
   * nodes and <wbr> elements made with the DOM, never parsed as markup.
   */
  function breakable(doc, className, text) {
    var span = el(doc, 'span', className);
    var parts = String(text).split(/(?<=[._/]|::)/);
    parts.forEach(function (part, i) {
      if (i > 0) span.appendChild(doc.createElement('wbr'));
      span.appendChild(doc.createTextNode(part));
    });
    return span;
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

  /**
   * The path relative to the workspace folder that holds it (with the
   * folder's name first when there are several); the decoded path otherwise.
   */
  function relativePath(uri, roots) {
    var text = String(uri);
    var list = Array.isArray(roots) ? roots.filter(function (r) {
      return typeof r === 'string' && r.length > 0;
    }) : [];
    for (var i = 0; i < list.length; i++) {
      var root = list[i].replace(/\/+$/, '');
      if (text.indexOf(root + '/') === 0) {
        var rest = fileName('x://h/' + text.slice(root.length + 1)).replace(/^\//, '');
        return list.length > 1 ? fileName(root).split('/').pop() + '/' + rest : rest;
      }
    }
    return fileName(text);
  }

  /** A focusable cell of the grid: a resource's row header or one of its cells. */
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

  /** False when the type does not bear the aspect (it then has no owner); older servers send no flag: it applies. */
  function applies(cell) {
    return !cell || cell.applies !== false;
  }

  function categoryOf(cell) {
    if (cell && own(CATEGORY_LABEL, cell.category)) return cell.category;
    var owner = cell && cell.owner;
    return owner === 'customer' ? 'customer-specific' : owner === 'shared' ? 'shared' : 'inherited';
  }

  /**
   * Aspect columns by control category. An aspect's owner can differ from one
   * resource to the next, so a column joins the category most of its cells
   * have (ties go to the customer's side); it joins the inherited group only
   * when every cell the types bear is inherited, so collapsing that group
   * never hides a shared or customer cell (a column no resource bears folds
   * there too). Returns { 'customer-specific': [j…], shared: [j…], inherited: [j…] }.
   */
  function columnGroups(data) {
    var groups = { 'customer-specific': [], shared: [], inherited: [] };
    data.aspects.forEach(function (_a, j) {
      var n = { 'customer-specific': 0, shared: 0, inherited: 0 };
      for (var i = 0; i < data.cells.length; i++) if (applies(data.cells[i][j])) n[categoryOf(data.cells[i][j])]++;
      var total = n['customer-specific'] + n.shared + n.inherited;
      var category;
      if (n.inherited === total) category = data.cells.length === 0 ? 'shared' : 'inherited';
      else category = n['customer-specific'] >= n.shared ? 'customer-specific' : 'shared';
      groups[category].push(j);
    });
    return groups;
  }

  /** The visual columns: one per aspect, except the inherited group when collapsed (one column for all of it). */
  function layoutColumns(groups, inheritedExpanded) {
    var columns = [];
    CATEGORY_ORDER.forEach(function (category) {
      var aspects = groups[category];
      if (!aspects.length) return;
      if (category === 'inherited' && !inheritedExpanded) columns.push({ category: category, aspects: aspects.slice(), collapsed: true });
      else aspects.forEach(function (j) {
        columns.push({ category: category, aspects: [j], collapsed: false });
      });
    });
    return columns;
  }

  /** Open findings of a row by severity; rows without counts fall back to their gap cells. */
  function rowGaps(data, i) {
    var g = data.rows[i] && data.rows[i].gaps;
    if (g && typeof g === 'object') {
      return { error: Number(g.error) || 0, warning: Number(g.warning) || 0, info: Number(g.info) || 0 };
    }
    var fallback = { error: 0, warning: 0, info: 0 };
    data.cells[i].forEach(function (c) {
      if (c.status === 'gap') fallback.warning++;
    });
    return fallback;
  }

  /** Owners of the cells, gaps by severity and resources over the rows shown (`visible[i]`), or all rows. */
  function tally(data, visible, only) {
    var t = { owners: { customer: 0, shared: 0, aws: 0 }, cells: 0, resources: 0, gaps: { error: 0, warning: 0, info: 0 } };
    for (var i = 0; i < data.rows.length; i++) {
      if (visible && !visible[i]) continue;
      if (only && !only(i)) continue;
      t.resources++;
      var cells = data.cells[i];
      for (var j = 0; j < cells.length; j++) {
        if (!applies(cells[j])) continue;
        var owner = OWNER_OF_CATEGORY[categoryOf(cells[j])];
        t.owners[owner]++;
        t.cells++;
      }
      var g = rowGaps(data, i);
      SEVERITIES.forEach(function (s) {
        t.gaps[s] += g[s];
      });
    }
    return t;
  }

  function gapTotal(gaps) {
    return gaps.error + gaps.warning + gaps.info;
  }

  /** "2 gaps (1 error, 1 warning)" or "no gaps". */
  function gapWords(gaps) {
    var total = gapTotal(gaps);
    if (!total) return 'no gaps';
    var parts = SEVERITIES.filter(function (s) {
      return gaps[s];
    }).map(function (s) {
      return plural(gaps[s], s);
    });
    return plural(total, 'gap') + ' (' + parts.join(', ') + ')';
  }

  function percents(t) {
    var pct = function (n) {
      return t.cells ? Math.round((n / t.cells) * 100) : 0;
    };
    return { customer: pct(t.owners.customer), shared: pct(t.owners.shared), aws: pct(t.owners.aws) };
  }

  /**
   * "Yours: 11% of aspects, shared 56%, inherited from AWS 33%, across 3 resources; 2 gaps (1 error, 1 warning)",
   * over the rows shown (`visible[i]`), or all rows without `visible`.
   */
  function summary(data, visible) {
    var t = tally(data, visible);
    if (t.resources === 0) return data.rows.length ? 'No resources match the filters.' : 'No AWS resources.';
    var p = percents(t);
    return (
      'Yours: ' + p.customer + '% of aspects, shared ' + p.shared + '%, inherited from AWS ' + p.aws + '%, across ' +
      plural(t.resources, 'resource') + '; ' + gapWords(t.gaps)
    );
  }

  /**
   * A stacked bar of owners drawn with SVG attributes (no inline style, so the
   * page's CSP holds); colours and shapes come from the stylesheet's classes.
   */
  function ownerBar(doc, t) {
    var svg = doc.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'owner-bar');
    svg.setAttribute('viewBox', '0 0 100 6');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('role', 'img');
    updateBar(doc, svg, t);
    return svg;
  }

  function updateBar(doc, svg, t) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var p = percents(t);
    svg.setAttribute('aria-label', 'Yours ' + p.customer + '%, shared ' + p.shared + '%, inherited from AWS ' + p.aws + '%');
    var x = 0;
    OWNER_ORDER.forEach(function (owner) {
      var width = t.cells ? (t.owners[owner] / t.cells) * 100 : 0;
      if (width <= 0) return;
      var rect = doc.createElementNS(SVG, 'rect');
      rect.setAttribute('class', 'fill-' + owner);
      rect.setAttribute('x', x.toFixed(2));
      rect.setAttribute('y', '0');
      rect.setAttribute('width', width.toFixed(2));
      rect.setAttribute('height', '6');
      svg.appendChild(rect);
      x += width;
    });
  }

  /** "✗ 1 error ✗ 1 warning" chips, each a span with its severity class; "no gaps" when there are none. */
  function gapChips(doc, gaps) {
    var span = el(doc, 'span', 'gap-counts');
    fillGapChips(doc, span, gaps);
    return span;
  }

  function fillGapChips(doc, span, gaps) {
    while (span.firstChild) span.removeChild(span.firstChild);
    if (!gapTotal(gaps)) {
      span.appendChild(el(doc, 'span', 'gap-none', 'no gaps'));
      return;
    }
    SEVERITIES.forEach(function (s) {
      if (gaps[s]) span.appendChild(el(doc, 'span', 'gap-' + s, plural(gaps[s], s)));
    });
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
  function target(data, rowIndex, aspectIndex) {
    var row = data.rows[rowIndex];
    if (!row) return undefined;
    var cell = aspectIndex >= 0 && data.cells[rowIndex] ? data.cells[rowIndex][aspectIndex] : undefined;
    var ev = cell && Array.isArray(cell.evidence) ? cell.evidence[0] : undefined;
    if (ev && typeof ev.uri === 'string' && ev.range) return { uri: ev.uri, range: ev.range };
    return { uri: row.uri, range: row.range };
  }

  /** The page when there is nothing to show: what to open, and how. */
  function emptyState(doc, root, title) {
    var section = el(doc, 'section', 'empty-state');
    section.appendChild(el(doc, 'h2', '', title || 'Responsibility matrix'));
    section.appendChild(el(doc, 'p', 'empty', 'No AWS resources here yet.'));
    section.appendChild(
      el(doc, 'p', '', 'Open a CloudFormation template (YAML or JSON, SAM included) or a Terraform file (.tf, .tf.json) with AWS resources, then run "SRM Lens: Show Responsibility Matrix", or "… for Workspace" to see every template.'),
    );
    root.appendChild(section);
  }

  /**
   * Builds the whole view into `root`. `post` sends messages to the extension
   * ({ type: 'reveal' | 'export' | 'state' }); `state` is the persisted state
   * ({ filters, inheritedExpanded }); `options.roots` are the workspace folder
   * URIs paths are shown relative to. Returns handles the tests (and the page wiring) use.
   */
  function render(doc, root, data, title, post, state, options) {
    state = state || {};
    options = options || {};
    post = post || function () {};
    while (root.firstChild) root.removeChild(root.firstChild);
    if (!isMatrix(data)) {
      root.appendChild(el(doc, 'p', 'empty', 'The matrix data could not be read.'));
      return undefined;
    }
    if (data.rows.length === 0) {
      emptyState(doc, root, title);
      return { empty: true, summary: root.querySelector('.empty'), apply: function () {
        return [];
      } };
    }
    var roots = options.roots;
    var path = function (uri) {
      return relativePath(uri, roots);
    };

    // Toolbar: search, four filters, three exports. It may wrap to two lines; nothing below depends on its height.
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
      return { value: v, label: path(v) };
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

    // The workspace picture: a stacked bar of owners and the gaps by severity, following the filters.
    var overview = el(doc, 'section', 'overview');
    overview.setAttribute('aria-label', 'Summary');
    var summaryLine = el(doc, 'p', 'summary');
    summaryLine.setAttribute('role', 'status');
    summaryLine.setAttribute('aria-live', 'polite');
    var all = tally(data);
    var bar = ownerBar(doc, all);
    var chips = gapChips(doc, all.gaps);
    var legend = el(doc, 'span', 'legend');
    legend.setAttribute('aria-hidden', 'true');
    OWNER_ORDER.forEach(function (o) {
      legend.appendChild(el(doc, 'span', 'key key-' + o, OWNER_LABEL[o]));
    });
    overview.appendChild(summaryLine);
    var picture = el(doc, 'div', 'picture');
    picture.appendChild(bar);
    picture.appendChild(legend);
    picture.appendChild(chips);
    overview.appendChild(picture);
    root.appendChild(overview);

    // Columns by category; the inherited group collapses into one column unless expanded.
    var groups = columnGroups(data);
    var expanded = state.inheritedExpanded === true;
    var columns = layoutColumns(groups, expanded);

    var wrap = el(doc, 'div', 'table-wrap');
    var table = el(doc, 'table', 'matrix');
    table.setAttribute('role', 'grid');
    table.setAttribute('aria-readonly', 'true');
    table.appendChild(el(doc, 'caption', '', title || 'Responsibility matrix'));
    var thead = el(doc, 'thead');
    var groupRow = el(doc, 'tr', 'groups');
    var corner = el(doc, 'th', 'corner', 'Resource');
    corner.setAttribute('scope', 'col');
    corner.rowSpan = 2;
    groupRow.appendChild(corner);
    CATEGORY_ORDER.forEach(function (category) {
      var span = columns.filter(function (c) {
        return c.category === category;
      }).length;
      if (!span) return;
      var th = el(doc, 'th', 'group group-' + category);
      th.setAttribute('scope', 'colgroup');
      th.dataset.category = category;
      th.colSpan = span;
      th.appendChild(el(doc, 'span', 'group-label', CATEGORY_LABEL[category]));
      if (category === 'inherited') {
        var toggle = el(doc, 'button', 'toggle-inherited', expanded ? 'Collapse' : 'Show ' + groups.inherited.length);
        toggle.type = 'button';
        toggle.setAttribute('aria-expanded', expanded ? 'true' : 'false');
        toggle.title = expanded ? 'Fold the aspects AWS owns alone into one column' : 'Show each aspect AWS owns alone';
        toggle.addEventListener('click', function () {
          state.inheritedExpanded = !expanded;
          post({ type: 'state', filters: currentFilters(), inheritedExpanded: state.inheritedExpanded });
          render(doc, root, data, title, post, Object.assign({}, state, { filters: currentFilters() }), options);
          var again = root.querySelector('button.toggle-inherited');
          if (again && typeof again.focus === 'function') again.focus();
        });
        th.appendChild(toggle);
      }
      groupRow.appendChild(th);
    });
    thead.appendChild(groupRow);
    var headRow = el(doc, 'tr', 'aspects');
    columns.forEach(function (col) {
      var th;
      if (col.collapsed) {
        var names = col.aspects.map(function (j) {
          return String(data.aspects[j].short || data.aspects[j].title);
        });
        th = el(doc, 'th', 'aspect collapsed', 'AWS ×' + col.aspects.length);
        th.title = 'Inherited from AWS: ' + names.join(', ');
        th.setAttribute('aria-label', 'Inherited from AWS: ' + names.join(', '));
      } else {
        var a = data.aspects[col.aspects[0]];
        th = el(doc, 'th', 'aspect', a.short || a.title);
        th.title = String(a.title);
        th.setAttribute('aria-label', String(a.title));
        th.dataset.aspect = String(a.id);
      }
      th.setAttribute('scope', 'col');
      th.dataset.category = col.category;
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
    var rows = new Array(data.rows.length); // by data index
    var rowGroup = new Array(data.rows.length); // data index → group index
    var haystack = new Array(data.rows.length); // lower-cased search text per row
    var fileGroups = []; // { uri, body, header }
    var groupOf = Object.create(null);
    data.rows.forEach(function (row, i) {
      var key = String(row.uri);
      var g = groupOf[key];
      if (g === undefined) {
        g = groupOf[key] = fileGroups.length;
        var tbody = el(doc, 'tbody', 'file');
        var fileRow = el(doc, 'tr', 'file-row');
        var fileHead = el(doc, 'th', 'file-name');
        fileHead.setAttribute('scope', 'rowgroup');
        fileHead.colSpan = columns.length + 1;
        fileHead.title = fileName(key);
        var inFile = tally(data, undefined, function (n) {
          return String(data.rows[n].uri) === key;
        });
        var head = el(doc, 'div', 'file-head');
        head.appendChild(el(doc, 'span', 'path', path(key)));
        head.appendChild(ownerBar(doc, inFile));
        head.appendChild(gapChips(doc, inFile.gaps));
        fileHead.appendChild(head);
        fileRow.appendChild(fileHead);
        tbody.appendChild(fileRow);
        fileGroups.push({ uri: key, body: tbody, header: fileRow });
      }
      rowGroup[i] = g;
      var tr = el(doc, 'tr', 'resource');
      var th = el(doc, 'th', 'resource-name');
      th.setAttribute('scope', 'row');
      th.appendChild(breakable(doc, 'id', row.resourceId));
      th.appendChild(breakable(doc, 'type', row.type));
      th.appendChild(el(doc, 'span', 'model', row.model ? row.model + ' model' : ''));
      var part = typeof row.parent === 'string' && row.parent ? ', configures ' + row.parent : '';
      if (part) {
        tr.classList.add('companion');
        tr.dataset.parent = row.parent;
      }
      th.title = String(row.resourceId) + ' — ' + String(row.type) + (row.serviceName ? ', ' + row.serviceName : '') + (row.model ? ', ' + row.model + ' model' : '') + part + '. Enter opens it.';
      tr.dataset.row = String(i);
      tr.appendChild(th);
      var notes = [];
      var cells = data.cells[i];
      columns.forEach(function (col, n) {
        var td;
        if (col.collapsed) {
          td = cellTemplate('aws', 'not-applicable').cloneNode(true);
          td.classList.add('collapsed');
          td.lastChild.textContent = '×' + col.aspects.length;
          var borne = col.aspects.filter(function (j) {
            return applies(cells[j]);
          });
          var absent = col.aspects.filter(function (j) {
            return !applies(cells[j]);
          });
          var names = function (list) {
            return list.map(function (j) {
              return String(data.aspects[j].title);
            }).join(', ');
          };
          var label = (borne.length ? 'Inherited from AWS: ' + names(borne) : '') + (borne.length && absent.length ? '; ' : '') + (absent.length ? 'not borne by this type: ' + names(absent) : '');
          td.title = label;
          td.setAttribute('aria-label', label);
        } else {
          var j = col.aspects[0];
          var c = cells[j];
          var borneHere = applies(c);
          td = (borneHere ? cellTemplate(c.owner, c.status) : cellTemplate('none', 'not-borne')).cloneNode(true);
          var text = String(data.aspects[j].title) + ': ' + (borneHere ? ownerLabel(c.owner) + ', ' + statusLabel(c.status) + (c.note ? ' — ' + c.note : '') : 'not borne by this type');
          td.title = text;
          td.setAttribute('aria-label', text);
        }
        td.dataset.col = String(n);
        tr.appendChild(td);
      });
      cells.forEach(function (c) {
        if (c.note) notes.push(c.note);
      });
      fileGroups[g].body.appendChild(tr);
      rows[i] = tr;
      haystack[i] = [row.resourceId, row.type, row.service, row.serviceName, row.model, path(row.uri), row.parent || ''].concat(notes).join('\n').toLowerCase();
    });
    var fragment = doc.createDocumentFragment();
    fileGroups.forEach(function (g) {
      fragment.appendChild(g.body);
    });
    table.appendChild(fragment);
    wrap.appendChild(table);
    root.appendChild(wrap);

    // Visual order (grouped by file) for keyboard movement; data order may differ.
    var order = [];
    fileGroups.forEach(function (g) {
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
      var last = columns.length - 1;
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
      var col = at.col >= 0 ? columns[at.col] : undefined;
      var t = target(data, at.row, col && !col.collapsed ? col.aspects[0] : -1);
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
          setCurrent(cellAt(i, Math.min(col, columns.length - 1)), true);
          return true;
        }
      }
      return false;
    }

    function currentFilters() {
      return { text: search.value, owner: owner.value, status: status.value, service: service.value, file: file.value };
    }

    var shownBefore = null;
    function apply() {
      var q = search.value.trim().toLowerCase();
      var o = owner.value;
      var s = status.value;
      var visible = new Array(data.rows.length);
      var perGroup = fileGroups.map(function () {
        return 0;
      });
      for (var i = 0; i < data.rows.length; i++) {
        var row = data.rows[i];
        var ok = true;
        if (service.value && row.serviceName !== service.value) ok = false;
        else if (file.value && String(row.uri) !== file.value) ok = false;
        else if (o || s) {
          ok = data.cells[i].some(function (c) {
            return applies(c) && (!o || c.owner === o) && (!s || c.status === s);
          });
        }
        if (ok && q && haystack[i].indexOf(q) < 0) ok = false;
        visible[i] = ok;
        if (ok) perGroup[rowGroup[i]]++;
        // Touch the DOM only where something changes.
        if (!shownBefore || shownBefore[i] !== ok) rows[i].hidden = !ok;
      }
      fileGroups.forEach(function (g, n) {
        g.body.hidden = perGroup[n] === 0;
      });
      shownBefore = visible;
      // Keep the roving focus on a visible row, so Tab still reaches the table.
      if (current && current.parentNode && current.parentNode.hidden) {
        var first = firstVisible(false);
        if (first !== undefined) setCurrent(cellAt(first, -1), false);
      }
      var shown = tally(data, visible);
      summaryLine.textContent = summary(data, visible);
      updateBar(doc, bar, shown);
      fillGapChips(doc, chips, shown.gaps);
      post({ type: 'state', filters: currentFilters(), inheritedExpanded: expanded });
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
      columns: columns,
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
   * `matrix` message, keeps filters, the inherited group's state and scope
   * in the webview state, and keeps focus and scroll across live refreshes.
   */
  function start(win, vscode) {
    var doc = win.document;
    var saved = vscode.getState() || {};
    var view;
    function post(message) {
      if (message.type === 'state') {
        saved.filters = message.filters;
        saved.inheritedExpanded = message.inheritedExpanded === true;
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
      var scroller = doc.querySelector('.table-wrap');
      var x = scroller ? scroller.scrollLeft : 0;
      var y = scroller ? scroller.scrollTop : 0;
      if (message.scope) saved.scope = message.scope;
      vscode.setState(saved);
      var roots = Array.isArray(message.roots) ? message.roots : [];
      var handles = render(doc, root, message.data, typeof message.title === 'string' ? message.title : '', post, saved, { roots: roots });
      view = handles && handles.table ? { table: handles.table, data: message.data } : undefined;
      if (view && focus) handles.focusCell(focus.uri, focus.resourceId, focus.col);
      var again = doc.querySelector('.table-wrap');
      if (again && (x || y)) {
        again.scrollLeft = x;
        again.scrollTop = y;
      }
    });
    vscode.postMessage({ type: 'ready', scope: saved.scope });
  }

  var api = { render: render, summary: summary, fileName: fileName, relativePath: relativePath, columnGroups: columnGroups, isMatrix: isMatrix, start: start };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof window !== 'undefined') {
    window.SrmLensMatrix = api;
    if (typeof acquireVsCodeApi === 'function') start(window, acquireVsCodeApi());
  }
})();
