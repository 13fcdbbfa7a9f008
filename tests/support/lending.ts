/** Fixtures for lending tests: valid identifiers, a product, a customer. */
import { residentIdCheckChar } from '../../src/core/validation/identity';
import type { TestApp } from './app';
import type { ProductConfig } from '../../src/contract/schemas/products';

/** A valid 18-digit resident ID (GB 11643) for a birth date and a sequence number. */
export function residentId(birthDate: string, seq: number, region = '110105'): string {
  const first17 = `${region}${birthDate.replace(/-/g, '')}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export const TEST_PRODUCT: ProductConfig = {
  method: 'annuity',
  frequency: 'monthly',
  minAmountFen: 1_000_00,
  maxAmountFen: 200_000_00,
  minPeriods: 3,
  maxPeriods: 36,
  minRateAnnual: '0.06',
  maxRateAnnual: '0.24',
  defaultRateAnnual: '0.18',
  dayCount: 'ACT/360',
  upfrontFeeRate: '0',
  penaltyMultiplier: '1.5',
  allocationOrder: ['penalty', 'overdueInterest', 'overduePrincipal', 'fees', 'currentInterest', 'currentPrincipal'],
  prepaymentMode: 'shortenTerm',
  repaymentIntent: 'installments',
  prepaymentFeeRate: '0',
  gracePrincipalPeriods: 0,
  graceInterestPeriods: 0,
  installmentMultipleFen: 1,
  installmentRounding: 'nearest',
  autoApproveLimitFen: 10_000_00,
  rateCapAnnual: '0.24',
  precheck: { minAge: 18, maxAge: 60, maxDebtToIncome: '0.5', refuseWatchlist: true, refuseOverdue: true },
};

export async function createProduct(
  t: TestApp,
  admin = 'admin',
  config: Partial<ProductConfig> = {},
  code = 'CASH12',
): Promise<string> {
  const { id } = await t.call(
    'products.save',
    {
      code,
      name: `消费贷 ${code}`,
      active: true,
      config: { ...TEST_PRODUCT, ...config },
      // A test that sets a cap above the 24% default means it (the screen asks first).
      rateCapConfirmed: Number(config.rateCapAnnual ?? TEST_PRODUCT.rateCapAnnual) > 0.24,
    },
    admin,
  );
  return id;
}

let seq = 1;
export async function registerCustomer(
  t: TestApp,
  officer = 'officer',
  overrides: Record<string, unknown> = {},
): Promise<string> {
  seq++;
  const result = (await t.call(
    'customers.registerPerson',
    {
      name: `测试客户${seq}`,
      residentId: residentId('1988-06-15', seq),
      phone: `1380013${String(seq).padStart(4, '0')}`,
      address: '北京市朝阳区建国路 1 号',
      employer: '北京某科技有限公司',
      monthlyIncomeFen: 20_000_00,
      monthlyDebtFen: 0,
      employmentYears: 6,
      consent: true,
      ...overrides,
    } as never,
    officer,
  )) as { id: string };
  return result.id;
}

const ACCOUNTANT = { username: 'kuaiji', password: 'Kuaiji-2026x' };

/** Adds an accountant (books.propose, books.approve, books.close, no reopening),
 *  signed in as the caller 'accountant'. */
export async function addAccountant(t: TestApp): Promise<void> {
  await t.call(
    'users.create',
    {
      username: ACCOUNTANT.username,
      displayName: '孙会计',
      role: 'accountant',
      branchId: null,
      approvalLimitFen: 0,
      initialPassword: 'Temp-2026-pass',
    },
    'admin',
  );
  await t.call('auth.login', { username: ACCOUNTANT.username, password: 'Temp-2026-pass' }, 'accountant');
  await t.call(
    'auth.changePassword',
    { currentPassword: 'Temp-2026-pass', newPassword: ACCOUNTANT.password },
    'accountant',
  );
}
