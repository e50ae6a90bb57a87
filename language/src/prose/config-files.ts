// The names of the workspace's configuration files, in a module of their own: `gdl check`'s cache reads them
// (to know whether they changed) without loading the language.

/** The workspace's shared policy file, at the workspace root. */
export const CONFIG_FILE = 'gdl.config.json';
/** The workspace's own words for the speller, one a line, at the workspace root. */
export const WORDS_FILE = 'gdl-words.txt';

/** Both, by name: what a workspace's root holds besides its sources for a check to read. */
export const CONFIG_FILES: readonly string[] = [CONFIG_FILE, WORDS_FILE];
