export { ACCOUNTS, CHART_OF_ACCOUNTS, accountByCode, type Account, type AccountType } from './accounts';
export * from './rules';
