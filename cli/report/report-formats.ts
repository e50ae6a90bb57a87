/** The formats of `gdl coverage --format`. */
export const reportFormats = ['table', 'markdown', 'html', 'csv', 'json', 'sarif', 'junit'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** One report `gdl check --report` writes: its format and file. */
export interface ReportRequest {
    readonly format: ReportFormat;
    readonly file: string;
}

// The format a report file's name implies, when `--report` gives only the file.
const formatsByExtension: Record<string, ReportFormat> = {
    '.html': 'html',
    '.htm': 'html',
    '.md': 'markdown',
    '.csv': 'csv',
    '.json': 'json',
    '.sarif': 'sarif',
    '.xml': 'junit',
    '.txt': 'table'
};

/**
 * `--report html:coverage.html`, or `--report coverage.html` (the format from the extension): the format and the
 * file, or a message saying what is wrong (the caller makes it a usage error).
 */
export function parseReportRequest(value: string): ReportRequest | string {
    const named = /^([a-z]*):$/.exec(value);
    if (named) {
        return `'${value}' names no file; write the file after the format, as in ${named[1] || 'html'}:coverage.html.`;
    }
    if (value.startsWith(':')) {
        return `'${value}' names no format before the ':'; write one, as in html${value} (formats: ${reportFormats.join(', ')}).`;
    }
    const prefixed = /^([a-z]+):(.+)$/.exec(value);
    if (prefixed && (reportFormats as readonly string[]).includes(prefixed[1]!)) {
        return { format: prefixed[1] as ReportFormat, file: prefixed[2]! };
    }
    // (A single letter is a Windows drive: c:report.html.)
    if (prefixed && prefixed[1]!.length > 1) {
        return `'${prefixed[1]}' is not a report format; use ${reportFormats.join(', ')} (as in html:coverage.html).`;
    }
    const extension = /\.[a-z]+$/i.exec(value)?.[0]?.toLowerCase();
    const format = extension ? formatsByExtension[extension] : undefined;
    return format
        ? { format, file: value }
        : `Cannot tell the format of '${value}' from its name; write it first, as in html:${value} (formats: ${reportFormats.join(', ')}).`;
}

/**
 * How each format's reports begin (the single force's and, where there is one, the matrix by force), so that a file
 * already there is known for an earlier report: only such a file is replaced by a new one (`checkReportFile`).
 */
const reportBeginnings: readonly RegExp[] = [
    /^Rec +Req +State /, // table
    /^Coverage by force as of /, // table, --by-force
    /^# Evidence requirement coverage/, // markdown
    /^<!doctype html>\n<html lang="en"><head>[^]*?<title>Evidence requirement coverage/, // html, either
    /^(framework,recommendation,requirement|force,forceName,framework),/, // csv, either
    /^\{\s*"\$schema": "urn:gdl:schema:coverage-report:/, // json, either
    /^\{\s*"\$schema": "https:\/\/json\.schemastore\.org\/sarif-[\d.]+\.json",[^]*?"name": "gdl"/, // sarif
    /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<testsuites name="GDL coverage / // junit
];

/** How much of a file is read to tell whether it is an earlier report. */
export const REPORT_HEAD_LENGTH = 2048;

/** Whether a file's first {@link REPORT_HEAD_LENGTH} characters are those of a report gdl wrote, in any format. */
export function isEarlierReport(head: string): boolean {
    return reportBeginnings.some(beginning => beginning.test(head));
}
