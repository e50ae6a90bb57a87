/**
 * Text from sources, shown on a terminal. A source may hold control characters (a stray escape
 * sequence, a garbage or binary file), and written raw they would move the cursor, recolour or
 * clear the screen, or retitle the window. Every C0 control character except newline and tab,
 * DEL, every C1 control character, and the bidirectional-text overrides (which can make a line
 * read differently from what it says) are shown as `\u001b`-style escapes instead.
 *
 * For human-readable output only: machine formats (JSON, SARIF, CSV, HTML, JUnit, Markdown) escape
 * by their own rules and must stay valid files.
 */
const unsafe = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** `text` with every character that would act on the terminal written as a visible `\uXXXX`. */
export function terminalText(text: string): string {
    return text.replace(unsafe, character => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A copy of `value` (plain data: objects, arrays, strings, numbers) with every string made safe for the terminal. */
export function terminalSafe<T>(value: T): T {
    if (typeof value === 'string') {
        return terminalText(value) as T;
    }
    if (Array.isArray(value)) {
        return value.map(item => terminalSafe(item)) as T;
    }
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, terminalSafe(item)])) as T;
    }
    return value;
}
