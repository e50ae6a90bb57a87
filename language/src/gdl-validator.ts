import type { ValidationChecks } from 'langium';
import { CommonChecks } from './checks/common-checks.js';
import { FrameworkChecks } from './checks/framework-checks.js';
import { GuidanceChecks } from './checks/guidance-checks.js';
import { PlanChecks, WaiverChecks } from './checks/plan-checks.js';
import { TrainingChecks } from './checks/training-checks.js';
import type { GdlServices } from './gdl-module.js';
import type { GdlAstType } from './generated/ast.js';

/** Registers every GDL check with Langium's validation registry. */
export function registerValidationChecks(services: GdlServices): void {
    const facts = services.gdl.WorkspaceFacts;
    const settings = services.gdl.Settings;
    const common = new CommonChecks(facts, services.workspace.AstNodeLocator);
    const framework = new FrameworkChecks(facts, settings);
    const guidance = new GuidanceChecks(settings);
    const training = new TrainingChecks();
    const plan = new PlanChecks(settings);
    const waivers = new WaiverChecks(settings, facts);
    const checks: ValidationChecks<GdlAstType> = {
        GdlFile: common.proseMustNotNestTooDeep,
        AstNode: [common.idMustBeUnique, common.propertiesShouldNotRepeat, common.datesMustBeValid, common.referencesShouldNotRepeat],
        Recommendation: [framework.recommendationMustHaveText, framework.recommendationShouldHaveDeadline],
        Evidence: [framework.evidenceMustHaveTextOrReason, framework.evidenceShouldFollowNumbering, framework.evidenceShouldBeCovered],
        Governed: guidance.datesShouldBeCoherent,
        Section: [guidance.approvedSectionMustNotCiteDraft, guidance.sectionShouldHaveOwner, guidance.sectionShouldHaveAudience,
            guidance.sectionShouldHaveContent],
        TrainingModule: training.moduleShouldBeDeliverable,
        LearningOutcome: [training.outcomeShouldMapToCurriculum, training.outcomeShouldBeAssessed],
        KnowledgeCheck: training.checkMustBeAnswerable,
        CoursePack: training.courseShouldMatchAudience,
        ActionPlan: plan.planMustAnswerFramework,
        PlanItem: [plan.itemStatusMustMatchProgress, plan.itemShouldMeetDeadline, plan.itemShouldBeDatedInThePast,
            plan.itemShouldStayInItsRecommendation, plan.completedItemMustCiteApproved],
        Waiver: waivers.waiverMustBeCompleteAndCurrent,
    };
    services.validation.ValidationRegistry.register(checks);
}
