/**
 * How strong cover is: something approved or complete points at the requirement (addressed); it is
 * backed by approved guidance or training, or by an exhibit on file (evidenced); an exhibit verified
 * by someone other than the item's lead backs it (verified). A module of its own, without the coverage
 * model's imports, so that the command line can offer the levels without loading the language.
 */
export type AssuranceLevel = 'addressed' | 'evidenced' | 'verified';
export const assuranceLevels: readonly AssuranceLevel[] = ['addressed', 'evidenced', 'verified'];
