/** Messages of the loans pages (zh-CN, and en with the same keys). */
export const loansZhCN = {} as const;

export const loansEn: Record<keyof typeof loansZhCN, string> = {};
