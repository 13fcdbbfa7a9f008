/** Loan purposes (借款用途) as codes, so each language shows its own name: an
 *  application stores the code of a listed purpose, or the officer's own words for
 *  any other. The renderer translates codes (purpose.<code>); other text is shown
 *  as typed. */
export const PERSON_PURPOSES = [
  'renovation',
  'car',
  'education',
  'medical',
  'consumption',
  'wedding',
  'travel',
] as const;
export const BUSINESS_PURPOSES = ['workingCapital', 'inventory', 'equipment', 'shopFitOut'] as const;
export const PURPOSES = [...PERSON_PURPOSES, ...BUSINESS_PURPOSES] as const;
export type Purpose = (typeof PURPOSES)[number];

export function isPurposeCode(value: string): value is Purpose {
  return (PURPOSES as readonly string[]).includes(value);
}

/** Purposes as the demo and older releases wrote them ("装修 home renovation"), by
 *  their Chinese words, so they show translated too. */
const LEGACY: Record<string, Purpose> = {
  装修: 'renovation',
  购车: 'car',
  教育: 'education',
  医疗: 'medical',
  日常消费: 'consumption',
  婚庆: 'wedding',
  旅游: 'travel',
  经营周转: 'workingCapital',
  进货: 'inventory',
  设备采购: 'equipment',
  装修门店: 'shopFitOut',
};

/** The purpose code a stored purpose stands for, or null for the officer's own words. */
export function purposeCode(stored: string): Purpose | null {
  if (isPurposeCode(stored)) return stored;
  const words = stored.trim().split(/\s+/)[0] ?? '';
  const legacy = LEGACY[words];
  // "装修 home renovation": the Chinese word followed by its English gloss.
  return legacy && (stored.trim() === words || /^[\x20-\x7e]+$/.test(stored.trim().slice(words.length)))
    ? legacy
    : null;
}
