import { AstUtils, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams, Location, Position } from 'vscode-languageserver';
import type { CoveringItem } from '../coverage/coverage-model.js';
import { assuranceText, coverageLine, forcesShortText, isSatisfied } from '../coverage/coverage-words.js';
import { forceName } from '../coverage/forces.js';
import type { GdlServices } from '../gdl-module.js';
import * as ast from '../generated/ast.js';
import { assessmentLine, runningOrderLine } from '../training/module-summary.js';
import { coverageOf, documentCoverage, type DocumentCoverage } from './gdl-force-coverage.js';

/** The command a coverage lens runs: the client shows the covering items as a references list. */
export const ShowCoverageCommand = 'gdl.showCoverage';

const MAX_TITLE = 120;
/** Most forces a lens names as falling short. */
const MAX_FORCES_NAMED = 3;

/**
 * A lens above each evidence requirement: "covered by 3 — guidance §…, module …, plan item 12 ·
 * evidenced, on time (…)" or "not covered · not addressed, overdue (due …)", for the force of the
 * file; in shared material of a workspace of several forces, "covered for 1 of 2 forces — not
 * covered: Surrey Police".
 */
export class GdlCodeLensProvider implements CodeLensProvider {
    constructor(private readonly services: GdlServices) {}

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const lenses: CodeLens[] = [];
        const shown = documentCoverage(this.services.gdl.WorkspaceFacts, document.uri.toString());
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            if (ast.isTrainingModule(node) && node.$cstNode) {
                lenses.push(trainingLens(node, node.$cstNode.range.start));
                continue;
            }
            if (!ast.isEvidence(node) || !node.$cstNode) {
                continue;
            }
            const lens = this.lensFor(node, shown);
            if (!lens) {
                continue;
            }
            const range = node.$cstNode.range;
            const locations: Location[] = lens.items.map(item => ({
                uri: item.uri,
                range: { start: { line: item.line, character: item.character }, end: { line: item.line, character: item.character } }
            }));
            lenses.push({
                range: { start: range.start, end: range.start },
                command: { title: lens.title, command: ShowCoverageCommand, arguments: [document.uri.toString(), range.start, locations] }
            });
        }
        return lenses;
    }

    private lensFor(evidence: ast.Evidence, shown: DocumentCoverage): { title: string; items: CoveringItem[] } | undefined {
        const found = coverageOf(shown, evidence);
        if (found.length === 0) {
            return undefined;
        }
        if (found.length === 1) {
            const coverage = found[0]!.coverage;
            // The level and timeliness stay whole; what covers it is shortened to fit.
            const tail = coverage.state === 'for-others' || coverage.state === 'waived' ? '' : ` · ${assuranceText(coverage)}`;
            return { title: fit(coverageLine(coverage), MAX_TITLE - tail.length) + tail, items: [...coverage.items] };
        }
        const own = found.filter(f => f.coverage.state !== 'for-others');
        const items = found.flatMap(f => f.coverage.items);
        if (own.length === 0) {
            return { title: fit(coverageLine(found[0]!.coverage), MAX_TITLE), items };
        }
        const met = own.filter(f => isSatisfied(f.coverage.state)).length;
        const short = own.filter(f => !isSatisfied(f.coverage.state));
        const named = forcesShortText(
            short.map(f => ({ force: forceName(f.model.force), state: f.coverage.state })),
            MAX_FORCES_NAMED
        );
        const head = `${met === own.length ? 'covered' : 'not covered'} for ${met === own.length ? met : short.length} of ${own.length} forces`;
        return { title: fit(short.length > 0 ? `${head} — ${named}` : head, MAX_TITLE), items };
    }
}

/**
 * A lens above each training module: its running order against its duration and its assessment
 * ("running order 3 hours 45 minutes of 4 hours · 10 questions, 8 asked at each attempt, pass mark 80%").
 * It runs no command: the hover on the module shows the running order in full.
 */
function trainingLens(module: ast.TrainingModule, at: Position): CodeLens {
    const title = `${runningOrderLine(module)} · ${assessmentLine(module)}`;
    return { range: { start: at, end: at }, command: { title: title[0]!.toUpperCase() + title.slice(1), command: '' } };
}

function fit(text: string, width: number): string {
    return text.length > width ? text.slice(0, Math.max(width - 1, 0)) + '…' : text;
}
