import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { defaultTemplates, loadTemplates } from '../../cli/build/load-templates.js';
import { loadWorkspace } from '../../cli/workspace-loader.js';
import { buildSite } from '../../language/src/publish/build-site.js';
import { siteModel } from '../../language/src/publish/site-model.js';
import { releaseSyntaxTrees, startOf } from '../../language/src/syntax-trees.js';

// A full collection when asked (what `node --expose-gc` gives a script), to see what is still reachable.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function checkedExample() {
    // With the plain-English checks, so that every cache of a file's tokens is filled as a check with --prose fills it.
    const workspace = await loadWorkspace(path.resolve('guidance'), { asOf: '2026-01-15', force: 'example-constabulary', prose: true });
    const facts = workspace.services.gdl.WorkspaceFacts;
    const model = facts.judgedModels()[0]!;
    const judged = workspace.documents.filter(d => facts.workspaceCoverage().forces.judges(model.force, d.uri.toString()));
    const site = () =>
        siteModel(judged, model, false, facts.workspaceCoverage().forces, { root: workspace.services.gdl.Settings.workspaceRoot });
    return { workspace, site };
}

describe("a build lets go of the sources' syntax trees once they are checked", () => {
    test('afterwards no concrete syntax tree of the workspace can be reached, from anywhere', async () => {
        const { workspace } = await checkedExample();
        // A tree is reachable from any of its tokens (each knows its parent), so its root is reachable while any part is.
        const trees = workspace.documents.map(d => new WeakRef(d.parseResult.value.$cstNode!));
        expect(trees.length).toBeGreaterThan(10);
        releaseSyntaxTrees(workspace.documents, workspace.services);
        // A WeakRef holds its target until the end of the turn it was made in.
        await new Promise(resolve => setTimeout(resolve, 0));
        collectGarbage();
        const kept = workspace.documents.filter((_, i) => trees[i]!.deref() !== undefined).map(d => path.basename(d.uri.path));
        expect(kept).toEqual([]);
    });

    test('asked where something is after the release, the model says it cannot, rather than give the first line', async () => {
        const { workspace } = await checkedExample();
        const model = workspace.services.gdl.WorkspaceFacts.judgedModels()[0]!;
        const item = model.requirements.flatMap(r => r.items)[0]!;
        expect(item.line).toBeGreaterThan(0);
        expect(startOf(item.node)).toEqual({ line: item.line, character: item.character });
        releaseSyntaxTrees(workspace.documents, workspace.services);
        expect(() => item.line).toThrow(/after its file's syntax tree was let go of/);
        expect(() => startOf(workspace.documents[0]!.parseResult.value)).toThrow(/let go of/);
    });

    test('the site published from the released workspace is the one published from the whole workspace, byte for byte', async () => {
        const templates = loadTemplates(defaultTemplates());
        const whole = await checkedExample();
        const before = await buildSite(whole.site(), templates, '2026-01-15', () => undefined);
        const released = await checkedExample();
        releaseSyntaxTrees(released.workspace.documents, released.workspace.services);
        const after = await buildSite(released.site(), templates, '2026-01-15', () => undefined);
        expect([...after.keys()]).toEqual([...before.keys()]);
        expect(
            [...after].filter(([file, content]) => !Buffer.from(content).equals(Buffer.from(before.get(file)!))).map(([f]) => f)
        ).toEqual([]);
    });
});
