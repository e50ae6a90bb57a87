import * as vscode from 'vscode';
import type { CoverageReport, ReportItem, ReportRecommendation, ReportRequirement } from '../../language/src/coverage/coverage-report.js';

type Node =
    | { kind: 'recommendation'; recommendation: ReportRecommendation }
    | { kind: 'requirement'; requirement: ReportRequirement }
    | { kind: 'item'; item: ReportItem };

const stateIcons: Record<ReportRequirement['state'], vscode.ThemeIcon> = {
    covered: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
    'wrong-kind': new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
    waived: new vscode.ThemeIcon('circle-slash'),
    uncovered: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
};

/** The coverage view: recommendations, their evidence requirements and state, and what covers each; click to jump. */
export class CoverageView implements vscode.TreeDataProvider<Node> {
    private data: CoverageReport | undefined;
    private readonly changed = new vscode.EventEmitter<Node | undefined>();
    readonly onDidChangeTreeData = this.changed.event;

    update(data: CoverageReport): void {
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
            const { framework, id } = node.recommendation;
            return this.data.requirements
                .filter(r => r.framework === framework && r.recommendation === id)
                .map(requirement => ({ kind: 'requirement', requirement }));
        }
        if (node.kind === 'requirement') {
            return node.requirement.items.map(item => ({ kind: 'item', item }));
        }
        return [];
    }

    getTreeItem(node: Node): vscode.TreeItem {
        if (node.kind === 'recommendation') {
            const r = node.recommendation;
            const satisfied = r.covered + r.waived;
            // A recommendation with no evidence requirements (15, to PCCs) has nothing to expand.
            const item = new vscode.TreeItem(
                `Recommendation ${r.id}`,
                r.requirements > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None
            );
            item.description =
                r.requirements === 0 ? 'no evidence requirements' : `${satisfied}/${r.requirements} covered${r.overdue ? ', overdue' : ''}`;
            item.iconPath = satisfied === r.requirements ? stateIcons.covered : stateIcons.uncovered;
            return item;
        }
        if (node.kind === 'requirement') {
            const r = node.requirement;
            const item = new vscode.TreeItem(
                r.id,
                r.items.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None
            );
            item.description =
                r.state === 'covered'
                    ? `covered by ${r.items.filter(i => i.counts).length}`
                    : r.state === 'wrong-kind'
                      ? `needs ${r.required.join(' and ')}`
                      : r.state === 'waived'
                        ? 'waived'
                        : 'not covered';
            item.tooltip = new vscode.MarkdownString(
                `**${r.id}** — ${r.text ?? `_no text in the source: ${r.untexted ?? ''}_`}${r.deadline ? `\n\nDue ${r.deadline}` : ''}`
            );
            item.iconPath = stateIcons[r.state];
            item.command = openAt(r.file, r.line, r.column);
            return item;
        }
        const i = node.item;
        const item = new vscode.TreeItem(i.label, vscode.TreeItemCollapsibleState.None);
        item.description = i.counts ? i.kind : `${i.kind}, not counted: ${i.reason ?? ''}`;
        item.iconPath = new vscode.ThemeIcon(i.kind === 'guidance' ? 'book' : i.kind === 'training' ? 'mortar-board' : 'checklist');
        item.command = openAt(i.file, i.line, i.column);
        return item;
    }
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
