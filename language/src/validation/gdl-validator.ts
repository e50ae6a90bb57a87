import type { ValidationChecks } from 'langium';
import { type CommonChecks } from './checks/common-checks.js';
import { type FrameworkChecks } from './checks/framework-checks.js';
import { type GuidanceChecks } from './checks/guidance-checks.js';
import { type PlanChecks, type WaiverChecks } from './checks/plan-checks.js';
import { type TrainingChecks } from './checks/training-checks.js';
import { type AssessmentChecks } from './checks/assessment-checks.js';
import { type EvidenceChecks } from './checks/evidence-checks.js';
import { type CoverageLossChecks } from './checks/coverage-loss-checks.js';
import { type CitationChecks } from './checks/citation-checks.js';
import type { GdlServices } from '../gdl-module.js';
import type { GdlAstType } from '../generated/ast.js';

/** The check classes, injected as services (so a test or an embedding can replace one). */
export type GdlValidationServices = {
    validation: {
        CommonChecks: CommonChecks;
        FrameworkChecks: FrameworkChecks;
        GuidanceChecks: GuidanceChecks;
        TrainingChecks: TrainingChecks;
        AssessmentChecks: AssessmentChecks;
        PlanChecks: PlanChecks;
        WaiverChecks: WaiverChecks;
        EvidenceChecks: EvidenceChecks;
        CoverageLossChecks: CoverageLossChecks;
        CitationChecks: CitationChecks;
    };
};

/** Registers every GDL check with Langium's validation registry. */
export function registerValidationChecks(services: GdlServices): void {
    const {
        CommonChecks: common,
        FrameworkChecks: framework,
        GuidanceChecks: guidance,
        TrainingChecks: training,
        AssessmentChecks: assessment,
        PlanChecks: plan,
        WaiverChecks: waivers,
        EvidenceChecks: evidence,
        CoverageLossChecks: losses,
        CitationChecks: citations
    } = services.validation;
    const checks: ValidationChecks<GdlAstType> = {
        GdlFile: [
            common.textMustBePublishable,
            losses.uncoveredByEditShouldBeReported,
            citations.namedLegislationShouldBeCited,
            citations.sourcesShouldBeAuthoritative
        ],
        Legislation: citations.actAddressShouldBeOfficial,
        Provision: [citations.provisionAddressShouldBeOfficial, citations.provisionShouldBeCurrent],
        AstNode: [common.idMustBeUnique, common.propertiesShouldNotRepeat, common.datesMustBeValid, common.referencesShouldNotRepeat],
        Recommendation: [framework.recommendationMustHaveText, framework.recommendationShouldHaveDeadline],
        Evidence: [framework.evidenceMustHaveTextOrReason, framework.evidenceShouldFollowNumbering, framework.evidenceShouldBeCovered],
        Governed: [guidance.datesShouldBeCoherent, guidance.sourcesShouldPredateApproval],
        Section: [
            guidance.approvedSectionMustNotCiteDraft,
            guidance.sectionShouldHaveOwner,
            guidance.sectionShouldHaveAudience,
            guidance.sectionShouldHaveContent,
            evidence.coverShouldBelongAndBeCurrent,
            evidence.citationsShouldStayInForce
        ],
        TrainingModule: [
            training.moduleShouldBeDeliverable,
            training.runningOrderShouldFitDuration,
            assessment.passMarkShouldBeSet,
            assessment.answersShouldBeBalanced,
            evidence.citationsShouldStayInForce,
            common.publishedIdMustNameAFile
        ],
        Activity: [training.activityShouldSupportOutcome, training.stepShouldUseOwnHandouts],
        Content: training.stepShouldUseOwnHandouts,
        Handout: [training.handoutShouldBeOnFile, training.handoutShouldBeUsed],
        QuestionPool: assessment.poolMustBeDrawable,
        LearningOutcome: [
            training.outcomeShouldMapToCurriculum,
            training.outcomeShouldBeAssessed,
            training.outcomeShouldBePractised,
            evidence.coverShouldBelongAndBeCurrent
        ],
        Exhibit: evidence.exhibitShouldBeOnFile,
        Force: [evidence.forceShouldHavePlan, common.publishedIdMustNameAFile],
        Guidance: common.publishedIdMustNameAFile,
        KnowledgeCheck: assessment.checkMustBeAnswerable,
        CoursePack: [training.courseShouldMatchAudience, common.publishedIdMustNameAFile],
        ActionPlan: [plan.planMustAnswerFramework, common.publishedIdMustNameAFile],
        PlanItem: [
            plan.itemStatusMustMatchProgress,
            plan.itemShouldMeetDeadline,
            plan.itemShouldBeDatedInThePast,
            plan.itemShouldStayInItsRecommendation,
            plan.completedItemMustCiteApproved,
            plan.historyShouldBeInOrder,
            plan.itemShouldBeTheForces,
            evidence.coverShouldBelongAndBeCurrent,
            evidence.citationsShouldStayInForce
        ],
        Waiver: waivers.waiverMustBeCompleteAndCurrent
    };
    services.validation.ValidationRegistry.register(checks);
}
