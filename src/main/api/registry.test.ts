import { composeHandlers, handlers } from './registry';

it('refuses a method name declared by two features', () => {
  const a = { 'loans.get': { kind: 'read' } };
  const b = { 'loans.get': { kind: 'write' } };
  expect(() => composeHandlers({ a, b })).toThrow(/"loans.get" is declared twice \(in a and b\)/);
});

it('composes every feature handler', () => {
  expect(Object.keys(handlers)).toContain('repayments.record');
  expect(Object.keys(handlers)).toContain('auth.login');
});
