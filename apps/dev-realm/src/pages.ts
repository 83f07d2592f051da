// The realm's pages: Chinese first, plain HTML and CSS (no scripts, no external resources). Field names
// and ids follow Keycloak's login theme (`username`, `password`, `kc-login`), so browser tests written
// against one realm run against the other.

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Content-Security-Policy of every page: inline styles only; no scripts, frames or foreign resources. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

const STYLE = `
  *{box-sizing:border-box}
  body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f0f2f5;
    font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f1f1f}
  main{width:100%;max-width:380px;margin:24px;background:#fff;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.08);padding:32px 32px 24px}
  header{text-align:center;margin-bottom:24px}
  .brand{font-size:22px;font-weight:600;color:#a8071a;letter-spacing:2px}
  .sub{margin-top:6px;font-size:13px;color:#8c8c8c}
  h1{font-size:18px;font-weight:500;margin:0 0 16px}
  label{display:block;font-size:14px;margin:14px 0 6px}
  input{width:100%;height:40px;padding:0 12px;font-size:15px;border:1px solid #d9d9d9;border-radius:6px;outline:none}
  input:focus{border-color:#a8071a;box-shadow:0 0 0 2px rgba(168,7,26,.12)}
  button{width:100%;height:40px;margin-top:22px;font-size:15px;border:0;border-radius:6px;cursor:pointer;background:#a8071a;color:#fff}
  button:hover{background:#cf1322}
  button.secondary{margin-top:10px;background:#fff;color:#595959;border:1px solid #d9d9d9}
  .alert{margin-bottom:8px;padding:8px 12px;border-radius:6px;font-size:14px;background:#fff1f0;border:1px solid #ffccc7;color:#a8071a}
  .note{margin-top:20px;font-size:12px;color:#8c8c8c;text-align:center;line-height:1.6}
  p{line-height:1.7}
`;

function layout(title: string, realmName: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(realmName)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><div class="brand">${escapeHtml(realmName)}</div><div class="sub">统一身份认证 · Single sign-on</div></header>
${body}
<div class="note">开发用身份认证服务，仅用于本地运行和测试<br>Development realm — for local runs and tests only</div>
</main>
</body>
</html>`;
}

export interface LoginPageOptions {
  readonly realmName: string;
  /** Where the form posts to. */
  readonly action: string;
  /** The application asking for the sign-in. */
  readonly clientName?: string;
  readonly username?: string;
  readonly error?: string;
}

export function loginPage(o: LoginPageOptions): string {
  const error = o.error ? `<div class="alert" id="input-error" role="alert">${escapeHtml(o.error)}</div>` : '';
  return layout(
    '登录',
    o.realmName,
    `<h1>登录${o.clientName ? ` <span class="sub">${escapeHtml(o.clientName)}</span>` : ''}</h1>
${error}
<form id="kc-form-login" method="post" action="${escapeHtml(o.action)}" autocomplete="off">
  <label for="username">用户名</label>
  <input id="username" name="username" type="text" value="${escapeHtml(o.username ?? '')}"${o.error ? '' : ' autofocus'} autocomplete="username" aria-invalid="${o.error ? 'true' : 'false'}">
  <label for="password">密码</label>
  <input id="password" name="password" type="password"${o.error ? ' autofocus' : ''} autocomplete="current-password" aria-invalid="${o.error ? 'true' : 'false'}">
  <button id="kc-login" name="login" type="submit">登录</button>
</form>`,
  );
}

/** RP-initiated logout without an id_token_hint: ask first, as Keycloak does. `form` is oidc-provider's hidden form. */
export function logoutConfirmPage(realmName: string, form: string): string {
  return layout(
    '退出登录',
    realmName,
    `<h1>退出登录</h1>
<p>您确定要退出登录吗？<br><span class="sub">Do you want to sign out?</span></p>
${form}
<button id="kc-logout" type="submit" form="op.logoutForm" name="logout" value="yes">退出登录 / Sign out</button>
<button class="secondary" type="submit" form="op.logoutForm">取消 / Stay signed in</button>`,
  );
}

export function loggedOutPage(realmName: string): string {
  return layout('已退出登录', realmName, '<h1>您已退出登录</h1><p>You are signed out. 可以关闭此页面。</p>');
}

export function errorPage(realmName: string, message: string, details: Readonly<Record<string, string>>): string {
  const rows = Object.entries(details)
    .map(([k, v]) => `<div class="sub"><strong>${escapeHtml(k)}</strong>: ${escapeHtml(v)}</div>`)
    .join('\n');
  return layout('出错了', realmName, `<h1>出错了</h1><div class="alert" role="alert">${escapeHtml(message)}</div>\n${rows}`);
}
