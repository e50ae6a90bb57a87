import { packageIri, type PackageDescription } from './package-model.js';
import { xmlDocument } from './xml-document.js';

const text = (value: string) => ({ langstring: { '@_lang': 'en-GB', '#text': value } });

/**
 * cmi5.xml: the course and its one assignable unit, the learner edition with its assessment. The AU
 * moves on when completed and passed; the mastery score, when the modules share one pass mark, is the
 * one the platform sends back in LMS.LaunchData and the AU then judges by.
 */
export function cmi5Course(p: PackageDescription): string {
    return xmlDocument({
        courseStructure: {
            '@_xmlns': 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd',
            course: { '@_id': packageIri(p), title: text(p.title), description: text(p.description) },
            au: {
                '@_id': packageIri(p, 'learner-edition'),
                '@_moveOn': 'CompletedAndPassed',
                ...(p.masteryScore !== undefined ? { '@_masteryScore': String(p.masteryScore) } : {}),
                '@_launchMethod': 'AnyWindow',
                title: text(p.title),
                description: text(p.description),
                url: p.launch
            }
        }
    });
}
