import { defineConfig } from 'vitest/config';

// Tests that run the built product as a separate process: the CLI (bin/gdl.js on out/), the language
// server (out/language/src/main.js), Chromium, or code-server with the packaged extension. They need
// `npm run package` first (`npm run test:e2e` does it). Everything else runs in-process from the
// TypeScript sources (`npm run test:unit`: no build).
const endToEnd = [
    'tests/e2e/**/*.test.ts',
    'tests/bench-generator.test.ts',
    'tests/build-browser.test.ts',
    'tests/build.test.ts',
    'tests/cli.test.ts',
    'tests/coverage-report.test.ts',
    'tests/encoding-volume.test.ts',
    'tests/fuzz-lsp.test.ts',
    'tests/hostile-content.test.ts',
    'tests/lsp-load.test.ts',
    'tests/lsp.test.ts',
    'tests/publish-safety.test.ts',
    'tests/report-hardening.test.ts',
    'tests/robustness-fs.test.ts'
];

export default defineConfig({
    test: {
        // A safety net against a hung test, not a measure of speed (that is \`npm run bench\`): a busy
        // machine may be many times slower than an idle one.
        testTimeout: 15 * 60_000,
        hookTimeout: 15 * 60_000,
        pool: 'forks',
        projects: [
            { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: endToEnd } },
            { extends: true, test: { name: 'e2e', include: endToEnd } }
        ]
    }
});
