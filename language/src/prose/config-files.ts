// The names of the workspace's configuration files, in a module of their own: `gdl check`'s cache reads them
// (to know whether they changed) without loading the language.

/** The workspace's shared policy file, at the workspace root. */
export const CONFIG_FILE = 'gdl.config.json';
/** The workspace's own words for the speller, one a line, at the workspace root. */
export const WORDS_FILE = 'gdl-words.txt';
