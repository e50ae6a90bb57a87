import * as vscode from 'vscode';
import type { ReportItem, ReportRecommendation, ReportRequirement } from '../../language/src/coverage/coverage-report.js';
import {
    assuranceText,
    isSatisfied,
    levelNames,
    recommendationOverdueText,
    shortText,
    stateText,
    type CoverageAnswer
} from '../../language/src/lsp/gdl-protocol.js';

type Node =
    | { kind: 'recommendation'; recommendation: ReportRecommendation }
    | { kind: 'requirement'; requirement: ReportRequirement }
    | { kind: 'item'; item: ReportItem };

type State = ReportRequirement['state'];

/**
 * Each state's one icon and colour, wherever the view shows it, and how bad it is: a recommendation
 * shows the worst state among its requirements, so it never looks better than one of them. Made to
 * others (PCCs, the NPCC…) is not a failure of the force: information, not an error.
 */
const stateLooks: Record<State, { icon: vscode.ThemeIcon; rank: number }> = {
    uncovered: { icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')), rank: 5 },
    'wrong-kind': { icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')), rank: 4 },
    suspect: { icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')), rank: 3 },
    waived: { icon: new vscode.ThemeIcon('circle-slash'), rank: 2 },
    covered: { icon: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')), rank: 1 },
    'for-others': { icon: new vscode.ThemeIcon('organization'), rank: 0 }
};

/** The worst of some states (covered when there are none). */
export function worstState(states: readonly State[]): State {
    return states.reduce<State>((worst, state) => (stateLooks[state].rank > stateLooks[worst].rank ? state : worst), 'covered');
}

/**
 * The coverage view, for the force of the active file at the level of assurance in force (the view's
 * description names both): recommendations, their evidence requirements with state, level and
 * timeliness, and what covers each; click to jump.
 */
export class CoverageView implements vscode.TreeDataProvider<Node> {
    private data: CoverageAnswer | undefined;
    private readonly changed = new vscode.EventEmitter<Node | undefined>();
    readonly onDidChangeTreeData = this.changed.event;

    update(data: CoverageAnswer): void {
        this.data = data;
        this.changed.fire(undefined);
    }

    getChildren(node?: Node): Node[] {
        if (!this.data) {
            return [];
        }
        if (!node) {
            return this.data.recommendations.map(recommendation => ({ kind: 'recommendation', recommendation }));
        }
        if (node.kind === 'recommendation') {
            return this.requirementsOf(node.recommendation).map(requirement => ({ kind: 'requirement', requirement }));
        }
        if (node.kind === 'requirement') {
            return node.requirement.items.map(item => ({ kind: 'item', item }));
        }
        return [];
    }

    private requirementsOf(recommendation: ReportRecommendation): ReportRequirement[] {
        const { framework, id } = recommendation;
        return (this.data?.requirements ?? []).filter(r => r.framework === framework && r.recommendation === id);
    }

    getTreeItem(node: Node): vscode.TreeItem {
        if (node.kind === 'recommendation') {
            return recommendationItem(node.recommendation, this.requirementsOf(node.recommendation));
        }
        if (node.kind === 'requirement') {
            return requirementItem(node.requirement, this.data);
        }
        const i = node.item;
        const item = new vscode.TreeItem(i.label, vscode.TreeItemCollapsibleState.None);
        const level = i.level ? `, ${i.level}` : '';
        item.description = i.counts ? `${i.kind}${level}` : `${i.kind}${level}, not counted: ${i.reason ?? ''}`;
        item.tooltip = new vscode.MarkdownString(
            [
                `**${i.label}**${i.owner ? ` — ${i.owner}` : ''}`,
                i.since ? `Approved or completed ${i.since}` : '',
                i.exhibits.length > 0 ? `Exhibits: ${i.exhibits.map(e => e.title).join('; ')}` : ''
            ]
                .filter(Boolean)
                .join('\n\n')
        );
        item.iconPath = i.suspect
            ? stateLooks.suspect.icon
            : new vscode.ThemeIcon(i.kind === 'guidance' ? 'book' : i.kind === 'training' ? 'mortar-board' : 'checklist');
        item.command = openAt(i.file, i.line, i.column);
        return item;
    }
}

function recommendationItem(r: ReportRecommendation, requirements: readonly ReportRequirement[]): vscode.TreeItem {
    const satisfied = r.covered + r.waived;
    // A recommendation with no evidence requirements (15, to PCCs) has nothing to expand.
    const item = new vscode.TreeItem(
        `Recommendation ${r.id}: ${shortText(r.text, 48)}`,
        r.requirements > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None
    );
    const whole = r.text ?? '_The source gives no text for this recommendation._';
    if (r.forOthers) {
        // "For PCCs": listed with what the force did to support it, not counted against it.
        item.description = stateText({ state: 'for-others', recipients: r.recipients });
        item.tooltip = new vscode.MarkdownString(`**Recommendation ${r.id}** — ${whole}\n\n${item.description}`);
        item.iconPath = stateLooks['for-others'].icon;
        return item;
    }
    item.description =
        r.requirements === 0
            ? 'no evidence requirements'
            : [`${satisfied}/${r.requirements} covered`, recommendationOverdueText(r)].filter(Boolean).join(', ');
    item.tooltip = new vscode.MarkdownString(
        [
            `**Recommendation ${r.id}** — ${whole}`,
            `${item.description}${r.deadlines.length > 0 ? ` · due ${r.deadlines.join(', ')}` : ''}`
        ].join('\n\n')
    );
    item.iconPath = stateLooks[worstState(requirements.map(q => q.state))].icon;
    return item;
}

function requirementItem(r: ReportRequirement, report: CoverageAnswer | undefined): vscode.TreeItem {
    const item = new vscode.TreeItem(
        `${r.id} ${shortText(r.text ?? r.untexted, 44)}`,
        r.items.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None
    );
    const state =
        r.state === 'covered'
            ? `covered by ${r.items.filter(i => i.counts).length}`
            : r.state === 'wrong-kind'
              ? `needs ${r.required.join(' and ')}`
              : stateText(r, true).toLowerCase();
    // Level and timeliness for the force's own requirements: "covered by 2 · evidenced, on time (2025-01-10, due 2025-03-27)".
    const own = r.state !== 'for-others' && r.state !== 'waived';
    // Short: what a writer scans for. The level, timeliness and the whole text are in the tooltip.
    item.description = r.state === 'for-others' ? stateText(r) : state;
    const asked = report ? `${levelNames[report.level].label} counts: ${levelNames[report.level].meaning}.` : '';
    item.tooltip = new vscode.MarkdownString(
        [
            `**${r.id}** — ${r.text ?? `_no text in the source: ${r.untexted ?? ''}_`}`,
            `**${stateText(r)}**${own ? ` — ${assuranceText(r)}` : ''}`,
            r.deadline ? `Due ${r.deadline}${r.firstMet ? `; first met ${r.firstMet}` : ''}` : '',
            r.owner ? `Lead: ${r.owner}` : '',
            own && !isSatisfied(r.state) ? asked : ''
        ]
            .filter(Boolean)
            .join('\n\n')
    );
    item.iconPath = stateLooks[r.state].icon;
    item.command = openAt(r.file, r.line, r.column);
    return item;
}

// The report's positions are one-based, as a reader counts them; VS Code's are zero-based.
function openAt(uri: string, line: number, column: number): vscode.Command {
    const position = new vscode.Position(line - 1, column - 1);
    return {
        title: 'Open',
        command: 'vscode.open',
        arguments: [vscode.Uri.parse(uri), { selection: new vscode.Range(position, position) }]
    };
}
