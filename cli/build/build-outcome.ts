// What `gdl build` said, read back from its own lines (written by build-command.ts and problem-lines.ts): GDL: Publish in the editor reads them.

/** What a finished build said, read from its output (the CLI's own lines: problems, the gap refusal, the summary). */
export interface BuildOutcome {
    published?: { files: number };
    /** Requirement ids the build refused to publish without (`Not covered: 12.2, 13.1 (…)`), per force. */
    gaps: string[];
    /** The first error, as file, line, column and message. */
    error?: { file: string; line: number; column: number; message: string };
    /** A refusal that is not a problem in a source (stderr's "gdl: …"). */
    refusal?: string;
}

/** Reads the build's output: the summary, the gap refusal, the first error line, or the usage refusal. */
export function readBuildOutput(stdout: string, stderr: string): BuildOutcome {
    const published = /^Published (\d+) files to /m.exec(stdout);
    const gaps = [...stdout.matchAll(/^(?:.*: )?Not covered: (.+?)(?: \(suspect cover: .*\))? \(use --allow-gaps/gm)].flatMap(m =>
        m[1]!.split(', ')
    );
    const error = /^(.+?):(\d+):(\d+) error (GDL\d{4} .*)$/m.exec(stdout);
    const refusal = /^gdl: (.*)$/m.exec(stderr)?.[1];
    return {
        published: published ? { files: Number(published[1]) } : undefined,
        gaps,
        error: error ? { file: error[1]!, line: Number(error[2]), column: Number(error[3]), message: error[4]! } : undefined,
        refusal
    };
}
