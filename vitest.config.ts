import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['tests/**/*.test.ts'],
        testTimeout: 60000,
        hookTimeout: 60000,
        pool: 'forks'
    }
});
