import * as path from 'node:path';
import { AstUtils, type AstNode } from 'langium';
import { computeCoverage } from '../../language/src/coverage/coverage-model.js';
import { buildCoverageReport, type CoverageReport } from '../../language/src/coverage/coverage-report.js';
import { buildSite } from '../../language/src/publish/build-site.js';
import { siteModel, type SiteModel } from '../../language/src/publish/site-model.js';
import { loadTemplates } from '../../cli/build/load-templates.js';
import { displayPath } from '../../cli/problem-lines.js';
import { loadWorkspace, type JudgeOptions, type LoadedWorkspace } from '../../cli/workspace-loader.js';
import { repositoryRoot } from './repository.js';

// The core of `gdl coverage` and `gdl build`, called in-process from the TypeScript sources: no build,
// no child process. Paths are shown relative to the repository, as the CLI run from there shows them.

export const repo = repositoryRoot();

/** Loads a folder (relative to the repository) as the CLI does: every source read, parsed, linked and validated. */
export function load(folder: string, judge?: string | JudgeOptions): Promise<LoadedWorkspace> {
    return loadWorkspace(path.join(repo, folder), judge);
}

/**
 * The fictional force of the bundled workspace (guidance/example-constabulary/), by name. The bundled
 * workspace holds several forces (three real ones beside it): a command without `--force` reports the
 * first by id, so whatever is about the example names it.
 */
export const EXAMPLE = 'Example Constabulary';

/**
 * The day the bundled example is described as of, in the README and in the tests that state its figures. The example is
 * dated like any force's workspace: its first modules fall due for review on 2027-02-14 and its waiver of 20.3 lapses
 * after 2027-03-31, so a test that read it as of the day it runs would fail on an idle machine from then on.
 */
export const EXAMPLE_AS_OF = '2026-11-26';

/** The bundled workspace judged for the Example Constabulary, as `--force "Example Constabulary"` does (as of {@link EXAMPLE_AS_OF} unless told). */
export function loadExample(asOf: string = EXAMPLE_AS_OF): Promise<LoadedWorkspace> {
    return load('guidance', { asOf, force: EXAMPLE });
}

/**
 * The coverage report as `gdl coverage` builds it (its own `reportOf` is not exported): the coverage
 * the check computed (or, with the drafts, a second one), located by file:line:column relative to the
 * repository. `tests/unit/coverage-formats.test.ts` checks that it equals what `gdl coverage` writes.
 */
export function coverageReport(workspace: LoadedWorkspace, options: { recipient?: string; includeDrafts?: boolean } = {}): CoverageReport {
    const asOf = workspace.services.gdl.Settings.effectiveAsOf();
    const model = options.includeDrafts
        ? computeCoverage(workspace.documents, { asOf, includeDrafts: true })
        : workspace.services.gdl.WorkspaceFacts.coverageModel();
    const locate = (node: AstNode) => {
        const start = node.$cstNode?.range.start ?? { line: 0, character: 0 };
        return { file: displayPath(AstUtils.getDocument(node).uri, repo), line: start.line + 1, column: start.character + 1 };
    };
    return buildCoverageReport(model, workspace.documents, { asOf, recipient: options.recipient, locate });
}

/** What `gdl build` decides to publish: the site model of the workspace (its gaps are what the gate refuses). */
export function site(workspace: LoadedWorkspace, includeDrafts = false): SiteModel {
    const facts = workspace.services.gdl.WorkspaceFacts;
    return siteModel(workspace.documents, facts.coverageModel(), includeDrafts, facts.workspaceCoverage().forces);
}

/**
 * Every file `gdl build` would write for `site`, by path, with the bundled templates (out-templates/).
 * The Word files' fixed date is the build command's to choose (its `fixedDate` is not exported): a
 * constant here, which only the .docx files' metadata holds.
 */
export function publish(model: SiteModel): Promise<Map<string, Buffer | string>> {
    return buildSite(model, loadTemplates(path.join(repo, 'out-templates')), '2025-01-01', () => undefined);
}
