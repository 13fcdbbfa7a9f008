/** Messages of sign-in hardening, input rules and the audit chain (zh-CN, and en with the same keys). */
export const securityZhCN = {
  'mustChange.title': '请设置新密码',
  'mustChange.intro': '{name}，管理员为您设置了初始密码或重置了密码。请先设置自己的新密码，然后才能继续使用。',
  'mustChange.submit': '修改密码并继续',
  'error.SESSION_ACTIVE': '此窗口已有登录的用户，请先退出登录。',
  'error.PASSWORD_CHANGE_REQUIRED': '请先修改密码。',
  'error.PASSWORD_THROTTLED': '密码错误次数过多，请 {retryAfterSeconds} 秒后再试。',
  'error.VAULT_THROTTLED': '口令错误次数过多，请 {retryAfterSeconds} 秒后再试。',
  'error.ROLE_UNKNOWN': '该账号的角色无效，请联系管理员。',
  'perm.documents.download': '下载贷款文件',
};

export const securityEn: Record<keyof typeof securityZhCN, string> = {
  'mustChange.title': 'Choose a new password',
  'mustChange.intro':
    '{name}, an administrator set or reset your password. Choose your own new password before you continue.',
  'mustChange.submit': 'Change password and continue',
  'error.SESSION_ACTIVE': 'Someone is already signed in in this window; sign out first.',
  'error.PASSWORD_CHANGE_REQUIRED': 'Change your password first.',
  'error.PASSWORD_THROTTLED': 'Too many wrong passwords; try again in {retryAfterSeconds} s.',
  'error.VAULT_THROTTLED': 'Too many wrong passphrases; try again in {retryAfterSeconds} s.',
  'error.ROLE_UNKNOWN': 'This account has no valid role; contact an administrator.',
  'perm.documents.download': 'Download loan documents',
};
