import type { PackageDescription } from './package-model.js';
import { xmlDocument, xmlId } from './xml-document.js';

/** imsmanifest.xml for SCORM 1.2 (IMS CP 1.1.2 with ADL's extensions): one organisation, one item, one SCO. */
export function scorm12Manifest(p: PackageDescription): string {
    const resource = xmlId('resource', p.name);
    return xmlDocument({
        manifest: {
            '@_identifier': xmlId('gdl', p.name),
            '@_version': '1.0',
            '@_xmlns': 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
            '@_xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
            '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
            '@_xsi:schemaLocation': [
                'http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd',
                'http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd'
            ].join(' '),
            metadata: { schema: 'ADL SCORM', schemaversion: '1.2' },
            organizations: {
                '@_default': xmlId('organisation', p.name),
                organization: {
                    '@_identifier': xmlId('organisation', p.name),
                    title: p.title,
                    item: {
                        '@_identifier': xmlId('item', p.name),
                        '@_identifierref': resource,
                        '@_isvisible': 'true',
                        title: p.title,
                        // A platform that judges pass/fail itself uses the same pass mark as the SCO (0–100).
                        ...(p.masteryScore !== undefined ? { 'adlcp:masteryscore': String(Math.round(p.masteryScore * 100)) } : {})
                    }
                }
            },
            resources: {
                resource: {
                    '@_identifier': resource,
                    '@_type': 'webcontent',
                    '@_adlcp:scormtype': 'sco',
                    '@_href': p.launch,
                    file: p.files.map(href => ({ '@_href': href }))
                }
            }
        }
    });
}
