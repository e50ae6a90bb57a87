import * as path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
    AstUtils,
    CstUtils,
    GrammarUtils,
    DefaultAstNodeDescriptionProvider,
    DefaultDocumentValidator,
    DefaultReferenceDescriptionProvider,
    type AstNode,
    type ReferenceInfo,
    type ValidationAcceptor
} from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { loadWorkspace, type LoadedWorkspace } from '../../cli/workspace-loader.js';
import type { GdlServices } from '../../language/src/gdl-module.js';
import type { GdlAstType } from '../../language/src/generated/ast.js';
import { assignmentOf, nodesForProperty } from '../../language/src/assignments.js';
import { forEachReference, ReferenceProperties } from '../../language/src/references-of.js';
import { repositoryRoot } from '../support/repository.js';
import { cleanBase } from '../support/fixtures-base.js';
import { buildWorkspace } from '../support/workspace.js';

// Where GDL replaces a Langium default to do the same work with less (validation without async wrappers, definitions'
// and references' positions and paths worked out when read), the answers must be Langium's own.

const AS_OF = '2026-01-15';
const folders = ['guidance', 'tests/fixtures/gaps', 'tests/fixtures/waivers', 'tests/fixtures/syntax-error'];
// The folders with references (a file with a syntax error has none that are linked).
const linked = folders.filter(f => !f.includes('syntax-error'));

async function load(folder: string): Promise<LoadedWorkspace> {
    return loadWorkspace(path.join(repositoryRoot(), folder), AS_OF);
}

/** The problems the node checks accept for a file's tree: GDL's walk, or Langium's (DefaultDocumentValidator's own). */
async function nodeProblems(services: GdlServices, root: AstNode, langium: boolean): Promise<Diagnostic[]> {
    const validator = services.validation.DocumentValidator as unknown as {
        validateAstNodes(root: AstNode, options: object, accept: ValidationAcceptor): Promise<void>;
        toDiagnostic(...args: Parameters<ValidationAcceptor>): Diagnostic;
    };
    const found: Diagnostic[] = [];
    const accept: ValidationAcceptor = (severity, message, info) => found.push(validator.toDiagnostic(severity, message, info));
    const walk = langium ? DefaultDocumentValidator.prototype['validateAstNodes'] : validator.validateAstNodes;
    await walk.call(validator, root, {}, accept);
    return found;
}

afterEach(() => {
    vi.restoreAllMocks();
});

describe("the checks, called directly, accept what Langium's validation accepts, in the same order", () => {
    test.each(folders)('%s', async folder => {
        const workspace = await load(folder);
        let problems = 0;
        for (const document of workspace.documents) {
            const root = document.parseResult.value;
            const ours = await nodeProblems(workspace.services, root, false);
            expect(ours).toEqual(await nodeProblems(workspace.services, root, true));
            problems += ours.length;
        }
        expect(problems).toBeGreaterThan(0);
    });

    test('a check that throws is reported at its node as Langium reports it, and the other checks still run', async () => {
        const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const workspace = await buildWorkspace(cleanBase, AS_OF, services => {
            services.validation.ValidationRegistry.register<GdlAstType>({
                Section: () => {
                    throw new Error('the check broke');
                }
            });
        });
        const broken = workspace.diagnostics('guidance.gdl').filter(d => d.message.includes('the check broke'));
        const sections = [...workspace.documents.values()].flatMap(d =>
            AstUtils.streamAst(d.parseResult.value)
                .filter(n => n.$type === 'Section')
                .toArray()
        );
        expect(broken.map(d => d.message)).toEqual(sections.map(() => 'An error occurred during validation: the check broke'));
        expect(broken.length).toBeGreaterThan(0);
        expect(errors).toHaveBeenCalled();
        for (const document of workspace.documents.values()) {
            const root = document.parseResult.value;
            expect(await nodeProblems(workspace.services, root, false)).toEqual(await nodeProblems(workspace.services, root, true));
        }
    });
});

describe("definitions' and references' descriptions are Langium's, read when asked for", () => {
    test.each(linked)('%s', async folder => {
        const workspace = await load(folder);
        const services = workspace.services;
        const langiumDefinitions = new DefaultAstNodeDescriptionProvider(services);
        const langiumReferences = new DefaultReferenceDescriptionProvider(services);
        let references = 0;
        for (const document of workspace.documents) {
            for (const node of AstUtils.streamAst(document.parseResult.value)) {
                const name = services.references.NameProvider.getName(node);
                if (name) {
                    expect(definition(services.workspace.AstNodeDescriptionProvider.createDescription(node, name, document))).toEqual(
                        definition(langiumDefinitions.createDescription(node, name, document))
                    );
                }
            }
            const ours = await services.workspace.ReferenceDescriptionProvider.createDescriptions(document);
            expect(ours.map(reference)).toEqual((await langiumReferences.createDescriptions(document)).map(reference));
            references += ours.length;
        }
        expect(references).toBeGreaterThan(0);
    });
});

describe("a file's references are Langium's, found from the properties that can hold one", () => {
    test.each(linked)('%s', async folder => {
        const workspace = await load(folder);
        const properties = new ReferenceProperties(workspace.services.shared.AstReflection);
        let references = 0;
        for (const document of workspace.documents) {
            const langium = AstUtils.streamAst(document.parseResult.value)
                .flatMap(node => AstUtils.streamReferences(node))
                .toArray();
            const ours: ReferenceInfo[] = [];
            for (const node of AstUtils.streamAst(document.parseResult.value)) {
                forEachReference(node, properties.of(node.$type), info => ours.push(info));
            }
            expect(ours).toEqual(langium);
            // Linked in that order, each once.
            expect(document.references).toEqual(langium.map(info => info.reference));
            references += ours.length;
        }
        expect(references).toBeGreaterThan(0);
    });
});

describe("what a syntax node was parsed for is Langium's answer (GrammarUtils), remembered per grammar element", () => {
    test.each(linked)('%s', async folder => {
        const workspace = await load(folder);
        const reflection = workspace.services.shared.AstReflection;
        let compared = 0;
        for (const document of workspace.documents) {
            const root = document.parseResult.value;
            for (const cst of CstUtils.streamCst(root.$cstNode!)) {
                expect(assignmentOf(cst)).toBe(GrammarUtils.findAssignment(cst));
                compared++;
            }
            for (const node of AstUtils.streamAst(root)) {
                for (const property of Object.keys(reflection.getTypeMetaData(node.$type).properties)) {
                    const ours = nodesForProperty(node.$cstNode, property);
                    const langium = GrammarUtils.findNodesForProperty(node.$cstNode, property);
                    // The same syntax nodes (compared as objects: a deep comparison reads their grammar's cached fields).
                    expect(ours.length).toBe(langium.length);
                    ours.forEach((cst, i) => expect(cst).toBe(langium[i]));
                }
            }
        }
        expect(compared).toBeGreaterThan(100);
    });
});

function definition(d: ReturnType<DefaultAstNodeDescriptionProvider['createDescription']>) {
    return {
        node: d.node,
        name: d.name,
        type: d.type,
        documentUri: d.documentUri.toString(),
        path: d.path,
        nameSegment: d.nameSegment,
        selectionSegment: d.selectionSegment
    };
}

function reference(d: Awaited<ReturnType<DefaultReferenceDescriptionProvider['createDescriptions']>>[number]) {
    return {
        sourceUri: d.sourceUri.toString(),
        sourcePath: d.sourcePath,
        targetUri: d.targetUri.toString(),
        targetPath: d.targetPath,
        segment: d.segment,
        local: d.local
    };
}
