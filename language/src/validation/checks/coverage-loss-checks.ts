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
        for (const loss of this.losses.of(AstUtils.getDocument(root).uri.toString())) {
            const args = {
                id: loss.id,
                force: loss.force ? ` for ${loss.force}` : '',
                label: loss.label,
                text: shortened(loss.text, MESSAGE_TEXT_WIDTH)
            };
            const item = AstUtils.streamAst(root).find((n: AstNode) => (n as { name?: unknown }).name === loss.itemId);
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
