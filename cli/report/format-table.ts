import { recommendationOverdueText } from '../../language/src/coverage/coverage-words.js';
import { count } from '../../language/src/wording.js';
import { createColors } from 'picocolors';
import { cellsOf, matrixColumns } from './force-matrix.js';
import type { CoverageReport, ForceRow, ReportRecommendation, ReportRequirement } from '../../language/src/coverage/coverage-report.js';
import {
    forOthersText,
    stateNames,
    stateSymbols,
    stateText,
    timelinessNames,
    totalsSentence
} from '../../language/src/coverage/coverage-words.js';
import { append, largest } from '../../language/src/arrays.js';

type Colours = ReturnType<typeof createColors>;

type State = ReportRequirement['state'];

// In lower case, but a gap in capitals: the terminal's emphasis, on the shared words. Made to others: "For PCCs", as said.
const stateWord = (r: Pick<ReportRequirement, 'state' | 'recipients'>) =>
    r.state === 'uncovered'
        ? stateNames.uncovered.short.toUpperCase()
        : r.state === 'for-others'
          ? stateText(r, true)
          : stateNames[r.state].short.toLowerCase();

function painter(c: Colours) {
    return (state: State, text: string) =>
        state === 'covered'
            ? c.green(text)
            : state === 'waived'
              ? c.cyan(text)
              : state === 'for-others'
                ? c.dim(text)
                : state === 'wrong-kind' || state === 'suspect'
                  ? c.yellow(text)
                  : c.red(c.bold(text));
}

/** When it was met, or that it was not: "on time 2025-02-14", "met late 2025-09-19", "OVERDUE", "due"; "-" when waived or for others. */
function timelinessCell(r: ReportRequirement): string {
    if (!r.timeliness) {
        return '-';
    }
    if (r.timeliness === 'overdue') {
        return 'OVERDUE';
    }
    return `${timelinessNames[r.timeliness]}${r.firstMet && (r.timeliness === 'on-time' || r.timeliness === 'met-late' || r.timeliness === 'met') ? ` ${r.firstMet}` : ''}`;
}

/** A recommendation's line above its requirements: who leads the force's answer, and whether it is the force's to answer at all. */
function recommendationLine(rec: ReportRecommendation | undefined, id: string): string {
    const parts = [`Recommendation ${id}`];
    if (rec?.forOthers) {
        parts.push(`${forOthersText(rec.recipients)}: listed, not counted`);
    }
    parts.push(`owner: ${rec?.owner ?? 'none named'}`);
    return parts.join(' · ');
}

/**
 * The terminal matrix: one row per requirement (state, level reached, due date, timeliness), then one line per
 * counted covering item, with its kind and its whole `file:line`; each recommendation's requirements under a line
 * naming its owner; colour only when `colour` (a TTY). Nothing is ever cut: a location is what an auditor opens,
 * and the items share one column (not one per kind) so that full paths still fit a terminal's width.
 * With --by-force, the forces × requirements matrix instead ({@link formatForceTable}).
 */
export function formatTable(report: CoverageReport, colour: boolean): string {
    if (report.byForce) {
        return formatForceTable(report, colour);
    }
    const c = createColors(colour);
    const paint = painter(c);
    const header = ['Rec', 'Req', 'State', 'Level', 'Due', 'Met', 'Covered by (file:line)'];
    const fixed = header.length - 1;
    const rows = report.requirements.map(r => {
        const items = r.items.filter(i => i.counts).map(i => `${i.kind.padEnd(8)}  ${i.id} (${i.file}:${i.line})`);
        // Suspect: what would cover it, had it been reviewed since the requirement was revised.
        append(
            items,
            r.items.filter(i => i.suspect && !i.counts).map(i => `${i.kind.padEnd(8)}  ${i.id} (${i.file}:${i.line}) — suspect`)
        );
        // What points at the requirement but does not count (a plan item in progress, a draft), and why.
        append(
            items,
            r.items
                .filter(i => !i.suspect && !i.counts)
                .map(i => `${i.kind.padEnd(8)}  ${i.id} (${i.file}:${i.line}) — not counted${i.reason ? `: ${i.reason}` : ''}`)
        );
        return {
            r,
            cells: [r.recommendation, r.id, stateWord(r), r.level ?? '-', r.deadline ?? '-', timelinessCell(r)],
            items: items.length > 0 ? items : ['-']
        };
    });
    const widths = header.slice(0, fixed).map((h, i) => largest([h.length, ...rows.map(row => row.cells[i]!.length)]));
    const lines = [
        c.bold([...header.slice(0, fixed).map((h, i) => h.padEnd(widths[i]!)), header[fixed]!].join('  ')),
        [...widths, largest([header[fixed]!.length, ...rows.flatMap(row => row.items.map(item => item.length))])]
            .map(w => '─'.repeat(w))
            .join('  ')
    ];
    const blank = widths.map(w => ' '.repeat(w)).join('  ');
    const recommendations = new Map(report.recommendations.map(rec => [`${rec.framework}/${rec.id}`, rec]));
    let group = '';
    for (const { r, cells, items } of rows) {
        const key = `${r.framework}/${r.recommendation}`;
        if (key !== group) {
            group = key;
            lines.push(c.dim(recommendationLine(recommendations.get(key), r.recommendation)));
        }
        const first = cells.map((text, i) => {
            const padded = text.padEnd(widths[i]!);
            return i === 2 ? paint(r.state, padded) : i === 5 && r.timeliness === 'overdue' ? c.red(padded) : padded;
        });
        lines.push([...first, items[0]!].join('  ').trimEnd());
        // Continuation lines: the same row, one more covering item each, under the first.
        append(
            lines,
            items.slice(1).map(item => `${blank}  ${item}`)
        );
    }
    lines.push('', c.bold('By recommendation'));
    for (const rec of report.recommendations) {
        const figures = rec.forOthers
            ? `${forOthersText(rec.recipients)}: listed, not counted`
            : `${`${rec.covered + rec.waived}/${rec.requirements}`.padEnd(6)} ${`${rec.percent}%`.padStart(6)}`;
        lines.push(`  ${rec.framework} ${rec.id.padEnd(4)} ${figures}${rec.overdue ? c.red(`  ${recommendationOverdueText(rec)}`) : ''}`);
    }
    lines.push('', c.bold('Overall'), totalsSentence(report));
    if (report.since) {
        const s = report.since;
        lines.push('', c.bold(`Since ${s.ref}`) + `: ${s.gained.length} gained, ${s.lost.length} lost, ${s.changed.length} changed`);
        for (const change of [
            ...s.gained.map(x => ['+', x] as const),
            ...s.lost.map(x => ['-', x] as const),
            ...s.changed.map(x => ['~', x] as const)
        ]) {
            lines.push(`  ${change[0]} ${change[1].id}: ${change[1].before} → ${change[1].after}`);
        }
    }
    return lines.join('\n') + '\n';
}

/**
 * The forces × requirements matrix for the terminal. Forces are the rows and requirements the columns: a force's
 * line is read across (its gaps, then its figures at the end of the line), and a requirement's column needs one
 * character, its last id part under its recommendation's number, where a force's name (up to 39 characters,
 * "Hampshire and Isle of Wight Constabulary") would be as wide as a dozen requirements. A recommendation's
 * requirements sit side by side, one character each, a space between recommendations: 43 forces × 39
 * requirements in 15 recommendations take a name column of 39, 60 columns of matrix and the figures, about
 * 125 characters.
 */
function formatForceTable(report: CoverageReport, colour: boolean): string {
    const c = createColors(colour);
    const paint = painter(c);
    const forces = report.byForce ?? [];
    const groups = matrixColumns(report);
    // A requirement is one character wide (its last id part, or its state's symbol); a group of requirements
    // with a longer last part (10.12) spaces them by that width plus one. A group is at least as wide as its
    // label, and every group ends in a space.
    const columns = groups.map(g => {
        const parts = g.requirements.map(r => r.id.split('.').at(-1)!);
        const longest = largest([1, ...parts.map(p => p.length)]);
        const each = longest === 1 ? 1 : longest + 1;
        const width = Math.max(each * parts.length, g.label.length) + 1;
        return { ...g, parts, each, width };
    });
    const name = largest(['Recommendation'.length, ...forces.map(f => f.title.length)]);
    const row = (label: string, cells: string[]) => `${label.padEnd(name)}  ${cells.join('')}`;
    const figures = (f: ForceRow) =>
        `${`${f.totals.covered + f.totals.waived}/${f.totals.requirements}`.padEnd(5)} ${`${f.totals.percent}%`.padStart(6)}${f.totals.overdue > 0 ? `, ${f.totals.overdue} overdue` : ''}${f.totals.metLate > 0 ? `, ${f.totals.metLate} met late` : ''}`;
    const lines = [
        c.bold(`Coverage by force as of ${report.asOf}${report.recipient ? `, recommendations to ${report.recipient}` : ''}`),
        '',
        row(
            'Recommendation',
            columns.map(g => g.label.padEnd(g.width))
        ).trimEnd(),
        c.bold(
            row(
                'Force',
                columns.map(g =>
                    g.parts
                        .map(p => p.padEnd(g.each))
                        .join('')
                        .padEnd(g.width)
                )
            ) + 'Covered'
        )
    ];
    for (const force of forces) {
        const byId = cellsOf(force.cells);
        const cells = columns.map(g => {
            const text = g.requirements
                .map(r => {
                    const state = byId.get(`${r.framework}/${r.id}`)?.state;
                    return state ? paint(state, stateSymbols[state]) + ' '.repeat(g.each - 1) : ' '.repeat(g.each);
                })
                .join('');
            return text + ' '.repeat(g.width - g.each * g.requirements.length);
        });
        lines.push(`${row(force.title, cells)}${force.totals.percent < 100 ? c.red(figures(force)) : figures(force)}`.trimEnd());
    }
    const states = (['covered', 'waived', 'suspect', 'wrong-kind', 'uncovered', 'for-others'] as const).map(
        s => `${paint(s, stateSymbols[s])} ${stateNames[s].short.toLowerCase()}${s === 'for-others' ? ', not counted' : ''}`
    );
    lines.push('', `Key: ${states.join('   ')}`);
    const others = groups.filter(g => g.forOthers);
    if (others.length > 0) {
        lines.push(`Made to others, listed but not counted: ${others.map(g => `${g.label} (${g.forOthers})`).join(', ')}`);
    }
    const below = forces.filter(f => f.totals.percent < 100).length;
    lines.push(
        `${count(forces.length, 'force')}, ${count(report.requirements.filter(r => r.state !== 'for-others').length, 'requirement')} counted for each; ${count(below, 'force')} below 100%.`,
        `Level of assurance: ${levelsByForce(forces)}; without --level, each force's plan can ask for another.`
    );
    return lines.join('\n') + '\n';
}

/** The level each force is judged at: "evidenced for every force", or "evidenced for Kent Police; verified for Surrey Police". */
function levelsByForce(forces: ReadonlyArray<{ readonly title: string; readonly level: string }>): string {
    const levels = [...new Set(forces.map(f => f.level))];
    if (levels.length === 1) {
        return `${levels[0]} for ${forces.length === 1 ? forces[0]!.title : 'every force'}`;
    }
    return levels
        .map(
            level =>
                `${level} for ${forces
                    .filter(f => f.level === level)
                    .map(f => f.title)
                    .join(', ')}`
        )
        .join('; ');
}
