// The console's page. It draws what the server describes and shows what the server answers:
// every rule, check, plan and run comes from the API (docs/console.md), none is written here.
'use strict';

const $ = (id) => document.getElementById(id);
// a new element with its properties set: element('div', { className: 'help', textContent: '...' })
const element = (tag, properties) => Object.assign(document.createElement(tag), properties);
const state = { form: null, doc: null, checkSeq: 0, checkTimer: null, run: null, source: null, lastLine: -1 };

// --- token: the printed URL carries it after '#', never sent to the server in the address
(function takeToken() {
  const m = location.hash.match(/token=([A-Za-z0-9_-]+)/);
  if (m) {
    sessionStorage.setItem('dbrefresh-token', m[1]);
    history.replaceState(null, '', location.pathname);
  }
  $('token').value = sessionStorage.getItem('dbrefresh-token') || '';
  $('token').addEventListener('change', () => sessionStorage.setItem('dbrefresh-token', $('token').value.trim()));
})();

function token() { return $('token').value.trim(); }

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (token()) headers['X-Dbrefresh-Token'] = token();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let json = null;
  try { json = await res.json(); } catch (e) { json = { error: 'the server answered ' + res.status }; }
  return { status: res.status, json };
}

// --- tabs
function showTab(name) {
  for (const b of document.querySelectorAll('.tab')) b.classList.toggle('active', b.dataset.tab === name);
  for (const p of document.querySelectorAll('.panel')) p.hidden = p.id !== name;
  if (name === 'fleet') loadFleet();
}
for (const b of document.querySelectorAll('.tab')) b.addEventListener('click', () => showTab(b.dataset.tab));

// --- compose: the form the server describes for one service and restore type
async function init() {
  const info = (await api('GET', '/api/info')).json;
  for (const s of info.services || []) $('service').add(new Option(s, s));
  for (const t of info.restoreTypes || []) $('restoretype').add(new Option(t, t));
  $('service').value = 'rds';
  $('restoretype').value = 'latestpoint';
  $('service').addEventListener('change', () => switchForm());
  $('restoretype').addEventListener('change', () => switchForm());
  await loadFolder();
  await loadForm();
  formChanged();
  showTab('compose');
}

async function switchForm() {
  await loadForm();
  formChanged();
}

async function loadForm() {
  const q = `service=${encodeURIComponent($('service').value)}&restoretype=${encodeURIComponent($('restoretype').value)}`;
  state.form = (await api('GET', '/api/form?' + q)).json;
  renderForm();
  fillForm(state.doc || {});
}

function fieldId(block, key) { return 'f-' + (block ? block + '-' : '') + key; }

function fieldRow(block, f) {
  const row = document.createElement('div');
  row.className = 'field';
  row.dataset.path = (block ? '/' + block : '') + '/' + f.name;
  const label = document.createElement('label');
  label.htmlFor = fieldId(block, f.name);
  label.textContent = f.name;
  if (f.required) label.append(element('span', { className: 'req', textContent: ' *' }));
  let input;
  if (f.kind === 'boolean' || f.kind === 'choice') {
    input = document.createElement('select');
    input.add(new Option('', ''));
    for (const c of (f.kind === 'boolean' ? ['true', 'false'] : f.choices)) input.add(new Option(c, c));
  } else {
    input = document.createElement('input');
    input.type = f.kind === 'password' ? 'password' : 'text';
    if (f.kind === 'number') input.inputMode = 'numeric';
  }
  input.id = fieldId(block, f.name);
  input.dataset.kind = f.kind;
  input.title = f.description;
  input.addEventListener('input', formChanged);
  input.addEventListener('change', formChanged);
  row.append(label, input, element('div', { className: 'help', textContent: f.description }), element('div', { className: 'error' }));
  return row;
}

function renderForm() {
  const form = $('form');
  form.textContent = '';
  $('form-help').textContent = state.form.description || '';
  const file = document.createElement('fieldset');
  file.dataset.path = '';
  file.innerHTML = '<legend>file</legend>';
  for (const f of state.form.fields) file.append(fieldRow(null, f));
  // the required block first: it names the service, the source and the target for every other one
  const blocks = [...state.form.blocks.filter(b => b.required), ...state.form.blocks.filter(b => !b.required)];
  for (const b of blocks) {
    const set = document.createElement('fieldset');
    set.id = 'block-' + b.name;
    set.dataset.path = '/' + b.name;
    const legend = document.createElement('legend');
    const include = document.createElement('input');
    include.type = 'checkbox';
    include.id = 'inc-' + b.name;
    include.checked = b.required;
    include.disabled = b.required;
    include.addEventListener('change', () => {
      set.classList.toggle('off', !include.checked);
      if (include.checked) {
        const torun = $(fieldId(b.name, 'torun'));
        if (torun && !torun.value) torun.value = 'true';
      }
      formChanged();
    });
    const name = document.createElement('label');
    name.htmlFor = include.id;
    name.textContent = ' ' + b.name;
    legend.append(include, name, element('span', { className: 'step', textContent: b.step }));
    set.append(legend, element('p', { className: 'block-help', textContent: b.description }), element('div', { className: 'error' }));
    for (const f of b.fields) {
      // the restore block's service and restore type are the selectors above
      if (b.name === 'restore' && (f.name === 'dbservice' || f.name === 'restoretype')) continue;
      set.append(fieldRow(b.name, f));
    }
    set.classList.toggle('off', !include.checked);
    form.append(set);
    // the file's own fields (comment, schedule) after the required block, before the optional ones
    if (b.required) form.append(file);
  }
  if (!file.parentNode) form.append(file);
}

function valueOf(input) {
  const v = input.value;
  if (v === '') return undefined;
  if (input.dataset.kind === 'boolean') return v === 'true';
  if (input.dataset.kind === 'number' && /^[0-9]+$/.test(v)) return Number(v);
  return v;
}

// the form's fields laid over the current document: keys the form does not show are kept as they are
function formToDoc() {
  const doc = state.doc && typeof state.doc === 'object' && !Array.isArray(state.doc) ? structuredClone(state.doc) : {};
  for (const f of state.form.fields) {
    const v = valueOf($(fieldId(null, f.name)));
    if (v === undefined) delete doc[f.name]; else doc[f.name] = v;
  }
  for (const b of state.form.blocks) {
    if (!$('inc-' + b.name).checked) { delete doc[b.name]; continue; }
    const block = doc[b.name] && typeof doc[b.name] === 'object' ? doc[b.name] : {};
    if (b.name === 'restore') {
      block.dbservice = $('service').value;
      block.restoretype = $('restoretype').value;
    }
    for (const f of b.fields) {
      const input = $(fieldId(b.name, f.name));
      if (!input) continue;
      const v = valueOf(input);
      if (v === undefined) delete block[f.name]; else block[f.name] = v;
    }
    doc[b.name] = block;
  }
  return doc;
}

function fillForm(doc) {
  for (const f of state.form.fields) {
    const v = doc[f.name];
    $(fieldId(null, f.name)).value = v === undefined || v === null || typeof v === 'object' ? '' : String(v);
  }
  for (const b of state.form.blocks) {
    const present = doc[b.name] && typeof doc[b.name] === 'object';
    const include = $('inc-' + b.name);
    include.checked = b.required || !!present;
    $('block-' + b.name).classList.toggle('off', !include.checked);
    for (const f of b.fields) {
      const input = $(fieldId(b.name, f.name));
      if (!input) continue;
      const v = present ? doc[b.name][f.name] : undefined;
      input.value = v === undefined || v === null || typeof v === 'object' ? '' : String(v);
      if (input.tagName === 'SELECT' && v !== undefined && input.value !== String(v)) {
        // a value the choices lack (a mistake in a pasted file) is shown as it is, and flagged by the check
        input.add(new Option(String(v), String(v)));
        input.value = String(v);
      }
    }
  }
  const torun = $(fieldId('restore', 'torun'));
  if (torun && !torun.value && !(doc.restore && 'torun' in doc.restore)) torun.value = 'true';
}

function formChanged() {
  state.doc = formToDoc();
  $('text').value = JSON.stringify(state.doc, null, 2) + '\n';
  scheduleCheck();
}

// a file typed, pasted or opened: the form follows it when it is JSON, the check always
async function textChanged() {
  let doc = null;
  try { doc = JSON.parse($('text').value); } catch (e) { doc = null; }
  if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
    state.doc = doc;
    const r = doc.restore || {};
    const service = typeof r.dbservice === 'string' ? r.dbservice.toLowerCase() : null;
    const type = typeof r.restoretype === 'string' ? r.restoretype.toLowerCase() : null;
    let reload = false;
    if (service && [...$('service').options].some(o => o.value === service) && $('service').value !== service) {
      $('service').value = service; reload = true;
    }
    if (type && [...$('restoretype').options].some(o => o.value === type) && $('restoretype').value !== type) {
      $('restoretype').value = type; reload = true;
    }
    if (reload) await loadForm(); else fillForm(doc);
  }
  scheduleCheck();
}
$('text').addEventListener('input', textChanged);

function scheduleCheck() {
  clearTimeout(state.checkTimer);
  state.checkTimer = setTimeout(check, 250);
}

async function check() {
  const seq = ++state.checkSeq;
  const { status, json } = await api('POST', '/api/check', { file: $('text').value });
  if (seq !== state.checkSeq) return;
  if (status !== 200) { showStatus('invalid', json.error || 'the check failed'); return; }
  showProblems(json);
  $('plan').textContent = json.plan || '(the plan appears when the file is valid)';
}

function showStatus(kind, text) {
  $('status').className = 'status ' + kind;
  $('status').textContent = text;
}

// each problem at its field (or its block), and all of them in the list
function showProblems(answer) {
  for (const el of document.querySelectorAll('#form .invalid')) el.classList.remove('invalid');
  for (const el of document.querySelectorAll('#form .error')) el.textContent = '';
  const list = $('problems');
  list.textContent = '';
  const place = (p, warning) => {
    const li = element('li', warning ? { className: 'warning' } : {});
    li.append(warning ? 'warning ' : '', element('span', { className: 'path', textContent: (p.path || '(top level)') + ': ' }), p.message);
    list.append(li);
    if (warning) return;
    const target = document.querySelector(`#form [data-path="${CSS.escape(p.path)}"]`)
      || document.querySelector(`#form [data-path="${CSS.escape(p.path.split('/').slice(0, 2).join('/'))}"]`);
    if (target) {
      target.classList.add('invalid');
      const slot = target.querySelector(':scope > .error');
      if (slot) slot.textContent = (slot.textContent ? slot.textContent + ' ' : '')
        + (target.classList.contains('field') ? '' : p.path + ': ') + p.message;
      li.addEventListener('click', () => { const i = target.querySelector('input, select'); if (i) i.focus(); });
    }
  };
  answer.errors.forEach(p => place(p, false));
  answer.warnings.forEach(p => place(p, true));
  showStatus(answer.valid ? 'valid' : 'invalid', answer.valid
    ? 'valid' + (answer.warnings.length ? `, ${answer.warnings.length} warning(s)` : '')
    : `invalid: ${answer.errors.length} error(s)`);
}

// --- open, download, save
async function loadFolder() {
  const { json } = await api('GET', '/api/files');
  const select = $('folder-files');
  for (const n of json.files || []) select.add(new Option(n, n));
  select.addEventListener('change', async () => {
    if (!select.value) return;
    const r = await api('GET', '/api/files/' + encodeURIComponent(select.value));
    if (r.status === 200) { openText(r.json.file, select.value); }
    select.value = '';
  });
}

function openText(text, name) {
  $('text').value = text;
  if (name) $('save-name').value = name;
  textChanged();
}

$('open-file').addEventListener('change', async (e) => {
  const f = e.target.files[0];
  if (f) openText(await f.text(), f.name);
  e.target.value = '';
});

$('download').addEventListener('click', () => {
  const blob = new Blob([$('text').value], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = $('save-name').value || 'refresh-file.json';
  a.click();
  URL.revokeObjectURL(a.href);
});

$('save').addEventListener('click', async () => {
  const { status, json } = await api('POST', '/api/save', { name: $('save-name').value, file: $('text').value });
  $('save-result').textContent = status === 200 ? 'saved as ' + json.saved : json.error
    + (json.problems ? ': ' + json.problems.map(p => p.path + ' ' + p.message).join('; ') : '');
});

// --- check: timeline and pre-flight
$('timeline').addEventListener('click', async () => {
  const size = Number($('size-gib').value);
  const { json } = await api('POST', '/api/timeline', { file: $('text').value, sizeGib: size });
  $('check-result').textContent = json.timeline || json.error || problemsText(json);
});

for (const [button, account] of [['preflight-aws', 'aws'], ['preflight-emulated', 'emulated']]) {
  $(button).addEventListener('click', async () => {
    $('check-result').textContent = 'pre-flight running…';
    const { json } = await api('POST', '/api/preflight', { file: $('text').value, account });
    $('check-result').textContent = json.error ? json.error
      : json.valid ? 'pre-flight: OK, the account has what the file names' : problemsText(json);
  });
}

function problemsText(answer) {
  return (answer.errors || []).map(p => (p.path || '(top level)') + ': ' + p.message).join('\n');
}

// --- run: locally or on AWS, followed line by line
for (const [button, mode] of [['run-local', 'local'], ['start-aws', 'aws']]) {
  $(button).addEventListener('click', async () => {
    $('run-refused').textContent = '';
    const { status, json } = await api('POST', '/api/runs', { file: $('text').value, mode });
    if (status !== 202) {
      $('run-refused').textContent = json.error || ('refused: ' + status);
      if (json.errors) showProblems(json);
      return;
    }
    follow(json);
  });
}

function follow(run) {
  if (state.source) state.source.close();
  state.run = run;
  state.lastLine = -1;
  $('steps').tBodies[0].textContent = '';
  $('run-log').textContent = '';
  banner(run);
  showTab('run');
  const es = new EventSource(`/api/runs/${run.id}/events?token=${encodeURIComponent(token())}`);
  state.source = es;
  es.addEventListener('line', (e) => line(JSON.parse(e.data)));
  es.addEventListener('end', (e) => { es.close(); banner(JSON.parse(e.data)); });
}

function banner(run) {
  const b = $('run-banner');
  b.className = 'status ' + run.status;
  b.textContent = `${run.mode === 'local' ? 'Local run' : 'AWS execution'} of ${run.target}: ${run.status}`
    + (run.seconds != null ? ` in ${run.seconds.toFixed(1)} s` : '')
    + (run.error ? ` (${run.error})` : '') + (run.execution ? ` — ${run.execution}` : '');
}

function line(l) {
  if (l.index <= state.lastLine) return;
  state.lastLine = l.index;
  $('run-log').textContent += l.text + '\n';
  if (!l.step) return;
  let row = document.querySelector(`#steps tr[data-step="${CSS.escape(l.step)}"]`);
  if (!row) {
    row = $('steps').tBodies[0].insertRow();
    row.dataset.step = l.step;
    row.insertCell().textContent = l.step;
    row.insertCell();
    row.insertCell();
  }
  const detail = l.text.replace(/^\s*[>+x\-.!]\s+/, '').slice(l.step.length).trim();
  const label = { started: 'running', done: 'done', failed: 'failed', skipped: 'skipped', check: 'running',
    retry: 'retrying', caught: 'failed' }[l.kind] || l.kind;
  row.className = l.kind === 'check' || l.kind === 'retry' ? 'started' : l.kind;
  row.cells[1].textContent = label;
  if (detail) row.cells[2].textContent = detail;
}

// --- fleet: application x environment, from the history
$('fleet-refresh').addEventListener('click', loadFleet);

function age(seconds) {
  if (seconds == null) return 'never refreshed';
  const d = Math.floor(seconds / 86400), h = Math.floor((seconds % 86400) / 3600), m = Math.floor((seconds % 3600) / 60);
  return d ? `${d}d ${h}h` : h ? `${h}h ${m}m` : `${m}m`;
}

function when(t) { return t ? t.replace('T', ' ').replace(/\.\d+/, '').replace('Z', ' UTC') : '-'; }

async function loadFleet() {
  const days = $('max-age').value.trim() || '7';
  const { status, json } = await api('GET', '/api/fleet?maxAgeDays=' + encodeURIComponent(days));
  const grid = $('fleet-grid');
  grid.textContent = '';
  if (status !== 200) { $('fleet-note').textContent = json.error; return; }
  $('fleet-note').textContent = `${json.cells.length} database(s) in history table ${json.table}`;
  const head = grid.createTHead().insertRow();
  head.append(element('th', { textContent: 'application \\ environment' }));
  for (const env of json.environments) head.append(element('th', { textContent: env }));
  const body = grid.createTBody();
  for (const app of json.applications) {
    const row = body.insertRow();
    row.append(element('th', { textContent: app }));
    for (const env of json.environments) {
      const td = row.insertCell();
      for (const c of json.cells.filter(x => x.application === app && x.environment === env)) {
        const kind = c.status === 'RUNNING' ? 'running' : c.status === 'FAILED' ? 'failed' : c.stale ? 'stale' : 'fresh';
        const cell = element('div', { className: 'cell ' + kind });
        cell.dataset.database = c.database;
        cell.title = c.verdict + (c.error ? ` (${c.failedStep || ''}: ${c.error})` : '') + (c.file ? `; file ${c.file}` : '');
        const db = element('div', { className: 'db', textContent: c.database });
        const meta = element('div', { className: 'meta' });
        meta.innerText = `${c.status === 'NEVER' ? 'never refreshed' : c.status}${c.stale && c.status === 'SUCCEEDED' ? ' (stale)' : ''}\n`
          + `last refresh ${when(c.lastRefresh)}\naligned to ${when(c.alignedTo)}\nage ${age(c.ageSeconds)}`;
        cell.append(db, meta);
        cell.addEventListener('click', () => loadHistory(c.database));
        td.append(cell);
      }
    }
  }
}

async function loadHistory(database) {
  const { status, json } = await api('GET', '/api/history?database=' + encodeURIComponent(database));
  $('history-title').textContent = 'History of ' + database;
  const table = $('history');
  table.textContent = '';
  if (status !== 200) { $('history-title').textContent += ': ' + json.error; return; }
  const head = table.createTHead().insertRow();
  for (const h of ['started', 'status', 'source', 'restore type', 'aligned to', 'duration', 'detail']) {
    head.append(element('th', { textContent: h }));
  }
  const body = table.createTBody();
  for (const r of json) {
    const row = body.insertRow();
    const d = r.durationSeconds == null ? '' : `${Math.floor(r.durationSeconds / 60)}m${String(r.durationSeconds % 60).padStart(2, '0')}s`;
    for (const v of [when(r.started), r.status, r.source + (r.snapshot ? ` (snapshot ${r.snapshot})` : ''), r.restoreType,
      when(r.alignedTo), d, r.status === 'FAILED' ? `${r.failedStep || ''}: ${r.error || ''}` : (r.execution || '')]) {
      row.insertCell().textContent = v == null ? '' : v;
    }
  }
}

init();
