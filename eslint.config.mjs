// ESLint (typescript-eslint) for every TypeScript source: the core, the CLI, the extension, the
// benchmarks, the tools and the tests. Layout is Prettier's (`.prettierrc.json`); this file is about
// correctness and the architecture's one rule a linter can hold: the core imports no face.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    {
        ignores: [
            'node_modules/',
            'out/',
            'dist/',
            'language/src/generated/',
            'extension/out/',
            'extension/out-templates/',
            'test-output/',
            'bench-results/',
            'out-templates/'
        ]
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: { globals: { ...globals.node } },
        rules: {
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
            '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
            eqeqeq: ['error', 'always'],
            'no-console': 'off',
            // Control characters are what the encoding checks and the terminal escaping look for.
            'no-control-regex': 'off'
        }
    },
    {
        // The core is used by every face, so it must not depend on one.
        files: ['language/src/**/*.ts'],
        rules: {
            'no-restricted-imports': [
                'error',
                {
                    patterns: [
                        {
                            group: ['**/cli/**', '**/extension/**', '**/tests/**', '**/bench/**', '**/tools/**'],
                            message: 'The language core imports no face (cli, extension) and no test code.'
                        }
                    ]
                }
            ]
        }
    },
    {
        // The extension is wiring only: it talks to the server over the typed protocol.
        files: ['extension/src/**/*.ts'],
        rules: {
            'no-restricted-imports': [
                'error',
                {
                    patterns: [
                        {
                            regex: '^\\.\\./\\.\\./language/src/(?!lsp/gdl-protocol\\.js$|coverage/coverage-report\\.js$)',
                            message: 'The extension imports only the protocol (and report types) from the core.'
                        }
                    ]
                }
            ]
        }
    }
);
