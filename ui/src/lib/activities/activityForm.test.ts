import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { ActivityData, ActivitySummary } from '../../bindings';
import { useBackend, type Backend } from '../backend/backend';
import { locale } from '../locale.svelte';
import ActivityForm from './ActivityForm.svelte';
import { ActivityEditor, emptyDraft, readCount, readDraft, UNREADABLE_COUNT, type ActivityDraft } from './activityForm.svelte';

// The tests run in Node without a DOM: the editor is driven as the form drives it (its inputs
// are bound to `editor.draft`), and the form is rendered to HTML (svelte/server) to see where
// the messages land.

const TODAY = '2026-11-27';

type Call = { command: string; args: Record<string, unknown> };

/** A backend that answers `activity_save` with `answer` and records every call. */
function fakeBackend(answer: (args: Record<string, unknown>) => unknown): Call[] {
  const calls: Call[] = [];
  const backend: Backend = {
    async invoke<T>(command: string, args: Record<string, unknown>): Promise<T> {
      calls.push({ command, args });
      if (command !== 'activity_save') throw { code: 'internal', message: `no answer for ${command}`, problems: [], fields: [] };
      return answer(args) as T;
    },
    listen: async () => () => {},
    pickFolder: async () => null,
  };
  useBackend(backend);
  return calls;
}

/** The backend's answer to a save: the activity as stored, queued for the central service. */
function storedAs(id: string, revision = 1) {
  return (args: Record<string, unknown>): ActivitySummary => ({
    id,
    revision,
    data: args.data as ActivityData,
    updated_at: '2026-11-27T10:00:00Z',
    sync: 'i_koe',
    sync_code: null,
  });
}

/** What a user types into a blank form. */
function typed(editor: ActivityEditor, values: Partial<ActivityDraft>): void {
  Object.assign(editor.draft, values);
}

function formHtml(editor: ActivityEditor): string {
  return render(ActivityForm, { props: { editor, onSaved: () => {} } }).body;
}

/** The error message for `field` and the first form control after it, as rendered. */
function errorBeside(html: string, field: string): { message: string; control: string; id: string } {
  const m = new RegExp(
    `<div class="form-error" id="([^"]+)" role="alert" data-testid="activity-error" data-field="${field}">(.*?)</div>`,
    's',
  ).exec(html);
  expect(m, `no activity-error for ${field}`).not.toBeNull();
  const after = html.slice(m!.index + m![0].length);
  const control = /<(input|select|textarea)\b[^>]*>/.exec(after);
  expect(control, `no control after the ${field} error`).not.toBeNull();
  const message = m![2].replace(/<[^>]+>/g, '').trim();
  return { message, control: control![0], id: m![1] };
}

const workshop: ActivitySummary = {
  id: 'a-17',
  revision: 2,
  data: {
    activity_type: 'workshop',
    held_on: '2026-03-04',
    place_type: 'skole',
    title: 'Workshop 8.b',
    pupils: 24,
    participants: 2,
    organisations: 1,
  },
  updated_at: '2026-03-04T14:00:00Z',
  sync: 'sendt',
  sync_code: null,
};

beforeEach(() => {
  locale.current = 'da';
});

afterEach(() => {
  locale.current = 'da';
});

describe('readDraft', () => {
  it('builds ActivityData with numbers as numbers and the date as YYYY-MM-DD', () => {
    const read = readDraft({
      activity_type: 'opkvalificering',
      held_on: '2026-05-06',
      place_type: 'klub',
      title: '  Temadag for klubbens personale ',
      pupils: '0',
      participants: ' 14 ',
      organisations: '',
    });
    expect(read.problems).toEqual([]);
    expect(read.data).toEqual({
      activity_type: 'opkvalificering',
      held_on: '2026-05-06',
      place_type: 'klub',
      title: 'Temadag for klubbens personale',
      pupils: 0,
      participants: 14,
      organisations: 0,
    });
    expect(typeof read.data!.participants).toBe('number');
  });

  it('names each field that cannot be sent, in Danish, and sends nothing', () => {
    // The selects always hold a choice; a draft without one is still refused, not sent.
    const read = readDraft({
      ...emptyDraft(TODAY),
      activity_type: null,
      place_type: null,
      held_on: '',
      pupils: '2,5',
      organisations: '-1',
    });
    expect(read.data).toBeNull();
    expect(read.problems.map((p) => [p.field, p.message])).toEqual([
      ['activity_type', 'Vælg, hvilken slags aktivitet det var.'],
      ['held_on', 'Skriv datoen for aktiviteten.'],
      ['place_type', 'Vælg, hvor aktiviteten blev holdt.'],
      ['pupils', 'Skriv antallet som et helt tal, fx 0 eller 24.'],
      ['organisations', 'Skriv antallet som et helt tal, fx 0 eller 24.'],
    ]);
  });

  it('reads a count only as a whole number; an empty field is 0', () => {
    expect(readCount('')).toBe(0);
    expect(readCount(' 7 ')).toBe(7);
    expect(readCount('10000')).toBe(10000);
    for (const bad of ['-1', '1.5', '2,5', '1e2', 'tolv', '1234567890', UNREADABLE_COUNT])
      expect(readCount(bad), bad).toBeNull();
  });

  it('starts a blank form on today with every count at 0 and the first type and place chosen', () => {
    const editor = new ActivityEditor(() => TODAY);
    expect(editor.draft).toEqual({
      activity_type: 'workshop',
      held_on: TODAY,
      place_type: 'skole',
      title: '',
      pupils: '0',
      participants: '0',
      organisations: '0',
    });
    expect(editor.id).toBeNull();
  });
});

describe('saving an activity', () => {
  it('sends a new activity without an id, then empties the form', async () => {
    const calls = fakeBackend(storedAs('a-1'));
    const editor = new ActivityEditor(() => TODAY);
    typed(editor, {
      activity_type: 'workshop',
      held_on: '2026-11-20',
      place_type: 'skole',
      title: 'Workshop 8.b',
      pupils: '24',
      participants: '2',
      organisations: '1',
    });

    const saved = await editor.save();

    expect(calls).toEqual([
      {
        command: 'activity_save',
        args: {
          id: null,
          data: {
            activity_type: 'workshop',
            held_on: '2026-11-20',
            place_type: 'skole',
            title: 'Workshop 8.b',
            pupils: 24,
            participants: 2,
            organisations: 1,
          },
        },
      },
    ]);
    expect(saved?.id).toBe('a-1');
    expect(editor.draft).toEqual(emptyDraft(TODAY));
    expect(editor.errors).toEqual([]);
    expect(editor.busy).toBe(false);
  });

  it('passes the id of the activity being edited, and the form shows what it holds', async () => {
    const calls = fakeBackend(storedAs('a-17', 3));
    const editor = new ActivityEditor(() => TODAY);
    editor.edit(workshop);
    expect(editor.draft).toEqual({
      activity_type: 'workshop',
      held_on: '2026-03-04',
      place_type: 'skole',
      title: 'Workshop 8.b',
      pupils: '24',
      participants: '2',
      organisations: '1',
    });

    const html = formHtml(editor);
    expect(html).toContain('Ret aktiviteten');
    expect(html).toMatch(/<option value="workshop" selected[^>]*>Workshop for elever<\/option>/);
    expect(html).toMatch(/<option value="skole" selected[^>]*>Skole<\/option>/);
    expect(html).toMatch(/<input[^>]*data-testid="activity-pupils"[^>]*value="24"/);
    expect(html).toContain('data-testid="activity-cancel-edit"');

    typed(editor, { pupils: '26' });
    await editor.save();

    expect(calls).toHaveLength(1);
    expect(calls[0]!.args.id).toBe('a-17');
    expect(calls[0]!.args.data).toEqual({ ...workshop.data, pupils: 26 });
    // Saved: the next save records a new activity again.
    expect(editor.id).toBeNull();
  });

  it('sends nothing while a count cannot be read, and shows why beside it', async () => {
    const calls = fakeBackend(storedAs('never'));
    const editor = new ActivityEditor(() => TODAY);
    typed(editor, { title: 'Workshop 8.b', pupils: '12', participants: 'x', organisations: UNREADABLE_COUNT });

    expect(await editor.save()).toBeNull();
    expect(calls).toEqual([]);
    expect(editor.draft.participants).toBe('x');

    const html = formHtml(editor);
    const participants = errorBeside(html, 'participants');
    expect(participants.message).toBe('Fejl: Skriv antallet som et helt tal, fx 0 eller 24.');
    expect(participants.control).toContain('data-testid="activity-participants"');
    const organisations = errorBeside(html, 'organisations');
    expect(organisations.control).toContain('data-testid="activity-organisations"');
    for (const field of ['activity_type', 'held_on', 'place_type', 'title', 'pupils'])
      expect(html).not.toContain(`data-field="${field}"`);
  });

  it('shows a missing type beside the type select', () => {
    const editor = new ActivityEditor(() => TODAY);
    editor.errors = readDraft({ ...editor.draft, activity_type: null }).problems;
    const type = errorBeside(formHtml(editor), 'activity_type');
    expect(type.message).toBe('Fejl: Vælg, hvilken slags aktivitet det var.');
    expect(type.control).toContain('data-testid="activity-type"');
  });

  it('after a save, a title alone can be tried again: the form still holds a whole activity', async () => {
    const names = 'Titlen ligner en liste over personer. Skriv kun, hvad aktiviteten var, fx »Workshop 8.b«, og angiv antallet i tallene.';
    let saves = 0;
    const calls = fakeBackend((args) => {
      saves += 1;
      if (saves === 1) return storedAs('a-1')(args);
      throw {
        code: 'invalid_input',
        message: 'Registreringen blev ikke gemt: 2 felter skal rettes.',
        problems: [],
        fields: [
          { field: 'title', code: 'names_in_title', message: names },
          { field: 'pupils', code: 'no_count', message: 'Angiv mindst ét antal: elever, deltagere eller organisationer.' },
        ],
      };
    });
    const editor = new ActivityEditor(() => TODAY);
    typed(editor, { activity_type: 'rettighedskursus', place_type: 'boligomraade', title: 'Kursus', participants: '14' });
    expect(await editor.save()).not.toBeNull();
    typed(editor, { title: 'Ali, Sara og Peter' });
    expect(await editor.save()).toBeNull();

    expect(calls).toHaveLength(2);
    expect(calls[1]!.args).toEqual({
      id: null,
      data: {
        activity_type: 'workshop',
        held_on: TODAY,
        place_type: 'skole',
        title: 'Ali, Sara og Peter',
        pupils: 0,
        participants: 0,
        organisations: 0,
      },
    });
    const html = formHtml(editor);
    expect(errorBeside(html, 'title').message).toBe(`Fejl: ${names}`);
    expect(errorBeside(html, 'pupils').control).toContain('data-testid="activity-pupils"');
  });

  it('shows the backend\'s field problems beside their fields and keeps what was typed', async () => {
    const names = 'Titlen ligner en liste over personer. Skriv kun, hvad aktiviteten var, fx »Workshop 8.b«, og angiv antallet i tallene.';
    const future = 'Datoen må ikke ligge i fremtiden.';
    const calls = fakeBackend(() => {
      throw {
        code: 'invalid_input',
        message: 'Registreringen blev ikke gemt: 2 felter skal rettes.',
        problems: [],
        fields: [
          { field: 'title', code: 'names_in_title', message: names },
          { field: 'held_on', code: 'future_date', message: future },
        ],
      };
    });
    const editor = new ActivityEditor(() => TODAY);
    editor.edit(workshop);
    typed(editor, { title: 'Ali, Sara og Peter', held_on: '2027-01-01' });

    expect(await editor.save()).toBeNull();
    expect(calls).toHaveLength(1);
    expect(editor.id).toBe('a-17');
    expect(editor.draft.title).toBe('Ali, Sara og Peter');
    expect(editor.failed).toBeNull();

    const html = formHtml(editor);
    const title = errorBeside(html, 'title');
    expect(title.message).toBe(`Fejl: ${names}`);
    expect(title.control).toContain('data-testid="activity-title"');
    expect(title.control).toMatch(new RegExp(`aria-describedby="[^"]*${title.id}`));
    expect(title.control).toContain('aria-invalid="true"');
    const date = errorBeside(html, 'held_on');
    expect(date.message).toBe(`Fejl: ${future}`);
    expect(date.control).toContain('data-testid="activity-date"');
    for (const field of ['activity_type', 'place_type', 'pupils', 'participants', 'organisations'])
      expect(html).not.toContain(`data-field="${field}"`);
  });

  it('puts a count the backend refuses beside that count', async () => {
    fakeBackend(() => {
      throw {
        code: 'invalid_input',
        message: 'Registreringen blev ikke gemt: 1 felter skal rettes.',
        problems: [],
        fields: [{ field: 'organisations', code: 'out_of_range', message: 'Vælg et tal mellem 0 og 10000.' }],
      };
    });
    const editor = new ActivityEditor(() => TODAY);
    typed(editor, { activity_type: 'netvaerksmoede', place_type: 'forening', title: 'Netværksmøde', organisations: '20000' });
    await editor.save();
    const count = errorBeside(formHtml(editor), 'organisations');
    expect(count.message).toBe('Fejl: Vælg et tal mellem 0 og 10000.');
    expect(count.control).toContain('data-testid="activity-organisations"');
  });

  it('shows any other failure as an error of its own, not at a field', async () => {
    fakeBackend(() => {
      throw { code: 'store_failed', message: 'Bekymringen kunne ikke gemmes eller læses. Intet er ændret. Prøv igen.', problems: [], fields: [] };
    });
    const editor = new ActivityEditor(() => TODAY);
    typed(editor, { activity_type: 'pilotforloeb', place_type: 'skole', title: 'Pilot 7.a', pupils: '20' });
    await editor.save();
    expect(editor.errors).toEqual([]);
    expect(editor.failed?.code).toBe('store_failed');
    const html = formHtml(editor);
    expect(html).not.toContain('data-testid="activity-error"');
    expect(html).toContain('data-code="store_failed"');
  });
});

describe('the form', () => {
  it('offers the fields in Danish with their test ids', () => {
    const html = formHtml(new ActivityEditor(() => TODAY));
    expect(html).toContain('Registrér en aktivitet');
    for (const label of [
      'Workshop for elever',
      'Opkvalificering af fagpersoner',
      'Rettighedskursus',
      'Netværksmøde',
      'Pilotforløb',
      'Skole',
      'Klub',
      'Jobcenter',
      'Boligområde',
      'Forening',
      'Andet',
      'Elever',
      'Deltagere',
      'Organisationer',
      'Gem aktivitet',
      'Skriv kun, hvad aktiviteten var – aldrig navne på deltagere.',
    ])
      expect(html, label).toContain(label);
    expect(html).toMatch(/<input[^>]*type="date"[^>]*data-testid="activity-date"[^>]*value="2026-11-27"/);
    for (const testid of ['activity-pupils', 'activity-participants', 'activity-organisations'])
      expect(html).toMatch(new RegExp(`<input[^>]*type="number"[^>]*min="0"[^>]*data-testid="${testid}"`));
    expect(html).toMatch(/<select[^>]*data-testid="activity-type"/);
    // Always a choice: the first type and place, no empty »Vælg«.
    expect(html).toMatch(/<option value="workshop" selected[^>]*>Workshop for elever<\/option>/);
    expect(html).toMatch(/<option value="skole" selected[^>]*>Skole<\/option>/);
    expect(html).not.toContain('<option value=""');
    expect(html).toMatch(/<select[^>]*data-testid="activity-place"/);
    expect(html).toMatch(/<input[^>]*data-testid="activity-title"/);
    expect(html).toMatch(/<button type="submit"[^>]*data-testid="activity-save"/);
    expect(html).not.toContain('data-testid="activity-cancel-edit"');
  });

  it('speaks English too', () => {
    locale.current = 'en';
    const html = formHtml(new ActivityEditor(() => TODAY));
    expect(html).toContain('Workshop for pupils');
    expect(html).toContain('Save activity');
    expect(html).toContain('Write only what the activity was – never the names of participants.');
  });
});
