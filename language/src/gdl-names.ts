import type { AstNode } from 'langium';
import * as ast from './generated/ast.js';

/** The name a node is known by in the workspace index: provisions are qualified by their Act. */
export function exportedName(node: AstNode, name: string): string {
    if (ast.isProvision(node)) {
        return `${node.$container.name}.${name}`;
    }
    return name;
}

/** A human label for the kind of a named node, used in messages. */
export function kindLabel(node: AstNode): string {
    switch (node.$type) {
        case ast.Evidence.$type:
            return 'Evidence requirement';
        case ast.Recommendation.$type:
            return 'Recommendation';
        case ast.Section.$type:
            return 'Section';
        case ast.Guidance.$type:
            return 'Guidance document';
        case ast.TrainingModule.$type:
            return 'Training module';
        case ast.LearningOutcome.$type:
            return 'Learning outcome';
        case ast.CurriculumOutcome.$type:
            return 'Curriculum outcome';
        case ast.KnowledgeCheck.$type:
            return 'Knowledge check';
        case ast.Activity.$type:
            return 'Activity';
        case ast.Handout.$type:
            return 'Handout';
        case ast.QuestionPool.$type:
            return 'Question pool';
        case ast.CoursePack.$type:
            return 'Course';
        case ast.ActionPlan.$type:
            return 'Plan';
        case ast.Framework.$type:
            return 'Framework';
        case ast.Curriculum.$type:
            return 'Curriculum';
        case ast.Legislation.$type:
            return 'Legislation';
        case ast.Provision.$type:
            return 'Provision';
        case ast.Audience.$type:
            return 'Audience';
        default:
            return node.$type;
    }
}
