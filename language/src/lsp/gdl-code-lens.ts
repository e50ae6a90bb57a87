import { AstUtils, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams, Location } from 'vscode-languageserver';
import { coverageLine } from '../coverage/coverage-words.js';
import type { GdlServices } from '../gdl-module.js';
import * as ast from '../generated/ast.js';

/** The command a coverage lens runs: the client shows the covering items as a references list. */
export const ShowCoverageCommand = 'gdl.showCoverage';

/** A lens above each evidence requirement: "covered by 3 — guidance §…, module …, plan item 12" or "not covered". */
export class GdlCodeLensProvider implements CodeLensProvider {
    constructor(private readonly services: GdlServices) {}

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const lenses: CodeLens[] = [];
        const model = this.services.gdl.WorkspaceFacts.coverageModel();
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            if (!ast.isEvidence(node) || !node.$cstNode) {
                continue;
            }
            const coverage = model.of(node);
            if (!coverage) {
                continue;
            }
            const range = node.$cstNode.range;
            const locations: Location[] = coverage.items.map(item => ({
                uri: item.uri,
                range: { start: { line: item.line, character: item.character }, end: { line: item.line, character: item.character } }
            }));
            const title = coverageLine(coverage);
            lenses.push({
                range: { start: range.start, end: range.start },
                command: {
                    title: title.length > 120 ? title.slice(0, 117) + '…' : title,
                    command: ShowCoverageCommand,
                    arguments: [document.uri.toString(), range.start, locations]
                }
            });
        }
        return lenses;
    }
}
