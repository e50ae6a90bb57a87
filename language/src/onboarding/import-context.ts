import { AstUtils, type LangiumDocument } from 'langium';
import * as ast from '../generated/ast.js';
import type { GdlServices } from '../gdl-module.js';
import { frameworkFacts } from './framework-facts.js';
import type { ImportContext } from './guidance-writer.js';

/** What an import must know of the workspace it writes into: the ids in use, the framework, the legislation. */
export function importContext(services: GdlServices, documents: readonly LangiumDocument[]): ImportContext {
    const ids = services.shared.workspace.IndexManager.allElements()
        .map(d => d.name)
        .toArray();
    let framework: ast.Framework | undefined;
    const provisions: ImportContext['provisions'] = [];
    const audiences: NonNullable<ImportContext['audiences']> = [];
    for (const document of documents) {
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            if (ast.isFramework(node)) {
                framework ??= node;
            } else if (ast.isAudience(node)) {
                audiences.push({ name: node.name, title: node.title });
            } else if (ast.isProvision(node)) {
                provisions.push({ name: `${node.$container.name}.${node.name}`, address: node.address });
            }
        }
    }
    return { ids, framework: framework ? frameworkFacts(framework) : undefined, provisions, audiences };
}
