import { AstUtils, type LangiumDocument } from 'langium';
import { isCalendarDate } from '../dates.js';
import * as ast from '../generated/ast.js';

/**
 * The date a build stamps on what it publishes (Word files need one): the latest approval or update
 * in the sources, so that rebuilding the same sources gives byte-identical files.
 */
export function buildDate(documents: Iterable<LangiumDocument>): string {
    let latest = '2000-01-01';
    for (const document of documents) {
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            const date = ast.isPlanItem(node) ? node.updated : ast.isGoverned(node) ? node.approved : undefined;
            if (date && date > latest && isCalendarDate(date)) {
                latest = date;
            }
        }
    }
    return latest;
}
