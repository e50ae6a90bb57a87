/**
 * The one catalogue of GDL diagnostic codes. Docs, quick fixes, SARIF rule ids and tests all name
 * these codes; a code, once published, keeps its meaning.
 */
export interface DiagnosticCodeInfo {
    /** Stable code, e.g. `GDL0201`. */
    readonly code: string;
    /** Short kebab-case name of the rule. */
    readonly name: string;
    /** Default severity: a hint is information editors show discreetly (dots, not a squiggle), with a quick fix where one helps. */
    readonly severity: 'error' | 'warning' | 'info' | 'hint';
    /** Message template; `{name}` placeholders are filled by {@link message}. */
    readonly template: string;
    /** One line on why the rule exists. */
    readonly explanation: string;
}

function define<const T extends Record<string, Omit<DiagnosticCodeInfo, 'name'>>>(codes: T): { [K in keyof T]: DiagnosticCodeInfo } {
    const result = {} as { [K in keyof T]: DiagnosticCodeInfo };
    for (const key of Object.keys(codes) as Array<keyof T>) {
        result[key] = { ...codes[key], name: String(key) } as DiagnosticCodeInfo;
    }
    return result;
}

export const Codes = define({
    // 00xx: syntax and linking
    'syntax-error': {
        code: 'GDL0001',
        severity: 'error',
        template: '{message}',
        explanation: 'The text does not follow the GDL grammar (a character or token the language does not allow here).'
    },
    'unresolved-reference': {
        code: 'GDL0002',
        severity: 'error',
        template: '{message}',
        explanation: 'A reference names a requirement, section, outcome or other item that no file in the workspace defines.'
    },
    'duplicate-id': {
        code: 'GDL0003',
        severity: 'error',
        template: "{kind} id '{id}' is defined more than once in the workspace (also at {other}).",
        explanation: 'Ids are workspace-wide: two definitions make every reference to them ambiguous.'
    },
    'duplicate-property': {
        code: 'GDL0004',
        severity: 'warning',
        template: "'{property}' is given more than once; only the last value is kept.",
        explanation: 'A single-valued property written twice silently loses the first value.'
    },
    'invalid-date': {
        code: 'GDL0005',
        severity: 'error',
        template: "'{date}' is not a calendar date (YYYY-MM-DD).",
        explanation: 'Dates drive review and deadline checks, so they must be real dates.'
    },
    'duplicate-reference': {
        code: 'GDL0006',
        severity: 'warning',
        template: "'{id}' is listed more than once here.",
        explanation: 'A repeated reference is usually a typo for another id.'
    },
    'nesting-too-deep': {
        code: 'GDL0007',
        severity: 'error',
        template: '{what} more than {limit} levels deep here; GDL allows at most {limit}.',
        explanation:
            'Nothing real nests that deep, and the parser and publisher must stay within the stack: the limit (32) is documented and the file is reported, not crashed on.'
    },
    'file-encoding': {
        code: 'GDL0008',
        severity: 'error',
        template: '{message}',
        explanation:
            'GDL sources are UTF-8 text: bytes in another encoding show as U+FFFD and are published wrongly, and a UTF-16 or binary file is not GDL at all (UTF-16 with a byte-order mark is read, with a warning).'
    },
    'too-many-problems': {
        code: 'GDL0009',
        severity: 'info',
        template: '{message}',
        explanation:
            'A file with hundreds of problems is usually not GDL or badly damaged; the first problems say what is wrong, and a bounded list keeps the output and the memory used in proportion.'
    },
    'unpublishable-id': {
        code: 'GDL0010',
        severity: 'error',
        template: "{kind} id '{id}' cannot name a published page: {why}. Give it another id.",
        explanation:
            'Guidance, course packs, modules, plans and forces are published as files and folders named by their ids: `gdl build` refuses a site that would hold a file no system can keep, so the check reports the id first, where it is written.'
    },
    // 01xx: framework
    'evidence-without-text': {
        code: 'GDL0101',
        severity: 'error',
        template: 'Evidence requirement {id} has no text: quote it with `text`, or say why there is none with `untexted`.',
        explanation: 'Requirement text is quoted from the source; where the source has none, that fact is recorded, never invented.'
    },
    'recommendation-without-text': {
        code: 'GDL0102',
        severity: 'error',
        template: 'Recommendation {id} has no text.',
        explanation: 'Recommendation text is quoted from the source so readers can see what was asked.'
    },
    'recommendation-without-deadline': {
        code: 'GDL0103',
        severity: 'warning',
        template: 'Recommendation {id} has no deadline.',
        explanation: 'Deadlines drive the overdue check for action plans.'
    },
    'evidence-outside-recommendation': {
        code: 'GDL0104',
        severity: 'warning',
        template:
            "Evidence requirement {id} does not belong to recommendation {recommendation} (by the report's numbering it belongs to {expected}).",
        explanation: 'The report numbers evidence requirements after their recommendation (12.3 belongs to 12).'
    },
    // 02xx: coverage
    'evidence-not-covered': {
        code: 'GDL0201',
        severity: 'warning',
        template: 'Evidence requirement {id} is not covered{detail}. The requirement: "{text}"',
        explanation:
            'An evidence requirement is covered, for a force as of a date, when approved guidance or training, or a completed plan item, addresses it at the level of assurance asked for (by default evidenced: approved material, or a plan item backed by an exhibit or by approved material that addresses it).'
    },
    'evidence-wrong-kind': {
        code: 'GDL0202',
        severity: 'warning',
        template: 'Evidence requirement {id} needs {required} coverage but is covered only by {actual}.',
        explanation:
            'The framework can say which kinds of coverage a requirement needs, all of them (for example, training for 10.x, guidance and training for 12.3).'
    },
    'waiver-expired': {
        code: 'GDL0203',
        severity: 'warning',
        template: 'The waiver of {id} expired on {date} (as of {asOf}); {id} counts as a gap again.',
        explanation: 'A waiver is granted for a time; once it expires the requirement must be covered or the waiver renewed.'
    },
    'waiver-expiring': {
        code: 'GDL0204',
        severity: 'warning',
        template: 'The waiver of {id} expires on {date}, {when}.',
        explanation: 'Renew or replace a waiver before it lapses and the requirement becomes a gap.'
    },
    'waiver-incomplete': {
        code: 'GDL0205',
        severity: 'error',
        template: 'The waiver of {id} has no {missing}.',
        explanation: 'A waiver needs a reason and the name of who approved it; a waiver (not a not-applicable) also needs an expiry date.'
    },
    'waiver-not-needed': {
        code: 'GDL0206',
        severity: 'info',
        template: '{id} is covered; its waiver is not needed.',
        explanation: 'A waiver on a covered requirement is stale and may mislead an auditor.'
    },
    'waiver-duplicate': {
        code: 'GDL0207',
        severity: 'warning',
        template: '{id} is waived more than once (also at {other}); keep one waiver.',
        explanation:
            'Two waivers of one requirement can disagree (one expired, one not); the coverage takes the first that counts, but an auditor should see one decision.'
    },
    'waiver-not-yet-approved': {
        code: 'GDL0208',
        severity: 'warning',
        template: 'The waiver of {id} is approved on {date}, after the as-of date {asOf}: it does not count yet.',
        explanation: 'A waiver counts from its approval: judged at an earlier date, the requirement was a gap.'
    },
    'evidence-suspect': {
        code: 'GDL0209',
        severity: 'warning',
        template:
            'Evidence requirement {id} was revised on {revised}; its cover was approved before then and is suspect until reviewed: {items}.',
        explanation:
            'When a framework revises a requirement, cover approved against the old text no longer counts until someone reviews it against the new.'
    },
    'uncovered-by-edit': {
        code: 'GDL0210',
        severity: 'warning',
        template: 'Evidence requirement {id} is no longer covered{force}: {label} was its last cover. The requirement: "{text}"',
        explanation:
            'Reported in the file whose edit took away the last cover of a requirement (a section that no longer addresses it, made draft, or deleted), at the section that covered it, for as long as the requirement stays uncovered; the framework reports the gap too (GDL0201).'
    },
    // 03xx: guidance
    'review-date-passed': {
        code: 'GDL0301',
        severity: 'warning',
        template: "{what} '{id}' was due for review by {date} (as of {asOf}).",
        explanation: 'Guidance past its review date may no longer reflect law or practice.'
    },
    'approved-cites-draft': {
        code: 'GDL0302',
        severity: 'error',
        template: "{what} '{id}' relies on '{target}', which is {status}.",
        explanation: 'Approved material must not send readers to, or rest its evidence on, material that is not approved.'
    },
    'approved-without-date': {
        code: 'GDL0303',
        severity: 'warning',
        template: "{what} '{id}' is approved but has no approval date.",
        explanation: 'Auditors need to know when material was approved.'
    },
    'review-before-approval': {
        code: 'GDL0304',
        severity: 'error',
        template: "{what} '{id}' has a review-by date ({reviewBy}) before its approval date ({approved}).",
        explanation: 'A review date before approval is a typing error in one of the dates.'
    },
    'approved-without-review-date': {
        code: 'GDL0305',
        severity: 'warning',
        template: "{what} '{id}' is approved but has no review-by date.",
        explanation: 'Guidance must be reviewed as law and practice change; approved material needs a review date.'
    },
    'approval-in-future': {
        code: 'GDL0306',
        severity: 'warning',
        template: "{what} '{id}' has an approval date ({date}) after the as-of date ({asOf}).",
        explanation: 'Material cannot have been approved in the future; the date is probably mistyped.'
    },
    'section-without-owner': {
        code: 'GDL0307',
        severity: 'warning',
        template: "Section '{id}' has no owner (set `owner` on it or on its document).",
        explanation: 'Every piece of guidance needs someone accountable for keeping it right.'
    },
    'section-without-content': {
        code: 'GDL0308',
        severity: 'warning',
        template: "Section '{id}' has no prose and no subsections.",
        explanation: 'An empty section publishes as a heading with nothing under it.'
    },
    'section-sees-itself': {
        code: 'GDL0309',
        severity: 'warning',
        template: "Section '{id}' refers to itself.",
        explanation: 'A self-reference is almost always a mistyped id.'
    },
    'section-without-audience': {
        code: 'GDL0310',
        severity: 'info',
        template: "Section '{id}' has no audience (set `audience` on it or on its document).",
        explanation: 'Audiences decide which course packs and pages a section appears in.'
    },
    'drafting-note-in-text': {
        code: 'GDL0311',
        severity: 'error',
        template: "{what} is not a draft, but its text carries a drafting note, '{marker}': settle it, or keep the note in a `//` comment.",
        explanation:
            'Approved guidance, training, plans and the shared vocabulary they cite are published as written: a TODO, a TBC or a "verify before publishing" tells readers the text is unfinished. Draft material may carry them; `note`s and `//` comments are where authors talk to authors. An error: `gdl build` publishes nothing while one is present.'
    },
    'file-path-in-text': {
        code: 'GDL0312',
        severity: 'error',
        template:
            "{what} is not a draft, but its text names the file '{path}', which readers cannot open: cite the source itself, or keep the path in a `//` comment.",
        explanation:
            "A path on an author's machine or in the repository (shared/reference/notes.md, ../x, C:\\…, file://…) means nothing on a published page and names internal files; an exhibit's `file` and web addresses are not paths in text. An error: `gdl build` publishes nothing while one is present."
    },
    'source-after-approval': {
        code: 'GDL0313',
        severity: 'warning',
        template:
            "{what} '{id}' was approved on {approved} but cites a source dated {date}: a page approved then cannot rely on it. Re-approve the material, or remove the source.",
        explanation:
            'A source dated after the approval date did not exist when the material was approved, so what the page says it rests on, as at that date, is untrue. Dates are read from the source text (2025-10-22, 22 October 2025, October 2025, a year in brackets such as (2026) or after "Act"); a month or a year is later only when all of it is after the approval date, and numbers in web addresses are not dates. Drafts are not checked.'
    },
    'provision-named-not-cited': {
        code: 'GDL0314',
        severity: 'hint',
        template: "'{words}' names {provision} ({title}), which {what} does not cite: add `cites {provision}`.",
        explanation:
            'A page or a module that relies on a provision should say so with `cites`, so the provision is listed with it, its legal currency is tracked and a change in the law finds every page it touches. A hint, with a quick fix.'
    },
    'provision-named-ambiguously': {
        code: 'GDL0315',
        severity: 'hint',
        template:
            "'{words}' could be section {number} of any of {acts}, and {what} cites none of them: name the Act in the text and cite the provision.",
        explanation:
            'A bare "section 2" is matched to an Act only when the text names the Act nearby or one declared Act has that section; otherwise the reader cannot tell which Act is meant either. A hint.'
    },
    'act-named-not-cited': {
        code: 'GDL0316',
        severity: 'hint',
        template:
            "'{words}' names the {title}, but {what} cites none of its provisions: cite the provision it relies on (declared for that Act: {provisions}), or declare that provision if it is not among them.",
        explanation:
            'Naming an Act without citing any of its provisions leaves the page out of the legal-currency checks of that Act. A hint.'
    },
    'legislation-address-not-official': {
        code: 'GDL0317',
        severity: 'warning',
        template: "{what} address '{address}' is not the official text: {reason}",
        explanation:
            "An Act's address is its page on legislation.gov.uk (https://www.legislation.gov.uk/ukpga/YEAR/CHAPTER, from the title's year and its `chapter`); a provision's is under its Act's, and a section's or schedule's points to that section or schedule (…/section/2A, …/schedule/15). Another site's copy may be out of date or wrong."
    },
    'legal-currency-lapsed': {
        code: 'GDL0318',
        severity: 'warning',
        template:
            'Provision {provision} was last verified on {verified}, more than {months} months before {asOf}: check it against the official text and record the date (`verified`).',
        explanation:
            'The law changes (penalties raised, sections inserted or repealed): a summary not checked against legislation.gov.uk within the configured period (gdl.config.json citations.currencyMonths, default 12) may no longer be the law.'
    },
    'provision-never-verified': {
        code: 'GDL0319',
        severity: 'info',
        template: 'Provision {provision} has no `verified` date: nobody has recorded checking it against the official text.',
        explanation: 'Without a `verified` date on the provision or its Act, the legal currency of its summary cannot be judged.'
    },
    'non-authoritative-source': {
        code: 'GDL0320',
        severity: 'warning',
        template:
            "'{address}' is on {site}, which is not an authority on the law or police practice: cite legislation.gov.uk, the College of Policing APP, CPS legal guidance or gov.uk instead.",
        explanation:
            'Encyclopaedias anyone can edit, forums, social media and blogs are not sources for guidance officers rely on (the list is the nonAuthoritativeSources setting).'
    },
    'verified-after-as-of': {
        code: 'GDL0321',
        severity: 'info',
        template:
            'Provision {provision} is recorded as verified on {verified}, after the as-of date ({asOf}): as at {asOf} it had not been verified.',
        explanation:
            'Judged as at an earlier date (--as-of), a later verification had not happened yet; judged as at today, the date is in the future and probably mistyped.'
    },
    // 04xx: training
    'outcome-not-mapped': {
        code: 'GDL0401',
        severity: 'warning',
        template: "Learning outcome '{id}' is not mapped to any curriculum outcome.",
        explanation:
            'Evidence requirement 10.1 asks that training meets the national curriculum outcomes; every outcome should say which it serves.'
    },
    'outcome-not-assessed': {
        code: 'GDL0402',
        severity: 'warning',
        template: "Learning outcome '{id}' is never assessed by a knowledge check.",
        explanation: 'An outcome nothing checks cannot be shown to have been learned.'
    },
    'check-without-correct-answer': {
        code: 'GDL0403',
        severity: 'error',
        template: "Knowledge check '{id}' has no option marked `correct`.",
        explanation: 'The trainer edition prints the answer key; a check without an answer cannot be marked.'
    },
    'check-without-question': {
        code: 'GDL0404',
        severity: 'error',
        template: "Knowledge check '{id}' has no question.",
        explanation: 'A knowledge check needs a question to ask.'
    },
    'check-too-few-options': {
        code: 'GDL0405',
        severity: 'warning',
        template: "Knowledge check '{id}' has fewer than two options.",
        explanation: 'A single-option question tests nothing.'
    },
    'check-assesses-other-module': {
        code: 'GDL0406',
        severity: 'error',
        template: "Knowledge check '{id}' assesses '{outcome}', an outcome of another module ({module}).",
        explanation: 'A check belongs to the module whose outcomes it assesses.'
    },
    'running-order-mismatch': {
        code: 'GDL0407',
        severity: 'warning',
        template: "The running order of module '{id}' adds up to {total}, {difference} {comparison} the module's duration of {duration}.",
        explanation:
            'A trainer delivers the running order as written: steps that overrun the module cannot be delivered in the time booked, and a running order that falls short leaves time unplanned.'
    },
    'module-without-outcomes': {
        code: 'GDL0408',
        severity: 'warning',
        template: "Training module '{id}' has no learning outcomes.",
        explanation: 'Modules are mapped to the curriculum and the evidence requirements through their outcomes.'
    },
    'course-audience-mismatch': {
        code: 'GDL0409',
        severity: 'warning',
        template: "Course '{id}' is for {audience} but module '{module}' is not.",
        explanation: 'A course pack should contain modules written for its audience.'
    },
    'course-without-modules': {
        code: 'GDL0410',
        severity: 'error',
        template: "Course '{id}' lists no modules.",
        explanation: 'A course pack with no modules produces an empty pack.'
    },
    'step-without-duration': {
        code: 'GDL0411',
        severity: 'warning',
        template: "{step} of module '{id}' has no duration: the running order cannot give the start time of anything after it.",
        explanation:
            "The trainer edition prints the running order with start times; a step without a duration leaves every later start time unknown and the module's total unchecked."
    },
    'outcome-not-supported': {
        code: 'GDL0412',
        severity: 'warning',
        template: "Learning outcome '{id}' is supported by no activity of module '{module}' (`supports {id}`).",
        explanation: 'In a module with activities, an outcome that none of them practises is taught by nothing the learners do.'
    },
    'activity-supports-nothing': {
        code: 'GDL0413',
        severity: 'warning',
        template: "Activity '{id}' supports no learning outcome (`supports`).",
        explanation:
            'An activity is in the running order to practise an outcome; one that supports none cannot be justified in the session plan.'
    },
    'handout-file-missing': {
        code: 'GDL0414',
        severity: 'error',
        template: "Handout '{id}' is the file '{file}', which {problem}.",
        explanation: 'A handout is copied into the course pack; a file that is not there cannot travel with it.'
    },
    'handout-outside-workspace': {
        code: 'GDL0415',
        severity: 'error',
        template: "Handout '{id}' points at '{file}', outside the workspace: give a path inside it, relative to this file.",
        explanation:
            'The course pack is built from the workspace alone: a file outside it, by its path or through a link, is not in the repository that builds the pack, and is never copied into it.'
    },
    'handout-without-file': {
        code: 'GDL0416',
        severity: 'error',
        template: 'Handout \'{id}\' names no file (`file "path"`): there is nothing to copy into the pack.',
        explanation: 'A handout is a file that travels with the course pack; without one the pack lists a resource nobody can hand out.'
    },
    'handout-not-used': {
        code: 'GDL0417',
        severity: 'info',
        template:
            "Handout '{id}' is used by no step of module '{module}' (`uses {id}`): the running order does not say when it is handed out.",
        explanation:
            'The trainer edition lists each handout at the step that uses it; a handout no step uses still travels with the pack, but the trainer is not told when to give it out.'
    },
    'pass-mark-out-of-range': {
        code: 'GDL0418',
        severity: 'error',
        template: "Module '{id}' has a pass mark of {mark}%: a pass mark is between 1% and 100%.",
        explanation: 'The learning platform scores the quiz against the pass mark: 0% passes everyone, over 100% fails everyone.'
    },
    'pass-mark-missing': {
        code: 'GDL0419',
        severity: 'warning',
        template: "Module '{id}' has knowledge checks but no pass mark (`pass-mark N%`): the default of {default}% is used.",
        explanation: 'The pass mark decides who has completed the training; it should be set by the module, not left to a default.'
    },
    'pool-draws-too-many': {
        code: 'GDL0420',
        severity: 'error',
        template: "Pool '{id}' draws {draw} questions from {count}: it cannot draw more than it holds.",
        explanation: 'Each attempt draws questions from the pool at random; it cannot draw more questions than the pool lists.'
    },
    'pool-draws-none': {
        code: 'GDL0421',
        severity: 'error',
        template: "Pool '{id}' draws no questions: its checks are never asked.",
        explanation: 'A pool that draws nothing removes its questions from every attempt.'
    },
    'check-in-two-pools': {
        code: 'GDL0422',
        severity: 'warning',
        template:
            "Knowledge check '{check}' is also in pool '{first}': it is asked from '{first}' only, so pool '{id}' holds one question fewer.",
        explanation:
            'A question is drawn from one pool; listed in two, it counts only in the first, and the second draws from fewer questions than it lists.'
    },
    'pool-check-other-module': {
        code: 'GDL0423',
        severity: 'error',
        template: "Pool '{id}' lists '{check}', a knowledge check of another module ({module}).",
        explanation: "A pool draws from its own module's knowledge checks; another module's check is not in this module's quiz."
    },
    'single-answer-several-correct': {
        code: 'GDL0424',
        severity: 'error',
        template: "Knowledge check '{id}' is single-answer but marks {count} options `correct`: make it `multiple-answer`, or mark one.",
        explanation:
            'A single-answer question offers one choice; with two right answers, a learner who picks either is marked wrong by the platform.'
    },
    'true-false-without-answer': {
        code: 'GDL0425',
        severity: 'error',
        template: "Knowledge check '{id}' is true-false but gives no `answer true` or `answer false`.",
        explanation: 'A true/false question is marked against its stated answer; without one it cannot be marked.'
    },
    'true-false-with-options': {
        code: 'GDL0426',
        severity: 'error',
        template:
            "Knowledge check '{id}' is true-false but lists options: its options are always True and False; state `answer true` or `answer false` instead.",
        explanation: 'A true/false question is asked as True or False; options written for it would be silently ignored.'
    },
    'answer-on-option-question': {
        code: 'GDL0427',
        severity: 'error',
        template:
            "Knowledge check '{id}' is {kind} but gives an `answer`: `answer` is for true-false questions; mark its correct options instead.",
        explanation:
            'A single- or multiple-answer question is marked by its options marked `correct`; an `answer` on it would be silently ignored.'
    },
    'multiple-answer-all-correct': {
        code: 'GDL0428',
        severity: 'warning',
        template: "Knowledge check '{id}' marks every option `correct`: a learner who ticks everything passes it.",
        explanation: 'A multiple-answer question tests judgement only when some of its options are wrong.'
    },
    'answers-same-position': {
        code: 'GDL0429',
        severity: 'warning',
        template:
            "In module '{id}' the correct answer is option {position} in {count} of {counted} single-answer checks: vary its position.",
        explanation:
            'Counted over single-answer checks of three or more options, when a module has at least four: a learner who spots that most answers sit in one place can pass without knowing them.'
    },
    'answers-longest': {
        code: 'GDL0430',
        severity: 'warning',
        template:
            "In module '{id}' the correct answer is the longest option in {count} of {counted} single-answer checks: write wrong options as full as the right one.",
        explanation:
            'Counted over single-answer checks of three or more options, when a module has at least four: test-wise learners pick the longest option, so it must not be a reliable clue.'
    },
    'step-uses-other-module-handout': {
        code: 'GDL0431',
        severity: 'error',
        template: "{step} of module '{id}' uses '{handout}', a handout of another module ({module}).",
        explanation: "A module's course pack carries its own handouts; another module's handout is not copied with it."
    },
    // 05xx: action plan
    'plan-status-percent-inconsistent': {
        code: 'GDL0501',
        severity: 'error',
        template: 'Plan item {id} is {status} but its progress is {progress}%.',
        explanation:
            'Not started means 0%, complete means 100%, in progress lies strictly between, and an unstated status (the publication gives none) has no progress.'
    },
    'plan-deadline-passed': {
        code: 'GDL0502',
        severity: 'warning',
        template: 'Recommendation {id} was due by {deadline} and its plan item is {status} (as of {asOf}).',
        explanation: 'Auditors track overdue recommendations.'
    },
    'plan-missing-recommendation': {
        code: 'GDL0503',
        severity: 'warning',
        template: "Plan '{plan}' has no item for recommendation {id} of {framework}.",
        explanation: 'A published action plan answers every recommendation made to the force.'
    },
    'plan-duplicate-item': {
        code: 'GDL0504',
        severity: 'error',
        template: "Plan '{plan}' has more than one item for recommendation {id}.",
        explanation: 'One recommendation, one plan entry: two entries contradict each other.'
    },
    'plan-addresses-other-recommendation': {
        code: 'GDL0505',
        severity: 'warning',
        template: 'Plan item {id} addresses {evidence}, which belongs to recommendation {other}.',
        explanation: 'Plan entries evidence their own recommendation; addressing another is usually a typo.'
    },
    'plan-recommendation-other-framework': {
        code: 'GDL0506',
        severity: 'error',
        template: 'Plan item {id} refers to a recommendation of {framework}, but the plan responds to {planFramework}.',
        explanation: 'A plan responds to one framework.'
    },
    'plan-without-status': {
        code: 'GDL0507',
        severity: 'warning',
        template: 'Plan item {id} has no status.',
        explanation:
            "Every plan entry says whether it has not started, is in progress, or is complete, or (`unstated`) that the force's publication gives no status."
    },
    'plan-update-in-future': {
        code: 'GDL0508',
        severity: 'warning',
        template: 'Plan item {id} is dated {date}, after the as-of date {asOf}.',
        explanation: 'An update cannot be dated in the future; the date is probably mistyped.'
    },
    'progress-out-of-range': {
        code: 'GDL0509',
        severity: 'error',
        template: 'Progress {progress}% is outside 0–100%.',
        explanation: 'Progress is a percentage.'
    },
    'plan-without-framework': {
        code: 'GDL0510',
        severity: 'error',
        template: "Plan '{plan}' does not say which framework it responds to (`responds-to`).",
        explanation: 'Coverage and deadlines are measured against the framework a plan responds to.'
    },
    'plan-history-out-of-order': {
        code: 'GDL0511',
        severity: 'warning',
        template: 'The update of plan item {id} dated {date} comes after one dated {previous}: {where}.',
        explanation:
            "A plan item's history is read oldest first, its own status and `updated` date last: out of order, the state at a past date would be wrong."
    },
    'plan-item-for-others': {
        code: 'GDL0512',
        severity: 'warning',
        template:
            "Recommendation {id} is made to {recipients}, not to chief constables: the plan cannot claim it. Write `item {id} supporting` to record the force's part.",
        explanation: 'A force answers for the recommendations made to chief constables; for the others it records the support it gave.'
    },
    'plan-supporting-own': {
        code: 'GDL0513',
        severity: 'warning',
        template: 'Recommendation {id} is made to chief constables: the force answers for it, so its item is not `supporting`.',
        explanation: "A recommendation made to the force is the force's to answer, not one it supports."
    },
    // 06xx: evidence on file and forces
    'exhibit-file-missing': {
        code: 'GDL0601',
        severity: 'error',
        template: "Exhibit '{id}' is the file '{file}', which {problem}.",
        explanation: 'An exhibit an inspector asks to see must be on file: a missing file is evidence that is not there.'
    },
    'exhibit-outside-workspace': {
        code: 'GDL0602',
        severity: 'error',
        template: "Exhibit '{id}' points at '{file}', outside the workspace: give a path inside it, relative to this file, or an address.",
        explanation:
            'The workspace must carry its own evidence: a file outside it, by its path or through a link, is not in the repository an auditor receives.'
    },
    'exhibit-without-location': {
        code: 'GDL0603',
        severity: 'warning',
        template: "Exhibit '{id}' does not say where it is: give a `file` in the workspace or an `address`.",
        explanation: 'Evidence on file has a place an inspector can find it.'
    },
    'exhibit-incomplete': {
        code: 'GDL0604',
        severity: 'warning',
        template: "Exhibit '{id}' has no {missing}.",
        explanation: 'An exhibit is described by its kind, its date and its owner, so an auditor knows what it is and who answers for it.'
    },
    'exhibit-verification-incomplete': {
        code: 'GDL0605',
        severity: 'warning',
        template: "Exhibit '{id}' gives {given} but not {missing}: it does not count as verified.",
        explanation: 'A verification says who verified the evidence and when; one without the other cannot be relied on.'
    },
    'exhibit-other-force': {
        code: 'GDL0606',
        severity: 'warning',
        template: "'{id}' is {whose}: it does not count for {own}.",
        explanation: "Each force's guidance, training, plan and exhibits answer for that force alone."
    },
    'force-without-plan': {
        code: 'GDL0607',
        severity: 'warning',
        template: "Force '{id}' has no action plan in its folder.",
        explanation: 'A force answers the framework through its action plan: its plan says what it did and its level of assurance.'
    },
    'outside-every-force': {
        code: 'GDL0608',
        severity: 'warning',
        template:
            "{what} addresses {evidence} but is in no force's folder, so it covers nothing: move it into the folder of the force it answers for.",
        explanation: 'In a workspace of several forces, coverage is per force: material outside every force folder answers for none.'
    },
    'force-folder-taken': {
        code: 'GDL0611',
        severity: 'error',
        template: "Force '{id}' is declared in the same folder as force '{other}': each force needs a folder of its own.",
        explanation: "A force's material is found by its folder; two forces in one folder cannot be told apart."
    },
    'cover-suspect': {
        code: 'GDL0609',
        severity: 'warning',
        template:
            '{what} covers {evidence} as {when}, before {evidence} was revised on {revised}: review it against the new text and record the review (`reviewed DATE`).',
        explanation:
            'Cover approved against a requirement text that has since changed may no longer answer it; it is suspect until someone reviews it.'
    },
    'date-in-future': {
        code: 'GDL0610',
        severity: 'warning',
        template: '{what} is dated {date}, after the as-of date {asOf}: it does not count until then.',
        explanation: 'Evidence cannot be dated in the future; the date is probably mistyped.'
    },
    // 07xx: plain English (the prose checks, language/src/prose/: in the editor, and with `gdl check --prose`)
    'prose-readability': {
        code: 'GDL0701',
        severity: 'info',
        template: 'Hard to read for {audience} (reading age {age}): {detail}. Shorter sentences and everyday words help.',
        explanation:
            'Guidance is read in a hurry, often at night: a sentence above the reading age set for its audience is read wrongly or not at all.'
    },
    'prose-simpler': {
        code: 'GDL0702',
        severity: 'info',
        template: "'{actual}' has a simpler alternative: {expected}.",
        explanation: 'Plain English: the everyday word is understood faster and by more readers.'
    },
    'prose-passive': {
        code: 'GDL0703',
        severity: 'info',
        template: "'{actual}' may be passive voice: say who does it.",
        explanation: 'Instructions in the passive hide who must act ("the victim should be contacted": by whom?).'
    },
    'prose-inconsiderate': {
        code: 'GDL0704',
        severity: 'info',
        template: "'{actual}' may be inconsiderate{expected}.",
        explanation: 'Wording that excludes or labels people (victims, officers, the public) undermines trust in the guidance.'
    },
    'prose-repeated-word': {
        code: 'GDL0705',
        severity: 'warning',
        template: "'{word}' is repeated.",
        explanation: 'A repeated word is almost always a slip.'
    },
    'prose-article': {
        code: 'GDL0706',
        severity: 'warning',
        template: "Use '{expected}' before '{next}', not '{actual}'.",
        explanation: "'a' or 'an' goes by the sound of the next word (an hour, a user, an MP)."
    },
    'prose-spelling': {
        code: 'GDL0707',
        severity: 'warning',
        template: "'{word}' is not in the en-GB dictionary or the workspace word list{expected}.",
        explanation:
            "A misspelling in published guidance costs it credibility; police and legal terms belong in the word list (language/src/prose/police-words.txt, or the workspace's gdl-words.txt)."
    },
    'workspace-config-invalid': {
        code: 'GDL0708',
        severity: 'warning',
        template: '{problem}; the defaults are used instead.',
        explanation:
            'A workspace config file (gdl.config.json, or the word list gdl-words.txt) that cannot be read or understood is reported, and the checks fall back to their defaults.'
    },
    'prose-too-long': {
        code: 'GDL0709',
        severity: 'warning',
        template:
            'This text is {length} characters long: the plain-English checks read texts of up to {limit}, so none of them is run on it. Split it into sections to have it checked.',
        explanation:
            'The checks need memory in proportion to a text (about 300 bytes a character): a text of millions of characters would take gigabytes and minutes, in the editor on every edit. No real section is near the limit (a book is about 500,000 characters); a text past it is reported rather than checked.'
    }
});

export type CodeName = keyof typeof Codes;

/** All codes, in code order (for docs and SARIF rule tables). */
export function allCodes(): DiagnosticCodeInfo[] {
    return Object.values(Codes).sort((a, b) => a.code.localeCompare(b.code));
}

/** Fills a code's message template. Unknown placeholders are left visible rather than dropped. */
export function message(name: CodeName, args: Record<string, string | number>): string {
    return Codes[name].template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in args ? String(args[key]) : whole));
}

/** Looks up a catalogue entry by its code (`GDL0201`). */
export function codeInfo(code: string): DiagnosticCodeInfo | undefined {
    return Object.values(Codes).find(c => c.code === code);
}
