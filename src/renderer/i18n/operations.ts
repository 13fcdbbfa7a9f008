/** Messages of the operations pages (zh-CN, and en with the same keys). */
export const operationsZhCN = {} as const;

export const operationsEn: Record<keyof typeof operationsZhCN, string> = {};
