/** The last search, kept in memory only (never in the URL or on disk) so "back" shows it again. */
export const searchMemory = $state({ query: '' });
