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
            'no-control-regex': 'off',
            // A spread into a call's arguments puts every item on the stack: past ~100,000 (a prose of that many
            // lines, a run of comments, a list) it throws. language/src/arrays.ts does the same for any number.
            'no-restricted-syntax': [
                'error',
                {
                    selector: 'CallExpression[callee.property.name=/^(push|unshift|splice)$/] > SpreadElement',
                    message:
                        'Spreading an array into push/unshift/splice overflows the stack on large input: use append() or replaceAt() (language/src/arrays.ts).'
                },
                {
                    selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(min|max)$/] > SpreadElement",
                    message:
                        'Math.min/max(...items) overflows the stack on large input: use smallest() or largest() (language/src/arrays.ts).'
                },
                {
                    selector: 'CallExpression[callee.property.name=/^(fromCharCode|fromCodePoint|apply)$/] > SpreadElement',
                    message: 'Spreading an array into arguments overflows the stack on large input: use a loop.'
                }
            ]
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
