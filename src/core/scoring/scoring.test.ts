import {
  DEFAULT_SCORECARD,
  personalisedOffer,
  probabilityOfDefault,
  scoreApplicant,
  type Applicant,
  type ProductLimits,
} from './scorecard';

const good: Applicant = {
  age: 40,
  monthlyIncomeFen: 1_500_000,
  monthlyDebtPaymentFen: 150_000,
  employmentYears: 8,
  existingOverdueCount: 0,
  repaidLoanCount: 4,
};
const product: ProductLimits = {
  minAmountFen: 100_000,
  maxAmountFen: 5_000_000,
  minRateAnnual: '0.10',
  maxRateAnnual: '0.24',
  minPeriods: 3,
  maxPeriods: 24,
};

describe('scorecard', () => {
  it('adds the band points to the base', () => {
    const r = scoreApplicant(good);
    // 400 + 45 (36-50) + 60 (>=12000) + 60 (DTI 10%) + 45 (5+ yrs) + 60 (no overdue) + 40 (3+ loans) = 710
    expect(r.score).toBe(710);
    expect(r.grade).toBe('A');
    expect(r.reasons).toEqual([]);
  });
  it('PD mapping: 600 points = odds 50:1 -> PD 1/51; +20 points doubles the odds -> 1/101', () => {
    expect(probabilityOfDefault(600).toNumber()).toBeCloseTo(1 / 51, 12);
    expect(probabilityOfDefault(620).toNumber()).toBeCloseTo(1 / 101, 12);
  });
  it('top reasons are the largest point losses', () => {
    const r = scoreApplicant({ ...good, existingOverdueCount: 2, monthlyDebtPaymentFen: 900_000, age: 21 });
    expect(r.reasons.map((x) => x.reasonCode)).toEqual(['SCORE_OVERDUE', 'SCORE_DTI', 'SCORE_AGE']);
    expect(r.reasons[0]!.pointsLost).toBe(120);
    expect(r.grade).toBe('E');
  });
  it('offer is clamped to the product', () => {
    const offer = personalisedOffer(scoreApplicant(good), good, product);
    // grade A: 6 x 15000 = 90000 yuan, clamped to the product max 50000; term 36 -> 24
    expect(offer).toEqual({ eligible: true, grade: 'A', maxAmountFen: 5_000_000, rateAnnual: '0.12', periods: 24 });
    expect(
      personalisedOffer(
        scoreApplicant({ ...good, existingOverdueCount: 2, monthlyDebtPaymentFen: 900_000, age: 21 }),
        good,
        product,
      ),
    ).toMatchObject({ eligible: false, code: 'OFFER_GRADE_DECLINED' });
    expect(DEFAULT_SCORECARD.rules).toHaveLength(6);
  });
});
