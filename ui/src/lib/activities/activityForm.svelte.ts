// The activity form's state and its one command. The inputs hold text (a select may be unchosen,
// a number field may hold anything typed); `readDraft` turns them into the ActivityData the
// backend takes, or into the fields' problems. Kept apart from the markup so it can be tested.
import type { ActivityData, ActivitySummary, ActivityType, FieldView, PlaceType } from '../../bindings';
import type { ApiError } from '../apiError';
import { api, toApiError } from '../api';
import { todayIso } from '../guided.svelte';
import { t } from '../i18n';
import { guarded } from '../vault.svelte';

/** What the form's inputs hold. A select is never empty, but the types allow it (see SelectField). */
export type ActivityDraft = {
  activity_type: ActivityType | null;
  held_on: string;
  place_type: PlaceType | null;
  title: string;
  pupils: string;
  participants: string;
  organisations: string;
};

export const COUNT_FIELDS = ['pupils', 'participants', 'organisations'] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

/** Every field of ActivityData, in the order the form shows them (the first with a problem gets focus). */
export const ACTIVITY_FIELDS = ['activity_type', 'held_on', 'place_type', 'title', ...COUNT_FIELDS] as const;

/** Element id of the form's input for an ActivityData key ("held_on" → "activity-held-on"). */
export function activityFieldId(field: string): string {
  return 'activity-' + field.replace(/_/g, '-');
}

/**
 * A blank form for an activity held on `today` (YYYY-MM-DD): the first type and place are
 * chosen, as a select without an empty choice shows them, and every count is 0.
 */
export function emptyDraft(today: string): ActivityDraft {
  return {
    activity_type: 'workshop',
    held_on: today,
    place_type: 'skole',
    title: '',
    pupils: '0',
    participants: '0',
    organisations: '0',
  };
}

/** The form filled with a recorded activity, to edit it. */
export function draftOf(data: ActivityData): ActivityDraft {
  return {
    activity_type: data.activity_type,
    held_on: data.held_on,
    place_type: data.place_type,
    title: data.title,
    pupils: String(data.pupils),
    participants: String(data.participants),
    organisations: String(data.organisations),
  };
}

/**
 * What a number field holds when the browser cannot read what was typed (e.g. "1e"): its value
 * is then "", which must not pass for an empty field (0).
 */
export const UNREADABLE_COUNT = 'unreadable';

/** A count as typed: empty is 0; anything but a whole number that fits is null. */
export function readCount(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  // At most nine digits: the backend takes a 32-bit count and names the real limit itself.
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : null;
}

export type ReadDraft = { data: ActivityData; problems: [] } | { data: null; problems: FieldView[] };

/**
 * The ActivityData the inputs describe, or what keeps them from describing one. Only what the
 * backend cannot be sent is checked here (an unchosen type, no date, a count that is no number);
 * the rest (title, future date, no count at all) is the backend's to judge.
 */
export function readDraft(draft: ActivityDraft): ReadDraft {
  const problems: FieldView[] = [];
  if (draft.activity_type === null)
    problems.push({ field: 'activity_type', code: 'required', message: t('ui.activities.type_missing') });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.held_on.trim()))
    problems.push({ field: 'held_on', code: 'required', message: t('ui.activities.date_missing') });
  if (draft.place_type === null)
    problems.push({ field: 'place_type', code: 'required', message: t('ui.activities.place_missing') });
  const counts = {} as Record<CountField, number>;
  for (const field of COUNT_FIELDS) {
    const n = readCount(draft[field]);
    if (n === null) problems.push({ field, code: 'out_of_range', message: t('ui.activities.count_invalid') });
    else counts[field] = n;
  }
  if (problems.length > 0 || draft.activity_type === null || draft.place_type === null) return { data: null, problems };
  return {
    data: {
      activity_type: draft.activity_type,
      held_on: draft.held_on.trim(),
      place_type: draft.place_type,
      title: draft.title.trim(),
      pupils: counts.pupils,
      participants: counts.participants,
      organisations: counts.organisations,
    },
    problems: [],
  };
}

/** The first field (in the form's order) that has a problem, for focus. */
export function firstProblemField(problems: FieldView[]): string | null {
  const named = new Set(problems.map((p) => p.field));
  return ACTIVITY_FIELDS.find((f) => named.has(f)) ?? problems[0]?.field ?? null;
}

/** The form: a new activity, or the one being edited (`id`). */
export class ActivityEditor {
  draft = $state<ActivityDraft>(emptyDraft(todayIso()));
  /** The activity being edited; null records a new one. */
  id = $state<string | null>(null);
  /** What the row being edited showed, for the "you are editing" line. */
  editing = $state.raw<ActivityData | null>(null);
  /** Problems at the fields: found here, or by the backend (`invalid_input`). */
  errors = $state.raw<FieldView[]>([]);
  /** Any other failure of the last save. */
  failed = $state.raw<ApiError | null>(null);
  busy = $state(false);

  private readonly today: () => string;

  constructor(today: () => string = todayIso) {
    this.today = today;
    this.draft = emptyDraft(today());
  }

  /** "Ret": the row's data into the form; saving then makes a new revision of it. */
  edit(row: ActivitySummary): void {
    this.id = row.id;
    this.editing = row.data;
    this.draft = draftOf(row.data);
    this.errors = [];
    this.failed = null;
  }

  /** Back to a blank form for a new activity. */
  reset(): void {
    this.id = null;
    this.editing = null;
    this.draft = emptyDraft(this.today());
    this.errors = [];
    this.failed = null;
  }

  /**
   * "Gem aktivitet": the saved activity, after which the form is blank again; or null, with the
   * problems in `errors` (or the failure in `failed`) and the form as the user left it.
   */
  async save(): Promise<ActivitySummary | null> {
    if (this.busy) return null;
    this.failed = null;
    const read = readDraft($state.snapshot(this.draft) as ActivityDraft);
    if (read.data === null) {
      this.errors = read.problems;
      return null;
    }
    this.busy = true;
    const id = this.id;
    const data = read.data;
    try {
      const saved = await guarded(() => api.activitySave(id, data));
      this.reset();
      return saved;
    } catch (e) {
      const error = toApiError(e);
      if (error.code === 'invalid_input' && error.fields.length > 0) this.errors = error.fields;
      else {
        this.errors = [];
        this.failed = error;
      }
      return null;
    } finally {
      this.busy = false;
    }
  }
}
