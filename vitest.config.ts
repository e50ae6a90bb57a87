import { defineConfig } from 'vitest/config';

// Two projects, by folder. tests/unit/: in-process, from the TypeScript sources (`npm run test:unit`:
// no build, seconds). Every other test runs the built product as a separate process — the CLI
// (bin/gdl.js on out/), the language server (out/language/src/main.js), Chromium, or code-server with
// the packaged extension — and needs `npm run package` first (`npm run test:e2e` does it).
// With GDL_TEST_REPORTS set (CI does), each run also writes a JSON report there, named by its project.
const reports = process.env.GDL_TEST_REPORTS;
const project = process.argv.includes('--project') ? process.argv[process.argv.indexOf('--project') + 1] : 'all';

export default defineConfig({
    test: {
        reporters: reports ? ['default', 'json'] : ['default'],
        ...(reports ? { outputFile: { json: `${reports}/vitest-${project}.json` } } : {}),
        // A safety net against a hung test, not a measure of speed (that is \`npm run bench\`): a busy
        // machine may be many times slower than an idle one.
        testTimeout: 15 * 60_000,
        hookTimeout: 15 * 60_000,
        pool: 'forks',
        // Every test, and every gdl it starts, takes 2026-11-26 as today (the reproducible-builds convention gdl honours,
        // README "The check"): the bundled example is dated, its reviews fall due from 2027-02-15 and its waiver lapses
        // after 2027-03-31, and a suite that read it as of the day it runs would fail on an idle machine from then on.
        // A test of what "today" means removes it (tests/cli.test.ts).
        env: { SOURCE_DATE_EPOCH: String(Date.UTC(2026, 10, 26, 12) / 1000) },
        projects: [
            { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
            { extends: true, test: { name: 'e2e', include: ['tests/**/*.test.ts'], exclude: ['tests/unit/**'] } }
        ]
    }
});
