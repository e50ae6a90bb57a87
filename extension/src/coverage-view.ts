import * as vscode from 'vscode';
import type { CoverageData, CoveringItemData, RequirementData } from '../../language/src/coverage-json.js';

type Node =
    | { kind: 'recommendation'; id: string; requirements: RequirementData[] }
    | { kind: 'requirement'; requirement: RequirementData }
    | { kind: 'item'; item: CoveringItemData };

const stateIcons: Record<RequirementData['state'], vscode.ThemeIcon> = {
    'covered': new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
    'wrong-kind': new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
    'waived': new vscode.ThemeIcon('circle-slash'),
    'uncovered': new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
};

/** The coverage view: recommendations, their evidence requirements and state, and what covers each; click to jump. */
export class CoverageView implements vscode.TreeDataProvider<Node> {
    private data: CoverageData | undefined;
    private readonly changed = new vscode.EventEmitter<Node | undefined>();
    readonly onDidChangeTreeData = this.changed.event;

    update(data: CoverageData): void {
        this.data = data;
        this.changed.fire(undefined);
    }

    getChildren(node?: Node): Node[] {
        if (!this.data) {
            return [];
        }
        if (!node) {
            const groups = new Map<string, RequirementData[]>();
            for (const requirement of this.data.requirements) {
                const key = `${requirement.framework} ${requirement.recommendation}`;
                groups.set(key, [...(groups.get(key) ?? []), requirement]);
            }
            return [...groups.entries()].map(([id, requirements]) => ({ kind: 'recommendation', id, requirements }));
        }
        if (node.kind === 'recommendation') {
            return node.requirements.map(requirement => ({ kind: 'requirement', requirement }));
        }
        if (node.kind === 'requirement') {
            return node.requirement.items.map(item => ({ kind: 'item', item }));
        }
        return [];
    }

    getTreeItem(node: Node): vscode.TreeItem {
        if (node.kind === 'recommendation') {
            const covered = node.requirements.filter(r => r.state === 'covered' || r.state === 'waived').length;
            const item = new vscode.TreeItem(`Recommendation ${node.requirements[0]!.recommendation}`, vscode.TreeItemCollapsibleState.Collapsed);
            item.description = `${covered}/${node.requirements.length} covered`;
            item.iconPath = covered === node.requirements.length ? stateIcons.covered : stateIcons.uncovered;
            return item;
        }
        if (node.kind === 'requirement') {
            const r = node.requirement;
            const item = new vscode.TreeItem(r.id, r.items.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
            item.description = r.state === 'covered' ? `covered by ${r.items.filter(i => i.counts).length}` : r.state === 'wrong-kind' ? `needs ${r.required.join(' and ')}` : r.state === 'waived' ? 'waived' : 'not covered';
            item.tooltip = new vscode.MarkdownString(`**${r.id}** — ${r.text ?? `_no text in the source: ${r.untexted ?? ''}_`}${r.deadlines.length ? `\n\nDue ${r.deadlines.join(', ')}` : ''}`);
            item.iconPath = stateIcons[r.state];
            item.command = openAt(r.uri, r.line, r.character);
            return item;
        }
        const i = node.item;
        const item = new vscode.TreeItem(i.label, vscode.TreeItemCollapsibleState.None);
        item.description = i.counts ? i.kind : `${i.kind}, not counted: ${i.reason ?? ''}`;
        item.iconPath = new vscode.ThemeIcon(i.kind === 'guidance' ? 'book' : i.kind === 'training' ? 'mortar-board' : 'checklist');
        item.command = openAt(i.uri, i.line, i.character);
        return item;
    }
}

function openAt(uri: string, line: number, character: number): vscode.Command {
    const position = new vscode.Position(line, character);
    return { title: 'Open', command: 'vscode.open', arguments: [vscode.Uri.parse(uri), { selection: new vscode.Range(position, position) }] };
}
