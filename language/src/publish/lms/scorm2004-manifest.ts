import type { PackageDescription } from './package-model.js';
import { xmlDocument, xmlId } from './xml-document.js';

const namespaces = {
    '@_xmlns': 'http://www.imsglobal.org/xsd/imscp_v1p1',
    '@_xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_v1p3',
    '@_xmlns:adlseq': 'http://www.adlnet.org/xsd/adlseq_v1p3',
    '@_xmlns:adlnav': 'http://www.adlnet.org/xsd/adlnav_v1p3',
    '@_xmlns:imsss': 'http://www.imsglobal.org/xsd/imsss',
    '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    '@_xsi:schemaLocation': [
        'http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd',
        'http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd',
        'http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd',
        'http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd',
        'http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd'
    ].join(' ')
};

/** imsmanifest.xml for SCORM 2004 4th edition: one organisation, one item, one SCO that sets its own completion and success. */
export function scorm2004Manifest(p: PackageDescription): string {
    const resource = xmlId('resource', p.name);
    return xmlDocument({
        manifest: {
            '@_identifier': xmlId('gdl', p.name),
            '@_version': '1',
            ...namespaces,
            metadata: { schema: 'ADL SCORM', schemaversion: '2004 4th Edition' },
            organizations: {
                '@_default': xmlId('organisation', p.name),
                organization: {
                    '@_identifier': xmlId('organisation', p.name),
                    title: p.title,
                    item: {
                        '@_identifier': xmlId('item', p.name),
                        '@_identifierref': resource,
                        title: p.title,
                        // The SCO reports completion and pass/fail itself (quiz.js); the platform is not to infer them.
                        'imsss:sequencing': {
                            'imsss:deliveryControls': { '@_completionSetByContent': 'true', '@_objectiveSetByContent': 'true' }
                        }
                    }
                }
            },
            resources: {
                resource: {
                    '@_identifier': resource,
                    '@_type': 'webcontent',
                    '@_adlcp:scormType': 'sco',
                    '@_href': p.launch,
                    file: p.files.map(href => ({ '@_href': href }))
                }
            }
        }
    });
}
