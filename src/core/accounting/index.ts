/** The books an accountant signs: chart of accounts, manual entries, income
 *  recognition (non-accrual, interest in advance, VAT), closing and statements. */
export * from './chart';
export * from './entries';
export * from './recognition';
export * from './vat';
export * from './closing';
export * from './statements';
