/** The dashboard's panels: each is one registration (section, permission, order,
 *  render). A role's home shows the panels its permissions allow, section by
 *  section; the ticket and sync panels register here when those modules land. */
import type { ReactNode } from 'react';
import type { Permission } from '../../../../core/auth/permissions';
import type { MessageKey } from '../../../i18n/zh-CN';
import type { Api } from '../../../api/client';
import type { Scope } from './format';
import { portfolioPanels } from './PortfolioPanels';
import { riskPanels } from './RiskPanels';
import { operationsPanels } from './OperationsPanels';
import { officerPanels } from './OfficerPanels';
import { exceptionsPanels } from './ExceptionsPanels';
import { systemPanels } from './SystemPanels';

export type ChartFilter = Api['monitoring.portfolio']['input'];
export type Options = Api['monitoring.options']['output'];

export interface PanelContext {
  filter: ChartFilter;
  scope: Scope;
  businessDate: string;
  options: Options | undefined;
}

export interface SectionDef {
  id: string;
  label: MessageKey;
  /** Whether the period / branch / product / officer filters apply to its panels. */
  filtered: boolean;
}

export interface PanelDef {
  id: string;
  section: string;
  permission: Permission;
  /** Lower first; the most useful panel of a section comes first. */
  order: number;
  /** Grid columns out of 24 (default 12: two panels a row). */
  span?: 12 | 24;
  render: (ctx: PanelContext) => ReactNode;
}

/** Sections in the order a dashboard shows them. */
export const SECTIONS: SectionDef[] = [
  { id: 'work', label: 'dash.section.work', filtered: true },
  { id: 'portfolio', label: 'dash.section.portfolio', filtered: true },
  { id: 'risk', label: 'dash.section.risk', filtered: true },
  { id: 'operations', label: 'dash.section.operations', filtered: true },
  { id: 'exceptions', label: 'dash.section.exceptions', filtered: true },
  { id: 'system', label: 'dash.section.system', filtered: false },
];

export const PANELS: PanelDef[] = [
  ...officerPanels,
  ...portfolioPanels,
  ...riskPanels,
  ...operationsPanels,
  ...exceptionsPanels,
  ...systemPanels,
];

/** The sections and panels a role sees, in order. */
export function panelsFor(permissions: readonly string[]): Array<{ section: SectionDef; panels: PanelDef[] }> {
  const mine = PANELS.filter((p) => permissions.includes(p.permission));
  return SECTIONS.map((section) => ({
    section,
    panels: mine.filter((p) => p.section === section.id).sort((a, b) => a.order - b.order),
  })).filter((s) => s.panels.length > 0);
}
