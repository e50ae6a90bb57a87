/**
 * The one allow-list of link targets for everything GDL publishes (Markdown, HTML, Word) and for the
 * check that warns a writer about an address that will not be linked. Text from sources is
 * untrusted: a target is either a web or mail address with an allowed scheme, or a relative link
 * within the site; anything else (javascript:, data:, vbscript:, file:, protocol-relative //host,
 * scheme tricks with case, spaces or control characters) is published as plain text.
 */
export const allowedSchemes = ['http', 'https', 'mailto'] as const;

/** Schemes a browser honours for a link's destination once tabs and newlines are removed (WHATWG URL). */
const schemePattern = /^([a-z][a-z0-9+.-]*):/i;

// Characters a Markdown destination or an HTML attribute must not carry raw; they are percent-encoded.
// Matched per code point (the u flag), so a character outside the BMP is encoded whole.
const unsafeCharacters = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu;

/** The link target to publish for `url`, normalised and percent-encoded, or undefined when it must not be a link. */
export function safeLinkTarget(url: string): string | undefined {
    // Browsers strip leading and trailing C0 controls and spaces, and drop tabs and newlines anywhere.
    // A lone surrogate cannot be percent-encoded: it becomes U+FFFD, as a browser would show it.
    const cleaned = url
        .replace(/\p{Cs}/gu, '\uFFFD')
        .replace(/[\t\n\r]/g, '')
        .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
    if (cleaned === '' || /[\u0000-\u001f\u007f]/.test(cleaned) || cleaned.startsWith('//') || cleaned.startsWith('\\')) {
        return undefined;
    }
    const scheme = schemePattern.exec(cleaned)?.[1]?.toLowerCase();
    if (scheme === undefined) {
        // A relative link within the site (a page, an anchor): nothing before the first ':' can be a scheme.
        return cleaned.replace(unsafeCharacters, c => encodeURIComponent(c));
    }
    if (!(allowedSchemes as readonly string[]).includes(scheme)) {
        return undefined;
    }
    try {
        const parsed = new URL(cleaned);
        if (scheme !== 'mailto' && parsed.hostname === '') {
            return undefined;
        }
        return parsed.href.replace(unsafeCharacters, c => encodeURIComponent(c));
    } catch {
        return undefined;
    }
}

/** True when `url` is an absolute address outside the site (published as an external hyperlink, for example in Word). */
export function isExternalTarget(url: string): boolean {
    const scheme = schemePattern.exec(url)?.[1]?.toLowerCase();
    return scheme !== undefined && (allowedSchemes as readonly string[]).includes(scheme);
}
