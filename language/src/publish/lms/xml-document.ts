import { XMLBuilder } from 'fast-xml-parser';

// Attributes are keys starting '@_', text is '#text'; the builder escapes both (processEntities).
const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
    suppressBooleanAttributes: false
});

/** An XML document from a tree of plain objects: one home for the declaration, the indentation and the escaping. */
export function xmlDocument(root: Record<string, unknown>): string {
    return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, ...root }) as string;
}

/** An XML ID (an NCName): letters, digits, '-', '_' and '.', not starting with a digit; a GDL name made one. */
export function xmlId(prefix: string, name: string): string {
    return `${prefix}-${name.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}
