import { purposeCode } from './purposes';

describe('purposeCode', () => {
  it('reads codes, the demo’s bilingual purposes and the bare Chinese words', () => {
    expect(purposeCode('renovation')).toBe('renovation');
    expect(purposeCode('装修 home renovation')).toBe('renovation');
    expect(purposeCode('装修门店 shop fit-out')).toBe('shopFitOut');
    expect(purposeCode('经营周转')).toBe('workingCapital');
  });

  it('keeps an officer’s own words', () => {
    expect(purposeCode('购买农机具')).toBeNull();
    expect(purposeCode('装修 新房客厅')).toBeNull();
    expect(purposeCode('')).toBeNull();
  });
});
