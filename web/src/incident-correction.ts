import { api, query } from './api.js';
import { PRECISION_LIST, SUB_EVENT_TYPES, VIOLENCE_TYPES } from './codebook.js';
import { EVENT_TYPES } from './colors.js';
import { clear, h } from './dom.js';
import { type FieldErrors, field, group, hint, input, numberInput, reviewForm, select, uid } from './form-kit.js';
import { count } from './review-forms.js';
import type { ReviewedIncident } from './types.js';

interface ActorOption {
  id: string;
  name: string;
  aliases: string[];
}

interface PlaceOption {
  id: string;
  name: string;
  kind: string;
  admin1: string | null;
  admin2: string | null;
  where_prec: number;
}

let actors: Promise<ActorOption[]> | null = null;
const loadActors = () => {
  actors ??= api<ActorOption[]>('actors?limit=100').catch(() => {
    actors = null;
    return [];
  });
  return actors;
};

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** A typed side: a registry actor when the name is one of its names or aliases, else the name as written. */
function sideRef(name: string, list: ActorOption[]): { name: string; actor_id: string | null } | null {
  const typed = name.trim();
  if (!typed) return null;
  const key = fold(typed);
  const actor = list.find((a) => [a.id, a.name, ...a.aliases].some((n) => fold(n) === key));
  return actor ? { name: actor.name, actor_id: actor.id } : { name: typed, actor_id: null };
}

function placeText(p: PlaceOption): string {
  const within = [p.admin2, p.admin1].filter((x) => x && x !== p.name).join(', ');
  return `${p.name} (${p.kind}${within ? `, ${within}` : ''}; where_prec ${p.where_prec})`;
}

/** Search the gazetteer and choose one place: radio buttons, so a keyboard moves through them with the arrows. */
function placePicker(
  incident: ReviewedIncident,
  errors: FieldErrors,
): { el: HTMLElement; value(): string | null | undefined } {
  const name = uid('place-choice');
  const current = incident.place;
  const keep = h('input', { type: 'radio', name, value: 'keep', checked: true });
  const unknown = h('input', { type: 'radio', name, value: 'unknown' });
  const search = input('place-search', '', {
    type: 'search',
    autocomplete: 'off',
    placeholder: 'a province, district or town',
  });
  const results = h('div', { class: 'place-results', role: 'group', 'aria-label': 'Places found' });
  const status = h('p', { class: 'hint', role: 'status' });
  let seq = 0;
  const run = async () => {
    const q = search.value.trim();
    const mine = ++seq;
    if (q.length < 2) {
      results.replaceChildren();
      status.textContent = '';
      return;
    }
    let found: PlaceOption[] = [];
    try {
      found = await api<PlaceOption[]>(`places${query({ q, limit: 8 })}`);
    } catch (err) {
      status.textContent = err instanceof Error ? err.message : String(err);
      return;
    }
    if (mine !== seq) return;
    status.textContent = found.length
      ? `${found.length} ${found.length === 1 ? 'place' : 'places'} found: choose one below.`
      : 'No place of that name in the gazetteer.';
    clear(
      results,
      found.map((p) =>
        h('label', { class: 'check' }, h('input', { type: 'radio', name, value: `id:${p.id}` }), ` ${placeText(p)}`),
      ),
    );
  };
  let timer = 0;
  search.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void run(), 250);
  });
  search.addEventListener('keydown', (e) => {
    // Enter searches now rather than saving the whole form.
    if (e.key !== 'Enter') return;
    e.preventDefault();
    window.clearTimeout(timer);
    void run();
  });
  const el = group(
    'Place',
    [
      h(
        'label',
        { class: 'check' },
        keep,
        ` Keep: ${current ? `${current.name}${current.admin1 && current.admin1 !== current.name ? `, ${current.admin1}` : ''}` : 'place unknown'}`,
      ),
      h('label', { class: 'check' }, unknown, ' Place unknown'),
      field('Find another place in the gazetteer', search),
      status,
      results,
    ],
    { paths: ['body.place_id'], errors, controls: [search] },
  );
  return {
    el,
    value() {
      const chosen = el.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? 'keep';
      if (chosen === 'keep') return undefined;
      if (chosen === 'unknown') return current ? null : undefined;
      const id = chosen.slice(3);
      return id === current?.gazetteer_id ? undefined : id;
    },
  };
}

/**
 * Every value of an incident an analyst may correct: date, gazetteer place, event type and
 * sub-event type, type of violence, sides and deaths, with a note. Only what changed is sent, so the
 * deaths keep following the claims unless they are typed here.
 */
export function incidentCorrectionForm(
  incident: ReviewedIncident,
  save: (body: Record<string, unknown>, noteOnly: boolean) => Promise<void>,
  onCancel: () => void,
): HTMLFormElement {
  const d = incident.date;
  const start = input('date-start', d.start, { type: 'date', required: 'true' });
  const end = input('date-end', d.end, { type: 'date', required: 'true' });
  const precision = select('date-precision', d.precision, PRECISION_LIST);
  const eventType = select('event-type', incident.event_type, EVENT_TYPES);
  const subType = select('sub-event-type', incident.sub_event_type, SUB_EVENT_TYPES[incident.event_type]);
  eventType.addEventListener('change', () => {
    const options = SUB_EVENT_TYPES[eventType.value as keyof typeof SUB_EVENT_TYPES] ?? [];
    const keep = options.includes(subType.value as never) ? subType.value : options[0];
    clear(
      subType,
      options.map((o) => h('option', { value: o, selected: o === keep }, o)),
    );
  });
  const violence = select(
    'violence-type',
    incident.violence_type === null ? '' : String(incident.violence_type),
    VIOLENCE_TYPES,
  );
  const listId = uid('actors');
  const actorList = h('datalist', { id: listId });
  void loadActors().then((list) =>
    clear(
      actorList,
      list.map((a) => h('option', { value: a.name })),
    ),
  );
  const sideA = input('side-a', incident.side_a, { list: listId, autocomplete: 'off', maxlength: '200' });
  const sideB = input('side-b', incident.side_b, { list: listId, autocomplete: 'off', maxlength: '200' });
  const low = numberInput('deaths-low', incident.deaths.low);
  const best = numberInput('deaths-best', incident.deaths.best);
  const high = numberInput('deaths-high', incident.deaths.high);
  const note = h('textarea', { name: 'note', rows: 2, maxlength: 10_000 }, incident.review?.note ?? '');
  const sensitive = h('input', {
    type: 'checkbox',
    name: 'note_sensitive',
    checked: incident.review?.note_sensitive ?? false,
  });
  const reason = input('reason', '', { required: 'true', maxlength: '2000' });
  let place: ReturnType<typeof placePicker> | null = null;

  const values = async (): Promise<Record<string, unknown>> => {
    const out: Record<string, unknown> = {};
    if (start.value !== d.start || end.value !== d.end || precision.value !== d.precision) {
      out.date = { start: start.value, end: end.value, precision: precision.value };
    }
    const placeId = place?.value();
    if (placeId !== undefined) out.place_id = placeId;
    if (eventType.value !== incident.event_type) out.event_type = eventType.value;
    if (subType.value !== incident.sub_event_type || out.event_type) out.sub_event_type = subType.value;
    const violenceNow = violence.value === '' ? null : Number(violence.value);
    if (violenceNow !== incident.violence_type) out.violence_type = violenceNow;
    const list = await loadActors();
    for (const [key, control, was] of [
      ['side_a', sideA, incident.side_a],
      ['side_b', sideB, incident.side_b],
    ] as const) {
      if (control.value.trim() !== (was ?? '')) out[key] = sideRef(control.value, list);
    }
    const deaths = { low: count(low.value), best: count(best.value), high: count(high.value) };
    const dw = incident.deaths;
    if (deaths.low !== dw.low || deaths.best !== dw.best || deaths.high !== dw.high) out.deaths = deaths;
    return out;
  };

  return reviewForm({
    title: `Correct incident ${incident.id}`,
    intro: 'Change what is wrong; what you leave stays as it is, and the extraction is kept beside the correction.',
    submitLabel: 'Save correction',
    className: 'wide-form',
    onCancel,
    body: (errors) => {
      place = placePicker(incident, errors);
      const at = (text: string, control: HTMLInputElement | HTMLSelectElement, path: string, hint?: string) =>
        field(text, control, { paths: [path], errors, hint });
      return [
        group(
          'Date',
          [
            at('From', start, 'body.date.start'),
            at('To', end, 'body.date.end'),
            at('Precision', precision, 'body.date.precision'),
          ],
          { paths: ['body.date'], errors, controls: [start, end, precision] },
        ),
        place.el,
        group('Event', [
          at('Event type', eventType, 'body.event_type'),
          at('Sub-event type', subType, 'body.sub_event_type'),
          at('Type of violence (UCDP)', violence, 'body.violence_type'),
        ]),
        group('Sides', [
          at('Side A', sideA, 'body.side_a'),
          at('Side B', sideB, 'body.side_b'),
          hint(
            'A name or alias from the actor registry links the actor; another name is kept as written; empty for unknown.',
            [sideA, sideB],
          ),
          actorList,
        ]),
        group(
          'Deaths',
          [
            at('Low', low, 'body.deaths.low'),
            at('Best', best, 'body.deaths.best'),
            at('High', high, 'body.deaths.high'),
          ],
          { paths: ['body.deaths'], errors, controls: [low, best, high] },
        ),
        group(
          'Note for the team',
          [
            field('Note', note, { paths: ['body.note'], errors, className: 'wide' }),
            h('label', { class: 'check' }, sensitive, ' Sensitive: only analysts and admins see it'),
          ],
          { className: 'note-group' },
        ),
        at('Reason for the change', reason, 'body.reason'),
      ];
    },
    submit: async () => {
      const body = await values();
      const noteNow = note.value.trim() === '' ? null : note.value.trim();
      const noteChanged =
        noteNow !== (incident.review?.note ?? null) || sensitive.checked !== (incident.review?.note_sensitive ?? false);
      const noteOnly = noteChanged && Object.keys(body).length === 0;
      if (noteChanged) Object.assign(body, { note: noteNow, note_sensitive: sensitive.checked });
      await save({ ...body, reason: reason.value }, noteOnly);
    },
  });
}
