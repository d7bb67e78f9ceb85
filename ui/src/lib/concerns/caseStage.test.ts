import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { ConcernData, ConcernRecord } from '../../bindings';
import { caseStageOf, chooseCaseStage } from '../forms';
import { emptyConcern } from '../guided.svelte';
import { locale } from '../locale.svelte';
import ConcernDetail from './ConcernDetail.svelte';
import FormActions from './FormActions.svelte';

// The tests run in Node without a DOM, so the components are rendered to HTML (svelte/server);
// the radio's change handler writes through `chooseCaseStage`, as the form binds it.

function form(data: ConcernData): string {
  return render(FormActions, { props: { data, errors: [], cards: [], contacts: [] } }).body;
}

function detail(data: ConcernData): string {
  const record: ConcernRecord = {
    summary: {
      id: 'c1',
      state: 'registreret',
      revision: 1,
      observed_on: null,
      target_group: null,
      age_band: null,
      severity: null,
      signs: 0,
      follow_up: null,
      case_ref: null,
      updated_at: '2026-01-02T10:00:00Z',
      synced: false,
      sync: 'i_koe',
      sync_code: null,
    },
    data,
    revisions: [],
  };
  return render(ConcernDetail, { props: { record } }).body;
}

/** The `<input>` with this test id, as rendered. */
function input(html: string, testid: string): string {
  const tag = new RegExp(`<input[^>]*data-testid="${testid}"[^>]*>`).exec(html);
  expect(tag, `no input ${testid}`).not.toBeNull();
  return tag![0];
}

const isChecked = (tag: string): boolean => /\schecked(=|\s|>|\/)/.test(tag);

/** The text of the detail's stage. */
function shownStage(html: string): string {
  const m = /<dd data-testid="concern-case-stage"[^>]*>([^<]*)<\/dd>/.exec(html);
  expect(m, 'no stage in the detail').not.toBeNull();
  return m![1].trim();
}

afterEach(() => {
  locale.current = 'da';
});

describe('case stage', () => {
  it('starts a new concern as an inquiry, and the form shows it chosen', () => {
    const data = emptyConcern();
    expect(data.case_stage).toBe('henvendelse');

    const html = form(data);
    expect(html).toContain('Sagens status');
    expect(html).toContain('Alle bekymringer begynder som en henvendelse.');
    expect(html).toContain('id="concern-case-stage"');
    expect(isChecked(input(html, 'concern-case-stage-henvendelse'))).toBe(true);
    expect(isChecked(input(html, 'concern-case-stage-borgersag'))).toBe(false);
  });

  it('reads a record from before the field as an inquiry', () => {
    const { case_stage: _, ...older } = emptyConcern();
    const data: ConcernData = older;
    expect(caseStageOf(data)).toBe('henvendelse');
    expect(isChecked(input(form(data), 'concern-case-stage-henvendelse'))).toBe(true);
    expect(shownStage(detail(data))).toBe('Henvendelse');
  });

  it('choosing borgersag sets data.case_stage, and the form and the detail show it', () => {
    const data = emptyConcern();
    chooseCaseStage(data, 'borgersag');
    expect(data.case_stage).toBe('borgersag');

    const html = form(data);
    expect(isChecked(input(html, 'concern-case-stage-borgersag'))).toBe(true);
    expect(isChecked(input(html, 'concern-case-stage-henvendelse'))).toBe(false);
    expect(shownStage(detail(data))).toBe('Borgersag');
  });

  it('names the stage in English too', () => {
    locale.current = 'en';
    const data = { ...emptyConcern(), case_stage: 'borgersag' as const };
    expect(shownStage(detail(data))).toBe('Citizen case');
    const html = form(data);
    expect(html).toContain('Case status');
    expect(html).toContain('Inquiry');
  });
});
