/** The features' messages, in both languages: loaded with the main window (Shell)
 *  and the screens before it other than login (i18n.tsx loadFeatureMessages), so
 *  the login screen's chunk carries only zh-CN.ts and en.ts. `zhCN` and `en` are
 *  the whole catalogues, as the app shows them once loaded. */
import type { MessageKey } from './zh-CN';
import { zhCNBase } from './zh-CN';
import { enBase } from './en';
import { reviewEn, reviewZhCN } from './review';
import { loansEn, loansZhCN } from './loans';
import { operationsEn, operationsZhCN } from './operations';
import { monitoringEn, monitoringZhCN } from './monitoring';
import { ticketsEn, ticketsZhCN } from './tickets';
import { servicingEn, servicingZhCN } from './servicing';
import { syncEn, syncZhCN } from './sync';
import { documentsEn, documentsZhCN } from './documents';
import { booksEn, booksZhCN } from './books';
import { officerEn, officerZhCN } from './officer';
import { statementsEn, statementsZhCN } from './statements';

export const featuresZhCN = {
  ...reviewZhCN,
  ...loansZhCN,
  ...operationsZhCN,
  ...monitoringZhCN,
  ...ticketsZhCN,
  ...servicingZhCN,
  ...syncZhCN,
  ...documentsZhCN,
  ...booksZhCN,
  ...officerZhCN,
  ...statementsZhCN,
} as const;

export const featuresEn: Record<keyof typeof featuresZhCN, string> = {
  ...reviewEn,
  ...loansEn,
  ...operationsEn,
  ...monitoringEn,
  ...ticketsEn,
  ...servicingEn,
  ...syncEn,
  ...documentsEn,
  ...booksEn,
  ...officerEn,
  ...statementsEn,
};

/** The whole catalogues; a feature's message wins over a base one of the same key. */
export const zhCN: Record<MessageKey, string> = { ...zhCNBase, ...featuresZhCN };
export const en: Record<MessageKey, string> = { ...enBase, ...featuresEn };
