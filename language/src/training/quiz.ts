import type * as ast from '../generated/ast.js';

/** The pass mark of a module that states none, in per cent. */
export const DEFAULT_PASS_MARK = 80;

export type QuestionKind = 'single-answer' | 'multiple-answer' | 'true-false';

export interface QuizOption {
    text: string;
    correct: boolean;
}

/** A knowledge check as every output asks it: the course pack, the learning platforms' packages and the question banks. */
export interface QuizQuestion {
    id: string;
    kind: QuestionKind;
    question: string;
    /** For a true/false question, "True" then "False". */
    options: QuizOption[];
    rationale: string | undefined;
    /** The learning outcomes it assesses. */
    assesses: string[];
}

/** Questions always asked (no pool), or a pool of which `draw` are asked at each attempt. */
export interface QuizSection {
    pool: { id: string; title: string | undefined; draw: number } | undefined;
    questions: QuizQuestion[];
}

/** A module's assessment: its sections, its pass mark and how many questions an attempt asks. */
export interface Quiz {
    module: string;
    title: string;
    passMark: number;
    /** Whether the pass mark is the module's own or the default. */
    passMarkStated: boolean;
    sections: QuizSection[];
    /** Questions asked at each attempt: every question outside a pool, and each pool's draw. */
    asked: number;
}

/** How a question's kind is put to a learner, in every output that asks it. */
export const questionKindText: Readonly<Record<QuestionKind, string>> = {
    'single-answer': 'Select one',
    'multiple-answer': 'Select all that apply',
    'true-false': 'True or false'
};

export function questionKind(check: ast.KnowledgeCheck): QuestionKind {
    return (check.kind as QuestionKind | undefined) ?? 'single-answer';
}

/** A check's options as asked; a true/false question's are "True" and "False". */
export function questionOptions(check: ast.KnowledgeCheck): QuizOption[] {
    if (questionKind(check) === 'true-false') {
        return [
            { text: 'True', correct: check.answer === 'true' },
            { text: 'False', correct: check.answer === 'false' }
        ];
    }
    return check.options.map(o => ({ text: o.text, correct: o.correct }));
}

export function quizQuestion(check: ast.KnowledgeCheck): QuizQuestion {
    return {
        id: check.name,
        kind: questionKind(check),
        question: check.question ?? '',
        options: questionOptions(check),
        rationale: check.rationale,
        assesses: check.assesses.map(a => a.$refText)
    };
}

/** The pools a check belongs to (normally none or one). */
export function poolsOf(check: ast.KnowledgeCheck): ast.QuestionPool[] {
    return check.$container.pools.filter(p => p.checks.some(c => c.ref === check));
}

/** A module's assessment. A check in two pools is asked from the first. */
export function moduleQuiz(module: ast.TrainingModule): Quiz {
    const pooled = new Set<ast.KnowledgeCheck>();
    const pools: QuizSection[] = [];
    for (const pool of module.pools) {
        const checks = pool.checks.map(c => c.ref).filter((c): c is ast.KnowledgeCheck => c !== undefined && !pooled.has(c));
        checks.forEach(c => pooled.add(c));
        pools.push({
            pool: { id: pool.name, title: pool.title, draw: Math.min(pool.draw, checks.length) },
            questions: checks.map(quizQuestion)
        });
    }
    const always: QuizSection = { pool: undefined, questions: module.checks.filter(c => !pooled.has(c)).map(quizQuestion) };
    const sections = [always, ...pools].filter(s => s.questions.length > 0);
    return {
        module: module.name,
        title: module.title,
        passMark: module.passMark ?? DEFAULT_PASS_MARK,
        passMarkStated: module.passMark !== undefined,
        sections,
        asked: sections.reduce((n, s) => n + (s.pool ? s.pool.draw : s.questions.length), 0)
    };
}

/** A 32-bit FNV-1a hash of a string: the seed of a shuffle. */
function hash(text: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
}

/** Mulberry32: a small, fast generator of numbers in [0, 1), the same sequence for the same seed. */
function generator(seed: number): () => number {
    let state = seed;
    return () => {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/**
 * The items in an order decided by the seed alone (Fisher–Yates): the same seed gives the same order
 * in every build, so a learner edition built twice from the same sources is byte-identical.
 */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
    const random = generator(hash(seed));
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
}

/** The seed of a learner's draw and shuffle: the same pack and module give the same questions in the same order, in every edition and package. */
export const learnerSeed = (course: ast.CoursePack, module: { name: string }) => `${course.name}/${module.name}`;

/** A question's options in the order a learner sees them: shuffled by the seed, except true/false (always True, False). */
export function learnerOptions(question: QuizQuestion, seed: string): QuizOption[] {
    return question.kind === 'true-false' ? question.options : seededShuffle(question.options, `${seed}/${question.id}`);
}

/** The questions of one attempt drawn by the seed: every question outside a pool and each pool's draw, in the order written. */
export function drawQuestions(quiz: Quiz, seed: string): QuizQuestion[] {
    return quiz.sections.flatMap(section => {
        if (!section.pool) {
            return section.questions;
        }
        const chosen = new Set(seededShuffle(section.questions, `${seed}/${section.pool.id}`).slice(0, section.pool.draw));
        return section.questions.filter(q => chosen.has(q));
    });
}
