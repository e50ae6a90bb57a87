import { AstUtils, GrammarUtils, UriUtils, URI, type LangiumDocument } from 'langium';
import type { Command, WorkspaceEdit } from 'vscode-languageserver';
import type { CoverageModel, RequirementCoverage } from '../coverage/coverage-model.js';
import type { ForceInfo } from '../coverage/forces.js';
import { declares } from '../declarations.js';
import type { GdlServices } from '../gdl-module.js';
import * as ast from '../generated/ast.js';
import { effectiveStatus } from '../inheritance.js';
import { gdlString } from '../onboarding/gdl-text.js';
import { shortened } from '../wording.js';
import { SHOW_DOCUMENT_COMMAND } from './gdl-protocol.js';

/** A draft section for a requirement: where it goes, what it says, and the command that opens it. */
export interface DraftSection {
    /** "in 'ec-risk'" or "in a new file". */
    readonly where: string;
    readonly edit: WorkspaceEdit;
    readonly open: Command;
}

/**
 * Whether the force already has a draft section addressing the requirement: the quick fix that
 * writes one is then not offered again (a second would duplicate the first, and its id).
 */
export function hasDraftFor(coverage: RequirementCoverage): boolean {
    return coverage.items.some(i => ast.isSection(i.node) && effectiveStatus(i.node) === 'draft');
}

/**
 * A draft section addressing a requirement, for the force of `model`: in the force's guidance that
 * already answers the requirement's recommendation, else in a new file in the force's guidance
 * folder (never beside the framework), with the owner and audience of the force's guidance so that
 * it raises nothing but being a draft. Its id, and the new file's, are ones not yet in use.
 */
export function draftSection(services: GdlServices, model: CoverageModel, coverage: RequirementCoverage): DraftSection | undefined {
    const id = coverage.id;
    const sectionId = unusedId(services, `cover-${id.replace(/\./g, '-')}`);
    const text = coverage.evidence.text ?? coverage.evidence.untexted ?? '';
    const summary = shortened(text, 60);
    const body = [
        `section ${sectionId} ${gdlString(summary)} {`,
        '    status draft',
        `    addresses ${id}`,
        '    """',
        `    Draft: say how the force meets ${id}.`,
        '    """',
        '}'
    ];
    const host = guidanceAnswering(model, coverage.recommendation);
    if (host?.$cstNode) {
        const hostUri = AstUtils.getDocument(host).uri.toString();
        const close = GrammarUtils.findNodesForKeyword(host.$cstNode, '}').at(-1)!;
        const indent = ' '.repeat(host.$cstNode.range.start.character + 4);
        return {
            where: `in '${host.name}'`,
            edit: {
                changes: {
                    [hostUri]: [
                        {
                            range: { start: close.range.start, end: close.range.start },
                            newText: `\n${body.map(l => indent + l).join('\n')}\n`
                        }
                    ]
                }
            },
            open: openCommand(hostUri, close.range.start.line + 1)
        };
    }
    const example = forceGuidance(services, model.force);
    const folder = example ? UriUtils.dirname(AstUtils.getDocument(example).uri) : guidanceFolder(services, model.force);
    if (!folder) {
        return undefined;
    }
    const uri = unusedFile(services, folder, sectionId);
    const owner = example?.owner ?? model.plans.flatMap(p => p.items.map(i => i.lead)).find(l => l !== undefined);
    const audiences = example?.audiences.map(a => a.$refText).filter(a => a !== '') ?? onlyAudience(services);
    const file = [
        `guidance ${unusedId(services, `${sectionId}-guidance`)} "Coverage of ${id}" {`,
        ...(owner ? [`    owner ${gdlString(owner)}`] : []),
        '    status draft',
        ...(audiences.length > 0 ? [`    audience ${audiences.join(', ')}`] : []),
        ...body.map(l => `    ${l}`),
        '}',
        ''
    ];
    return {
        where: 'in a new file',
        edit: {
            documentChanges: [
                // No `ignoreIfExists`: should a file of that name exist that the workspace does not hold, the editor
                // refuses the whole edit rather than write the draft into it.
                { kind: 'create', uri },
                {
                    textDocument: { uri, version: null },
                    edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: file.join('\n') }]
                }
            ]
        },
        open: openCommand(
            uri,
            file.findIndex(l => l.includes(`section ${sectionId}`))
        )
    };
}

/** The workspace's audience when it declares only one (a force's first guidance then has no other to choose). */
function onlyAudience(services: GdlServices): string[] {
    const audiences = services.shared.workspace.IndexManager.allElements(ast.Audience.$type).toArray();
    return audiences.length === 1 ? [audiences[0]!.name] : [];
}

function openCommand(uri: string, line: number): Command {
    return { title: 'Open the draft', command: SHOW_DOCUMENT_COMMAND, arguments: [uri, line] };
}

/** Guidance of the force that already addresses a requirement of the recommendation, found in the coverage model, not by walking every file. */
function guidanceAnswering(model: CoverageModel, recommendation: ast.Recommendation): ast.Guidance | undefined {
    const item = model.requirements
        .filter(r => r.recommendation === recommendation)
        .flatMap(r => r.items)
        .find(i => i.kind === 'guidance');
    return item ? AstUtils.getContainerOfType(item.node, ast.isGuidance) : undefined;
}

/** The force's first guidance document (by file), whose folder, owner and audience a new draft takes. */
function forceGuidance(services: GdlServices, force: ForceInfo): ast.Guidance | undefined {
    const forces = services.gdl.WorkspaceFacts.workspaceCoverage().forces;
    return services.shared.workspace.LangiumDocuments.all
        .filter(d => forces.of(d.uri.toString()) === force && !declares(d, ast.isFramework))
        .toArray()
        .sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()))
        .flatMap(d => guidanceOf(d))
        .at(0);
}

function guidanceOf(document: LangiumDocument): ast.Guidance[] {
    const root = document.parseResult.value;
    return ast.isGdlFile(root) ? root.elements.filter(ast.isGuidance) : [];
}

/**
 * A force without guidance yet: `guidance/` in its folder, or in the workspace's; none when no workspace folder is
 * known (a draft is never written at the root of the machine).
 */
function guidanceFolder(services: GdlServices, force: ForceInfo): URI | undefined {
    const root =
        force.folder ||
        services.gdl.Settings.workspaceRoot ||
        services.shared.workspace.WorkspaceManager.workspaceFolders?.[0]?.uri ||
        firstFolderOf(services);
    return root ? UriUtils.joinPath(URI.parse(root), 'guidance') : undefined;
}

/** The folder of the first document that is not the framework, if any. */
function firstFolderOf(services: GdlServices): string | undefined {
    const document = services.shared.workspace.LangiumDocuments.all.find(d => !declares(d, ast.isFramework));
    return document ? UriUtils.dirname(document.uri).toString() : undefined;
}

/** `base`, or `base-2`, `base-3`…: the first that no definition in the workspace uses. */
function unusedId(services: GdlServices, base: string): string {
    const taken = (name: string) => services.gdl.IdIndex.definitionsOf(ast.Section.$type, name).length > 0;
    let candidate = base;
    for (let n = 2; taken(candidate); n++) {
        candidate = `${base}-${n}`;
    }
    return candidate;
}

/** `folder/name.gdl`, or `name-2.gdl`…: a file the workspace does not hold. */
function unusedFile(services: GdlServices, folder: URI, name: string): string {
    const documents = services.shared.workspace.LangiumDocuments;
    let uri = UriUtils.joinPath(folder, `${name}.gdl`);
    for (let n = 2; documents.hasDocument(uri); n++) {
        uri = UriUtils.joinPath(folder, `${name}-${n}.gdl`);
    }
    return uri.toString();
}
