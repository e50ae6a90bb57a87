import { describe, expect, test } from 'vitest';
import { readBuildOutput } from '../../cli/build/build-outcome.js';

// GDL: Publish reads what the bundled `gdl build` printed: these are its lines, as the CLI writes them.

describe("GDL: Publish reads the build's output", () => {
    test('published: the number of files', () => {
        const outcome = readBuildOutput('Published 110 files to /tmp/ws-published; not yet covered: 12.2.\n', '[20/20] coverage\n');
        expect(outcome).toEqual({ published: { files: 110 }, gaps: [], error: undefined, refusal: undefined });
    });

    test('refused for gaps: every force’s uncovered requirements, suspect cover left out of the ids', () => {
        const stdout =
            'Kent Police: Not covered: 12.2, 13.1 (suspect cover: 13.1) (use --allow-gaps to publish with a notice on every page).\n' +
            'Not covered: 7.4 (use --allow-gaps to publish with a notice on every page).\n' +
            "Nothing was published; 'out' is unchanged.\n";
        expect(readBuildOutput(stdout, '').gaps).toEqual(['12.2', '13.1', '7.4']);
    });

    test('refused for an error: its file, line, column and message', () => {
        const stdout =
            'ws/guidance/risk.gdl:12:5 error GDL0101 Unknown evidence requirement 99.9.\n' + "Nothing was published; 'out' is unchanged.\n";
        expect(readBuildOutput(stdout, '').error).toEqual({
            file: 'ws/guidance/risk.gdl',
            line: 12,
            column: 5,
            message: 'GDL0101 Unknown evidence requirement 99.9.'
        });
    });

    test('a refusal that is no source problem (the output folder) is said as the CLI says it', () => {
        expect(readBuildOutput('', "gdl: '/ws/out' is inside the workspace\n").refusal).toBe("'/ws/out' is inside the workspace");
    });
});
