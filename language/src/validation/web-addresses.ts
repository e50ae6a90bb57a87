// Web and mail addresses, written with a scheme, with www. or as a domain and a path (legislation.gov.uk/ukpga/1997/40).
// A file: address is not one: it names a file on someone's machine.
const webAddress =
    /\b(?!file:)[a-z][a-z0-9+.-]*:\/\/[^\s<>"]*|\bmailto:[^\s<>"]*|\bwww\.[^\s<>"]*|(?<![\w/.@-])(?:[a-z0-9-]+\.)+[a-z]{2,}\/[^\s<>"]*/giu;

/**
 * The text with each web or mail address replaced by as many spaces, so that a search finds nothing inside one
 * (no path, no marker, no date in /ukpga/2021/17) and an offset in the result is the same offset in the text.
 */
export function blankWebAddresses(text: string): string {
    return text.replace(webAddress, address => ' '.repeat(address.length));
}
