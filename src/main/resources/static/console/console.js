// The compliance console: read-only views over /api/v1/reports/** and /api/v1/audit/**. Every value from the
// server is written with textContent (never as HTML), so recorded text cannot run as script here.
'use strict';
(() => {
  const STATES = ['REQUESTED', 'EVALUATED', 'IN_TEST', 'AWAITING_APPROVAL', 'APPROVED', 'SCHEDULED', 'ROLLING_OUT',
    'ROLLOUT_HALTED', 'VERIFYING', 'REMEDIATION', 'RISK_ACCEPTED', 'IN_REVIEW', 'CLOSED', 'REJECTED', 'CANCELLED',
    'ABORTED', 'NOT_AFFECTED'];
  const HOST_COLOURS = {SUCCEEDED: '#1a7f37', SUCCEEDED_REBOOT_REQUIRED: '#4ac26b', FAILED: '#cf222e',
    UNREACHABLE: '#a40e26', ROLLED_BACK: '#bf8700', PENDING: '#8c959f', RUNNING: '#0969da'};
  const $ = id => document.getElementById(id);
  const viewers = [];
  let page = 0;

  // The API lives at the site's root; location.origin never carries credentials, so requests can be built from it.
  async function api(path) {
    const response = await fetch(new URL(path, location.origin), {headers: {Accept: 'application/json'},
      credentials: 'same-origin'});
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(response.status + ' ' + (body.detail || body.title || response.statusText));
    }
    return body;
  }

  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text === null || text === undefined ? '' : String(text);
    if (className) td.className = className;
    return td;
  }

  function json(value) {
    return value && Object.keys(value).length ? JSON.stringify(value, null, 1) : '';
  }

  function clear(tbodyParent) {
    const body = tbodyParent.tBodies[0];
    while (body.rows.length) body.deleteRow(0);
    return body;
  }

  function showError(e) {
    $('error').hidden = false;
    $('error').textContent = e.message;
  }

  function show(view) {
    ['view-changes', 'view-change', 'view-reports'].forEach(id => { $(id).hidden = id !== view; });
    $('error').hidden = true;
  }

  // ---- change list -------------------------------------------------------------------------------------------
  function filterQuery() {
    const params = new URLSearchParams();
    new FormData($('filters')).forEach((value, key) => { if (value) params.set(key, value); });
    params.set('page', page);
    params.set('size', 50);
    return params;
  }

  async function loadChanges(append) {
    const result = await api('/api/v1/reports/changes?' + filterQuery());
    const body = append ? $('changes').tBodies[0] : clear($('changes'));
    result.changes.forEach(c => {
      const row = body.insertRow();
      row.dataset.change = c.id;
      const link = document.createElement('a');
      link.href = '#/changes/' + encodeURIComponent(c.id);
      link.className = 'change-link';
      link.textContent = c.id;
      row.insertCell().appendChild(link);
      cell(row, c.title);
      cell(row, c.state);
      cell(row, c.priority);
      cell(row, c.changeType);
      cell(row, c.slaDue ? c.slaDue + (c.slaBreached ? ' (breached)' : '') : '', c.slaBreached ? 'breach' : '');
      cell(row, (c.createdAt || '').substring(0, 16).replace('T', ' ') + ' by ' + c.requestedBy);
      cell(row, (c.advisories || []).join(', '));
    });
    const shown = body.rows.length;
    $('count').textContent = result.total + ' change(s)' + (shown < result.total ? ', ' + shown + ' shown' : '');
    $('more').hidden = shown >= result.total;
  }

  // ---- one change ---------------------------------------------------------------------------------------------
  async function loadChange(id) {
    const history = await api('/api/v1/reports/changes/' + encodeURIComponent(id));
    const c = history.change;
    $('change-title').textContent = c.id + ': ' + c.title;
    const facts = $('change-facts');
    facts.replaceChildren();
    [['State', c.state + (c.outcome ? ' (' + c.outcome + ')' : '')], ['Stage', c.stage],
      ['Priority', c.priority], ['Change type', c.changeType], ['Policy reason', c.policyReason],
      ['SLA due', c.slaDue ? c.slaDue + (c.slaBreached ? ' - breached' : '') : 'none'],
      ['Requested', c.createdAt + ' by ' + c.requestedBy], ['Closed', c.closedAt || 'still open'],
      ['Advisories', history.advisories.join(', ')],
      ['Ticket', c.ticket ? c.ticket.system + ' ' + c.ticket.key : 'none'],
      ['Window', c.windowStart || 'none'], ['Freeze override', c.freezeOverride || 'none']]
      .forEach(([term, value]) => {
        facts.appendChild(document.createElement('dt')).textContent = term;
        facts.appendChild(document.createElement('dd')).textContent = value === null ? '' : value;
      });
    ['json', 'csv', 'pdf'].forEach(format => {
      $('export-' + format).href = '/api/v1/audit/export?changeId=' + encodeURIComponent(c.id) + '&format=' + format;
    });
    renderSeparation(history.separationOfDuties);
    renderDecisions(history.decisions);
    renderRollout(history.rollout);
    renderAcceptances(history.riskAcceptances);
    await renderDiagrams(history.diagrams);
  }

  function renderSeparation(sod) {
    const list = $('sod');
    list.replaceChildren();
    sod.checks.forEach(check => {
      const item = list.appendChild(document.createElement('li'));
      item.className = check.passed ? 'passed' : 'failed';
      item.textContent = check.rule + ' - ' + check.evidence;
    });
    sod.refusedAttempts.forEach(attempt => {
      const item = list.appendChild(document.createElement('li'));
      item.className = 'passed';
      item.textContent = 'Refused by the engine: ' + attempt.summary + ' (' + attempt.actor + ', ' + attempt.at + ')';
    });
  }

  function renderDecisions(decisions) {
    const body = clear($('decisions'));
    decisions.forEach((d, i) => {
      const row = body.insertRow();
      row.dataset.kind = d.kind;
      cell(row, i + 1);
      cell(row, d.at.replace('T', ' ').replace('Z', ''));
      cell(row, d.kind);
      cell(row, d.actor);
      cell(row, (d.summary || '') + (d.reason ? ' - reason: ' + d.reason : ''));
      cell(row, json(d.inputs), 'json');
      cell(row, json(d.outcome), 'json');
    });
  }

  function renderRollout(hosts) {
    const body = clear($('rollout'));
    const counts = {};
    hosts.forEach(h => {
      counts[h.state] = (counts[h.state] || 0) + 1;
      const row = body.insertRow();
      [h.stage, h.ring, h.batch, h.host, h.state, h.message, h.finishedAt].forEach(v => cell(row, v));
    });
    $('rollout-chart').replaceChildren(hosts.length ? Charts.stacked(counts, HOST_COLOURS) : '');
  }

  function renderAcceptances(acceptances) {
    const body = clear($('acceptances'));
    acceptances.forEach(a => {
      const row = body.insertRow();
      [a.acceptedBy, a.acceptedAt, a.expiresOn, a.hosts.join(', '), a.justification].forEach(v => cell(row, v));
    });
  }

  async function renderDiagrams(diagrams) {
    viewers.splice(0).forEach(v => v.destroy());
    const container = $('diagrams');
    container.replaceChildren();
    for (const d of diagrams) {
      const title = container.appendChild(document.createElement('p'));
      title.className = 'diagram-title';
      title.textContent = d.definitionKey + (d.calledBy ? ' (called from ' + d.calledBy + ')' : '');
      const canvasHost = container.appendChild(document.createElement('div'));
      canvasHost.className = 'diagram';
      canvasHost.dataset.definition = d.definitionKey;
      if (!d.bpmnXml) continue;
      const viewer = new BpmnJS({container: canvasHost});
      viewers.push(viewer);
      await viewer.importXML(d.bpmnXml);
      highlight(viewer, d);
      viewer.get('canvas').zoom('fit-viewport');
    }
  }

  /** Steps passed through, and the sequence flows between two of them, are marked; current steps differently. */
  function highlight(viewer, diagram) {
    const canvas = viewer.get('canvas');
    const registry = viewer.get('elementRegistry');
    const visited = new Set(diagram.completed.concat(diagram.active));
    diagram.completed.forEach(id => { if (registry.get(id)) canvas.addMarker(id, 'path-taken'); });
    diagram.active.forEach(id => { if (registry.get(id)) canvas.addMarker(id, 'path-active'); });
    registry.filter(e => e.type === 'bpmn:SequenceFlow').forEach(flow => {
      if (flow.source && flow.target && diagram.completed.includes(flow.source.id) && visited.has(flow.target.id)) {
        canvas.addMarker(flow.id, 'path-taken');
      }
    });
  }

  // ---- reports ----------------------------------------------------------------------------------------------------
  async function loadReports() {
    const report = await api('/api/v1/reports/compliance');
    const rate = r => r === null || r === undefined ? 'n/a' : Math.round(r * 1000) / 10 + ' %';
    $('chart-sla').replaceChildren(Charts.bars(
      report.byPriority.map(p => ({label: p.priority, values: [p.sla.rate === null ? null : p.sla.rate * 100]})),
      [{name: 'patched within SLA (%)', colour: '#1a7f37'}], 100, v => Math.round(v) + ' %'));
    const longest = Math.max(1, ...report.byPriority.flatMap(p => [p.meanTimeToPatchDays || 0,
      p.averageUnpatchedDays || 0]));
    $('chart-mttp').replaceChildren(Charts.bars(
      report.byPriority.map(p => ({label: p.priority, values: [p.meanTimeToPatchDays, p.averageUnpatchedDays]})),
      [{name: 'mean time to patch', colour: '#0969da'}, {name: 'average unpatched age', colour: '#bf8700'}],
      longest, v => v + ' d'));
    $('report-summary').textContent = 'SLA compliance ' + rate(report.sla.rate) + ' (' + report.sla.compliant
      + ' of ' + report.sla.requiring + '); KEV due-date compliance ' + rate(report.kev.rate) + ' ('
      + report.kev.compliant + ' of ' + report.kev.requiring + ').';
    fill('overdue', report.overdueFindings.slice(0, 200),
      f => [f.host, f.packageName, f.advisory, f.priority, f.slaDue, f.kevDue, f.daysOverdue]);
    fill('open-acceptances', report.openRiskAcceptances,
      a => [a.changeId, a.acceptedBy, a.expiresOn, a.daysLeft, a.hosts.join(', ')]);
    fill('late-approvals', report.approvalsAfterImplementation,
      a => [a.changeId, a.kind, a.actor, a.approvedAt, a.implementedAt]);
    fill('missing-reviews', report.emergencyChangesWithoutReview, m => [m.changeId, m.title, m.state, m.implementedAt]);
  }

  function fill(tableId, items, columns) {
    const body = clear($(tableId));
    items.forEach(item => { const row = body.insertRow(); columns(item).forEach(v => cell(row, v)); });
    if (!items.length) cell(body.insertRow(), 'none', 'muted');
  }

  async function verifyChain() {
    $('verify-result').textContent = 'verifying...';
    const result = await api('/api/v1/audit/verify');
    $('verify-result').textContent = result.valid ? 'intact: ' + result.entries + ' entries'
      : 'NOT intact: ' + result.problem;
    $('verify-result').className = result.valid ? 'passed' : 'failed';
  }

  // ---- routing ------------------------------------------------------------------------------------------------------
  async function route() {
    const hash = location.hash || '#/';
    try {
      if (hash.startsWith('#/changes/')) {
        show('view-change');
        await loadChange(decodeURIComponent(hash.substring('#/changes/'.length)));
      } else if (hash === '#/reports') {
        show('view-reports');
        await loadReports();
      } else {
        show('view-changes');
        page = 0;
        await loadChanges(false);
      }
      document.body.dataset.loaded = hash;
    } catch (e) {
      showError(e);
    }
  }

  function init() {
    const stateSelect = document.querySelector('#filters select[name=state]');
    STATES.forEach(s => stateSelect.appendChild(new Option(s, s)));
    $('filters').addEventListener('submit', event => {
      event.preventDefault();
      page = 0;
      delete document.body.dataset.loaded;
      loadChanges(false).then(() => { document.body.dataset.loaded = 'filtered'; }).catch(showError);
    });
    $('more').addEventListener('click', () => { page++; loadChanges(true).catch(showError); });
    $('verify').addEventListener('click', () => verifyChain().catch(showError));
    $('period-export').addEventListener('submit', event => {
      event.preventDefault();
      const params = new URLSearchParams(new FormData($('period-export')));
      location.href = '/api/v1/audit/export?' + params;
    });
    api('/api/v1/reports/retention').then(r => {
      $('retention').textContent = 'Retention: evidence is kept ' + r.retentionDays + ' days (about '
        + r.retentionYears + ' years). Process history time-to-live ' + r.historyTimeToLiveDays
        + ' days, cleaned up ' + r.historyCleanupWindow + ' UTC; the audit log: ' + r.auditLog + '.';
    }).catch(showError);
    window.addEventListener('hashchange', route);
    route();
  }

  init();
})();
