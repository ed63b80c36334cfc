// Revive console: plain DOM, no library. Data from the console's JSON API; changes over server-sent events.
'use strict';
(function () {
  const state = { clusters: new Map(), incidents: new Map(), reports: [], dlq: [] };
  const TOKEN_KEY = 'revive.console.token';
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined) continue;
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  const time = (iso) => iso ? new Date(iso).toLocaleTimeString() : '';
  const ms = (value) => value === null || value === undefined ? '' : value < 1000 ? value + ' ms'
      : (value / 1000).toFixed(1) + ' s';

  // ---- clusters, member health, MTTR chart
  function mttrChart(cluster) {
    const points = cluster.mttr || [];
    const label = points.length === 0 ? 'No verified recovery of ' + cluster.id + ' yet'
        : 'MTTR of the last ' + points.length + ' recoveries of ' + cluster.id + ', newest ' +
          ms(points[points.length - 1].mttrMillis);
    if (points.length === 0) return el('p', { class: 'muted' }, label);
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    const width = 300, height = 100, pad = 18;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('class', 'chart');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
    const max = Math.max(...points.map((p) => p.mttrMillis), 1);
    const x = (i) => pad + (points.length === 1 ? 0 : i * (width - 2 * pad) / (points.length - 1));
    const y = (v) => height - pad - v * (height - 2 * pad) / max;
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('points', points.map((p, i) => `${x(i)},${y(p.mttrMillis)}`).join(' '));
    svg.append(line);
    points.forEach((p, i) => {
      const dot = document.createElementNS(ns, 'circle');
      dot.setAttribute('cx', x(i)); dot.setAttribute('cy', y(p.mttrMillis)); dot.setAttribute('r', 3);
      const title = document.createElementNS(ns, 'title');
      title.textContent = `${p.incidentId}: ${ms(p.mttrMillis)} (${p.verdict})`;
      dot.append(title);
      svg.append(dot);
    });
    const top = document.createElementNS(ns, 'text');
    top.setAttribute('x', 2); top.setAttribute('y', 10); top.textContent = 'max ' + ms(max);
    svg.append(top);
    return svg;
  }

  function renderClusters() {
    const list = $('cluster-list');
    const cards = [...state.clusters.values()].map((cluster) => el('article',
        { class: 'card cluster', 'data-cluster': cluster.id, 'aria-labelledby': 'cluster-' + cluster.id },
        el('h3', { id: 'cluster-' + cluster.id }, cluster.id, ' ', el('span', { class: 'muted' }, cluster.kind)),
        el('div', { class: 'table-wrap' }, el('table', {},
            el('caption', { class: 'muted' }, 'Members, as last reported'),
            el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'node'), el('th', { scope: 'col' }, 'health'),
                el('th', { scope: 'col' }, 'last report'))),
            el('tbody', {}, cluster.members.map((m) => el('tr', { class: 'member', 'data-node': m.nodeId },
                el('td', {}, m.nodeId), el('td', { class: m.health }, m.health === 'NO_FAULT' ? 'no fault' : m.health),
                el('td', { class: 'detail' },
                    m.lastKind ? `${m.lastKind} at ${time(m.reportedAt)} (${m.source})` : '—')))))),
        el('h4', {}, 'MTTR history'), mttrChart(cluster)));
    list.replaceChildren(cards.length ? el('div', { class: 'grid' }, cards)
        : el('p', { class: 'muted' }, 'No cluster registered yet.'));
  }

  // ---- incidents with their live timeline
  function stepKey(step) { return `${step.planId}/${step.stepId}/${step.attempt}`; }

  function stepCells(step) {
    return [el('td', {}, time(step.startedAt || step.at)), el('td', {}, step.action),
      el('td', {}, step.nodeId || '—'), el('td', {}, String(step.attempt)),
      el('td', { class: step.status }, step.status), el('td', {}, ms(step.durationMillis)),
      el('td', { class: 'detail' }, step.detail || '')];
  }

  function decisionForm(incident) {
    if (incident.state !== 'AWAITING_APPROVAL') return null;
    const reasonId = 'reason-' + incident.planId;
    return el('div', { class: 'decision' },
        el('p', {}, 'Waiting for approval: ', incident.modeReason || ''),
        el('label', { for: reasonId }, 'Reason '),
        el('input', { id: reasonId, type: 'text', value: 'decided in the console' }),
        el('div', { class: 'actions' },
            el('button', { type: 'button', class: 'approve', 'data-plan': incident.planId,
              onclick: () => decide(incident.planId, 'approve', reasonId) }, 'Approve ' + incident.planId),
            el('button', { type: 'button', class: 'reject', 'data-plan': incident.planId,
              onclick: () => decide(incident.planId, 'reject', reasonId) }, 'Reject')));
  }

  function incidentCard(incident) {
    const body = el('tbody', {});
    return el('article', { class: 'card incident', 'data-incident': incident.incidentId,
      'aria-labelledby': 'inc-' + incident.incidentId },
      el('h3', { id: 'inc-' + incident.incidentId }, incident.incidentId),
      el('p', { class: 'summary' }),
      el('div', { class: 'decision-slot' }),
      el('div', { class: 'table-wrap' }, el('table', {},
          el('caption', { class: 'muted' }, 'Timeline'),
          el('thead', {}, el('tr', {}, ['started', 'action', 'node', 'attempt', 'status', 'duration', 'detail']
              .map((h) => el('th', { scope: 'col' }, h)))),
          body)));
  }

  function updateIncident(incident) {
    state.incidents.set(incident.incidentId, incident);
    const list = $('incident-list');
    let card = list.querySelector(`article[data-incident="${CSS.escape(incident.incidentId)}"]`);
    if (!card) {
      card = incidentCard(incident);
      list.querySelector('p.empty')?.remove();
      list.prepend(card);
    }
    card.classList.toggle('open', incident.open);
    card.querySelector('.summary').replaceChildren(el('span', {},
        el('span', { class: 'state ' + incident.state }, incident.state), ' · ', incident.clusterId,
        ' · plan ', incident.planId || '—', ` (${incident.mode || '—'})`,
        incident.verdict ? el('span', {}, ' · verdict ', el('span', { class: 'verdict ' + incident.verdict },
            incident.verdict), ' · MTTR ', ms(incident.mttrMillis)) : null,
        incident.planned.length ? el('span', { class: 'muted' }, ' · planned: ' + incident.planned.join(', '))
            : null));
    const slot = card.querySelector('.decision-slot');
    if (!slot.querySelector(`button[data-plan="${CSS.escape(incident.planId || '')}"]`) || !decisionForm(incident)) {
      slot.replaceChildren(decisionForm(incident) || '');
    }
    const body = card.querySelector('tbody');
    for (const step of incident.steps) {
      const key = stepKey(step);
      let row = body.querySelector(`tr[data-step="${CSS.escape(key)}"]`);
      if (!row) {
        row = el('tr', { class: 'step', 'data-step': key });
        body.append(row);
      }
      row.dataset.status = step.status;
      row.replaceChildren(...stepCells(step));
    }
  }

  async function decide(planId, verdict, reasonId) {
    const status = $('decision-status');
    const token = $('token').value.trim();
    if (!token) {
      status.textContent = 'Type the operator token first.';
      $('token').focus();
      return;
    }
    status.textContent = `Sending ${verdict} of ${planId}…`;
    try {
      const answer = await fetch(`api/plans/${encodeURIComponent(planId)}/${verdict}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
        body: JSON.stringify({ by: $('operator').value || 'console-operator', reason: $(reasonId).value || verdict })
      });
      const body = await answer.json().catch(() => ({}));
      status.textContent = answer.ok ? `${verdict} of ${planId} accepted (decision ${body.decisionId || ''})`
          : `${verdict} of ${planId} refused: ${answer.status} ${body.title || ''} ${body.detail || ''}`;
    } catch (e) {
      status.textContent = `${verdict} of ${planId} failed: ${e}`;
    }
  }

  // ---- reports and dead letters
  function reportCard(report) {
    return el('article', { class: 'card report', 'data-incident': report.incidentId, 'data-report': report.reportId },
        el('h3', {}, el('span', { class: 'verdict ' + report.verdict }, report.verdict), ' ', report.clusterId,
            ' · ', report.incidentId),
        el('p', { class: 'muted' }, `plan ${report.planId} · MTTR ${ms(report.mttrMillis)} · verified `,
            time(report.verifiedAt)),
        el('div', { class: 'table-wrap' }, el('table', {},
            el('thead', {}, el('tr', {}, ['check', 'status', 'observed', 'expected', 'evidence']
                .map((h) => el('th', { scope: 'col' }, h)))),
            el('tbody', {}, (report.checks || []).map((check) => el('tr', { class: 'check' },
                el('td', {}, check.name), el('td', { class: check.status }, check.status),
                el('td', { class: 'detail' }, check.observed || ''),
                el('td', { class: 'detail' }, check.expected || ''),
                el('td', {}, el('details', {}, el('summary', {}, Object.keys(check.evidence || {}).length + ' facts'),
                    el('ul', {}, Object.entries(check.evidence || {}).map(([k, v]) => el('li', {}, `${k}: ${v}`)))))
            ))))));
  }

  function renderReports() {
    $('report-list').replaceChildren(...(state.reports.length ? state.reports.map(reportCard)
        : [el('p', { class: 'muted' }, 'No report yet.')]));
  }

  function renderDlq() {
    $('dlq-list').replaceChildren(state.dlq.length ? el('div', { class: 'table-wrap' }, el('table', {},
        el('thead', {}, el('tr', {}, ['rejected at', 'reason', 'field', 'service', 'from', 'detail']
            .map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, state.dlq.map((d) => el('tr', { class: 'dead-letter' },
            el('td', {}, d.rejectedAt || ''), el('td', { class: 'reason' }, d.reason || ''),
            el('td', {}, d.field || ''), el('td', {}, d.service || ''), el('td', {}, d.sourceTopic || ''),
            el('td', { class: 'detail' }, d.detail || ''))))))
        : el('p', { class: 'muted' }, 'No dead letter.'));
  }

  // ---- loading and live updates
  async function getJson(path) {
    const answer = await fetch(path, { headers: { Accept: 'application/json' } });
    if (!answer.ok) throw new Error(path + ': ' + answer.status);
    return answer.json();
  }

  async function loadAll() {
    const [clusters, incidents, reports, dlq] = await Promise.all(
        ['api/clusters', 'api/incidents', 'api/reports', 'api/dlq'].map(getJson));
    state.clusters = new Map(clusters.map((c) => [c.id, c]));
    renderClusters();
    if (incidents.length === 0 && !$('incident-list').children.length) {
      $('incident-list').append(el('p', { class: 'muted empty' }, 'No incident yet.'));
    }
    incidents.slice().reverse().forEach(updateIncident);
    state.reports = reports;
    renderReports();
    state.dlq = dlq;
    renderDlq();
  }

  function connect() {
    const events = new EventSource('api/events');
    events.onopen = () => { $('connection').textContent = 'live'; };
    events.onerror = () => { $('connection').textContent = 'reconnecting…'; };
    events.onmessage = (message) => {
      const event = JSON.parse(message.data);
      switch (event.type) {
        case 'hello': loadAll().catch((e) => { $('connection').textContent = 'cannot load: ' + e; }); break;
        case 'cluster': state.clusters.set(event.data.id, event.data); renderClusters(); break;
        case 'cluster-removed': state.clusters.delete(event.data); renderClusters(); break;
        case 'incident': updateIncident(event.data); break;
        case 'report':
          state.reports = [event.data, ...state.reports.filter((r) => r.reportId !== event.data.reportId)];
          renderReports();
          break;
        case 'dlq': state.dlq = [event.data, ...state.dlq]; renderDlq(); break;
        default: break;
      }
    };
  }

  document.addEventListener('DOMContentLoaded', () => {
    const token = $('token');
    token.value = sessionStorage.getItem(TOKEN_KEY) || '';
    token.addEventListener('input', () => sessionStorage.setItem(TOKEN_KEY, token.value));
    $('token-form').addEventListener('submit', (e) => e.preventDefault());
    connect();
  });
})();
