import { AstUtils, type AstNode, type ValidationAcceptor } from 'langium';
import type { CoverageLosses } from '../../coverage/coverage-losses.js';
import type { GdlSettings } from '../../gdl-settings.js';
import type * as ast from '../../generated/ast.js';
import { shortened } from '../../wording.js';
import { report } from '../report.js';

/** How much of a requirement's text a coverage message quotes. */
export const MESSAGE_TEXT_WIDTH = 80;

/** Coverage an edit took away, reported where the writer made the edit (GDL0210). */
export class CoverageLossChecks {
    constructor(
        private readonly losses: CoverageLosses,
        private readonly settings: GdlSettings
    ) {}

    /** A file that held the last cover of a requirement (for its force) reports the requirement, at the section that covered it, while it stays uncovered. */
    uncoveredByEditShouldBeReported = (root: ast.GdlFile, accept: ValidationAcceptor): void => {
        const severity = this.settings.coverageSeverity;
        if (severity === 'off') {
            return;
        }
        const losses = this.losses.of(AstUtils.getDocument(root).uri.toString());
        if (losses.length === 0) {
            return;
        }
        // Where each lost cover is, found in one walk of the file (a walk per loss was quadratic in an edit that
        // took away many covers of one large file): the first item of that id.
        const wanted = new Set(losses.map(loss => loss.itemId));
        const items = new Map<string, AstNode>();
        for (const node of AstUtils.streamAst(root)) {
            const name = (node as { name?: unknown }).name;
            if (typeof name === 'string' && wanted.has(name) && !items.has(name)) {
                items.set(name, node);
            }
        }
        for (const loss of losses) {
            const args = {
                id: loss.id,
                force: loss.force ? ` for ${loss.force}` : '',
                label: loss.label,
                text: shortened(loss.text, MESSAGE_TEXT_WIDTH)
            };
            const item = items.get(loss.itemId);
            const start = { line: 0, character: 0 };
            report(
                accept,
                'uncovered-by-edit',
                args,
                item
                    ? { node: item, property: 'name' as never, data: { evidence: loss.id } }
                    : { node: root, range: { start, end: start }, data: { evidence: loss.id } },
                severity
            );
        }
    };
}
