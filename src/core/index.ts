/** Public API of the lending core: pure functions, no I/O. */
export { DomainError, invariant, isDomainError } from './errors';
export { Dec, type RateInput } from './decimal';
export * from './money';
export * from './dates';
export * from './daycount';
export * from './schedule/index';
export * from './apr/index';
export * from './servicing/index';
export * from './posting/index';
export * from './validation/index';
export * from './scoring/index';
