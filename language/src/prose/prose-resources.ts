import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { moduleFolder } from '../module-folder.js';

/** The en-GB Hunspell dictionary (dictionary-en-gb's two files). */
export interface HunspellDictionary {
    readonly aff: Uint8Array;
    readonly dic: Uint8Array;
}

/** Where the plain-English modules are: language/src/prose/ (sources or out/), or the bundle's folder (extension/out/). */
export function proseFolder(): string {
    return moduleFolder(import.meta.url);
}

let dictionary: HunspellDictionary | undefined;

/**
 * The dictionary, read once, when the first text is checked. Not `import dictionary from 'dictionary-en-gb'`:
 * that module reads its files with a top-level await, which the extension's CommonJS bundle cannot hold; the
 * bundle script copies the two files beside the bundled server instead (extension/out/dictionary-en-gb/).
 */
export function enGbDictionary(): HunspellDictionary {
    if (!dictionary) {
        const folder = dictionaryFolder();
        dictionary = { aff: readFileSync(path.join(folder, 'index.aff')), dic: readFileSync(path.join(folder, 'index.dic')) };
    }
    return dictionary;
}

function dictionaryFolder(): string {
    const beside = path.join(proseFolder(), 'dictionary-en-gb');
    if (existsSync(path.join(beside, 'index.aff'))) {
        return beside;
    }
    return path.dirname(createRequire(path.join(proseFolder(), 'x.js')).resolve('dictionary-en-gb'));
}

let policeWords: readonly string[] | undefined;

/** The base word list shipped with GDL (police-words.txt): police and legal terms and acronyms the dictionary lacks. */
export function basePoliceWords(): readonly string[] {
    if (!policeWords) {
        const name = 'police-words.txt';
        // Beside the sources (vitest) or the bundle (copied there), or in the sources when run from out/language/src/prose/.
        const candidates = [path.join(proseFolder(), name), path.resolve(proseFolder(), '../../../../language/src/prose', name)];
        const file = candidates.find(c => existsSync(c));
        policeWords = file ? wordList(readFileSync(file, 'utf8')) : [];
    }
    return policeWords;
}

/** The words of a word list: one a line; blank lines and lines starting with # are skipped. */
export function wordList(text: string): string[] {
    return text
        .split(/\r\n?|\n/)
        .map(line => line.trim())
        .filter(line => line !== '' && !line.startsWith('#'));
}
