import { terminalText } from '../terminal-text.js';

/** Where progress and the summary go: the two standard streams, and whether the progress one is a terminal. */
export interface BuildStreams {
    stdout: { write(text: string): unknown };
    stderr: { write(text: string): unknown; isTTY?: boolean };
}

/**
 * The build's two outputs: progress on standard error (on a terminal, one line rewritten in place) and
 * lines (problems, the summary) on standard output. On a terminal the progress line has no newline of
 * its own, so it is ended before any other line is written: otherwise the summary would run on from
 * the last progress text ("[20/20] coveragePublished 64 files"), as both streams share the screen.
 */
export function buildOutput(streams: BuildStreams): { line: (text: string) => void; progress: (text: string) => void; end: () => void } {
    const tty = streams.stderr.isTTY === true;
    let pending = false;
    const end = () => {
        if (pending) {
            streams.stderr.write('\r\u001b[K');
            pending = false;
        }
    };
    return {
        line: text => {
            end();
            streams.stdout.write(terminalText(text) + '\n');
        },
        progress: text => {
            if (tty) {
                streams.stderr.write(`\r\u001b[K${terminalText(text)}`);
                pending = true;
            } else {
                streams.stderr.write(`${terminalText(text)}\n`);
            }
        },
        end
    };
}
