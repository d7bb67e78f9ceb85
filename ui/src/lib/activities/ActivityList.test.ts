import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { ActivitySummary, SyncState } from '../../bindings';
import { locale } from '../locale.svelte';
import ActivityList from './ActivityList.svelte';

// Rendered to HTML (svelte/server): the tests run in Node without a DOM.

function activity(id: string, sync: SyncState, syncCode: string | null = null): ActivitySummary {
  return {
    id,
    revision: 1,
    data: {
      activity_type: 'rettighedskursus',
      held_on: '2026-05-06',
      place_type: 'boligomraade',
      title: `Kursus ${id}`,
      pupils: 0,
      participants: 14,
      organisations: 3,
    },
    updated_at: '2026-05-06T15:00:00Z',
    sync,
    sync_code: syncCode,
  };
}

function listHtml(activities: ActivitySummary[], editingId: string | null = null): string {
  return render(ActivityList, { props: { activities, editingId, onEdit: () => {}, onDelete: () => {} } }).body;
}

/** Each row's opening tag and text, in order. */
function rows(html: string): { tag: string; text: string }[] {
  return [...html.matchAll(/(<tr[^>]*data-testid="activity-row"[^>]*>)(.*?)<\/tr>/gs)].map((m) => ({
    tag: m[1]!,
    text: m[2]!
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  }));
}

/** The text of one cell of a row, by its test id. */
function cell(html: string, id: string, testid: string): string {
  const row = new RegExp(`<tr[^>]*data-id="${id}"[^>]*>(.*?)</tr>`, 's').exec(html);
  expect(row, `no row ${id}`).not.toBeNull();
  const c = new RegExp(`<t[hd][^>]*data-testid="${testid}"[^>]*>(.*?)</t[hd]>`, 's').exec(row![1]!);
  expect(c, `no ${testid} in row ${id}`).not.toBeNull();
  return c![1]!
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

afterEach(() => {
  locale.current = 'da';
});

describe('activity list', () => {
  it('shows each row\'s sync state in Danish, with the raw state and id on the row', () => {
    const html = listHtml([activity('a3', 'sendt'), activity('a2', 'i_koe'), activity('a1', 'afvist', 'not_yours')]);
    const shown = rows(html);
    expect(shown.map((r) => /data-id="([^"]+)"/.exec(r.tag)![1])).toEqual(['a3', 'a2', 'a1']);
    expect(shown.map((r) => /data-sync="([^"]+)"/.exec(r.tag)![1])).toEqual(['sendt', 'i_koe', 'afvist']);

    expect(cell(html, 'a3', 'activity-row-sync')).toBe('Sendt');
    expect(cell(html, 'a2', 'activity-row-sync')).toBe('I kø');
    const refused = cell(html, 'a1', 'activity-row-sync');
    expect(refused).toMatch(/^Afvist /);
    expect(refused).toContain('anden computer');
  });

  it('shows the date as dd.mm.yyyy, the type in words, the title and the counts', () => {
    const html = listHtml([activity('a1', 'i_koe')]);
    expect(cell(html, 'a1', 'activity-row-date')).toBe('06.05.2026');
    expect(cell(html, 'a1', 'activity-row-type')).toBe('Rettighedskursus');
    expect(cell(html, 'a1', 'activity-row-title')).toBe('Kursus a1');
    expect(cell(html, 'a1', 'activity-row-pupils')).toBe('0');
    expect(cell(html, 'a1', 'activity-row-participants')).toBe('14');
    expect(cell(html, 'a1', 'activity-row-organisations')).toBe('3');
    expect(html).toContain('1 aktivitet');
  });

  it('gives each row "Ret" and "Slet", named for screen readers by the activity', () => {
    const html = listHtml([activity('a1', 'sendt'), activity('a2', 'sendt')], 'a2');
    expect(html.match(/data-testid="activity-edit"/g)).toHaveLength(2);
    expect(html.match(/data-testid="activity-delete"/g)).toHaveLength(2);
    expect(cell(html, 'a1', 'activity-row-title')).toBe('Kursus a1');
    const actions = /<tr[^>]*data-id="a1"[^>]*>.*?<td class="row-actions">(.*?)<\/td>/s.exec(html)![1]!;
    const text = actions.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    expect(text).toBe('Ret : Kursus a1, 06.05.2026 Slet : Kursus a1, 06.05.2026');
    // The row loaded into the form is marked.
    expect(rows(html)[1]!.tag).toContain('aria-current="true"');
    expect(rows(html)[0]!.tag).not.toContain('aria-current');
  });

  it('says so when there is nothing yet', () => {
    const html = listHtml([]);
    expect(rows(html)).toEqual([]);
    expect(html).toContain('Der er ingen aktiviteter endnu.');
    expect(html).toContain('0 aktiviteter');
  });

  it('names states and types in English too', () => {
    locale.current = 'en';
    const html = listHtml([activity('a1', 'sendt'), activity('a2', 'i_koe')]);
    expect(cell(html, 'a1', 'activity-row-sync')).toBe('Sent');
    expect(cell(html, 'a2', 'activity-row-sync')).toBe('Queued');
    expect(cell(html, 'a1', 'activity-row-type')).toBe('Rights course');
    expect(cell(html, 'a1', 'activity-row-date')).toBe('06/05/2026');
  });
});
