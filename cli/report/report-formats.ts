/** The formats of `gdl coverage --format` (a module of its own, so that the command line offers them without loading the reports). */
export const reportFormats = ['table', 'markdown', 'html', 'csv', 'json', 'sarif', 'junit'] as const;
export type ReportFormat = (typeof reportFormats)[number];
