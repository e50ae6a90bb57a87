import { readFileSync } from 'node:fs';
import { NodeFileSystem } from 'langium/node';
import { buildCommand } from '../cli/build/build-command.js';
import { coverageCommand } from '../cli/coverage-command.js';
import { loadWorkspace } from '../cli/workspace-loader.js';
import { findSources } from '../language/src/source-files.js';
import { createGdlServices } from '../language/src/gdl-module.js';

/**
 * One measured job in a process of its own, so its peak memory is its own: prints
 * `{"job":…,"ms":…,"cpuMs":…,"rssMB":…}`. Jobs: parse (the floor), check, check-prose (check with --prose), check-report
 * (check --report html:OUT), coverage-html, build.
 */
async function main(): Promise<void> {
    const [job, folder, out] = process.argv.slice(2);
    if (!job || !folder) {
        throw new Error('usage: run-job (parse|check|check-prose|check-report|coverage-html|build) FOLDER [OUT]');
    }
    // Building the services (the parser's grammar analysis) is start-up, not the work measured.
    const services = createGdlServices(NodeFileSystem).Gdl;
    const started = performance.now();
    const cpuAtStart = process.cpuUsage();
    let detail: unknown;
    if (job === 'parse') {
        const parser = services.parser.LangiumParser;
        const files = await findSources(folder);
        let errors = 0;
        for (const file of files) {
            errors += parser.parse(readFileSync(file, 'utf8')).parserErrors.length;
        }
        detail = { files: files.length, errors };
    } else if (job === 'check') {
        const workspace = await loadWorkspace(folder, '2026-01-15', services);
        // Every force's coverage: the generated workspaces cover every requirement in each force.
        const models = workspace.services.gdl.WorkspaceFacts.workspaceCoverage().models;
        detail = {
            files: workspace.documents.length,
            forces: models.length,
            short: models.filter(m => m.covered + m.waived < m.total).length,
            covered: models.reduce((sum, m) => sum + m.covered, 0),
            total: models.reduce((sum, m) => sum + m.total, 0)
        };
    } else if (job === 'check-prose') {
        // `gdl check --prose`: the same build with the plain-English checks, and their findings counted.
        const workspace = await loadWorkspace(folder, { asOf: '2026-01-15', prose: true }, services);
        detail = {
            findings: workspace.documents.reduce(
                (sum, d) => sum + (d.diagnostics ?? []).filter(x => /^GDL07/.test(String(x.code))).length,
                0
            )
        };
    } else if (job === 'check-report') {
        // `gdl check --report html:FILE`: the problems and the HTML coverage report from one build.
        const { checkCommand } = await import('../cli/check-command.js');
        detail = {
            exit: await checkCommand(folder, { asOf: '2026-01-15', report: [{ format: 'html', file: out! }] }, () => undefined)
        };
    } else if (job === 'coverage-html') {
        detail = {
            exit: await coverageCommand(folder, { format: 'html', output: out, asOf: '2026-01-15', failUnder: 0 }, () => undefined)
        };
    } else if (job === 'build') {
        detail = {
            exit: await buildCommand(
                folder,
                { out: out!, quiet: true, allowGaps: true, asOf: '2026-01-15' },
                () => undefined,
                () => undefined
            )
        };
    } else {
        throw new Error(`unknown job ${job}`);
    }
    const ms = performance.now() - started;
    // CPU time (user and system, every thread of the process): what a loaded machine's wall-clock time hides.
    const cpu = process.cpuUsage(cpuAtStart);
    process.stdout.write(
        JSON.stringify({
            job,
            ms: Math.round(ms),
            cpuMs: Math.round((cpu.user + cpu.system) / 1000),
            rssMB: Math.round(process.resourceUsage().maxRSS / 1024),
            detail
        }) + '\n'
    );
}

main().catch(error => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
});
