import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['tests/**/*.test.ts'],
        // A safety net against a hung test, not a measure of speed (that is \`npm run bench\`): a busy
        // machine may be many times slower than an idle one.
        testTimeout: 15 * 60_000,
        hookTimeout: 15 * 60_000,
        pool: 'forks'
    }
});
