import type { AstNode, AstNodeDescription } from 'langium';
import { DefaultNodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';

/**
 * What each kind of declaration shows as in the outline, breadcrumbs, "Go to Symbol" and completion: Langium gives
 * every node the same kind (a field), so a writer's outline was a column of identical icons. The kinds LSP has are a
 * programmer's; these are chosen for their icons' shapes: documents as modules, sections as namespaces (nested
 * blocks), recommendations as classes with their requirements as properties, people and places as objects.
 */
const kinds: Record<string, [SymbolKind, CompletionItemKind]> = {
    Framework: [SymbolKind.Package, CompletionItemKind.Module],
    Recommendation: [SymbolKind.Class, CompletionItemKind.Class],
    Evidence: [SymbolKind.Property, CompletionItemKind.Property],
    Guidance: [SymbolKind.Module, CompletionItemKind.Module],
    Section: [SymbolKind.Namespace, CompletionItemKind.Reference],
    TrainingModule: [SymbolKind.Module, CompletionItemKind.Module],
    CoursePack: [SymbolKind.Module, CompletionItemKind.Module],
    LearningOutcome: [SymbolKind.Event, CompletionItemKind.Event],
    Activity: [SymbolKind.Method, CompletionItemKind.Method],
    Content: [SymbolKind.Method, CompletionItemKind.Method],
    Interlude: [SymbolKind.Method, CompletionItemKind.Method],
    KnowledgeCheck: [SymbolKind.Interface, CompletionItemKind.Interface],
    QuestionPool: [SymbolKind.Array, CompletionItemKind.Folder],
    Handout: [SymbolKind.File, CompletionItemKind.File],
    Curriculum: [SymbolKind.Package, CompletionItemKind.Module],
    CurriculumOutcome: [SymbolKind.Event, CompletionItemKind.Event],
    ActionPlan: [SymbolKind.Module, CompletionItemKind.Module],
    PlanItem: [SymbolKind.EnumMember, CompletionItemKind.EnumMember],
    Waiver: [SymbolKind.Null, CompletionItemKind.Value],
    Exhibit: [SymbolKind.File, CompletionItemKind.File],
    Legislation: [SymbolKind.Package, CompletionItemKind.Module],
    Provision: [SymbolKind.Constant, CompletionItemKind.Constant],
    Audience: [SymbolKind.Object, CompletionItemKind.Unit],
    Force: [SymbolKind.Object, CompletionItemKind.Unit]
};

export class GdlNodeKindProvider extends DefaultNodeKindProvider {
    override getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        return kinds[typeOf(node)]?.[0] ?? super.getSymbolKind(node);
    }

    override getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return kinds[typeOf(node)]?.[1] ?? super.getCompletionItemKind(node);
    }
}

const typeOf = (node: AstNode | AstNodeDescription): string => ('$type' in node ? node.$type : node.type);
