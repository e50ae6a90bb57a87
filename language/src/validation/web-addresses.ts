import { TextMemo } from '../text-memo.js';

// Web and mail addresses, written with a scheme, with www. or as a domain and a path (legislation.gov.uk/ukpga/1997/40).
// A file: address is not one: it names a file on someone's machine.
const webAddress =
    /\b(?!file:)[a-z][a-z0-9+.-]*:\/\/[^\s<>"]*|\bmailto:[^\s<>"]*|\bwww\.[^\s<>"]*|(?<![\w/.@-])(?:[a-z0-9-]+\.)+[a-z]{2,}\/[^\s<>"]*/giu;

/** Where each address is in a text: where it starts, where it ends without the sentence's punctuation, and where the match ends. */
interface AddressAt {
    readonly start: number;
    readonly end: number;
    readonly matchEnd: number;
}

// One search per text, remembered: the drafting-note, written-date and legislation searches blank the addresses of
// the same texts, and the check of sources lists them.
const addresses = new TextMemo<readonly AddressAt[]>(text =>
    [...text.matchAll(webAddress)].map(m => {
        const address = m[0].replace(/[.,;:!?)\]'`]+$/u, '');
        return { start: m.index, end: m.index + address.length, matchEnd: m.index + m[0].length };
    })
);

/**
 * The text with each web or mail address replaced by as many spaces, so that a search finds nothing inside one
 * (no path, no marker, no date in /ukpga/2021/17) and an offset in the result is the same offset in the text.
 */
export function blankWebAddresses(text: string): string {
    if (!mayHoldAddress(text)) {
        return text;
    }
    const found = addresses.get(text);
    if (found.length === 0) {
        return text;
    }
    let blanked = '';
    let from = 0;
    for (const { start, matchEnd } of found) {
        blanked += text.slice(from, start) + ' '.repeat(matchEnd - start);
        from = matchEnd;
    }
    return blanked + text.slice(from);
}

/**
 * Whether a text can hold an address at all: every address has a slash (a scheme's // or a path), "www." or
 * "mailto:". Most texts have none of them, and are neither searched with the pattern (slow on long prose: it tries
 * every word as the start of a domain name) nor remembered.
 */
function mayHoldAddress(text: string): boolean {
    return text.includes('/') || /www\.|mailto:/i.test(text);
}

/** A web or mail address in a text: where it starts and ends, and the address as written. */
export interface WebAddress {
    readonly start: number;
    readonly end: number;
    readonly text: string;
}

/** The web and mail addresses of a text, in text order, without the sentence's punctuation after one ("see gov.uk/x."). */
export function webAddressesIn(text: string): WebAddress[] {
    if (!mayHoldAddress(text)) {
        return [];
    }
    return addresses.get(text).map(({ start, end }) => ({ start, end, text: text.slice(start, end) }));
}

/** The host an address names, in lower case ("https://en.wikipedia.org/wiki/X" → en.wikipedia.org); undefined for a mail address. */
export function hostOf(address: string): string | undefined {
    if (/^mailto:/i.test(address)) {
        return undefined;
    }
    const withoutScheme = address.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
    const host = /^(?:[^@/?#]*@)?([^/:?#]+)/.exec(withoutScheme)?.[1];
    return host?.toLowerCase().replace(/\.$/, '');
}

/** The site of `sites` a host is on: the site itself or one of its subdomains (en.wikipedia.org is on wikipedia.org). */
export function siteOf(host: string, sites: readonly string[]): string | undefined {
    return sites.find(site => {
        const domain = site.toLowerCase().replace(/^\*?\./, '');
        return host === domain || host.endsWith(`.${domain}`);
    });
}
