import type * as ast from '../../generated/ast.js';
import { moduleQuiz } from '../../training/quiz.js';
import { isPublished, type SiteModel } from '../site-model.js';
import { giftBank } from './gift.js';
import { moodleXml } from './moodle-xml.js';
import { lmsPath } from './package-model.js';

/** The modules a site publishes (those of its course packs), each once, by name. */
export function publishedModules(site: SiteModel): ast.TrainingModule[] {
    const modules = new Set(
        site.courses.flatMap(c => c.modules.map(m => m.ref)).filter((m): m is ast.TrainingModule => m !== undefined && isPublished(site, m))
    );
    return [...modules].sort((a, b) => a.name.localeCompare(b.name));
}

/** Every published module's question bank, in Moodle XML and in GIFT, by output path (`banks/<module>.xml`, `.gift.txt`). */
export function questionBanks(site: SiteModel): Map<string, string> {
    const banks = new Map<string, string>();
    for (const module of publishedModules(site)) {
        const quiz = moduleQuiz(module);
        if (quiz.sections.length === 0) {
            continue;
        }
        banks.set(lmsPath.bank(module, 'xml'), moodleXml(quiz));
        banks.set(lmsPath.bank(module, 'gift.txt'), giftBank(quiz));
    }
    return banks;
}
