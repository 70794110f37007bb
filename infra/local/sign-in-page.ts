import type { AccountSummary } from './accounts';

/*
 * The local OIDC provider's pages: the sign-in page (pick a person of the system, or for tests
 * any role and scope; no passwords) and a message page. Plain HTML that works without
 * JavaScript, on a phone as on a desk.
 */

const ROLE_LABELS: Record<string, [string, string]> = {
  'fic-admin': ['工商联工作人员', 'FIC staff'],
  'chamber-officer': ['商会工作人员', 'chamber officer'],
  assessor: ['评估专家', 'assessor'],
  liaison: ['驻会领导', 'liaison leader'],
};

export interface SignInPageOptions {
  /** The authorization request, carried through the form; after a refused submit, its values. */
  params: URLSearchParams;
  regions: { code: string; name: string }[];
  chambers: { id: string; name: string; regionCode: string }[];
  /** The active accounts a person can sign in as. */
  accounts: AccountSummary[];
  error?: string;
}

const PASSED_ON = [
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
];

export function signInPage(options: SignInPageOptions): string {
  const { params, regions, chambers } = options;
  const value = (name: string) => params.get(name) ?? '';
  const role = value('role') || 'fic-admin';
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  const hidden = PASSED_ON.filter((name) => params.has(name))
    .map((name) => `<input type="hidden" name="${name}" value="${esc(value(name))}">`)
    .join('');
  const roles = Object.entries(ROLE_LABELS)
    .map(
      ([id, [zh, en]]) =>
        `<label class="choice"><input type="radio" name="role" value="${id}"${id === role ? ' checked' : ''}> ${zh} <small>${en}</small></label>`,
    )
    .join('');
  const regionOptions = regions
    .map(
      (r) =>
        `<option value="${r.code}"${r.code === (value('regionCode') || regions[0]?.code) ? ' selected' : ''}>${esc(r.name)}（${r.code}）</option>`,
    )
    .join('');
  const chamberOptions = chambers.length
    ? chambers
        .map(
          (c) =>
            `<option value="${esc(c.id)}"${c.id === value('chamberId') ? ' selected' : ''}>${esc(c.name)}${regionName.has(c.regionCode.slice(0, 6)) ? `（${esc(regionName.get(c.regionCode.slice(0, 6)) ?? '')}）` : ''}</option>`,
        )
        .join('')
    : '';
  const chamberName = new Map(chambers.map((c) => [c.id, c.name]));
  return page(
    '本地登录',
    `<h1>本地登录 <small>Local sign-in</small></h1>
<p class="note">这是本地运行环境的登录页：<strong>本地登录没有密码</strong>，选择一个人即可登录。部署后由 Amazon Cognito 托管登录，需要密码和多因素认证。<br><small>Local runtime only: there are no passwords here. Deployed, Cognito managed login asks for a password and MFA.</small></p>
${options.error ? `<p class="error" role="alert">${esc(options.error)}</p>` : ''}
${peopleSection(options.accounts, hidden, (code) => regionName.get(code) ?? code, chamberName)}
<h2>其他身份 <small>Any role and scope (tests)</small></h2>
<p class="hint">不对应任何账号：令牌按下面选的角色和范围签发。<small>No account behind it: the token carries what you pick here.</small></p>
<form method="post" action="/_local/oidc/authorize">
${hidden}
<fieldset><legend>角色 <small>Role</small></legend>${roles}</fieldset>
<label for="name">姓名 <small>Name</small></label>
<input id="name" name="name" maxlength="50" value="${esc(value('name'))}" autocomplete="off">
<label for="regionCode">地区 <small>Region (FIC staff, assessor, liaison)</small></label>
<select id="regionCode" name="regionCode">${regionOptions}</select>
<label for="chamberId">商会 <small>Chamber (chamber officer)</small></label>
<select id="chamberId" name="chamberId"><option value="">${chambers.length ? '（选择商会）' : '（暂无商会）'}</option>${chamberOptions}</select>
<label for="sub">用户标识 <small>sub: a liaison's leaderId, an assessor's assessorId; empty: one per role</small></label>
<input id="sub" name="sub" maxlength="128" value="${esc(value('sub'))}" autocomplete="off">
<details${value('expires_in') || value('no_refresh') ? ' open' : ''}><summary>本地测试选项 <small>Test options</small></summary>
<label for="expires_in">令牌有效期（秒） <small>Token lifetime, seconds</small></label>
<input id="expires_in" name="expires_in" inputmode="numeric" value="${esc(value('expires_in') || '3600')}">
<label class="choice"><input type="checkbox" name="no_refresh"${value('no_refresh') ? ' checked' : ''}> 不发放刷新令牌 <small>no refresh token (expiry means signing in again)</small></label>
</details>
<button type="submit">登录</button>
</form>`,
  );
}

/**
 * The people of the system, grouped by role, each a button that signs in as that account (the
 * token then carries what the account says). Chamber officers, the many, start folded.
 */
function peopleSection(
  accounts: AccountSummary[],
  hidden: string,
  regionName: (code: string) => string,
  chamberName: Map<string, string>,
): string {
  if (accounts.length === 0) return '';
  const groups = Object.entries(ROLE_LABELS)
    .map(([role, [zh, en]]) => {
      const people = accounts
        .filter((a) => a.role === role)
        .sort(
          (a, b) =>
            a.regionCode.localeCompare(b.regionCode) || a.name.localeCompare(b.name, 'zh-CN'),
        );
      if (people.length === 0) return '';
      const items = people
        .map((a) => {
          const scope = a.chamberId
            ? (chamberName.get(a.chamberId) ?? a.chamberId)
            : regionName(a.regionCode);
          return `<li><button type="submit" class="person" name="account" value="${esc(a.id)}"><strong>${esc(a.name)}</strong> <span>${zh} · ${esc(scope)}</span></button></li>`;
        })
        .join('');
      return `<details${role === 'chamber-officer' ? '' : ' open'}><summary>${zh}（${people.length} 人） <small>${en}</small></summary><ul class="people">${items}</ul></details>`;
    })
    .join('');
  return `<h2>选择人员 <small>Sign in as a person of the system</small></h2>
<p class="hint">令牌中的角色和范围来自此人的账号，与部署后相同。<small>The token carries the role and scope of the account, as deployed.</small></p>
<form method="post" action="/_local/oidc/authorize">
${hidden}${groups}
</form>`;
}

/** A page with one message (an error, or "signed out"). */
signInPage.message = (title: string, message: string): string =>
  page(title, `<h1>${esc(title)}</h1><p>${esc(message)}</p>`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · 商会管理系统（本地）</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f5f5;color:#1f1f1f}
main{max-width:28rem;margin:0 auto;padding:1.5rem 1rem;background:#fff;min-height:100vh;box-sizing:border-box}
h1{font-size:1.4rem;margin:0 0 1rem}h2{font-size:1.1rem;margin:1.5rem 0 .25rem}small{color:#595959;font-weight:normal}
.hint{margin:.25rem 0 .5rem;font-size:.9rem;color:#434343}
ul.people{list-style:none;margin:.25rem 0 .5rem;padding:0}
button.person{display:block;width:100%;margin:.3rem 0 0;padding:.55rem .7rem;font-size:1rem;text-align:left;background:#fff;color:#1f1f1f;border:1px solid #d9d9d9;border-radius:6px;cursor:pointer}
button.person span{color:#595959;font-size:.9rem}button.person:hover,button.person:focus{border-color:#1677ff;outline:2px solid #91caff}
.note{background:#e6f4ff;border:1px solid #91caff;padding:.75rem;border-radius:6px;font-size:.9rem;line-height:1.5}
.error{background:#fff2f0;border:1px solid #ffccc7;color:#a8071a;padding:.75rem;border-radius:6px}
fieldset{border:0;padding:0;margin:0 0 .5rem}legend,label{display:block;font-weight:600;margin:.9rem 0 .35rem}
label.choice{font-weight:normal;margin:.3rem 0;padding:.55rem .6rem;border:1px solid #d9d9d9;border-radius:6px}
input:not([type]),select{width:100%;box-sizing:border-box;font-size:1rem;padding:.6rem;border:1px solid #d9d9d9;border-radius:6px;background:#fff}
details{margin-top:.75rem}summary{cursor:pointer;color:#0958d9;font-weight:600}
button{margin-top:1.5rem;width:100%;font-size:1.05rem;padding:.75rem;border:0;border-radius:6px;background:#1677ff;color:#fff}
</style></head>
<body><main>${body}</main></body></html>`;
}

function esc(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}
