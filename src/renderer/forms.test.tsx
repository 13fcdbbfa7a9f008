// @vitest-environment jsdom
// Issue 15: every message a form shows for an empty submit and for out-of-range
// values is a sentence in the user's language that says what to do, never the
// schema library's wording ("无效输入：期望 string", "Invalid input", "expected
// number >=1"), a placeholder left in braces, or an error code. Each form is
// mounted, submitted empty, then every field is filled with a value out of range
// (negative and huge numbers, one character, letters where digits belong) and
// submitted again; every message on screen is scanned, in both languages.
import type { ReactElement } from 'react';
import { act, cleanup, fireEvent, waitFor } from '@testing-library/react';
import { answerApi, resetApi } from './testing/api';
import { installDomGaps, renderScreen } from './testing/render';
import { RegisterBusinessDialog, RegisterPersonDialog } from './pages/customers/RegisterDialogs';
import { WatchlistDialog } from './pages/customers/WatchlistDialog';
import {
  CancelLoanDialog,
  ClassifyDialog,
  DisburseDialog,
  ProposeWriteOffDialog,
  RecoveryDialog,
} from './pages/loans/LoanDialogs';
import { RepaymentDialog } from './pages/loans/RepaymentDialog';
import { ProductEditor } from './pages/operations/products/ProductEditor';
import { ChangePasswordPage } from './app/ChangePasswordPage';
import { ApplyPage } from './pages/review/ApplyPage';

vi.mock('./api/client', async (original) => (await import('./testing/api')).mockClient(await original()));

/** Wording of the schema library, placeholders, codes: none may reach a person. */
const NOT_A_SENTENCE =
  /无效输入|期望|实际接收|expected|received|Invalid|Too (small|big)|Required|[{}]|undefined|NaN|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/;

const LOAN_ID = '00000000-0000-4000-8000-000000000009';
const detail = {
  loan: {
    id: LOAN_ID,
    number: 'L000009',
    version: 3,
    status: 'active',
    principalFen: 10_000_00,
    outstandingPrincipalFen: 8_000_00,
    dpd: 200,
    classification: 'doubtful',
    disbursedOn: '2026-01-10',
    rateAnnual: '0.18',
  },
  customer: { id: 'c1', number: 'C000001', name: '张伟', kind: 'person', residentId: '1101**********1234' },
  upfrontFeeFen: 0,
  businessDate: '2026-03-02',
  rules: { repaymentIntent: 'installments' },
  writeOffProposal: null,
  transactions: [],
  installments: [],
} as never;

const FORMS: Array<[string, () => ReactElement]> = [
  ['register a person', () => <RegisterPersonDialog open onClose={() => {}} />],
  ['register a business', () => <RegisterBusinessDialog open onClose={() => {}} />],
  ['add to the watchlist', () => <WatchlistDialog open onClose={() => {}} />],
  ['disburse', () => <DisburseDialog open onClose={() => {}} detail={detail} />],
  ['cancel an approved loan', () => <CancelLoanDialog open onClose={() => {}} detail={detail} />],
  ['propose a write-off', () => <ProposeWriteOffDialog open onClose={() => {}} detail={detail} />],
  ['record a recovery', () => <RecoveryDialog open onClose={() => {}} detail={detail} />],
  ['override the classification', () => <ClassifyDialog open onClose={() => {}} detail={detail} />],
  [
    'record a repayment',
    () => (
      <RepaymentDialog
        open
        onClose={() => {}}
        loanId={LOAN_ID}
        loanNumber="L000009"
        businessDate="2026-03-02"
        disbursedOn="2026-01-10"
        defaultIntent="installments"
        canOverrideCap={false}
      />
    ),
  ],
  [
    'edit a product',
    () => <ProductEditor product={null} open canManage businessDate="2026-03-02" onClose={() => {}} />,
  ],
  ['change the password', () => <ChangePasswordPage displayName="王经理" />],
  ['apply for a loan', () => <ApplyPage />],
];

beforeAll(() => installDomGaps());
beforeEach(() =>
  answerApi({
    'app.status': () =>
      ({
        session: {
          userId: 'u1',
          permissions: ['customers.write', 'applications.create', 'repayments.record', 'products.manage'],
        },
        businessDate: '2026-03-02',
      }) as never,
    'drafts.get': () => null,
    'drafts.save': () => ({ savedAt: '2026-03-02T02:00:00Z' }),
    'drafts.discard': () => ({ discarded: true }),
    'customers.list': () => ({ total: 0, rows: [] }),
    'products.list': () => [],
    'repayments.due': () => ({ dueFen: 1_000_00 }),
  }),
);
afterEach(() => {
  cleanup();
  resetApi();
  localStorage.setItem('loandesk.language', 'zh-CN');
});

function shownMessages(): string[] {
  return [...document.querySelectorAll('.ant-form-item-explain-error')].map((e) => e.textContent ?? '');
}

/** Submits every form on screen (the dialogs' and the pages' own). */
function submitAll(): void {
  for (const form of document.querySelectorAll('form')) fireEvent.submit(form);
}

/** Every field filled with something out of range or malformed. */
function fillOutOfRange(): void {
  const fields = document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
    'form input:not([type=checkbox]):not([type=radio]):not([type=hidden]):not([readonly]), form textarea',
  );
  fields.forEach((el, i) => {
    if (el.closest('.ant-select, .ant-picker')) return;
    const numeric =
      el.getAttribute('role') === 'spinbutton' || el.inputMode === 'decimal' || el.inputMode === 'numeric';
    const value = numeric ? (i % 2 === 0 ? '-5' : '999999999999') : i % 2 === 0 ? 'x' : '1';
    fireEvent.change(el, { target: { value } });
    fireEvent.blur(el);
  });
}

describe.each(['zh-CN', 'en'] as const)('form messages in %s', (language) => {
  it.each(FORMS)('%s: empty and out-of-range messages are sentences', async (_name, form) => {
    localStorage.setItem('loandesk.language', language);
    renderScreen(form());
    await waitFor(() => expect(document.querySelector('form')).not.toBeNull());
    await act(async () => submitAll());
    await waitFor(() => expect(shownMessages().length).toBeGreaterThan(0));
    const empty = shownMessages();
    await act(async () => fillOutOfRange());
    await act(async () => submitAll());
    await waitFor(() => expect(shownMessages().join('|')).not.toBe(empty.join('|')));
    const all = [...empty, ...shownMessages()];
    expect(all.filter((m) => NOT_A_SENTENCE.test(m))).toEqual([]);
    // A sentence ends as one: 。 or . (or ！？).
    expect(all.filter((m) => !/[。.！？!?）)]$/.test(m.trim()))).toEqual([]);
    if (language === 'en') expect(all.filter((m) => /[\u4e00-\u9fff]/.test(m))).toEqual([]);
  });
});
