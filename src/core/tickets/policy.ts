/** SLA policies by category and priority: an ordered list of rules, the first that
 *  matches a ticket decides its targets and calendar ('any' matches everything).
 *  The list must end in a catch-all, so every ticket has a policy. A ticket keeps
 *  the policy it was given when it was opened (or re-classified): changing the
 *  settings later does not move the clocks of tickets already running. */
import { DomainError } from '../errors';
import type { SlaPolicy } from './sla';
import type { TicketCategory, TicketPriority } from './status';

export interface SlaRule extends SlaPolicy {
  category: TicketCategory | 'any';
  priority: TicketPriority | 'any';
}

export const MINUTES_PER_BUSINESS_DAY = 480;

/** Defaults: urgent around the clock; complaints and disputes answered within hours
 *  and settled within five business days; the rest by priority. */
export const DEFAULT_SLA_RULES: SlaRule[] = [
  { category: 'any', priority: 'urgent', firstResponseMinutes: 30, resolutionMinutes: 240, calendar: '24x7' },
  { category: 'complaint', priority: 'any', firstResponseMinutes: 120, resolutionMinutes: 2400, calendar: 'business' },
  { category: 'dispute', priority: 'any', firstResponseMinutes: 240, resolutionMinutes: 2400, calendar: 'business' },
  { category: 'any', priority: 'high', firstResponseMinutes: 60, resolutionMinutes: 480, calendar: 'business' },
  { category: 'any', priority: 'normal', firstResponseMinutes: 240, resolutionMinutes: 1440, calendar: 'business' },
  { category: 'any', priority: 'any', firstResponseMinutes: 480, resolutionMinutes: 2400, calendar: 'business' },
];

export function ruleMatches(rule: SlaRule, category: TicketCategory, priority: TicketPriority): boolean {
  return (
    (rule.category === 'any' || rule.category === category) && (rule.priority === 'any' || rule.priority === priority)
  );
}

/** The policy of a ticket of this category and priority. */
export function policyFor(rules: readonly SlaRule[], category: TicketCategory, priority: TicketPriority): SlaPolicy {
  const rule = rules.find((r) => ruleMatches(r, category, priority));
  if (!rule) throw new DomainError('SLA_POLICY_MISSING', { category, priority });
  return {
    firstResponseMinutes: rule.firstResponseMinutes,
    resolutionMinutes: rule.resolutionMinutes,
    calendar: rule.calendar,
  };
}

/** A rule list is usable when its last rule matches everything. */
export function hasCatchAll(rules: readonly SlaRule[]): boolean {
  const last = rules[rules.length - 1];
  return last !== undefined && last.category === 'any' && last.priority === 'any';
}
