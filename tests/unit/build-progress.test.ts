import { describe, expect, test } from 'vitest';
import { buildOutput } from '../../cli/build/progress-line.js';

/** A terminal both streams write to: `\r` returns to the start of the line, ESC[K clears the rest of it. */
function terminal(tty: boolean) {
    let screen = '';
    const write = (text: string) => {
        for (const part of text.split(/(\r\u001b\[K)/)) {
            screen = part === '\r\u001b[K' ? screen.slice(0, screen.lastIndexOf('\n') + 1) : screen + part;
        }
    };
    return { streams: { stdout: { write }, stderr: { write, isTTY: tty } }, lines: () => screen.split('\n') };
}

describe('gdl build: progress and summary', () => {
    test('on a terminal, the summary starts a line of its own after the last progress text', () => {
        const screen = terminal(true);
        const output = buildOutput(screen.streams);
        output.progress('[19/20] plans/action-plan');
        output.progress('[20/20] coverage');
        output.line('Published 64 files to out.');
        output.end();
        expect(screen.lines()).toEqual(['Published 64 files to out.', '']);
    });

    test('piped (an editor, CI), each progress line ends with a newline before the summary', () => {
        const screen = terminal(false);
        const output = buildOutput(screen.streams);
        output.progress('[20/20] coverage');
        output.line('Published 64 files to out.');
        output.end();
        expect(screen.lines()).toEqual(['[20/20] coverage', 'Published 64 files to out.', '']);
    });
});
